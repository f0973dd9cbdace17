/**
 * The committed offline model in models/bundled/ (built by scripts/build-bundled-model.ts) loads through
 * the real transformers.js feature-extraction pipeline from the local folder, with remote models off.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { env, type FeatureExtractionPipeline, pipeline } from "@xenova/transformers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const MODELS_DIR = fileURLToPath(new URL("../../../models/", import.meta.url));
const DIMS = 100;

let cacheDir: string;
let quantized: FeatureExtractionPipeline;
let float: FeatureExtractionPipeline;

async function load(useQuantized: boolean): Promise<FeatureExtractionPipeline> {
  return (await pipeline("feature-extraction", "bundled", {
    quantized: useQuantized,
  })) as FeatureExtractionPipeline;
}

async function embed(extractor: FeatureExtractionPipeline, texts: string[]): Promise<Float32Array[]> {
  const output = await extractor(texts, { pooling: "mean", normalize: true });
  expect(output.dims).toEqual([texts.length, DIMS]);
  const data = output.data as Float32Array;
  return texts.map((_, row) => data.slice(row * DIMS, (row + 1) * DIMS));
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

beforeAll(async () => {
  cacheDir = mkdtempSync(path.join(os.tmpdir(), "byline-bundled-model-test-"));
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = MODELS_DIR;
  env.cacheDir = cacheDir;
  quantized = await load(true);
  float = await load(false);
});

afterAll(async () => {
  await quantized?.dispose();
  await float?.dispose();
  rmSync(cacheDir, { recursive: true, force: true });
});

describe("bundled offline embedding model", () => {
  it("embeds to 100-d unit vectors", async () => {
    const [vector] = await embed(quantized, ["Police arrested two men after the robbery on Friday."]);
    expect(vector).toHaveLength(DIMS);
    expect(Math.sqrt(dot(vector!, vector!))).toBeCloseTo(1, 5);
  });

  it("gives finite unit vectors for text it has no words for", async () => {
    for (const extractor of [quantized, float]) {
      const vectors = await embed(extractor, ["zzqx qqzv", "...", "", "2017"]);
      for (const vector of vectors) {
        expect(vector.every(Number.isFinite)).toBe(true);
        expect(Math.sqrt(dot(vector, vector))).toBeCloseTo(1, 4);
      }
      // Unknown words carry no meaning: such a text is neutral towards real sentences.
      const [unknown, sentence] = await embed(extractor, ["zzqx qqzv", "The minister was fired"]);
      expect(Math.abs(dot(unknown!, sentence!))).toBeLessThan(0.05);
    }
  });

  it("ranks a paraphrase above an unrelated sentence", async () => {
    for (const extractor of [quantized, float]) {
      const [a, paraphrase, unrelated] = await embed(extractor, [
        "The minister was fired",
        "the official was sacked",
        "Heavy rain flooded the valley overnight",
      ]);
      const similar = dot(a!, paraphrase!);
      const different = dot(a!, unrelated!);
      expect(similar).toBeGreaterThan(0.5);
      expect(different).toBeLessThan(0.2);
      expect(similar).toBeGreaterThan(different + 0.3);
    }
  });

  it("retrieves the answering paragraph for a question", async () => {
    const questions = ["Why did the minister lose his job?", "What did the central bank decide about rates?"];
    const paragraphs = [
      "The monetary policy committee voted to lift its benchmark lending rate by a quarter point.",
      "The prime minister sacked the transport secretary after he misled parliament about a contract.",
      "Firefighters rescued two residents from the burning building, and no injuries were reported.",
    ];
    const [q0, q1, ...p] = await embed(quantized, [...questions, ...paragraphs]);
    const best = (q: Float32Array) =>
      p.map((v) => dot(q, v)).reduce((b, s, i, all) => (s > all[b]! ? i : b), 0);
    expect(best(q0!)).toBe(1);
    expect(best(q1!)).toBe(0);
  });

  it("embeds a padded batch exactly as it embeds each text alone", async () => {
    const texts = [
      "Shares fell.",
      "The central bank raised interest rates for the third time this year, citing stubborn inflation.",
      "zzqx",
      "Voters head to the polls on Sunday in a closely watched election.",
    ];
    const batch = await embed(quantized, texts);
    for (const [i, text] of texts.entries()) {
      const [alone] = await embed(quantized, [text]);
      for (let d = 0; d < DIMS; d++) expect(batch[i]![d]).toBeCloseTo(alone![d]!, 5);
    }
  });

  it("quantized and float weights agree", async () => {
    const texts = [
      "The minister was fired",
      "Thousands of people protested in the capital against the new tax.",
      "Scientists discovered a new species of frog in the rainforest.",
    ];
    const q = await embed(quantized, texts);
    const f = await embed(float, texts);
    for (const [i] of texts.entries()) expect(dot(q[i]!, f[i]!)).toBeGreaterThan(0.99);
  });

  it("tokenizes news text into whole words, with numbers unknown", () => {
    const tokenizer = quantized.tokenizer as unknown as {
      encode(text: string): number[];
      model: { vocab: string[] };
    };
    const tokens = tokenizer.encode("The minister's spokesman said $5 billion, or 12%.");
    expect(tokens.map((id) => tokenizer.model.vocab[id])).toEqual([
      "[CLS]",
      "the",
      "minister",
      "'",
      "[UNK]",
      "spokesman",
      "said",
      "$",
      "[UNK]",
      "billion",
      ",",
      "or",
      "[UNK]",
      "%",
      ".",
      "[SEP]",
    ]);
  });
});
