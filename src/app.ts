import path from "node:path";
import type { Config } from "./config.ts";
import { resolveEmbedder } from "./library/embed/resolve-embedder.ts";
import type { DownloadProgress } from "./library/embed/transformers-embedder.ts";
import { Library, type ProgressEvent } from "./library/library.ts";
import type { Logger } from "./library/log.ts";
import { loadCrossEncoder } from "./library/search/reranker.ts";

export interface OpenLibraryOverrides {
  dataDir?: string;
  samples?: boolean;
  model?: string;
  onDownload?: (progress: DownloadProgress) => void;
  onProgress?: (event: ProgressEvent) => void;
}

/** The one place that turns configuration into a Library; the CLI, the console and the bot share it. */
export function openLibrary(
  config: Config,
  logger: Logger,
  overrides: OpenLibraryOverrides = {},
): Promise<Library> {
  const dataDir = path.resolve(overrides.dataDir ?? config.DATA_DIR);
  return Library.open({
    dataDir,
    samples: overrides.samples ?? config.SAMPLE_ARTICLES,
    onModelChange: config.MODEL_CHANGE,
    logger,
    ingest: {
      fetch: { timeoutMs: config.FETCH_TIMEOUT_MS, allowPrivate: config.ALLOW_PRIVATE_URLS },
      maxFileBytes: config.MAX_ARTICLE_BYTES,
    },
    onProgress: overrides.onProgress,
    feeds: {
      defaultIntervalMinutes: config.FEED_POLL_MINUTES,
      backfill: config.FEED_BACKFILL,
      maxFeedBytes: config.FEED_MAX_BYTES,
      maxArticles: config.GUILD_MAX_ARTICLES,
      addsPerHour: config.GUILD_ADDS_PER_HOUR,
    },
    ...(config.RERANKER === "off"
      ? {}
      : {
          loadReranker: () =>
            loadCrossEncoder({ model: config.RERANKER, cacheDir: path.join(dataDir, "models") }),
        }),
    loadEmbedder: () =>
      resolveEmbedder({
        model: overrides.model ?? config.EMBEDDING_MODEL,
        cacheDir: path.join(dataDir, "models"),
        logger,
        onProgress: overrides.onDownload,
      }),
  });
}
