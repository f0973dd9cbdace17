/**
 * The committed all-MiniLM-L6-v2 in models/ (imported by scripts/import-model.py) is the model the
 * import checked: its ONNX file has the recorded digest, and through the app's own loader it gives the
 * token ids and (within int8 error) the vectors that sentence-transformers' float model gave for the
 * reference sentences. A damaged or swapped model file fails here.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { AutoTokenizer, env } from "@xenova/transformers";
import { beforeAll, describe, expect, it } from "vitest";
import type { Embedder } from "../../../src/library/embed/embedder.ts";
import {
  DEFAULT_MODEL_ID,
  isBundledModel,
  loadTransformersEmbedder,
} from "../../../src/library/embed/transformers-embedder.ts";

const FOLDER = fileURLToPath(new URL(`../../../models/${DEFAULT_MODEL_ID}/`, import.meta.url));
const reference = JSON.parse(readFileSync(path.join(FOLDER, "reference-embeddings.json"), "utf8")) as {
  sentences: string[];
  tokenIds: number[][];
  vectors: number[][];
};
const provenance = JSON.parse(readFileSync(path.join(FOLDER, "provenance.json"), "utf8")) as {
  onnx_sha256: string;
};

let embedder: Embedder;

beforeAll(async () => {
  embedder = await loadTransformersEmbedder({
    model: DEFAULT_MODEL_ID,
    cacheDir: path.join(os.tmpdir(), "byline-test-models"),
  });
});

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
};

describe(`bundled ${DEFAULT_MODEL_ID}`, () => {
  it("is the default model and a bundled one (read from models/, never downloaded)", () => {
    expect(isBundledModel(DEFAULT_MODEL_ID)).toBe(true);
    expect(embedder.info).toMatchObject({ id: DEFAULT_MODEL_ID, dimensions: 384, offline: true });
    expect(embedder.maxTokens).toBe(256);
  });

  it("has the ONNX file the import wrote (sha256 as in provenance.json)", () => {
    const digest = createHash("sha256")
      .update(readFileSync(path.join(FOLDER, "onnx", "model_quantized.onnx")))
      .digest("hex");
    expect(digest).toBe(provenance.onnx_sha256);
    expect(embedder.info.fingerprint).toBe(provenance.onnx_sha256);
  });

  it("tokenizes the reference sentences exactly as the Python tokenizer did", async () => {
    env.localModelPath = path.dirname(FOLDER.replace(/\/$/, ""));
    env.allowLocalModels = true;
    env.allowRemoteModels = false;
    const tokenizer = await AutoTokenizer.from_pretrained(DEFAULT_MODEL_ID);
    const ids = reference.sentences.map((s) => Array.from(tokenizer.encode(s) as number[]));
    expect(ids).toEqual(reference.tokenIds);
  });

  it("embeds each reference sentence within cosine 0.99 of sentence-transformers' float vector", async () => {
    const vectors = await embedder.embed(reference.sentences);
    reference.vectors.forEach((want, i) => {
      expect(vectors[i]).toHaveLength(384);
      expect(dot(vectors[i]!, want), reference.sentences[i]).toBeGreaterThanOrEqual(0.99);
    });
  });

  it("reads paraphrase: a question sits nearer its answer than a sentence sharing its words", async () => {
    const [question, answer, decoy] = await embedder.embedQueries([
      "how long will his new term last",
      "He won another six years in office in Sunday's vote.",
      "The new rules on long-term parking last changed in the spring.",
    ]);
    expect(dot(question!, answer!)).toBeGreaterThan(dot(question!, decoy!));
  });
});
