import { createHash } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import path from "node:path";
import type { FeatureExtractionPipeline } from "@xenova/transformers";
import { LOCAL_MODELS_DIR } from "../../paths.ts";
import type { Embedder, ModelInfo } from "./embedder.ts";

/** The id under which the bundled offline model lives in `models/`. */
export const BUNDLED_MODEL_ID = "bundled";

export interface TransformersEmbedderOptions {
  /** Hugging Face model id, or "bundled". */
  model: string;
  /** Where downloaded models are cached (under the data directory, so `npm ci` doesn't wipe them). */
  cacheDir: string;
  /** Use the int8 weights (`onnx/model_quantized.onnx`). Default true: 4× smaller, same ranking. */
  quantized?: boolean;
  /** Texts per forward pass. Default 32. */
  batchSize?: number;
  /** Called with download progress while a remote model is fetched. */
  onProgress?: (progress: DownloadProgress) => void;
}

export interface DownloadProgress {
  file: string;
  loaded: number;
  total: number;
}

/**
 * Loads a feature-extraction pipeline (mean pooling, normalised). The bundled model is read only from
 * the app's `models/` folder; any other model from the cache, else from the hub (which is unreachable
 * offline: that failure is the caller's cue to fall back).
 */
export async function loadTransformersEmbedder(options: TransformersEmbedderOptions): Promise<Embedder> {
  const bundled = options.model === BUNDLED_MODEL_ID;
  const quantized = options.quantized ?? true;
  // Imported on first use: onnxruntime is heavy, and listing or removing articles never needs it.
  const { env, pipeline } = await import("@xenova/transformers");
  // transformers.js keeps its settings in one global `env`; loads are sequential, so set them per load.
  env.cacheDir = options.cacheDir;
  env.localModelPath = LOCAL_MODELS_DIR;
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
  const weightsPath = bundled
    ? path.join(LOCAL_MODELS_DIR, BUNDLED_MODEL_ID, weightsFile)
    : path.join(options.cacheDir, options.model, weightsFile);
  const fingerprint = existsSync(weightsPath)
    ? await sha256File(weightsPath)
    : `${options.model}:${weightsFile}`;
  const probe = await runPipeline(extractor, ["dimension probe"]);
  const dimensions = probe[0]?.length ?? 0;
  const info: ModelInfo = {
    id: options.model,
    dimensions,
    fingerprint,
    label: bundled
      ? `bundled offline model (${dimensions}-d static embeddings)`
      : `${options.model} (${dimensions}-d)`,
    offline: bundled,
  };
  const tokenizer = extractor.tokenizer as unknown as { encode(text: string): number[] };
  const modelMax = Number((extractor.tokenizer as unknown as { model_max_length?: number }).model_max_length);
  const batchSize = options.batchSize ?? 32;
  return {
    info,
    // MiniLM was trained on 256 word pieces and silently truncates beyond; the static model has no
    // such limit, but chunking both alike keeps excerpts and scores comparable.
    maxTokens: Math.min(256, Number.isFinite(modelMax) && modelMax > 0 ? modelMax : 256),
    countTokens: (text) => tokenizer.encode(text).length,
    async embed(texts) {
      const vectors: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += batchSize) {
        vectors.push(...(await runPipeline(extractor, texts.slice(i, i + batchSize))));
      }
      return vectors;
    },
    dispose: () => extractor.dispose(),
  };
}

async function runPipeline(extractor: FeatureExtractionPipeline, texts: string[]): Promise<Float32Array[]> {
  if (texts.length === 0) return [];
  const output = await extractor(texts, { pooling: "mean", normalize: true });
  const [rows, dims] = output.dims as [number, number];
  const data = output.data as Float32Array;
  const vectors: Float32Array[] = [];
  for (let row = 0; row < rows; row++) vectors.push(data.slice(row * dims, (row + 1) * dims));
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
