import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";
import { Library } from "../../src/library/library.ts";
import { readManifest } from "../../src/library/store/manifest.ts";
import { scopePaths } from "../../src/library/store/scope-store.ts";
import { verifyLibrary } from "../../src/library/store/verify.ts";
import { hashEmbedder } from "../helpers/hash-embedder.ts";
import { REPO_ROOT, tempDir } from "../helpers/temp.ts";

const CHILD = path.join(REPO_ROOT, "test", "reliability", "fixtures", "churn-child.ts");
const KILLS = 30;

interface Journal {
  /** Articles whose add completed and that were not removed afterwards. */
  expected: Set<string>;
  /** The story number being added when the kill came, if any. */
  addingStory?: number;
  /** The article being removed when the kill came, if any. */
  removing?: string;
  /** What the child was doing when it was killed (its last line). */
  last: string;
  events: number;
}

interface Child {
  process: ChildProcess;
  loaded: Promise<void>;
  ready: Promise<void>;
  /** Set when the child is put to work: its lines are then recorded in this journal. */
  journal?: Journal;
  /** Called with the number of steps ("adding", "added", …) reported since "ready". */
  onStep?: (count: number) => void;
}

/** Starts a child that loads and warms up, then waits for "go" (so it can start ahead of its turn). */
function startChild(): Child {
  const process_ = spawn(process.execPath, ["--import", "tsx", CHILD], {
    cwd: REPO_ROOT,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  process_.stderr!.on("data", (chunk) => {
    stderr += chunk;
  });
  const child: Child = { process: process_, loaded: Promise.resolve(), ready: Promise.resolve() };
  let onLoaded: () => void = () => {};
  let onReady: () => void = () => {};
  let fail: (error: Error) => void = () => {};
  child.loaded = new Promise<void>((resolve, reject) => {
    onLoaded = resolve;
    fail = reject;
  });
  child.ready = new Promise<void>((resolve, reject) => {
    onReady = resolve;
    const previous = fail;
    fail = (error) => {
      previous(error);
      reject(error);
    };
  });
  child.ready.catch(() => {});
  let steps = 0;
  createInterface({ input: process_.stdout! }).on("line", (line) => {
    const [what, value = ""] = line.split(" ");
    if (what === "loaded") onLoaded();
    const journal = child.journal;
    if (!journal) return;
    journal.events++;
    journal.last = line;
    if (what === "ready") onReady();
    else child.onStep?.(++steps);
    if (what === "adding") journal.addingStory = Number(value);
    if (what === "added") {
      journal.expected.add(value);
      journal.addingStory = undefined;
    }
    if (what === "removing") journal.removing = value;
    if (what === "removed") {
      journal.expected.delete(value);
      journal.removing = undefined;
    }
  });
  process_.once("exit", (code, signal) => {
    if (signal !== "SIGKILL") fail(new Error(`child exited early (${code}): ${stderr}`));
  });
  return child;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

/**
 * One writer's data directory, killed `kills` times; returns what it saw. Each round checks that the
 * library loads and verifies whole and holds exactly the completed adds (plus, possibly, the add in
 * flight), and no other article.
 */
async function churnLane(seed: number, kills: number) {
  const dataDir = await tempDir();
  const journal: Journal = { expected: new Set(), events: 0, last: "" };
  const lastLines: string[] = [];
  let fingerprint = "hash-v1";
  const random = () => {
    seed = (seed * 48271) % 2147483647;
    return seed / 2147483647;
  };
  let spare = startChild();
  try {
    for (let round = 0; round < kills; round++) {
      // Every fifth round starts with another "model", so the kill may land mid re-embedding.
      const modelChange = round % 5 === 4;
      if (modelChange) fingerprint = fingerprint === "hash-v1" ? "hash-v2" : "hash-v1";
      journal.addingStory = undefined;
      journal.removing = undefined;
      const child = spare;
      await child.loaded;
      spare = startChild(); // loads while this one works and is checked
      child.journal = journal;
      child.process.stdin!.write(`go ${dataDir} ${round * 1000} ${fingerprint}\n`);
      // The kill comes a random number of steps into the run, then a random few milliseconds into
      // the step: paced by the child's own progress, so a slow machine moves the kills, not their
      // spread. On a model change the first step ("adding") is where the library is re-embedded.
      const steps = modelChange ? 1 : 1 + Math.floor(random() * 8);
      const delay = random() * (modelChange ? 200 : 40);
      child.onStep = (count) => {
        if (count === steps) setTimeout(() => child.process.kill("SIGKILL"), delay);
      };
      await child.ready;
      await exited(child.process);
      lastLines.push(journal.last);

      const report = await verifyLibrary(dataDir);
      expect(report.scopes.flatMap((s) => s.problems)).toEqual([]);
      const manifest = await readManifest(scopePaths(dataDir, "local").manifest, "local");
      const present = new Set(manifest.articles.map((a) => a.id));
      for (const id of journal.expected) {
        if (id !== journal.removing)
          expect(present, `completed add ${id} lost in round ${round}`).toContain(id);
      }
      for (const entry of manifest.articles) {
        if (journal.expected.has(entry.id)) continue;
        // Only the add in flight may have landed without being reported.
        expect(entry.title, `unexpected article in round ${round}`).toBe(
          `Story number ${journal.addingStory}`,
        );
        journal.expected.add(entry.id);
      }
      if (journal.removing && !present.has(journal.removing)) journal.expected.delete(journal.removing);
    }
  } finally {
    await killed(spare.process);
  }
  return { dataDir, journal, lastLines, fingerprint };
}

describe("crash safety", () => {
  it(`GIVEN writers SIGKILLed at ${KILLS} random moments (adds, removes, model re-embedding) THEN the library always loads whole, holding exactly the completed adds`, async () => {
    // Two independent writers (two data directories) at once, so 30 process starts fit in the time.
    const lanes = await Promise.all([churnLane(20261127, KILLS / 2), churnLane(4242, KILLS / 2)]);
    const lastLines = lanes.flatMap((lane) => lane.lastLines);
    // The kills landed inside writes (an add or remove in flight), not between them.
    expect(lastLines.filter((line) => /^(adding|removing)/.test(line)).length).toBeGreaterThan(KILLS / 2);
    expect(lanes.reduce((sum, lane) => sum + lane.journal.events, 0)).toBeGreaterThan(KILLS * 4);

    // The survivor library still works as a library: it loads, answers, and accepts writes.
    const { dataDir, journal, fingerprint } = lanes[0]!;
    const library = await Library.open({
      dataDir,
      samples: false,
      loadEmbedder: async () => hashEmbedder(fingerprint),
    });
    const listed = await library.list("local");
    expect(new Set(listed.map((a) => a.articleId))).toEqual(journal.expected);
    expect((await library.ask("local", "story number reports event")).results.length).toBeGreaterThan(0);
    await library.add("local", {
      input: { kind: "text", text: "After the storm\n\nEverything still works." },
      addedBy: "test",
    });
    expect((await verifyLibrary(dataDir)).ok).toBe(true);
  }, 60_000);
});
