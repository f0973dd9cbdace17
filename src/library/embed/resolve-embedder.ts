import type { Logger } from "../log.ts";
import type { Embedder } from "./embedder.ts";
import {
  DEFAULT_MODEL_ID,
  type DownloadProgress,
  isBundledModel,
  loadTransformersEmbedder,
} from "./transformers-embedder.ts";

export { DEFAULT_MODEL_ID };

export interface ResolveEmbedderOptions {
  /** EMBEDDING_MODEL: a model folder under `models/` (default {@link DEFAULT_MODEL_ID}) or a Hugging Face id. */
  model?: string;
  /** Download cache, under the data directory. */
  cacheDir: string;
  logger: Logger;
  /** Called while a model downloads (the CLI draws a progress bar on a TTY). */
  onProgress?: (progress: DownloadProgress) => void;
}

/**
 * The configured model: a bundled one straight from `models/`, a hub one when it can be loaded
 * (cached or downloadable), else the bundled default with one clear log line saying why. Nothing else
 * in the app decides which model runs.
 */
export async function resolveEmbedder(options: ResolveEmbedderOptions): Promise<Embedder> {
  const model = options.model?.trim() || DEFAULT_MODEL_ID;
  if (isBundledModel(model)) return loadTransformersEmbedder({ model, cacheDir: options.cacheDir });
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
      `Embedding model ${model} is unavailable (${reason}); using the bundled ${DEFAULT_MODEL_ID} instead.`,
    );
  }
  return loadTransformersEmbedder({ model: DEFAULT_MODEL_ID, cacheDir: options.cacheDir });
}
