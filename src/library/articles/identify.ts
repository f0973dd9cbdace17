import { createHash } from "node:crypto";
import { normalizeForComparison } from "../ingest/clean.ts";
import type { Article, ArticleDraft } from "../types.ts";

/**
 * Gives a draft its identity. The id is derived from the normalised text (headline and paragraphs),
 * so the same story gets the same id wherever and whenever it is added, and re-adding it is detected
 * as a duplicate even with different whitespace, quote marks or case.
 */
export function identifyArticle(
  draft: ArticleDraft,
  scope: string,
  addedBy: string,
  now = new Date(),
): Article {
  const contentHash = contentHashOf(draft);
  return { ...draft, id: contentHash.slice(0, 12), scope, contentHash, addedBy, addedAt: now.toISOString() };
}

/**
 * The body alone (paragraphs, normalised): the same story added twice under two headlines is the same
 * article, so duplicates are found by this, whatever `--title` says.
 */
export function bodyHashOf(draft: Pick<ArticleDraft, "paragraphs">): string {
  const hash = createHash("sha256");
  for (const paragraph of draft.paragraphs) hash.update(`\n${normalizeForComparison(paragraph.text)}`);
  return hash.digest("hex");
}

export function contentHashOf(draft: Pick<ArticleDraft, "title" | "paragraphs">): string {
  const hash = createHash("sha256");
  hash.update(normalizeForComparison(draft.title));
  for (const paragraph of draft.paragraphs) hash.update(`\n${normalizeForComparison(paragraph.text)}`);
  return hash.digest("hex");
}

/** How an article's source is shown in lists. */
export function describeSource(article: ArticleDraft): string {
  const { source } = article;
  if (source.url) return source.canonicalUrl ?? source.url;
  if (source.fileName) return source.fileName;
  if (source.kind === "stdin") return "standard input";
  if (source.kind === "sample") return "bundled sample";
  return "pasted text";
}

/** Canonical URL for duplicate detection: scheme and host lower-cased, fragment and tracking dropped. */
export function canonicalUrlOf(article: ArticleDraft): string | undefined {
  const raw = article.source.canonicalUrl ?? article.source.url;
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    url.hash = "";
    for (const key of [...url.searchParams.keys()]) {
      if (/^(utm_|fbclid$|gclid$|mc_|ref$|cmpid$)/i.test(key)) url.searchParams.delete(key);
    }
    url.hostname = url.hostname.replace(/^www\./, "");
    const text = url.toString();
    return text.endsWith("/") ? text.slice(0, -1) : text;
  } catch {
    return raw;
  }
}
