/**
 * Two processes on one data directory (the bot and a CLI, say): a second process adds articles while
 * this one adds and answers questions. Nothing is lost, nothing is stored twice (the stories both add
 * at once are stored once: the later add reports a duplicate), no write fails with a conflict ("Update
 * already in progress" or otherwise), every answer comes from a whole article, and the library
 * verifies clean and reads the same from a fresh process. (50 concurrent adds within one process are
 * in test/library/library.test.ts.)
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";
import { Library } from "../../src/library/library.ts";
import { verifyLibrary } from "../../src/library/store/verify.ts";
import { hashEmbedder } from "../helpers/hash-embedder.ts";
import { REPO_ROOT, tempDir } from "../helpers/temp.ts";
import { sharedStory, story } from "./fixtures/stories.ts";

const CHILD = path.join(REPO_ROOT, "test", "reliability", "fixtures", "adder-child.ts");
const OWN = 30;
const SHARED = 10;

interface AddLine {
  title?: string;
  articleId?: string;
  duplicate?: boolean;
  error?: string;
}

describe("two processes on one library", () => {
  it(`GIVEN a second process adding ${OWN + SHARED} articles while this one adds ${OWN + SHARED} and asks THEN nothing is lost, nothing is doubled, nothing conflicts`, async () => {
    const dataDir = await tempDir();
    const library = await Library.open({ dataDir, samples: false, loadEmbedder: async () => hashEmbedder() });
    await library.add("local", { input: { kind: "text", text: story(-1) }, addedBy: "parent" });

    const child = spawn(
      process.execPath,
      ["--import", "tsx", CHILD, dataDir, "1000", String(OWN), String(SHARED)],
      {
        cwd: REPO_ROOT,
        stdio: ["pipe", "pipe", "pipe"],
      },
    );
    let stderr = "";
    child.stderr!.on("data", (chunk) => {
      stderr += chunk;
    });
    const childLines: AddLine[] = [];
    let onReady: () => void = () => {};
    const ready = new Promise<void>((resolve) => {
      onReady = resolve;
    });
    const done = new Promise<void>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on("line", (line) => {
        if (line === "ready") onReady();
        else if (line === "done") resolve();
        else childLines.push(JSON.parse(line) as AddLine);
      });
      child.once("exit", (code) => {
        if (code !== 0) reject(new Error(`child failed (${code}): ${stderr}`));
      });
    });
    await ready;
    child.stdin!.write("go\n");

    // This process: its own stories and the shared ones, all at once, while asking in a loop.
    const texts = [
      ...Array.from({ length: OWN }, (_, i) => story(2000 + i)),
      ...Array.from({ length: SHARED }, (_, i) => sharedStory(i)),
    ];
    let childDone = false;
    void done.then(() => {
      childDone = true;
    });
    const answers: { articleId: string; paragraph: number; text: string }[] = [];
    const asking = (async () => {
      let asked = 0;
      while (!childDone || asked < 5) {
        const result = await library.ask("local", `what did the harbour council report on day ${asked % 31}`);
        for (const hit of result.results) answers.push(hit);
        asked++;
      }
      return asked;
    })();
    const ours = await Promise.all(
      texts.map((text) => library.add("local", { input: { kind: "text", text }, addedBy: "parent" })),
    );
    await done;
    const asked = await asking;

    // No failures of any kind, on either side.
    expect(childLines.filter((line) => line.error)).toEqual([]);
    expect(stderr).not.toMatch(/Update already in progress/);
    expect(childLines).toHaveLength(OWN + SHARED);
    expect(asked).toBeGreaterThan(5);

    // Every story once; each shared story added by exactly one side, the other told "duplicate".
    const listed = await library.list("local");
    const titles = listed.map((a) => a.title).sort();
    const expected = [
      "Story -1",
      ...Array.from({ length: OWN }, (_, i) => `Story ${1000 + i}`),
      ...Array.from({ length: OWN }, (_, i) => `Story ${2000 + i}`),
      ...Array.from({ length: SHARED }, (_, i) => `Shared story ${i}`),
    ].sort();
    expect(titles).toEqual(expected);
    expect(new Set(listed.map((a) => a.articleId)).size).toBe(listed.length);
    for (let i = 0; i < SHARED; i++) {
      const title = `Shared story ${i}`;
      const adds = [...ours.filter((r) => r.title === title), ...childLines.filter((r) => r.title === title)];
      expect(adds.map((r) => r.duplicate).sort(), title).toEqual([false, true]);
      expect(new Set(adds.map((r) => r.articleId)).size, title).toBe(1);
    }

    // Every answer given during the churn came from an article that is whole.
    for (const answer of answers) {
      const article = await library.get("local", answer.articleId);
      expect(article.paragraphs[answer.paragraph - 1]?.text).toBe(answer.text);
    }
    expect((await verifyLibrary(dataDir)).ok).toBe(true);
    const fresh = await Library.open({ dataDir, samples: false, loadEmbedder: async () => hashEmbedder() });
    expect((await fresh.list("local")).map((a) => a.title).sort()).toEqual(expected);
  }, 60_000);
});
