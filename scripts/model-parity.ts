/**
 * The Node half of a bundled model's parity check (scripts/import-model.py writes the Python half):
 * the model in `models/<name>/` through transformers.js, as the app loads it, against the float model
 * through sentence-transformers. Token ids must be identical and every cosine ≥ 0.99; the figures go
 * into the model's provenance.json and its card (between the parity markers).
 *
 *     npx tsx scripts/model-parity.ts models/all-MiniLM-L6-v2 /tmp/byline-import-…/parity.json
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { AutoTokenizer, env } from "@xenova/transformers";
import { loadTransformersEmbedder } from "../src/library/embed/transformers-embedder.ts";

interface ParitySet {
  sentences: string[];
  tokenIds: number[][];
  vectors: number[][];
}

const [folderArg, parityArg] = process.argv.slice(2);
if (!folderArg || !parityArg) {
  console.error("usage: npx tsx scripts/model-parity.ts <models/name> <parity.json>");
  process.exit(2);
}
const folder = path.resolve(folderArg);
const modelsDir = path.dirname(folder);
const name = path.basename(folder);
const expected = JSON.parse(readFileSync(parityArg, "utf8")) as ParitySet;

const embedder = await loadTransformersEmbedder({ model: name, cacheDir: "/nonexistent", modelsDir });
env.localModelPath = modelsDir;
env.allowRemoteModels = false;
const tokenizer = await AutoTokenizer.from_pretrained(name);
const started = performance.now();
const vectors = await embedder.embed(expected.sentences);
const msPerSentence = (performance.now() - started) / expected.sentences.length;

let idMismatches = 0;
const cosines: number[] = [];
expected.sentences.forEach((sentence, i) => {
  const ids = Array.from(tokenizer.encode(sentence) as number[]).slice(0, embedder.maxTokens);
  if (ids.join() !== expected.tokenIds[i]!.join()) {
    idMismatches++;
    console.error(`token ids differ for: ${sentence.slice(0, 80)}`);
  }
  cosines.push(dot(vectors[i]!, expected.vectors[i]!));
});
const figures = {
  sentences: expected.sentences.length,
  tokenIdMismatches: idMismatches,
  minCosine: round(Math.min(...cosines)),
  meanCosine: round(cosines.reduce((a, b) => a + b, 0) / cosines.length),
  below099: cosines.filter((c) => c < 0.99).length,
  msPerSentence: Math.round(msPerSentence * 10) / 10,
};
console.log(JSON.stringify(figures));

const provenanceFile = path.join(folder, "provenance.json");
const provenance = JSON.parse(readFileSync(provenanceFile, "utf8"));
provenance.node_parity = { ...figures, runtime: "@xenova/transformers 2.17.2 (onnxruntime-node 1.14)" };
writeFileSync(provenanceFile, `${JSON.stringify(provenance, null, 1)}\n`);
await embedder.dispose();
if (idMismatches > 0 || figures.below099 > 0) {
  console.error("parity FAILED: the bundled model does not reproduce the float model");
  process.exit(1);
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

function round(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}
