import type { ManifestEntry } from "../../src/library/store/manifest.ts";
import type { StoredArticle } from "../../src/library/store/segment.ts";

/** The manifest entry the library would write for a stored article (tests that drive ScopeStore directly). */
export function entryFor(stored: StoredArticle): Omit<ManifestEntry, "segment"> {
  const a = stored.article;
  return {
    id: a.id,
    title: a.title,
    paragraphs: a.paragraphs.length,
    chunks: stored.chunks.length,
    source: "pasted text",
    contentHash: a.contentHash,
    addedAt: a.addedAt,
    addedBy: a.addedBy,
  };
}
