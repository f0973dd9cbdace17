/**
 * Builds the benchmark's synthetic libraries (e.g. 1k, 10k, 50k and 250k paragraphs) in one pass,
 * through the store's own code:
 *
 * - every article is written by `writeSegment` — the same staging folder + rename as a real add, with
 *   fsync off (a bench build is thrown away if it fails) — into the largest library; the smaller
 *   libraries are prefixes of it and hard-link the same immutable segment files;
 * - each library's manifest is written once by `writeManifest` (a real add rewrites it every time);
 * - the keyword index is one `KeywordIndex` fed every article in order, in a second process (it is
 *   the slowest part, and runs on the other core), saving its snapshot when it reaches each size;
 * - the pack is written by the store itself, on the first open of each library (`ScopeStore.open`
 *   finds no pack, reads the segments, and saves one).
 *
 * What a real add does that this skips: reading and parsing a file, quote extraction (synthetic text
 * has no quotes), embedding (the vectors are synthetic), and the per-add fsyncs and manifest rewrite.
 */
import { spawn } from "node:child_process";
import { promises as fs } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describeSource } from "../../src/library/articles/identify.ts";
import { chunkParagraphs } from "../../src/library/embed/chunk.ts";
import { silentLogger } from "../../src/library/log.ts";
import { QUOTES_VERSION } from "../../src/library/quotes/version.ts";
import { writeFileAtomic } from "../../src/library/store/atomic-fs.ts";
import {
  MANIFEST_FORMAT,
  type Manifest,
  type ManifestEntry,
  writeManifest,
} from "../../src/library/store/manifest.ts";
import { ScopeStore, scopePaths } from "../../src/library/store/scope-store.ts";
import { type StoredArticle, writeSegment } from "../../src/library/store/segment.ts";
import {
  PARAGRAPHS_PER_ARTICLE,
  SYNTHETIC_DIMENSIONS,
  syntheticArticle,
  VectorSpace,
  Vocabulary,
} from "./synthetic.ts";

/** The "model" of synthetic libraries: the bench embedders report the same identity. */
export const SYNTHETIC_MODEL = {
  id: "synthetic-384",
  dimensions: SYNTHETIC_DIMENSIONS,
  fingerprint: "bench-synthetic-v1",
};
export const BENCH_SCOPE = "local";

const KEYWORD_BUILDER = fileURLToPath(new URL("./keyword-builder.ts", import.meta.url));

/** Word pieces, roughly (the bundled tokenizer gives ~1.3 per word on news text). */
export const approxTokens = (text: string) => Math.ceil(text.split(/\s+/).length * 1.3) + 2;

export function storedArticleFor(vocabulary: Vocabulary, space: VectorSpace, n: number, scope: string) {
  const article = syntheticArticle(vocabulary, n, scope);
  const chunks = chunkParagraphs(article.paragraphs, approxTokens, 256);
  // Stored by this Byline's extractor: a versionless record would read as stale and be extracted
  // again on the first ask, which times the upgrade path instead of a cold start.
  const stored: StoredArticle = {
    article,
    quotes: { speakers: [], quotes: [], version: QUOTES_VERSION },
    chunks,
  };
  const vectors = space.articleVectors(n, chunks.length);
  return { article, stored, vectors };
}

export function entryFor(stored: StoredArticle): Omit<ManifestEntry, "segment"> {
  const { article } = stored;
  return {
    id: article.id,
    title: article.title,
    paragraphs: article.paragraphs.length,
    chunks: stored.chunks.length,
    source: describeSource(article),
    contentHash: article.contentHash,
    addedAt: article.addedAt,
    addedBy: article.addedBy,
  };
}

export interface BuiltLibrary {
  paragraphs: number;
  articles: number;
  dataDir: string;
}

export interface BuildReport {
  libraries: BuiltLibrary[];
  /** Segments + manifests + keyword snapshots (both processes). */
  buildMs: number;
  /** First open of each library: reads every segment and writes the pack. */
  firstOpenMs: Record<number, number>;
}

export async function buildLibraries(options: {
  root: string;
  sizes: number[];
  log: (message: string) => void;
}): Promise<BuildReport> {
  const started = performance.now();
  const sizes = [...options.sizes].sort((a, b) => a - b);
  for (const size of sizes) {
    if (size % PARAGRAPHS_PER_ARTICLE !== 0)
      throw new Error(`size ${size} is not a multiple of ${PARAGRAPHS_PER_ARTICLE}`);
  }
  const libraries: BuiltLibrary[] = sizes.map((paragraphs) => ({
    paragraphs,
    articles: paragraphs / PARAGRAPHS_PER_ARTICLE,
    dataDir: path.join(options.root, `lib-${paragraphs}`),
  }));
  for (const library of libraries) {
    await fs.rm(library.dataDir, { recursive: true, force: true });
    await fs.mkdir(scopePaths(library.dataDir, BENCH_SCOPE).segments, { recursive: true });
  }
  const largest = libraries[libraries.length - 1]!;
  const keywords = runKeywordBuilder(libraries);

  const vocabulary = new Vocabulary();
  const space = new VectorSpace();
  const entries: ManifestEntry[] = new Array(largest.articles);
  const paths = scopePaths(largest.dataDir, BENCH_SCOPE);
  let inFlight: Promise<void>[] = [];
  for (let n = 0; n < largest.articles; n++) {
    const { stored, vectors } = storedArticleFor(vocabulary, space, n, BENCH_SCOPE);
    inFlight.push(
      (async () => {
        const segment = await writeSegment(paths.staging, paths.segments, stored, vectors, {
          durable: false,
        });
        entries[n] = { ...entryFor(stored), segment };
        for (const library of libraries) {
          if (library === largest || n >= library.articles) continue;
          const target = path.join(scopePaths(library.dataDir, BENCH_SCOPE).segments, segment);
          await fs.mkdir(target);
          for (const file of await fs.readdir(path.join(paths.segments, segment))) {
            await fs.link(path.join(paths.segments, segment, file), path.join(target, file));
          }
        }
      })(),
    );
    if (inFlight.length >= 8) {
      await Promise.all(inFlight);
      inFlight = [];
    }
    if (n % 1000 === 999) options.log(`  segments: ${n + 1} / ${largest.articles} articles`);
  }
  await Promise.all(inFlight);
  await fs.rm(paths.staging, { recursive: true, force: true });
  for (const library of libraries) {
    const manifest: Manifest = {
      format: MANIFEST_FORMAT,
      scope: BENCH_SCOPE,
      generation: 1,
      model: SYNTHETIC_MODEL,
      articles: entries.slice(0, library.articles),
    };
    await writeManifest(scopePaths(library.dataDir, BENCH_SCOPE).manifest, manifest);
    await writeFileAtomic(
      path.join(library.dataDir, "byline.json"),
      `${JSON.stringify({ format: 1, createdAt: new Date().toISOString() })}\n`,
    );
  }
  const segmentsMs = performance.now() - started;
  options.log(`  segments written in ${Math.round(segmentsMs)} ms; waiting for the keyword index`);
  await keywords;
  options.log(`  keyword index built in ${Math.round(performance.now() - started)} ms (second process)`);
  const buildMs = performance.now() - started;
  const firstOpenMs: Record<number, number> = {};
  for (const library of libraries) {
    const t = performance.now();
    let store: ScopeStore | undefined = await ScopeStore.open(library.dataDir, BENCH_SCOPE, silentLogger);
    firstOpenMs[library.paragraphs] = performance.now() - t;
    if (store.matrix.rows !== library.paragraphs)
      throw new Error(`library ${library.paragraphs}: ${store.matrix.rows} rows`);
    store = undefined;
    options.log(
      `  first open of ${library.paragraphs} (writes the pack): ${Math.round(firstOpenMs[library.paragraphs]!)} ms`,
    );
  }
  return { libraries, buildMs, firstOpenMs };
}

/** Indexes every article's keywords in a second process, saving a snapshot at each library size. */
function runKeywordBuilder(libraries: BuiltLibrary[]): Promise<void> {
  const targets = libraries.map((library) => ({
    articles: library.articles,
    file: scopePaths(library.dataDir, BENCH_SCOPE).keywords,
  }));
  const child = spawn(
    process.execPath,
    ["--import", "tsx", KEYWORD_BUILDER, JSON.stringify({ scope: BENCH_SCOPE, targets })],
    {
      stdio: ["ignore", "inherit", "pipe"],
    },
  );
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`keyword builder failed (${code}): ${stderr}`)),
    );
  });
}
