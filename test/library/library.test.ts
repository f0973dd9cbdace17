import { promises as fs } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { Library } from "../../src/library/library.ts";
import { verifyLibrary } from "../../src/library/store/verify.ts";
import { hashEmbedder } from "../helpers/hash-embedder.ts";
import { bundledEmbedder, openTestLibrary, SAMPLE_STORY, tempDir } from "../helpers/library.ts";
import { startServer } from "./ingest/loopback-server.ts";

const story = (title: string, ...paragraphs: string[]) => ({
  input: { kind: "text" as const, text: [title, ...paragraphs].join("\n\n") },
  addedBy: "tester",
});

describe("Library", () => {
  it("GIVEN a new data directory THEN it starts with the sample story, shared and read-only", async () => {
    const dataDir = await tempDir();
    const library = await Library.open({ dataDir, loadEmbedder: () => bundledEmbedder() });
    const articles = await library.list("local");
    expect(articles).toHaveLength(1);
    expect(articles[0]).toMatchObject({
      title: "Trump congratulates Putin on election win",
      paragraphs: 21,
      scope: "samples",
    });
    expect(await library.list("123456789012345678")).toHaveLength(1);
    await expect(library.remove("local", articles[0]!.articleId)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(library.remove("samples", articles[0]!.articleId)).rejects.toMatchObject({
      code: "READ_ONLY",
    });
    // A second open does not seed again.
    const again = await Library.open({ dataDir, loadEmbedder: () => bundledEmbedder() });
    expect(await again.list("local")).toHaveLength(1);
  });

  it("GIVEN the same body added again under another title THEN it is a duplicate of the first", async () => {
    const library = await openTestLibrary({ loadEmbedder: async () => hashEmbedder() });
    const body = "The council voted to close the bridge.\n\nRepairs start in May.";
    const first = await library.add("local", { ...story("Bridge to close", body), title: "One" });
    const second = await library.add("local", { ...story("Bridge to close", body), title: "Two" });
    expect(second).toMatchObject({ duplicate: true, articleId: first.articleId, title: "One" });
    expect(await library.list("local")).toHaveLength(1);
  });

  it("GIVEN a scope's own copy of the sample THEN list, ask and quotes show it once", async () => {
    const dataDir = await tempDir();
    await Library.open({ dataDir, loadEmbedder: () => bundledEmbedder() }); // seeds the samples
    const hidden = await Library.open({ dataDir, samples: false, loadEmbedder: () => bundledEmbedder() });
    await hidden.add("local", { input: { kind: "file", path: SAMPLE_STORY }, addedBy: "t" });
    const library = await Library.open({ dataDir, loadEmbedder: () => bundledEmbedder() });
    const listed = await library.list("local");
    expect(listed.map((a) => a.articleId)).toEqual([listed[0]!.articleId]);
    expect(listed[0]!.scope).toBe("local");
    const answer = await library.ask("local", "what did McCain say", { top: 5 });
    const cited = answer.results.map((r) => `${r.articleId}#${r.paragraph}`);
    expect(new Set(cited).size).toBe(cited.length);
    const quotes = await library.quotes("local", "McCain");
    const texts = quotes.quotes.map((q) => q.text);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it("GIVEN samples disabled THEN a new library is empty and stays unseeded", async () => {
    const dataDir = await tempDir();
    const library = await Library.open({ dataDir, samples: false, loadEmbedder: () => bundledEmbedder() });
    expect(await library.list("local")).toEqual([]);
    const later = await Library.open({ dataDir, loadEmbedder: () => bundledEmbedder() });
    expect(await later.list("local")).toEqual([]);
  });

  it("answers 'what did McCain say' with McCain's statement first, cited by ¶", async () => {
    const library = await openTestLibrary();
    await library.add("local", { input: { kind: "file", path: SAMPLE_STORY }, addedBy: "tester" });
    const result = await library.ask("local", "what did McCain say");
    expect(result.answered).toBe(true);
    expect(result.results[0]).toMatchObject({
      paragraph: 12,
      title: "Trump congratulates Putin on election win",
    });
    expect(result.results[0]!.text).toContain("An American president does not lead the Free World");
    expect(result.results[0]!.text).toContain(result.results[0]!.highlight);
  });

  it("reports a duplicate by text (whitespace, quotes and case aside) and by canonical URL, adding nothing", async () => {
    const library = await openTestLibrary();
    const first = await library.add(
      "local",
      story("Bridge closed", "The old bridge closed on Monday for repairs."),
    );
    const again = await library.add(
      "local",
      story("BRIDGE CLOSED", "The  old bridge closed on Monday   for repairs."),
    );
    expect(again).toMatchObject({ duplicate: true, duplicateOf: "text", articleId: first.articleId });
    expect(await library.list("local")).toHaveLength(1);
  });

  it("reports the same story fetched from a URL twice (tracking parameters aside) as a duplicate", async () => {
    const html = (body: string) =>
      `<html><head><title>Dam opens</title><link rel="canonical" href="/news/dam"></head><body><article><p>${body}</p></article></body></html>`;
    const server = await startServer({
      "/news/dam": (_req, res) =>
        res
          .writeHead(200, { "content-type": "text/html" })
          .end(html("The new dam opened on Friday after ten years of work on the river.")),
      "/amp/dam": (_req, res) =>
        res
          .writeHead(200, { "content-type": "text/html" })
          .end(html("The new dam opened on Friday after ten years of work, officials said.")),
    });
    try {
      const library = await openTestLibrary({ ingest: { fetch: { allowPrivate: true } } });
      const first = await library.add("local", {
        input: { kind: "url", url: server.url("/news/dam?utm_source=x") },
        addedBy: "t",
      });
      expect(first.duplicate).toBe(false);
      // Different text (an updated version), same canonical URL.
      const second = await library.add("local", {
        input: { kind: "url", url: server.url("/amp/dam") },
        addedBy: "t",
      });
      expect(second).toMatchObject({ duplicate: true, duplicateOf: "url", articleId: first.articleId });
      expect(await library.list("local")).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it("keeps scopes apart: a guild never sees another guild's or the console's articles", async () => {
    const library = await openTestLibrary();
    await library.add(
      "111111111111111111",
      story("Guild one story", "Only the first server added this paragraph about tulips."),
    );
    await library.add(
      "local",
      story("Console story", "Only the console added this paragraph about daffodils."),
    );
    expect((await library.list("111111111111111111")).map((a) => a.title)).toEqual(["Guild one story"]);
    expect((await library.list("222222222222222222")).map((a) => a.title)).toEqual([]);
    const answer = await library.ask("222222222222222222", "tulips");
    expect(answer.results).toEqual([]);
    expect(answer.answered).toBe(false);
  });

  it("removes by id or unique prefix, and says which ids exist when the id is unknown", async () => {
    const library = await openTestLibrary();
    const added = await library.add(
      "local",
      story("Harbour fire", "A fire broke out at the harbour overnight."),
    );
    const removed = await library.remove("local", added.articleId.slice(0, 6));
    expect(removed.id).toBe(added.articleId);
    await expect(library.remove("local", added.articleId)).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringContaining(added.articleId),
    });
  });

  it("keeps everything already stored when an input is bad", async () => {
    const library = await openTestLibrary();
    await library.add("local", story("Kept", "This article must survive bad input."));
    for (const text of ["", "   \n\n  ", "Headline only"]) {
      await expect(
        library.add("local", { input: { kind: "text", text }, addedBy: "t" }),
      ).rejects.toHaveProperty("code");
    }
    await expect(
      library.add("local", {
        input: { kind: "file", path: path.join(await tempDir(), "missing.txt") },
        addedBy: "t",
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await library.list("local")).map((a) => a.title)).toEqual(["Kept"]);
    expect((await verifyLibrary(library.dataDir)).ok).toBe(true);
  });

  it("queues 50 concurrent adds in one process: all stored, none twice, no update conflicts", async () => {
    const library = await openTestLibrary({ loadEmbedder: async () => hashEmbedder() });
    const adds = Array.from({ length: 50 }, (_, i) =>
      library.add(
        "local",
        story(`Story ${i}`, `Paragraph about event number ${i}.`, `A second paragraph for ${i}.`),
      ),
    );
    // The same story twice at once: exactly one is added.
    adds.push(
      library.add("local", story("Story 7", "Paragraph about event number 7.", "A second paragraph for 7.")),
    );
    const results = await Promise.all(adds);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(50);
    expect(results.filter((r) => r.duplicate)).toHaveLength(1);
    const listed = await library.list("local");
    expect(new Set(listed.map((a) => a.articleId)).size).toBe(50);
    expect((await verifyLibrary(library.dataDir)).ok).toBe(true);
  });

  describe("model changes", () => {
    it("GIVEN vectors from another model THEN they are re-embedded, never mixed, and the library stays whole", async () => {
      const dataDir = await tempDir();
      const v1 = await openTestLibrary({ dataDir, loadEmbedder: async () => hashEmbedder("model-one") });
      await v1.add("local", story("Wildfire spreads", "Firefighters battled a wildfire near the coast."));
      await v1.add("local", story("Council vote", "The council voted to close the library branch."));
      const progress: number[] = [];
      const v2 = await openTestLibrary({
        dataDir,
        loadEmbedder: async () => hashEmbedder("model-two"),
        onProgress: (e) => progress.push(e.done),
      });
      const result = await v2.ask("local", "wildfire coast");
      expect(result.results[0]?.title).toBe("Wildfire spreads");
      expect(progress).toEqual([1, 2]);
      const manifest = JSON.parse(
        await fs.readFile(path.join(dataDir, "scopes", "local", "manifest.json"), "utf8"),
      );
      expect(manifest.model.fingerprint).toBe("model-two");
      expect((await verifyLibrary(dataDir)).ok).toBe(true);
    });

    it("GIVEN articles stored by an older quote extractor THEN their quotes are extracted again, once, and saved", async () => {
      const dataDir = await tempDir();
      const manifest = async () =>
        JSON.parse(await fs.readFile(path.join(dataDir, "scopes", "local", "manifest.json"), "utf8"));
      const storedQuotes = async () => {
        const [entry] = (await manifest()).articles;
        const file = path.join(dataDir, "scopes", "local", "segments", entry.segment, "article.json");
        return JSON.parse(await fs.readFile(file, "utf8")).quotes;
      };
      // The same library code, but with the extractor version of an older release.
      vi.resetModules();
      vi.doMock("../../src/library/quotes/version.ts", () => ({ QUOTES_VERSION: 1 }));
      const older = await import("../helpers/library.ts");
      const v1 = await older.openTestLibrary({ dataDir, loadEmbedder: async () => hashEmbedder("m") });
      await v1.add("local", story("Port strike", `"We will not go back," union leader Ann Reyes said.`));
      expect((await storedQuotes()).version).toBe(1);
      vi.doUnmock("../../src/library/quotes/version.ts");
      vi.resetModules();
      const current = await import("../helpers/library.ts");
      const { QUOTES_VERSION } = await import("../../src/library/quotes/version.ts");
      const v2 = await current.openTestLibrary({ dataDir, loadEmbedder: async () => hashEmbedder("m") });
      const before = (await manifest()).generation;
      const result = await v2.quotes("local", "Ann Reyes");
      expect(result.quotes.map((q) => q.text)).toEqual(["We will not go back"]);
      expect((await storedQuotes()).version).toBe(QUOTES_VERSION);
      expect((await manifest()).generation).toBe(before + 1);
      await v2.quotes("local", "Ann Reyes");
      expect((await manifest()).generation).toBe(before + 1);
      expect((await verifyLibrary(dataDir)).ok).toBe(true);
    });

    it("GIVEN MODEL_CHANGE=refuse THEN asking fails with a message naming both models", async () => {
      const dataDir = await tempDir();
      const v1 = await openTestLibrary({ dataDir, loadEmbedder: async () => hashEmbedder("model-one") });
      await v1.add("local", story("Wildfire spreads", "Firefighters battled a wildfire near the coast."));
      const v2 = await openTestLibrary({
        dataDir,
        onModelChange: "refuse",
        loadEmbedder: async () => hashEmbedder("model-two", 16),
      });
      await expect(v2.ask("local", "wildfire")).rejects.toMatchObject({
        code: "MODEL_MISMATCH",
        message: expect.stringMatching(/hash-32.*hash-16/),
      });
    });
  });
});
