import { createHash } from "node:crypto";
import { createReadStream, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { FeatureExtractionPipeline } from "@xenova/transformers";
import { LOCAL_MODELS_DIR } from "../../paths.ts";
import type { Embedder, ModelInfo } from "./embedder.ts";

/** The model Byline ships in `models/` and uses unless EMBEDDING_MODEL says otherwise. */
export const DEFAULT_MODEL_ID = "all-MiniLM-L6-v2";

export interface TransformersEmbedderOptions {
  /** A folder name under `models/` (bundled, read offline), or a Hugging Face model id. */
  model: string;
  /** Where downloaded models are cached (under the data directory, so `npm ci` doesn't wipe them). */
  cacheDir: string;
  /** Use the int8 weights (`onnx/model_quantized.onnx`). Default true: what bundled models ship. */
  quantized?: boolean;
  /** Texts per forward pass. Default 2 (fastest measured on 2 cores; see `embed`). */
  batchSize?: number;
  /** Called with download progress while a remote model is fetched. */
  onProgress?: (progress: DownloadProgress) => void;
  /** Folder of bundled models. Default: the app's `models/`. */
  modelsDir?: string;
}

export interface DownloadProgress {
  file: string;
  loaded: number;
  total: number;
}

/**
 * How a model turns token states into one sentence vector, from `embedding.json` in a bundled model's
 * folder (written by scripts/import-model.py from the sentence-transformers config). Hub models get
 * the defaults, which are sentence-transformers' for MiniLM.
 */
export interface EmbeddingSettings {
  /** "mean" over the tokens (MiniLM) or the first token's state ("cls", BGE). Default "mean". */
  pooling: "mean" | "cls";
  /** Prepended to questions, never to passages (BGE's retrieval instruction). Default "". */
  queryPrefix: string;
  /** The longest input the model was trained on, in word pieces. Default 256. */
  maxTokens: number;
}

const DEFAULT_SETTINGS: EmbeddingSettings = { pooling: "mean", queryPrefix: "", maxTokens: 256 };

/** True when `models/<model>/` holds a model: then it is read from there, never downloaded. */
export function isBundledModel(model: string, modelsDir = LOCAL_MODELS_DIR): boolean {
  return !model.includes("/") && existsSync(path.join(modelsDir, model, "config.json"));
}

/**
 * Loads a feature-extraction pipeline (pooled as the model's card says, normalised). A bundled model is
 * read only from `models/`; any other model from the cache, else from the hub (which is unreachable
 * offline: that failure is the caller's cue to fall back).
 */
export async function loadTransformersEmbedder(options: TransformersEmbedderOptions): Promise<Embedder> {
  const modelsDir = options.modelsDir ?? LOCAL_MODELS_DIR;
  const bundled = isBundledModel(options.model, modelsDir);
  const quantized = options.quantized ?? true;
  const settings = bundled ? readSettings(path.join(modelsDir, options.model)) : DEFAULT_SETTINGS;
  // Imported on first use: onnxruntime is heavy, and listing or removing articles never needs it.
  const { env, pipeline } = await import("@xenova/transformers");
  // transformers.js keeps its settings in one global `env`; loads are sequential, so set them per load.
  env.cacheDir = options.cacheDir;
  env.localModelPath = modelsDir;
  env.allowLocalModels = bundled;
  env.allowRemoteModels = !bundled;
  const extractor = (await pipeline("feature-extraction", options.model, {
    quantized,
    progress_callback: (event: { status: string; file?: string; loaded?: number; total?: number }) => {
      if (event.status === "progress" && options.onProgress && event.file) {
        options.onProgress({ file: event.file, loaded: event.loaded ?? 0, total: event.total ?? 0 });
      }
    },
  })) as FeatureExtractionPipeline;
  const weightsFile = `onnx/${quantized ? "model_quantized" : "model"}.onnx`;
  const weightsPath = path.join(bundled ? modelsDir : options.cacheDir, options.model, weightsFile);
  const fingerprint = existsSync(weightsPath)
    ? await sha256File(weightsPath)
    : `${options.model}:${weightsFile}`;
  const run = (texts: string[]) => runPipeline(extractor, texts, settings.pooling);
  const probe = await run(["dimension probe"]);
  const dimensions = probe[0]?.length ?? 0;
  const info: ModelInfo = {
    id: options.model,
    dimensions,
    fingerprint,
    label: `${options.model} (${dimensions}-d${bundled ? ", bundled" : ""})`,
    offline: bundled,
  };
  const tokenizer = extractor.tokenizer as unknown as { encode(text: string): number[] };
  const modelMax = Number((extractor.tokenizer as unknown as { model_max_length?: number }).model_max_length);
  const batchSize = options.batchSize ?? 2;
  // A batch is padded to its longest text, so texts are batched in order of length (and returned in
  // the caller's order), two at a time: on the evaluation corpus's articles that embeds 8,500 word
  // pieces a second on 2 cores, against 5,500 in sorted batches of 16 and 3,300 in unsorted batches
  // of 32 (onnxruntime gains little from bigger batches on CPU; padding costs a lot).
  const embed = async (texts: readonly string[]) => {
    const order = texts.map((_, i) => i).sort((a, b) => texts[a]!.length - texts[b]!.length);
    const vectors = new Array<Float32Array>(texts.length);
    for (let i = 0; i < order.length; i += batchSize) {
      const batch = order.slice(i, i + batchSize);
      const out = await run(batch.map((k) => texts[k]!));
      batch.forEach((k, j) => {
        vectors[k] = out[j]!;
      });
    }
    return vectors;
  };
  return {
    info,
    // The model silently truncates past what it was trained on; chunking keeps every word read.
    maxTokens: Math.min(settings.maxTokens, Number.isFinite(modelMax) && modelMax > 0 ? modelMax : 512),
    countTokens: (text) => tokenizer.encode(text).length,
    embed,
    embedQueries: (questions) => embed(questions.map((question) => settings.queryPrefix + question)),
    dispose: () => extractor.dispose(),
  };
}

function readSettings(folder: string): EmbeddingSettings {
  const file = path.join(folder, "embedding.json");
  if (!existsSync(file)) return DEFAULT_SETTINGS;
  const raw = JSON.parse(readFileSync(file, "utf8")) as Partial<EmbeddingSettings>;
  return { ...DEFAULT_SETTINGS, ...raw };
}

interface TokenizedBatch {
  input_ids: { dims: number[] };
  attention_mask: { data: BigInt64Array | number[] };
}

/**
 * The pipeline's own steps (tokenize with padding and truncation, run the model) with the pooling and
 * normalisation done here, over the raw output array: transformers.js pools through its Tensor
 * accessors, which took 15% of an add (1 s of 7 in a profile of 43 articles).
 */
async function runPipeline(
  extractor: FeatureExtractionPipeline,
  texts: string[],
  pooling: EmbeddingSettings["pooling"],
): Promise<Float32Array[]> {
  if (texts.length === 0) return [];
  const inputs = (extractor.tokenizer as unknown as (t: string[], o: object) => TokenizedBatch)(texts, {
    padding: true,
    truncation: true,
  });
  const outputs = (await (extractor.model as unknown as (i: unknown) => Promise<Record<string, unknown>>)(
    inputs,
  )) as { last_hidden_state: { data: Float32Array; dims: number[] } };
  const { data, dims } = outputs.last_hidden_state;
  const [rows, length, width] = dims as [number, number, number];
  const mask = inputs.attention_mask.data;
  const vectors: Float32Array[] = [];
  for (let row = 0; row < rows; row++) {
    const vector = new Float32Array(width);
    const base = row * length * width;
    if (pooling === "cls") {
      vector.set(data.subarray(base, base + width));
    } else {
      for (let t = 0; t < length; t++) {
        if (!Number(mask[row * length + t])) continue;
        const offset = base + t * width;
        for (let d = 0; d < width; d++) vector[d]! += data[offset + d]!;
      }
    }
    let norm = 0;
    for (let d = 0; d < width; d++) norm += vector[d]! * vector[d]!;
    const inverse = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let d = 0; d < width; d++) vector[d]! *= inverse;
    vectors.push(vector);
  }
  return vectors;
}

function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    createReadStream(file)
      .on("data", (chunk) => hash.update(chunk))
      .on("error", reject)
      .on("end", () => resolve(hash.digest("hex")));
  });
}
