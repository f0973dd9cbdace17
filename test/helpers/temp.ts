import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach } from "vitest";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const SAMPLE_STORY = path.join(REPO_ROOT, "samples", "trump-congratulates-putin.txt");

const tempDirs: string[] = [];

/** A fresh temp folder, removed after the test. */
export async function tempDir(prefix = "byline-test-"): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

afterEach(async () => {
  await Promise.all(tempDirs.splice(0).map((dir) => fs.rm(dir, { recursive: true, force: true })));
});
