/**
 * The domain vocabulary shared by ingest, store, search and quotes. Nothing here knows about Discord
 * or terminals.
 */

/** A half-open character range [start, end) into a paragraph's `text`. */
export interface Span {
  start: number;
  end: number;
}

/**
 * What a paragraph is, as far as answering goes. Captions and teasers are kept (the ¶ numbers users see
 * must match the article) but flagged: a teaser ("READ: …") is never cited as an answer or a quote.
 */
export type ParagraphKind = "body" | "caption" | "teaser";

export interface Paragraph {
  /** 1-based paragraph number: the ¶ citation users see. */
  n: number;
  /** The whole cleaned paragraph. Single line breaks inside it are kept as "\n". */
  text: string;
  kind: ParagraphKind;
  /** Sentence boundaries within `text`, in order, covering every non-space character. */
  sentences: Span[];
  /** A dateline such as "MOSCOW" that opens the paragraph ("MOSCOW - President …"). */
  dateline?: { place: string; span: Span };
}

/** Where an article came from. */
export interface ArticleSource {
  kind: "file" | "url" | "text" | "stdin" | "sample";
  /** The URL the user gave (after redirects, the final one is in `canonicalUrl`). */
  url?: string;
  /** The canonical URL (from <link rel=canonical> or the final URL), used for duplicate detection. */
  canonicalUrl?: string;
  /** The file name, when the article came from a file or attachment. */
  fileName?: string;
}

/** A parsed article, before the library gives it an identity. */
export interface ArticleDraft {
  title: string;
  paragraphs: Paragraph[];
  source: ArticleSource;
  /** ISO 8601 publication date, when the source states one. */
  publishedAt?: string;
  byline?: string;
}

/** A stored article. */
export interface Article extends ArticleDraft {
  /** Stable id derived from the article's normalised text. */
  id: string;
  /** The scope (a Discord guild id, "local", or "samples") the article belongs to. */
  scope: string;
  /** sha256 of the normalised title and paragraphs: two articles with the same hash are duplicates. */
  contentHash: string;
  addedBy: string;
  /** ISO 8601 time of the add. */
  addedAt: string;
}

/** What list() shows for an article. */
export interface ArticleSummary {
  articleId: string;
  title: string;
  paragraphs: number;
  source: string;
  addedAt: string;
  addedBy: string;
  publishedAt?: string;
  scope: string;
}
