import type { Logger } from "../log.ts";
import type { Embedder } from "./embedder.ts";
import {
  BUNDLED_MODEL_ID,
  type DownloadProgress,
  loadTransformersEmbedder,
} from "./transformers-embedder.ts";

/** The model Byline uses when it can: small, fast on CPU, good at sentence similarity. */
export const DEFAULT_MODEL_ID = "Xenova/all-MiniLM-L6-v2";

export interface ResolveEmbedderOptions {
  /** EMBEDDING_MODEL: a Hugging Face id (default {@link DEFAULT_MODEL_ID}) or "bundled". */
  model?: string;
  /** Download cache, under the data directory. */
  cacheDir: string;
  logger: Logger;
  /** Called while a model downloads (the CLI draws a progress bar on a TTY). */
  onProgress?: (progress: DownloadProgress) => void;
}

/**
 * The configured model when it can be loaded (cached or downloadable), else the bundled offline model,
 * with one clear log line saying why. Nothing else in the app decides which model runs.
 */
export async function resolveEmbedder(options: ResolveEmbedderOptions): Promise<Embedder> {
  const model = options.model?.trim() || DEFAULT_MODEL_ID;
  if (model !== BUNDLED_MODEL_ID) {
    try {
      return await loadTransformersEmbedder({
        model,
        cacheDir: options.cacheDir,
        onProgress: options.onProgress,
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
      options.logger.warn(
        { model, reason },
        `Embedding model ${model} is unavailable (${reason}); using the bundled offline model instead.`,
      );
    }
  }
  return loadTransformersEmbedder({ model: BUNDLED_MODEL_ID, cacheDir: options.cacheDir });
}
