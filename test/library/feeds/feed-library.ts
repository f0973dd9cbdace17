import { Library, type LibraryOptions } from "../../../src/library/library.ts";
import { hashEmbedder } from "../../helpers/hash-embedder.ts";

/**
 * A real library for the feed specs: the hash embedder (instant), no samples, loopback URLs allowed
 * (the specs' feed server), and the feed options a spec needs.
 */
export function openFeedLibrary(dataDir: string, feeds: LibraryOptions["feeds"] = {}): Promise<Library> {
  return Library.open({
    dataDir,
    samples: false,
    loadEmbedder: async () => hashEmbedder(),
    ingest: { fetch: { allowPrivate: true, timeoutMs: 5_000 } },
    feeds,
  });
}
