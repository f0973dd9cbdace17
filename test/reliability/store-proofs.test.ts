/**
 * Proofs for the store's speed-ups: each one must give exactly what the plain version gives.
 * - The int8 scan with exact re-rank returns the float32 scan's top k (same rows, same scores), for
 *   any data, with either kernel, across adds and removes, and with rows read from a pack file.
 * - The compact keyword snapshot loads into the same index MiniSearch's own loadJS builds.
 * - A missing, stale, truncated or foreign pack never changes what a scope holds; a pack whose
 *   content differs from its segments is reported by verify.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import type MiniSearch from "minisearch";
import { afterEach, describe, expect, it } from "vitest";
import { identifyArticle } from "../../src/library/articles/identify.ts";
import type { ModelInfo } from "../../src/library/embed/embedder.ts";
import { parsePlainText } from "../../src/library/ingest/structure.ts";
import { silentLogger } from "../../src/library/log.ts";
import { KeywordIndex } from "../../src/library/store/keyword-index.ts";
import { ScopeStore, storeTuning } from "../../src/library/store/scope-store.ts";
import type { StoredArticle } from "../../src/library/store/segment.ts";
import { TopK, VectorMatrix } from "../../src/library/store/vector-matrix.ts";
import { verifyLibrary } from "../../src/library/store/verify.ts";
import { entryFor } from "../helpers/manifest-entry.ts";
import { tempDir } from "../helpers/temp.ts";

/** The reference: a plain float32 scan (the matrix's exactScan is only used for odd queries). */
function reference(rows: { id: string; chunk: number; v: Float32Array }[], query: Float32Array, k: number) {
  const top = new TopK(k);
  rows.forEach((row, i) => {
    let dot = 0;
    for (let d = 0; d < query.length; d++) dot += row.v[d]! * query[d]!;
    if (dot > top.threshold) top.push(i, dot);
  });
  return top.sorted().map(({ row, score }) => `${rows[row]!.id}/${rows[row]!.chunk}@${score}`);
}

const show = (hits: { articleId: string; chunk: number; score: number }[]) =>
  hits.map((h) => `${h.articleId}/${h.chunk}@${h.score}`);

/** Vectors as they come: unit length mostly, but also ties, zeros and wild magnitudes. */
const vectorOf = (dims: number) =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc.array(fc.float({ min: -1, max: 1, noNaN: true }), { minLength: dims, maxLength: dims }),
    },
    { weight: 1, arbitrary: fc.constant(new Array<number>(dims).fill(0)) },
    { weight: 1, arbitrary: fc.array(fc.constantFrom(-1, 0, 1, 0.5), { minLength: dims, maxLength: dims }) },
    {
      weight: 1,
      arbitrary: fc.array(fc.float({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }), {
        minLength: dims,
        maxLength: dims,
      }),
    },
  );

function unit(values: number[], normalise: boolean): Float32Array {
  const v = Float32Array.from(values);
  if (!normalise) return v;
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

describe("int8 scan with exact re-rank", () => {
  for (const kernel of ["auto", "js"] as const) {
    it(`returns exactly the float32 scan's top k (${kernel === "auto" ? "WebAssembly SIMD" : "JavaScript"} kernel, adds and removes, any data)`, () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 40 }).chain((dims) =>
            fc.record({
              dims: fc.constant(dims),
              normalise: fc.boolean(),
              articles: fc.array(fc.array(vectorOf(dims), { minLength: 1, maxLength: 5 }), {
                minLength: 1,
                maxLength: 25,
              }),
              removals: fc.array(fc.nat(), { maxLength: 5 }),
              queries: fc.array(vectorOf(dims), { minLength: 1, maxLength: 4 }),
              k: fc.integer({ min: 1, max: 12 }),
            }),
          ),
          ({ dims, normalise, articles, removals, queries, k }) => {
            const matrix = new VectorMatrix(dims, 2, { kernel });
            let rows: { id: string; chunk: number; v: Float32Array }[] = [];
            articles.forEach((vectors, a) => {
              const flat = new Float32Array(vectors.length * dims);
              const unitVectors = vectors.map((v) => unit(v, normalise));
              unitVectors.forEach((v, i) => {
                flat.set(v, i * dims);
              });
              matrix.add(`a${a}`, flat);
              unitVectors.forEach((v, chunk) => {
                rows.push({ id: `a${a}`, chunk, v });
              });
            });
            for (const r of removals) {
              const id = `a${r % articles.length}`;
              matrix.remove(id);
              rows = rows.filter((row) => row.id !== id);
            }
            for (const q of queries) {
              const query = unit(q, normalise);
              expect(show(matrix.search(query, k))).toEqual(reference(rows, query, k));
              const even = (id: string) => Number(id.slice(1)) % 2 === 0;
              expect(show(matrix.search(query, k, even))).toEqual(
                reference(
                  rows.filter((row) => even(row.id)),
                  query,
                  k,
                ),
              );
            }
            expect(matrix.checkCodes()).toEqual([]);
          },
        ),
        { numRuns: 150 },
      );
    });
  }

  it("re-scores only a few rows on real-looking data (the bound is tight enough to matter)", () => {
    const dims = 384;
    const matrix = new VectorMatrix(dims, 16);
    let seed = 11;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31 - 0.5;
    };
    const rowsOf = (n: number) => unit(Array.from({ length: n * dims }, random), false);
    for (let a = 0; a < 200; a++) {
      const flat = rowsOf(20);
      for (let r = 0; r < 20; r++)
        flat.set(unit([...flat.subarray(r * dims, (r + 1) * dims)], true), r * dims);
      matrix.add(`a${a}`, flat);
    }
    matrix.search(unit(Array.from({ length: dims }, random), true), 5);
    expect(matrix.lastScan.rows).toBe(4000);
    expect(matrix.lastScan.rescored).toBeLessThan(400);
  });
});

// ---- the pack ----

const model: ModelInfo = { id: "test", dimensions: 24, fingerprint: "f", label: "test", offline: true };

function article(n: number): { stored: StoredArticle; vectors: Float32Array[] } {
  const paragraphs = Array.from(
    { length: 2 + (n % 4) },
    (_, p) => `Paragraph ${p} of story ${n} about topic ${n % 7}.`,
  );
  const draft = parsePlainText(`Story ${n}\n\n${paragraphs.join("\n\n")}`, { kind: "text" });
  const a = identifyArticle(draft, "local", "tester");
  const chunks = a.paragraphs.map((p) => ({ paragraph: p.n, start: 0, end: p.text.length }));
  const vectors = chunks.map((_, i) =>
    unit(
      Array.from({ length: model.dimensions }, (_, d) => Math.sin(n * 31 + i * 7 + d)),
      true,
    ),
  );
  return { stored: { article: a, quotes: { speakers: [], quotes: [] }, chunks }, vectors };
}

async function addTo(store: ScopeStore, n: number) {
  const { stored, vectors } = article(n);
  return store.add(entryFor(stored), stored, vectors, model);
}

/** What a scope answers: every article's top hits for a few queries, and its article texts. */
function fingerprintOf(store: ScopeStore): string {
  const queries = [0, 1, 2].map((q) =>
    unit(
      Array.from({ length: model.dimensions }, (_, d) => Math.cos(q * 5 + d)),
      true,
    ),
  );
  const hits = queries.map((q) => show(store.matrix.search(q, 7)));
  const texts = [...store.articles.values()]
    .map(({ entry, stored }) => `${entry.id}:${stored.article.paragraphs.map((p) => p.text).join("|")}`)
    .sort();
  const scores = [...store.articles.keys()]
    .sort()
    .map((id) => Array.from(store.matrix.scoresFor(id, queries[0]!)).join());
  return JSON.stringify({ hits, texts, scores, rows: store.matrix.rows });
}

describe("the pack (a cache of every segment in one file)", () => {
  const original = storeTuning.fileBackedRows;
  afterEach(() => {
    storeTuning.fileBackedRows = original;
  });

  for (const fileBacked of [false, true]) {
    it(`GIVEN rows ${fileBacked ? "read from the pack file" : "held in memory"} THEN a scope answers exactly as one loaded from its segments, through adds, removes and a pack replaced by another process`, async () => {
      storeTuning.fileBackedRows = fileBacked ? 0 : Number.MAX_SAFE_INTEGER;
      const dataDir = await tempDir();
      const writer = await ScopeStore.open(dataDir, "local", silentLogger);
      for (let n = 0; n < 12; n++) await addTo(writer, n);
      await writer.remove((await addTo(writer, 99)).id);
      const reader = await ScopeStore.open(dataDir, "local", silentLogger); // from the pack
      await fs.rm(writer.paths.pack);
      const fromSegments = await ScopeStore.open(dataDir, "local", silentLogger); // rewrites the pack
      expect(fingerprintOf(reader)).toBe(fingerprintOf(fromSegments));
      expect(fingerprintOf(writer)).toBe(fingerprintOf(fromSegments));
      // Another process replaces the pack while `reader` reads rows from the old one.
      for (let n = 12; n < 16; n++) await addTo(writer, n);
      await writer.remove(writer.manifest.articles[0]!.id);
      expect(fingerprintOf(reader)).not.toBe(fingerprintOf(writer));
      await reader.refresh();
      expect(fingerprintOf(reader)).toBe(fingerprintOf(writer));
      expect(fingerprintOf(await ScopeStore.open(dataDir, "local", silentLogger))).toBe(
        fingerprintOf(writer),
      );
      expect((await verifyLibrary(dataDir)).ok).toBe(true);
    });
  }

  it("GIVEN a truncated, garbage or foreign-model pack THEN the scope loads the same from its segments", async () => {
    const dataDir = await tempDir();
    const store = await ScopeStore.open(dataDir, "local", silentLogger);
    for (let n = 0; n < 6; n++) await addTo(store, n);
    const expected = fingerprintOf(store);
    const pack = await fs.readFile(store.paths.pack);
    const variants: [string, Buffer][] = [
      ["truncated", pack.subarray(0, Math.floor(pack.length * 0.7))],
      ["garbage", Buffer.from("definitely not a pack")],
      ["header only", pack.subarray(0, 200)],
      [
        "foreign model",
        Buffer.from(pack.toString("latin1").replace('"fingerprint":"f"', '"fingerprint":"g"'), "latin1"),
      ],
    ];
    for (const [what, bytes] of variants) {
      await fs.writeFile(store.paths.pack, bytes);
      const reopened = await ScopeStore.open(dataDir, "local", silentLogger);
      expect(fingerprintOf(reopened), what).toBe(expected);
      expect((await verifyLibrary(dataDir)).ok, what).toBe(true);
    }
  });

  it("GIVEN a pack whose rows differ from its segments THEN verify reports it as a problem", async () => {
    const dataDir = await tempDir();
    const store = await ScopeStore.open(dataDir, "local", silentLogger);
    for (let n = 0; n < 3; n++) await addTo(store, n);
    const pack = await fs.readFile(store.paths.pack);
    const headerLength = pack.readUInt32LE(8);
    const header = JSON.parse(pack.subarray(16, 16 + headerLength).toString("utf8"));
    const [vectorsAt] = header.sections.vectors as [number, number];
    pack.writeFloatLE(pack.readFloatLE(vectorsAt + 8) + 0.25, vectorsAt + 8); // one float of one row
    await fs.writeFile(store.paths.pack, pack);
    const report = await verifyLibrary(dataDir);
    expect(report.ok).toBe(false);
    expect(report.scopes[0]!.problems.join("\n")).toMatch(/pack's vectors differ|wrong int8 code/);
  });
});

// ---- the keyword snapshot ----

describe("compact keyword snapshot", () => {
  const texts = fc.array(
    fc.array(
      fc.constantFrom(
        "minister",
        "budget",
        "delayed",
        "vote",
        "cynical",
        "U.S.",
        "Putin",
        "won't",
        "re-election",
        "élan",
        "data",
      ),
      {
        minLength: 1,
        maxLength: 12,
      },
    ),
    { minLength: 1, maxLength: 6 },
  );

  it("loads into the index MiniSearch's own snapshot loads into, which then answers and changes alike", () => {
    fc.assert(
      fc.property(
        fc.array(texts, { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        fc.array(fc.string(), { maxLength: 3 }),
        (articles, removals, extraQueries) => {
          const index = KeywordIndex.empty();
          const drafts = articles.map((paragraphs, a) =>
            identifyArticle(
              parsePlainText(
                `Headline ${a} ${paragraphs[0]!.join(" ")}\n\n${paragraphs.map((words) => words.join(" ")).join("\n\n")}`,
                {
                  kind: "text",
                },
              ),
              "local",
              "t",
            ),
          );
          for (const draft of drafts) index.add(draft);
          for (const r of removals) index.remove(drafts[r % drafts.length]!.id);
          const snapshot = JSON.parse(JSON.stringify(index.snapshot()));
          const compact = KeywordIndex.fromSnapshot(snapshot)!;
          // MiniSearch's own round trip of the same index, as the previous snapshot format did it.
          const legacy = KeywordIndex.fromSnapshot({
            schema: snapshot.schema,
            articles: snapshot.articles,
            index: index.toJSON(),
          })!;
          const sorted = (json: ReturnType<MiniSearch["toJSON"]>) => ({
            ...json,
            index: [...json.index].sort((x, y) => (x[0] < y[0] ? -1 : 1)),
          });
          expect(sorted(compact.toJSON())).toEqual(sorted(legacy.toJSON()));
          const queries = [
            "minister budget",
            "vote",
            "U.S. Putin",
            "elan data",
            "reelection",
            ...extraQueries,
          ];
          for (const q of queries) {
            expect(compact.query(q, 20, { fuzzy: true })).toEqual(legacy.query(q, 20, { fuzzy: true }));
          }
          for (const stem of ["minist", "budget", "vote", "usa", "putin"]) {
            expect(compact.documentFrequency(stem)).toBe(legacy.documentFrequency(stem));
          }
          expect(compact.documentCount()).toBe(legacy.documentCount());
          // Both then take the same changes (postings built lazily must behave as built eagerly).
          const extra = drafts[0]!;
          for (const target of [compact, legacy]) {
            target.remove(extra.id);
            target.add(extra);
          }
          expect(sorted(compact.toJSON())).toEqual(sorted(legacy.toJSON()));
          expect(compact.query("minister vote", 20)).toEqual(legacy.query("minister vote", 20));
          // And a snapshot of a partly materialised index round-trips too.
          const again = KeywordIndex.fromSnapshot(JSON.parse(JSON.stringify(compact.snapshot())))!;
          expect(sorted(again.toJSON())).toEqual(sorted(compact.toJSON()));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("query() returns exactly what MiniSearch's own search returns (scores to the bit, order, ties, dirt)", () => {
    const vocabulary = [
      "minister",
      "ministers",
      "budget",
      "budgets",
      "delayed",
      "vote",
      "votes",
      "cynical",
      "harbour",
      "harbor",
      "U.S.",
      "Putin",
      "won't",
      "re-election",
      "élan",
      "data",
      "council",
      "councils",
      "storm",
      "stormy",
    ];
    const words = fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 10 });
    fc.assert(
      fc.property(
        fc.array(fc.array(words, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.array(
          fc.oneof(
            words.map((w) => w.join(" ")),
            fc.string({ maxLength: 30 }),
          ),
          { minLength: 1, maxLength: 6 },
        ),
        fc.integer({ min: 1, max: 40 }),
        (articles, removals, queries, limit) => {
          // Two identical indexes: MiniSearch's search cleans discarded postings as it goes.
          const [fast, reference] = [KeywordIndex.empty(), KeywordIndex.empty()];
          const drafts = articles.map((paragraphs, a) =>
            identifyArticle(
              parsePlainText(
                `Title ${a} ${paragraphs[0]!.join(" ")}\n\n${paragraphs.map((w) => w.join(" ")).join("\n\n")}`,
                { kind: "text" },
              ),
              "local",
              "t",
            ),
          );
          for (const index of [fast, reference]) {
            for (const draft of drafts) index.add(draft);
            for (const r of removals) index.remove(drafts[r % drafts.length]!.id);
          }
          for (const query of [
            ...queries,
            queries.join(" "),
            `${vocabulary.join(" ")} ${vocabulary.join(" ")}`,
          ]) {
            for (const fuzzy of [false, true]) {
              expect(fast.query(query, limit, { fuzzy })).toEqual(
                reference.queryWithMiniSearch(query, limit, { fuzzy }),
              );
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("refuses a damaged snapshot instead of loading part of it", () => {
    const index = KeywordIndex.empty();
    index.add(
      identifyArticle(
        parsePlainText("Title\n\nSome words here.\n\nMore words.", { kind: "text" }),
        "local",
        "t",
      ),
    );
    const snapshot = index.snapshot();
    const damaged = {
      ...snapshot,
      compact: { ...snapshot.compact!, postings: snapshot.compact!.postings.slice(0, -8) },
    };
    expect(KeywordIndex.fromSnapshot(damaged)).toBeUndefined();
    expect(KeywordIndex.fromSnapshot({ ...snapshot, schema: 999 })).toBeUndefined();
  });
});

it("keeps test data in temp folders", async () => {
  expect(path.isAbsolute(await tempDir())).toBe(true);
});

describe("segments keep vectra's format", () => {
  it("writes index.json byte for byte as vectra 0.12.3 does, and vectra reads and queries it", async () => {
    const { LocalIndex } = await import("vectra/lib/LocalIndex.js");
    const { vectraIndexJson } = await import("../../src/library/store/segment.ts");
    const { stored, vectors } = article(5);
    const folder = await tempDir();
    const index = new LocalIndex(folder);
    await index.createIndex({ version: 1 });
    await index.batchInsertItems(
      vectors.map((vector, i) => ({
        id: `${stored.article.id}:${i}`,
        vector: Array.from(vector, (value) => Math.round(value * 1e9) / 1e9),
        metadata: { articleId: stored.article.id, paragraph: stored.chunks[i]!.paragraph },
      })),
    );
    expect(vectraIndexJson(stored, vectors)).toBe(await fs.readFile(path.join(folder, "index.json"), "utf8"));
    const hits = await new LocalIndex(folder).queryItems(Array.from(vectors[1]!), "", 1);
    expect(hits[0]?.item.id).toBe(`${stored.article.id}:1`);
  });
});
