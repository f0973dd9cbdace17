import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, onTestFinished } from "vitest";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const SAMPLE_STORY = path.join(REPO_ROOT, "samples", "trump-congratulates-putin.txt");

const suiteDirs: string[] = [];

/** A fresh temp folder, removed after the test that made it (or after the file, from beforeAll). */
export async function tempDir(prefix = "byline-test-"): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  const remove = () => fs.rm(dir, { recursive: true, force: true });
  try {
    onTestFinished(remove);
  } catch {
    suiteDirs.push(dir); // not inside a test: made by beforeAll
  }
  return dir;
}

afterAll(async () => {
  await Promise.all(suiteDirs.splice(0).map((dir) => fs.rm(dir, { recursive: true, force: true })));
});
