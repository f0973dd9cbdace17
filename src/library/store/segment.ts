import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import type { ArticleQuotes } from "../quotes/types.ts";
import type { Article } from "../types.ts";
import { storageError, syncDir, writeAndSync } from "./atomic-fs.ts";

/** One embedded piece of a paragraph. Long paragraphs have several; each cites its own ¶. */
export interface Chunk {
  paragraph: number;
  /** Character range of the chunk in the paragraph's text. */
  start: number;
  end: number;
}

/** Everything stored about one article besides its vectors. */
export interface StoredArticle {
  article: Article;
  quotes: ArticleQuotes;
  chunks: Chunk[];
}

/** A segment as loaded for searching: the article and its chunk vectors, row i ↔ chunks[i]. */
export interface LoadedSegment extends StoredArticle {
  vectors: Float32Array;
  dimensions: number;
}

export interface SegmentWriteOptions {
  /** `JSON.stringify(stored)` as UTF-8, when the caller has it already (it keeps it in memory). */
  json?: Uint8Array;
  /**
   * fsync the files and folders (default true). Only bulk builds that are thrown away on failure (the
   * benchmark's synthetic libraries) turn it off.
   */
  durable?: boolean;
}

const ARTICLE_FILE = "article.json";
const VECTORS_FILE = "vectors.bin";
const VECTRA_FILE = "index.json";

/**
 * A segment is one article's folder: `article.json`, a vectra LocalIndex (`index.json`, the portable
 * on-disk format, which vectra itself reads) and `vectors.bin` (the same vectors as raw little-endian float32, so loading 50k
 * paragraphs doesn't mean parsing 400 MB of JSON). It is written complete in a staging folder and
 * renamed into place, so it either exists whole or not at all; it is never modified afterwards.
 */
export async function writeSegment(
  stagingRoot: string,
  segmentsRoot: string,
  stored: StoredArticle,
  vectors: Float32Array[],
  options: SegmentWriteOptions = {},
): Promise<string> {
  const durable = options.durable ?? true;
  const name = `${stored.article.id}.${randomBytes(4).toString("hex")}`;
  const staging = path.join(stagingRoot, name);
  try {
    await fs.mkdir(staging, { recursive: true });
    await writeAndSync(path.join(staging, ARTICLE_FILE), options.json ?? JSON.stringify(stored), durable);
    await writeAndSync(path.join(staging, VECTORS_FILE), packVectors(vectors), durable);
    await writeAndSync(path.join(staging, VECTRA_FILE), vectraIndexJson(stored, vectors), durable);
    if (durable) await syncDir(staging);
    await fs.mkdir(segmentsRoot, { recursive: true });
    await fs.rename(staging, path.join(segmentsRoot, name));
    if (durable) await syncDir(segmentsRoot);
  } catch (error) {
    await fs.rm(staging, { recursive: true, force: true }).catch(() => {});
    throw storageError(`Could not store article ${stored.article.id}`, error);
  }
  return name;
}

export async function readSegment(segmentsRoot: string, name: string): Promise<LoadedSegment> {
  const folder = path.join(segmentsRoot, name);
  const [json, bytes] = await Promise.all([
    fs.readFile(path.join(folder, ARTICLE_FILE), "utf8"),
    fs.readFile(path.join(folder, VECTORS_FILE)),
  ]);
  const stored = JSON.parse(json) as StoredArticle;
  const vectors = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  const dimensions = stored.chunks.length > 0 ? vectors.length / stored.chunks.length : 0;
  if (!Number.isInteger(dimensions)) {
    throw new Error(
      `segment ${name}: vectors.bin holds ${vectors.length} floats for ${stored.chunks.length} chunks`,
    );
  }
  // Copy out of the (possibly pooled) Buffer so the segment owns aligned memory.
  return { ...stored, vectors: new Float32Array(vectors), dimensions };
}

/**
 * The segment's vectra LocalIndex file, byte for byte what vectra 0.12.3's createIndex +
 * batchInsertItems write for these items (store-proofs checks it against vectra itself), written by
 * the store so that a disk-full or permission error keeps its code (vectra rethrows a bare Error),
 * and in one pass instead of vectra's create, read back, rewrite.
 */
export function vectraIndexJson(stored: StoredArticle, vectors: Float32Array[]): string {
  const items = vectors.map((vector, i) => {
    // Nine decimals (error ≤ 5e-10; exact float32 round trip for |v| > 0.004) at ~55% of
    // JSON.stringify's length, and 4× faster to format than toPrecision(9).
    const rounded = Array.from(vector, (value) => Math.round(value * 1e9) / 1e9);
    let sum = 0;
    for (let d = 0; d < rounded.length; d++) sum += rounded[d]! * rounded[d]!; // vectra's ItemSelector.normalize
    return {
      id: `${stored.article.id}:${i}`,
      metadata: { articleId: stored.article.id, paragraph: stored.chunks[i]?.paragraph ?? 0 },
      vector: rounded,
      norm: Math.sqrt(sum),
    };
  });
  return JSON.stringify({ version: 1, metadata_config: {}, items });
}

/** A segment as the store loads it: article.json as bytes (parsed on first use) and the float32 vectors. */
export interface RawSegment {
  json: Uint8Array;
  vectors: Float32Array;
}

export async function readRawSegment(segmentsRoot: string, name: string): Promise<RawSegment> {
  const folder = path.join(segmentsRoot, name);
  const [json, bytes] = await Promise.all([
    fs.readFile(path.join(folder, ARTICLE_FILE)),
    fs.readFile(path.join(folder, VECTORS_FILE)),
  ]);
  if (bytes.byteLength % 4 !== 0) {
    throw new Error(`segment ${name}: vectors.bin is ${bytes.byteLength} bytes, not whole float32s`);
  }
  const vectors =
    bytes.byteOffset % 4 === 0
      ? new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4)
      : new Float32Array(new Uint8Array(bytes).buffer);
  return { json, vectors };
}

/** Reads the segment's vectra index: the integrity check compares it with vectors.bin. */
export async function readVectraItems(
  segmentsRoot: string,
  name: string,
): Promise<{ id: string; vector: number[]; metadata: Record<string, unknown> }[]> {
  const { LocalIndex } = await loadVectra();
  const index = new LocalIndex(path.join(segmentsRoot, name));
  const items = await index.listItems();
  return items.map((item) => ({ id: item.id, vector: item.vector, metadata: item.metadata }));
}

export async function deleteSegment(segmentsRoot: string, trashRoot: string, name: string): Promise<void> {
  // Rename first: a crash mid-delete then leaves debris in trash/, never a half-deleted live segment.
  const grave = path.join(trashRoot, `${name}.${randomBytes(3).toString("hex")}`);
  await fs.mkdir(trashRoot, { recursive: true });
  try {
    await fs.rename(path.join(segmentsRoot, name), grave);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  await fs.rm(grave, { recursive: true, force: true });
}

/**
 * vectra's LocalIndex, imported on first write. Its package entry point pulls in OpenAI, web-fetching
 * and tokenizer modules (≈1 s of start-up); the LocalIndex module alone costs ≈0.1 s, and reading a
 * library (which uses vectors.bin) never needs it at all.
 */
function loadVectra(): Promise<typeof import("vectra/lib/LocalIndex.js")> {
  vectra ??= import("vectra/lib/LocalIndex.js");
  return vectra;
}
let vectra: Promise<typeof import("vectra/lib/LocalIndex.js")> | undefined;

function packVectors(vectors: Float32Array[]): Uint8Array {
  const dimensions = vectors[0]?.length ?? 0;
  const packed = new Float32Array(vectors.length * dimensions);
  vectors.forEach((vector, i) => {
    packed.set(vector, i * dimensions);
  });
  return new Uint8Array(packed.buffer);
}
