/**
 * A library holding one question set's articles, built once per (set, model, ingest code) and kept in
 * the OS temp folder, so that re-scoring after a ranking change does not re-embed every article.
 */
import { createHash } from "node:crypto";
import { existsSync, promises as fs, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openLibrary } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import { type Library, LOCAL_SCOPE } from "../../src/library/library.ts";
import { silentLogger } from "../../src/library/log.ts";
import type { QuestionSet } from "./sets.ts";

const CACHE = path.join(os.tmpdir(), "byline-eval-libraries");

/** Ingest and embedding code: a change there means the cached libraries are stale. */
function ingestCodeKey(): string {
  const hash = createHash("sha1");
  for (const dir of [
    "src/library/ingest",
    "src/library/embed",
    "src/library/articles",
    "src/library/quotes",
  ]) {
    for (const name of readdirSync(dir, { recursive: true }).map(String).sort()) {
      const file = path.join(dir, name);
      if (file.endsWith(".ts")) hash.update(file).update(readFileSync(file));
    }
  }
  return hash.digest("hex").slice(0, 10);
}

export async function openSetLibrary(set: QuestionSet, model?: string): Promise<Library> {
  const config = loadConfig();
  const modelId = model ?? config.EMBEDDING_MODEL;
  const dataDir = path.join(
    CACHE,
    `${set.name}-${set.articlesKey}-${modelId.replace(/\W+/g, "_")}-${ingestCodeKey()}`,
  );
  const ready = path.join(dataDir, ".complete");
  const fresh = !existsSync(ready);
  if (fresh) await fs.rm(dataDir, { recursive: true, force: true });
  const library = await openLibrary(config, silentLogger, { dataDir, samples: false, model: modelId });
  if (fresh) {
    for (const article of await set.articles()) {
      const input =
        "path" in article
          ? { kind: "file" as const, path: article.path }
          : { kind: "text" as const, text: article.text };
      await library.add(LOCAL_SCOPE, { input, addedBy: "eval" });
    }
    await fs.writeFile(ready, new Date().toISOString());
  }
  return library;
}
