/**
 * A damaged library still serves and can be repaired. Each case damages a real library on disk the
 * way a crash, a full disk or a stray edit would, then drives the facade the CLI, console and bot
 * share: the damaged article is left out with one warning naming it and the command to fix it,
 * everything else keeps working, `remove` still works on it, and `repair` sets aside what cannot be
 * read, rebuilds a damaged manifest from the intact segments, and loses nothing intact.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Library } from "../../src/library/library.ts";
import type { Logger } from "../../src/library/log.ts";
import { verifyLibrary } from "../../src/library/store/verify.ts";
import { hashEmbedder } from "../helpers/hash-embedder.ts";
import { recordingLogger } from "../helpers/recording-logger.ts";
import { tempDir } from "../helpers/temp.ts";

const open = (dataDir: string, logger?: Logger) =>
  Library.open({
    dataDir,
    samples: false,
    loadEmbedder: async () => hashEmbedder(),
    ...(logger ? { logger } : {}),
  });

const ARTICLES = 6;

/** A library of six stories, its caches deleted so segments are read from their folders. */
async function library(): Promise<{ dataDir: string; scope: string; ids: string[]; segments: string[] }> {
  const dataDir = await tempDir();
  const lib = await open(dataDir);
  const ids: string[] = [];
  for (let i = 1; i <= ARTICLES; i++) {
    const text = `Council story ${i}\n\n"The vote ${i} was close," said Mayor Ann Lee of the council.\n\nRoad number ${i} will reopen in May.`;
    ids.push((await lib.add("local", { input: { kind: "text", text }, addedBy: "t" })).articleId);
  }
  await lib.close();
  const scope = path.join(dataDir, "scopes", "local");
  await fs.rm(path.join(scope, "pack.bin"), { force: true });
  const manifest = JSON.parse(await fs.readFile(path.join(scope, "manifest.json"), "utf8"));
  const segments = ids.map((id) => manifest.articles.find((a: { id: string }) => a.id === id).segment);
  return { dataDir, scope, ids, segments };
}

describe("a damaged article", () => {
  it.each([
    ["its segment folder is missing", (dir: string) => fs.rm(dir, { recursive: true })],
    [
      "its article.json is truncated",
      (dir: string) => fs.writeFile(path.join(dir, "article.json"), '{"article":{"id"'),
    ],
    ["its vectors.bin is missing", (dir: string) => fs.rm(path.join(dir, "vectors.bin"))],
  ])(
    "GIVEN %s THEN it is left out with one warning, everything else works, and remove works on it",
    async (_, damage) => {
      const { dataDir, scope, ids, segments } = await library();
      await damage(path.join(scope, "segments", segments[2]!));
      const { logger, warnings } = recordingLogger();
      const lib = await open(dataDir, logger);
      expect(await lib.list("local")).toHaveLength(ARTICLES);
      const answer = await lib.ask("local", "when will the road reopen", { top: 10 });
      expect(answer.results.map((r) => r.articleId)).not.toContain(ids[2]);
      expect(answer.results.length).toBeGreaterThan(0);
      expect((await lib.quotes("local", "Ann Lee")).quotes).toHaveLength(ARTICLES - 1);
      const added = await lib.add("local", {
        input: { kind: "text", text: "Extra\n\nA new story." },
        addedBy: "t",
      });
      expect(added.duplicate).toBe(false);
      const damagedWarnings = warnings.map((w) => w.message).filter((w) => w.includes(ids[2]!));
      expect(damagedWarnings).toHaveLength(1);
      expect(damagedWarnings[0]).toMatch(/is damaged .* run "npm run cli -- repair"/);
      expect((await lib.remove("local", ids[2]!)).id).toBe(ids[2]);
      expect((await lib.list("local")).map((a) => a.articleId)).not.toContain(ids[2]);
      expect((await verifyLibrary(dataDir)).ok).toBe(true);
    },
  );

  it("GIVEN damaged articles THEN repair sets them aside, keeps every intact one, and verify passes", async () => {
    const { dataDir, scope, ids, segments } = await library();
    await fs.rm(path.join(scope, "segments", segments[1]!), { recursive: true });
    await fs.writeFile(path.join(scope, "segments", segments[4]!, "article.json"), "");
    expect((await verifyLibrary(dataDir)).ok).toBe(false);
    const lib = await open(dataDir);
    const result = await lib.repair();
    expect(result.scopes[0]).toMatchObject({ scope: "local", kept: ARTICLES - 2, manifestRebuilt: false });
    expect(result.scopes[0]!.quarantined.map((q) => q.articleId).sort()).toEqual([ids[1], ids[4]].sort());
    expect((await verifyLibrary(dataDir)).ok).toBe(true);
    const kept = (await lib.list("local")).map((a) => a.articleId);
    expect(kept.sort()).toEqual(ids.filter((_, i) => i !== 1 && i !== 4).sort());
    // Set aside, not deleted: the truncated one's folder is in quarantine/.
    expect(await fs.readdir(path.join(scope, "quarantine"))).toHaveLength(1);
    expect((await lib.repair()).scopes[0]!.quarantined).toEqual([]);
  });
});

describe("a damaged article the pack still holds", () => {
  it("GIVEN the pack is present THEN the article is served from it, and repair rewrites its segment from it", async () => {
    const dataDir = await tempDir();
    const lib = await open(dataDir);
    const ids: string[] = [];
    for (let i = 1; i <= 3; i++) {
      const text = `Harbour story ${i}\n\nThe ferry ${i} sails at dawn, said Captain Roe.`;
      ids.push((await lib.add("local", { input: { kind: "text", text }, addedBy: "t" })).articleId);
    }
    await lib.close();
    const scope = path.join(dataDir, "scopes", "local");
    const manifest = JSON.parse(await fs.readFile(path.join(scope, "manifest.json"), "utf8"));
    const segment = manifest.articles.find((a: { id: string }) => a.id === ids[1]).segment;
    await fs.writeFile(path.join(scope, "segments", segment, "article.json"), "{");
    const served = await open(dataDir);
    expect(
      (await served.ask("local", "when does ferry 2 sail", { top: 3 })).results.map((r) => r.articleId),
    ).toContain(ids[1]);
    expect((await verifyLibrary(dataDir)).ok).toBe(false);
    const result = await served.repair();
    expect(result.scopes[0]).toMatchObject({ kept: 3, quarantined: [] });
    expect(result.scopes[0]!.restored.map((r) => r.articleId)).toEqual([ids[1]]);
    expect((await verifyLibrary(dataDir)).ok).toBe(true);
    expect((await served.list("local")).map((a) => a.articleId).sort()).toEqual([...ids].sort());
  });
});

describe("a damaged manifest", () => {
  it.each([
    ["truncated", (text: string) => text.slice(0, 40)],
    ["garbage", () => "\u0000\u0001 not json"],
    ["empty", () => ""],
    ["an empty object", () => "{}"],
    ["articles: null", (text: string) => JSON.stringify({ ...JSON.parse(text), articles: null })],
  ])(
    "GIVEN it is %s THEN reads fail with a STORAGE error naming it and repair, and repair rebuilds it",
    async (_, damage) => {
      const { dataDir, scope, ids } = await library();
      const file = path.join(scope, "manifest.json");
      await fs.writeFile(file, damage(await fs.readFile(file, "utf8")));
      const lib = await open(dataDir);
      const error = await lib.list("local").catch((e) => e);
      expect(error).toMatchObject({ code: "STORAGE" });
      expect(error.message).toContain(file);
      expect(error.message).toMatch(/npm run cli -- repair/);
      expect(error.message).not.toMatch(/unsupported manifest format 1/);
      const result = await lib.repair();
      expect(result.scopes[0]).toMatchObject({ manifestRebuilt: true, kept: ARTICLES, quarantined: [] });
      expect((await lib.list("local")).map((a) => a.articleId).sort()).toEqual([...ids].sort());
      // The vectors' model is unknown after a rebuild: the first question re-embeds, then answers.
      expect((await lib.ask("local", "road reopen")).results.length).toBeGreaterThan(0);
      expect((await verifyLibrary(dataDir)).ok).toBe(true);
    },
  );

  it("GIVEN a damaged byline.json THEN the library opens as it is (no second seeding) and repair rewrites it", async () => {
    const { dataDir, ids } = await library();
    await fs.writeFile(path.join(dataDir, "byline.json"), "{oops");
    const { logger, warnings } = recordingLogger();
    const lib = await open(dataDir, logger);
    expect((await lib.list("local")).map((a) => a.articleId).sort()).toEqual([...ids].sort());
    expect(warnings.map((w) => w.message).join("\n")).toMatch(/byline\.json is damaged/);
    expect((await lib.repair()).markerRewritten).toBe(true);
    expect(JSON.parse(await fs.readFile(path.join(dataDir, "byline.json"), "utf8"))).toMatchObject({
      format: 1,
    });
  });
});
