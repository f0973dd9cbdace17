import { promises as fs } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cli, jsonLines } from "../helpers/cli.ts";
import { SAMPLE_STORY, tempDir } from "../helpers/temp.ts";

describe("CLI contract", () => {
  it("add → list → ask → quotes → remove, with --json holding only JSON on stdout", async () => {
    const data = await tempDir();
    const added = await cli(["--data", data, "--no-samples", "add", SAMPLE_STORY, "--json"], { npm: true });
    expect(added.status, added.stderr).toBe(0);
    const [addLine] = jsonLines(added.stdout);
    expect(Object.keys(addLine).sort()).toEqual(["articleId", "duplicate", "paragraphs", "title"]);
    expect(addLine).toMatchObject({
      title: "Trump congratulates Putin on election win",
      paragraphs: 21,
      duplicate: false,
    });

    const again = await cli(["--data", data, "add", SAMPLE_STORY, "--json"]);
    expect(jsonLines(again.stdout)[0]).toMatchObject({ articleId: addLine.articleId, duplicate: true });

    const listed = jsonLines((await cli(["--data", data, "list", "--json"])).stdout)[0];
    expect(listed.articles).toHaveLength(1);
    expect(Object.keys(listed.articles[0]).sort()).toEqual([
      "addedAt",
      "articleId",
      "paragraphs",
      "source",
      "title",
    ]);

    const asked = await cli(["--data", data, "ask", "what did McCain say", "--json"]);
    expect(asked.status, asked.stderr).toBe(0);
    const answer = jsonLines(asked.stdout)[0];
    expect(Object.keys(answer)).toEqual(expect.arrayContaining(["question", "answered", "results"]));
    expect(answer.answered).toBe(true);
    expect(Object.keys(answer.results[0]).sort()).toEqual([
      "articleId",
      "highlight",
      "paragraph",
      "score",
      "text",
      "title",
    ]);
    expect(answer.results[0].text).toContain("An American president does not lead the Free World");
    expect(answer.results[0].paragraph).toBe(12);

    const quotes = jsonLines((await cli(["--data", data, "quotes", "McCain", "--json"])).stdout)[0];
    expect(quotes).toMatchObject({ speaker: "McCain" });
    expect(Array.isArray(quotes.matched) && Array.isArray(quotes.quotes)).toBe(true);
    for (const quote of quotes.quotes) {
      expect(Object.keys(quote)).toEqual(
        expect.arrayContaining(["articleId", "title", "paragraph", "text", "type", "speaker", "cue"]),
      );
      expect(["direct", "partial", "reported"]).toContain(quote.type);
    }
    const all = jsonLines((await cli(["--data", data, "quotes", "--all", "--json"])).stdout)[0];
    expect(Array.isArray(all.quotes)).toBe(true);

    const removed = await cli(["--data", data, "remove", addLine.articleId, "--json"]);
    expect(removed.status, removed.stderr).toBe(0);
    expect(jsonLines(removed.stdout)[0]).toMatchObject({ articleId: addLine.articleId, removed: true });
    expect(jsonLines((await cli(["--data", data, "list", "--json"])).stdout)[0].articles).toEqual([]);
  }, 120_000);

  it("answers one question per stdin line with `ask -`, loading the model once", async () => {
    const data = await tempDir();
    await cli(["--data", data, "--no-samples", "add", SAMPLE_STORY, "--json"]);
    const run = await cli(["--data", data, "ask", "-", "--json", "--top", "2"], {
      stdin: "what did McCain say\n\nSkripal\nwho is Peskov\n",
    });
    expect(run.status, run.stderr).toBe(0);
    const answers = jsonLines(run.stdout);
    expect(answers.map((a) => a.question)).toEqual(["what did McCain say", "Skripal", "who is Peskov"]);
    for (const a of answers) expect(a.results.length).toBeLessThanOrEqual(2);
  }, 60_000);

  it("adds several inputs in order, reports a bad one on stderr with exit 2, and keeps the good ones", async () => {
    const dir = await tempDir();
    const data = path.join(dir, "data");
    const good = path.join(dir, "good.md");
    await fs.writeFile(
      good,
      "# Storm hits coast\n\nA storm hit the coast on Monday, cutting power to thousands.\n",
    );
    const empty = path.join(dir, "empty.txt");
    await fs.writeFile(empty, "   \n");
    const run = await cli([
      "--data",
      data,
      "--no-samples",
      "add",
      good,
      empty,
      path.join(dir, "missing.txt"),
      "--json",
    ]);
    expect(run.status).toBe(2);
    expect(jsonLines(run.stdout)).toEqual([
      expect.objectContaining({ title: "Storm hits coast", duplicate: false }),
    ]);
    expect(run.stderr).toMatch(/empty\.txt/);
    expect(run.stderr).toMatch(/missing\.txt/);
  }, 60_000);

  it("exits 2 with a message on stderr for bad usage, and nothing on stdout", async () => {
    const data = await tempDir();
    for (const args of [
      ["frobnicate"],
      ["ask"],
      ["ask", "x", "--top", "0"],
      ...["0x10", "1e1", "0b11", "2.0"].map((top) => ["ask", "x", "--top", top]),
      ["quotes", ""],
      ["quotes", " \u200b "],
      ["quotes", "Putin", "--all"],
      ["remove"],
      ["--bogus"],
    ]) {
      const run = await cli(["--data", data, "--no-samples", ...args, "--json"]);
      expect(run.status, args.join(" ")).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr.length).toBeGreaterThan(0);
    }
    const missing = await cli(["--data", data, "--no-samples", "remove", "nope", "--json"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/No article with id "nope"/);
  }, 60_000);

  it("reads a speaker's name with a zero-width character pasted inside it as the name", async () => {
    const data = await tempDir();
    const run = await cli(["--data", data, "quotes", "Put\u200bin", "--json"]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).matched).toContain("Vladimir Putin");
  }, 60_000);

  it("never echoes credentials from a URL, and keeps the message short for a huge one", async () => {
    const data = await tempDir();
    const secret = await cli([
      "--data",
      data,
      "--no-samples",
      "add",
      "http://reader:hunter2@127.0.0.1/story",
    ]);
    expect(secret.status).toBe(2);
    expect(secret.stderr).toMatch(/user name or password/);
    expect(secret.stderr).not.toMatch(/hunter2|reader|%E2%80%A6/);
    expect(secret.stderr).toContain("http://…@127.0.0.1/story");
    const huge = await cli(["--data", data, "--no-samples", "add", `http://${"a".repeat(100_000)}.com/x`]);
    expect(huge.status).toBe(2);
    expect(huge.stderr.length).toBeLessThan(1_000);
  }, 60_000);

  it("verify reports a healthy library as OK", async () => {
    const data = await tempDir();
    await cli(["--data", data, "add", SAMPLE_STORY, "--json"]);
    const run = await cli(["--data", data, "verify", "--json"]);
    expect(run.status, run.stderr).toBe(0);
    expect(jsonLines(run.stdout)[0]).toMatchObject({ ok: true });
  }, 60_000);
});
