/**
 * The evaluation texts in ../shared (the dev articles, the BBC/VOA corpus, PolNeAR) are copyrighted
 * and for evaluation only: no fixture or comment in the repository may copy a run of ten words from
 * them. (The sample story is Byline's own bundled article and is exempt.) Skipped without ../shared.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "./helpers/temp.ts";

const SHARED = path.resolve(REPO_ROOT, "..", "shared");
const RUN = 10;

const words = (text: string) =>
  text
    .toLowerCase()
    .replace(/’/g, "'")
    .match(/[a-z0-9']+/g) ?? [];

function* files(dir: string, pattern: RegExp): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full, pattern);
    else if (pattern.test(entry.name)) yield full;
  }
}

function sharedRuns(): Set<string> {
  const runs = new Set<string>();
  const add = (text: string) => {
    const w = words(text);
    for (let i = 0; i + RUN <= w.length; i++) runs.add(w.slice(i, i + RUN).join(" "));
  };
  for (const file of files(path.join(SHARED, "eval", "dev", "articles"), /\.txt$/))
    add(readFileSync(file, "utf8"));
  for (const file of files(path.join(SHARED, "corpus"), /\.txt$/)) {
    if (!file.includes(`${path.sep}seed${path.sep}`)) add(readFileSync(file, "utf8"));
  }
  for (const split of ["dev.jsonl", "train.jsonl"]) {
    const file = path.join(SHARED, "eval", "polnear", split);
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, "utf8").split("\n")) {
      try {
        add((JSON.parse(line) as { text: string }).text);
      } catch {
        // upstream's malformed lines
      }
    }
  }
  return runs;
}

describe.skipIf(!existsSync(path.join(SHARED, "corpus")))("repository texts", () => {
  it("copy no run of ten words from the evaluation texts in ../shared", () => {
    const runs = sharedRuns();
    const copied: string[] = [];
    for (const root of ["src", "test", "scripts", "commands"]) {
      for (const file of files(path.join(REPO_ROOT, root), /\.(ts|py|md)$/)) {
        const w = words(readFileSync(file, "utf8"));
        for (let i = 0; i + RUN <= w.length; i++) {
          const run = w.slice(i, i + RUN).join(" ");
          if (runs.has(run)) {
            copied.push(`${path.relative(REPO_ROOT, file)}: ${run}`);
            i += RUN - 1;
          }
        }
      }
    }
    expect(copied).toEqual([]);
  }, 60_000);
});
