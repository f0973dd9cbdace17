/**
 * Cold start, measured from the inside: a fresh process opens a synthetic library and answers one
 * question end to end (the bundled model, projected to 384-d, embeds it). Prints one JSON line with
 * the time of each step since the process started, and the memory after the answer. The parent times
 * the whole thing from spawn() to that line.
 *
 * argv: <dataDir> <question>
 */
const imported = performance.now();
const { Library } = await import("../../src/library/library.ts");
const { loadBundled, projectedEmbedder } = await import("./embedders.ts");
const libraryImported = performance.now();
const [dataDir, question = "what happened"] = process.argv.slice(2);
if (!dataDir) throw new Error("usage: cold-child <dataDir> <question>");
let modelMs = 0;
const library = await Library.open({
  dataDir,
  samples: false,
  loadEmbedder: async () => {
    const start = performance.now();
    const embedder = projectedEmbedder(await loadBundled());
    modelMs = performance.now() - start;
    return embedder;
  },
});
const opened = performance.now();
const answer = await library.ask("local", question);
const answered = performance.now();
const memory = process.memoryUsage();
(globalThis as { gc?: () => void }).gc?.();
const afterGc = process.memoryUsage();
process.stdout.write(
  `${JSON.stringify({
    startToImport: imported,
    importMs: libraryImported - imported,
    openMs: opened - libraryImported,
    firstAskMs: answered - opened,
    modelMs,
    answeredAt: answered,
    results: answer.results.length,
    rss: memory.rss,
    rssAfterGc: afterGc.rss,
    heapUsed: afterGc.heapUsed,
    arrayBuffers: afterGc.arrayBuffers,
  })}\n`,
);
