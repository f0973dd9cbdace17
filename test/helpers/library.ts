import os from "node:os";
import path from "node:path";
import type { Embedder } from "../../src/library/embed/embedder.ts";
import { DEFAULT_MODEL_ID, loadTransformersEmbedder } from "../../src/library/embed/transformers-embedder.ts";
import { Library, type LibraryOptions } from "../../src/library/library.ts";
import { tempDir } from "./temp.ts";

export { REPO_ROOT, SAMPLE_STORY, tempDir } from "./temp.ts";

const embedders = new Map<string, Promise<Embedder>>();

/** The real bundled model through transformers.js (quantized by default), loaded once per worker. */
export function bundledEmbedder(quantized = true): Promise<Embedder> {
  const key = String(quantized);
  let embedder = embedders.get(key);
  if (!embedder) {
    embedder = loadTransformersEmbedder({
      model: DEFAULT_MODEL_ID,
      cacheDir: path.join(os.tmpdir(), "byline-test-models"),
      quantized,
    });
    embedders.set(key, embedder);
  }
  return embedder;
}

/** A library on a temp data directory with the bundled model; samples off unless asked for. */
export async function openTestLibrary(options: Partial<LibraryOptions> = {}): Promise<Library> {
  return Library.open({
    dataDir: options.dataDir ?? (await tempDir()),
    samples: false,
    loadEmbedder: () => bundledEmbedder(),
    ...options,
  });
}
