/**
 * The physical baselines the store is compared with, on the same rows and the same queries:
 *
 * - a brute-force top-k cosine scan over one contiguous Float32Array (N × 384, unit rows, so cosine
 *   is the dot product), the fastest plain-JavaScript exact search;
 * - vectra 0.12.3's own LocalIndex.queryItems over an index.json holding the same rows (written
 *   here in vectra's own file format, item by item, then loaded by vectra itself).
 */
import { createWriteStream, promises as fs } from "node:fs";
import path from "node:path";
import { finished } from "node:stream/promises";

export interface ScanHit {
  row: number;
  score: number;
}

/** Exact top-k by brute force: the reference every other search is measured against. */
export function bruteForceTopK(data: Float32Array, dims: number, query: Float32Array, k: number): ScanHit[] {
  const rows = data.length / dims;
  const top: ScanHit[] = [];
  let threshold = Number.NEGATIVE_INFINITY;
  for (let row = 0, offset = 0; row < rows; row++, offset += dims) {
    let dot = 0;
    for (let d = 0; d < dims; d++) dot += data[offset + d]! * query[d]!;
    if (dot > threshold || top.length < k) {
      let at = top.length;
      while (at > 0 && top[at - 1]!.score < dot) at--;
      top.splice(at, 0, { row, score: dot });
      if (top.length > k) top.pop();
      if (top.length === k) threshold = top[k - 1]!.score;
    }
  }
  return top;
}

/** vectra 0.12.3 saves index.json with one JSON.stringify: past ~63k items of 384-d it throws. */
export const VECTRA_MAX_ITEMS = 60_000;

/** Writes rows as a vectra index.json (its exact shape: version, metadata_config, items with norm). */
export async function writeVectraIndex(
  folder: string,
  data: Float32Array,
  dims: number,
  owner: (row: number) => { id: string; paragraph: number },
): Promise<void> {
  await fs.mkdir(folder, { recursive: true });
  const out = createWriteStream(path.join(folder, "index.json"));
  const write = (text: string) =>
    out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once("drain", () => resolve()));
  await write('{"version":1,"metadata_config":{},"items":[');
  const rows = data.length / dims;
  for (let row = 0; row < rows; row++) {
    const vector = Array.from(data.subarray(row * dims, (row + 1) * dims), (v) => Math.round(v * 1e9) / 1e9);
    let norm = 0;
    for (const v of vector) norm += v * v;
    const { id, paragraph } = owner(row);
    const item = {
      id: `${id}:${row}`,
      metadata: { articleId: id, paragraph },
      vector,
      norm: Math.sqrt(norm),
    };
    await write(`${row > 0 ? "," : ""}${JSON.stringify(item)}`);
  }
  await write("]}");
  out.end();
  await finished(out);
}
