import { promises as fs } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { identifyArticle } from "../../../src/library/articles/identify.ts";
import type { ModelInfo } from "../../../src/library/embed/embedder.ts";
import { parsePlainText } from "../../../src/library/ingest/structure.ts";
import { silentLogger } from "../../../src/library/log.ts";
import { ScopeStore } from "../../../src/library/store/scope-store.ts";
import type { StoredArticle } from "../../../src/library/store/segment.ts";
import { verifyLibrary } from "../../../src/library/store/verify.ts";
import { entryFor } from "../../helpers/manifest-entry.ts";
import { tempDir } from "../../helpers/temp.ts";

const model: ModelInfo = { id: "test", dimensions: 2, fingerprint: "f", label: "test", offline: true };

function article(title: string, ...paragraphs: string[]): { stored: StoredArticle; vectors: Float32Array[] } {
  const draft = parsePlainText(`${title}\n\n${paragraphs.join("\n\n")}`, { kind: "text" });
  const a = identifyArticle(draft, "local", "tester");
  const chunks = a.paragraphs.map((p) => ({ paragraph: p.n, start: 0, end: p.text.length }));
  const vectors = chunks.map((_, i) => {
    const angle = (i + title.length) / 3;
    return Float32Array.of(Math.cos(angle), Math.sin(angle));
  });
  return { stored: { article: a, quotes: { speakers: [], quotes: [] }, chunks }, vectors };
}

async function addTo(store: ScopeStore, item: ReturnType<typeof article>) {
  return store.add(entryFor(item.stored), item.stored, item.vectors, model);
}

describe("ScopeStore", () => {
  it("GIVEN an added article THEN a fresh open sees it with its vectors and keywords", async () => {
    const dataDir = await tempDir();
    const store = await ScopeStore.open(dataDir, "local", silentLogger);
    const item = article(
      "Budget vote delayed",
      "The finance minister delayed the budget vote.",
      "Critics said the delay was cynical.",
    );
    await addTo(store, item);

    const reopened = await ScopeStore.open(dataDir, "local", silentLogger);
    expect([...reopened.articles.keys()]).toEqual([item.stored.article.id]);
    expect(reopened.matrix.rows).toBe(2);
    expect(reopened.keywords.query("cynical delay", 5)[0]).toMatchObject({
      articleId: item.stored.article.id,
      paragraph: 2,
    });
    expect((await verifyLibrary(dataDir)).ok).toBe(true);
  });

  it("GIVEN a removed article THEN neither this process nor a fresh open finds it, and others stay", async () => {
    const dataDir = await tempDir();
    const store = await ScopeStore.open(dataDir, "local", silentLogger);
    const keep = article("Floods in the north", "Rivers burst their banks after a week of rain.");
    const drop = article("Election called", "The prime minister called a snap election.");
    await addTo(store, keep);
    await addTo(store, drop);
    await store.remove(drop.stored.article.id);

    for (const view of [store, await ScopeStore.open(dataDir, "local", silentLogger)]) {
      expect([...view.articles.keys()]).toEqual([keep.stored.article.id]);
      expect(view.keywords.query("snap election", 5)).toEqual([]);
      expect(view.matrix.rows).toBe(1);
    }
    expect(await fs.readdir(store.paths.segments)).toHaveLength(1);
  });

  it("GIVEN a second process (another store on the same folder) THEN refresh picks up its changes", async () => {
    const dataDir = await tempDir();
    const writer = await ScopeStore.open(dataDir, "local", silentLogger);
    const reader = await ScopeStore.open(dataDir, "local", silentLogger);
    const item = article("Strike ends", "Rail workers accepted the pay offer on Friday.");
    await addTo(writer, item);
    expect(reader.articles.size).toBe(0);
    await reader.refresh();
    expect(reader.articles.has(item.stored.article.id)).toBe(true);
    await writer.remove(item.stored.article.id);
    await reader.refresh();
    expect(reader.articles.size).toBe(0);
  });

  it("GIVEN debris from an interrupted write THEN it is ignored at load and collected at the next write", async () => {
    const dataDir = await tempDir();
    const store = await ScopeStore.open(dataDir, "local", silentLogger);
    const item = article("Port reopens", "Ships returned to the harbour at dawn.");
    await addTo(store, item);
    await fs.mkdir(path.join(store.paths.segments, "deadbeef.0000"), { recursive: true });
    await fs.mkdir(path.join(store.paths.staging, "half-written"), { recursive: true });
    await fs.writeFile(`${store.paths.manifest}.123.abcd.tmp`, "{");

    const reopened = await ScopeStore.open(dataDir, "local", silentLogger);
    expect(reopened.articles.size).toBe(1);
    const report = await verifyLibrary(dataDir);
    expect(report.ok).toBe(true);
    expect(report.scopes[0]!.notes.join()).toMatch(/unlisted segment/);

    await addTo(reopened, article("Second story", "Another paragraph entirely."));
    expect((await fs.readdir(store.paths.segments)).sort()).toHaveLength(2);
    expect(await fs.readdir(store.paths.staging).catch(() => [])).toEqual([]);
  });

  it("GIVEN another live process's cache temp file THEN garbage collection leaves it; a dead writer's goes", async () => {
    const dataDir = await tempDir();
    const store = await ScopeStore.open(dataDir, "local", silentLogger);
    await addTo(store, article("Port reopens", "Ships returned to the harbour at dawn."));
    // Caches are saved outside the write lock, named <file>.<pid>.<random>.tmp by their writer.
    const live = `${store.paths.keywords}.${process.ppid}.beef.tmp`;
    const dead = `${store.paths.keywords}.4194999.dead.tmp`; // above Linux's pid_max: no such process
    await fs.writeFile(live, "{");
    await fs.writeFile(dead, "{");
    await store.collectGarbage();
    const left = await fs.readdir(store.paths.root);
    expect(left).toContain(path.basename(live));
    expect(left).not.toContain(path.basename(dead));
  });

  it("GIVEN a keyword snapshot that is behind the manifest THEN loading reconciles it", async () => {
    const dataDir = await tempDir();
    const store = await ScopeStore.open(dataDir, "local", silentLogger);
    const first = article("Museum robbed", "Thieves took three paintings overnight.");
    await addTo(store, first);
    const stale = await fs.readFile(store.paths.keywords, "utf8");
    const second = article("Museum reopens", "Visitors queued for the reopened galleries.");
    await addTo(store, second);
    await store.remove(first.stored.article.id);
    await fs.writeFile(store.paths.keywords, stale); // as if the process died before re-saving it

    const reopened = await ScopeStore.open(dataDir, "local", silentLogger);
    expect(reopened.keywords.query("paintings thieves", 5)).toEqual([]);
    expect(reopened.keywords.query("visitors galleries", 5)[0]?.articleId).toBe(second.stored.article.id);
  });

  it("GIVEN a corrupt keyword snapshot THEN it is rebuilt from the segments", async () => {
    const dataDir = await tempDir();
    const store = await ScopeStore.open(dataDir, "local", silentLogger);
    const item = article("Zoo birth", "A rare panda cub was born at the zoo.");
    await addTo(store, item);
    await fs.writeFile(store.paths.keywords, "{ not json");
    const reopened = await ScopeStore.open(dataDir, "local", silentLogger);
    expect(reopened.keywords.query("panda cub", 5)[0]?.articleId).toBe(item.stored.article.id);
  });

  it("GIVEN the disk is full while writing THEN the add fails with a STORAGE error and nothing changes", async () => {
    const dataDir = await tempDir();
    const store = await ScopeStore.open(dataDir, "local", silentLogger);
    const kept = article("Kept story", "This one was stored before the disk filled.");
    await addTo(store, kept);
    const before = await fs.readFile(store.paths.manifest, "utf8");
    const original = fs.open;
    const full = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    (fs as { open: typeof fs.open }).open = (async (...args: Parameters<typeof fs.open>) => {
      if (String(args[0]).includes("manifest.json")) throw full;
      return original(...args);
    }) as typeof fs.open;
    try {
      await expect(addTo(store, article("Lost story", "This one never fits."))).rejects.toMatchObject({
        code: "STORAGE",
        message: expect.stringMatching(/disk is full/),
      });
    } finally {
      (fs as { open: typeof fs.open }).open = original;
    }
    expect(await fs.readFile(store.paths.manifest, "utf8")).toBe(before);
    const reopened = await ScopeStore.open(dataDir, "local", silentLogger);
    expect([...reopened.articles.keys()]).toEqual([kept.stored.article.id]);
    expect((await verifyLibrary(dataDir)).ok).toBe(true);
  });
});
