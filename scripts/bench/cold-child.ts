/**
 * Cold start, measured from the inside. Mode "ask" (default): a fresh process opens a synthetic
 * library and answers one question end to end with Library.ask (the bundled MiniLM embeds it). Mode "store": a fresh process opens only the scope store and answers one dense
 * top-5 query and one keyword query (the store's share of a cold start, comparable with loading a
 * vectra index). Prints one JSON line with the time of each step since the process started and the
 * memory after the answer; the parent times the whole thing from spawn() to that line.
 *
 * argv: <dataDir> <question> [ask|store]
 */
const imported = performance.now();
const [dataDir, question = "what happened", mode = "ask"] = process.argv.slice(2);
if (!dataDir) throw new Error("usage: cold-child <dataDir> <question> [ask|store]");
let importMs: number;
let openMs: number;
let firstAskMs: number;
let modelMs = 0;
let results: number;
if (mode === "store") {
  const { ScopeStore } = await import("../../src/library/store/scope-store.ts");
  const { silentLogger } = await import("../../src/library/log.ts");
  const { Random, VectorSpace } = await import("./synthetic.ts");
  const libraryImported = performance.now();
  importMs = libraryImported - imported;
  const store = await ScopeStore.open(dataDir, "local", silentLogger);
  const opened = performance.now();
  openMs = opened - libraryImported;
  const query = new VectorSpace().query(new Random(1), 0);
  results = store.matrix.search(query, 5).length + store.keywords.query(question, 5).length;
  firstAskMs = performance.now() - opened;
} else {
  const { Library } = await import("../../src/library/library.ts");
  const { loadBundled, asSynthetic } = await import("./embedders.ts");
  const libraryImported = performance.now();
  importMs = libraryImported - imported;
  const library = await Library.open({
    dataDir,
    samples: false,
    loadEmbedder: async () => {
      const start = performance.now();
      const embedder = asSynthetic(await loadBundled());
      modelMs = performance.now() - start;
      return embedder;
    },
  });
  // As Library.ask does (searchContext): the model loads while the store is read.
  const model = library.embedder();
  await library.list("local");
  const opened = performance.now();
  openMs = opened - libraryImported;
  await model;
  const answer = await library.ask("local", question);
  results = answer.results.length;
  firstAskMs = performance.now() - opened;
}
const answered = performance.now();
const memory = process.memoryUsage();
(globalThis as { gc?: () => void }).gc?.();
const afterGc = process.memoryUsage();
process.stdout.write(
  `${JSON.stringify({
    startToImport: imported,
    importMs,
    openMs,
    firstAskMs,
    modelMs,
    answeredAt: answered,
    results,
    rss: memory.rss,
    rssAfterGc: afterGc.rss,
    heapUsed: afterGc.heapUsed,
    arrayBuffers: afterGc.arrayBuffers,
  })}\n`,
);
