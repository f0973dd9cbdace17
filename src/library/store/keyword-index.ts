import MiniSearch, { type SearchResult } from "minisearch";
import { keywordTerm, tokenize } from "../text/terms.ts";
import type { Article } from "../types.ts";

/** Bump when tokenisation or fields change: older snapshots are then rebuilt instead of loaded. */
const SCHEMA = 3;

export interface KeywordDoc {
  id: string;
  articleId: string;
  paragraph: number;
  text: string;
  title: string;
}

export interface KeywordHit {
  articleId: string;
  paragraph: number;
  score: number;
  /** Query terms (stemmed) that matched. */
  terms: string[];
}

/** The serialised form, written beside the segments. */
export interface KeywordSnapshot {
  schema: number;
  /** articleId → [contentHash, indexed ¶ numbers] of every article the index holds. */
  articles: Record<string, [string, number[]]>;
  index: ReturnType<MiniSearch["toJSON"]>;
}

/** MiniSearch numbers fields in the order given in `fields`. */
const TEXT_FIELD_ID = 0;

const OPTIONS = {
  idField: "id",
  fields: ["text", "title"],
  storeFields: ["articleId", "paragraph"],
  tokenize: (text: string) => tokenize(text).map((token) => token.raw),
  processTerm: (term: string) => keywordTerm(term) ?? null,
  autoVacuum: { minDirtCount: 200, minDirtFactor: 0.2, batchSize: 2000, batchWait: 10 },
};

/**
 * BM25 over paragraphs (MiniSearch: incremental add/remove, JSON snapshots). The snapshot is a cache:
 * it records which articles it holds, and loading reconciles it with the manifest, so a crash between
 * writing an article and writing the snapshot only costs re-indexing that article.
 */
export class KeywordIndex {
  private readonly search: MiniSearch<KeywordDoc>;
  private readonly articles: Map<string, { hash: string; docIds: string[] }> = new Map();

  private constructor(search: MiniSearch<KeywordDoc>) {
    this.search = search;
  }

  static empty(): KeywordIndex {
    return new KeywordIndex(new MiniSearch<KeywordDoc>(OPTIONS));
  }

  /** Loads a snapshot, or returns undefined when it is from another schema or unreadable. */
  static fromSnapshot(snapshot: KeywordSnapshot | undefined): KeywordIndex | undefined {
    if (!snapshot || snapshot.schema !== SCHEMA) return undefined;
    try {
      const index = new KeywordIndex(MiniSearch.loadJS<KeywordDoc>(snapshot.index, OPTIONS));
      for (const [articleId, [hash, paragraphs]] of Object.entries(snapshot.articles)) {
        index.articles.set(articleId, { hash, docIds: paragraphs.map((n) => docId(articleId, n)) });
      }
      return index;
    } catch {
      return undefined;
    }
  }

  get size(): number {
    return this.articles.size;
  }

  holds(articleId: string, contentHash: string): boolean {
    return this.articles.get(articleId)?.hash === contentHash;
  }

  articleIds(): string[] {
    return [...this.articles.keys()];
  }

  add(article: Article): void {
    if (this.articles.has(article.id)) this.remove(article.id);
    const docs: KeywordDoc[] = article.paragraphs
      .filter((paragraph) => paragraph.kind !== "teaser")
      .map((paragraph) => ({
        id: docId(article.id, paragraph.n),
        articleId: article.id,
        paragraph: paragraph.n,
        text: paragraph.text,
        title: article.title,
      }));
    this.search.addAll(docs);
    this.articles.set(article.id, { hash: article.contentHash, docIds: docs.map((doc) => doc.id) });
  }

  remove(articleId: string): void {
    const entry = this.articles.get(articleId);
    if (!entry) return;
    for (const id of entry.docIds) if (this.search.has(id)) this.search.discard(id);
    this.articles.delete(articleId);
  }

  query(text: string, limit: number, options: { fuzzy?: boolean } = {}): KeywordHit[] {
    const results: SearchResult[] = this.search.search(text, {
      boost: { text: 1, title: 0.3 },
      combineWith: "OR",
      fuzzy: options.fuzzy ? (term: string) => (term.length >= 6 ? 0.2 : false) : false,
      weights: { fuzzy: 0.4, prefix: 0.3 },
    });
    return results.slice(0, limit).map((result) => ({
      articleId: result.articleId as string,
      paragraph: result.paragraph as number,
      score: result.score,
      terms: result.queryTerms,
    }));
  }

  /** Number of indexed paragraphs. */
  documentCount(): number {
    return this.search.documentCount;
  }

  /**
   * Number of paragraphs whose text holds `stem` (a keywordTerm), for idf weighting in the ranker.
   * MiniSearch keeps exactly this in its postings but has no public accessor; reading it avoids a
   * second, duplicated index. The version is pinned and keyword-index.test.ts guards the shape.
   */
  documentFrequency(stem: string): number {
    const postings = (
      this.search as unknown as {
        _index: { get(term: string): Map<number, Map<number, number>> | undefined };
      }
    )._index.get(stem);
    return postings?.get(TEXT_FIELD_ID)?.size ?? 0;
  }

  snapshot(): KeywordSnapshot {
    const articles: KeywordSnapshot["articles"] = {};
    for (const [id, entry] of this.articles) {
      articles[id] = [entry.hash, entry.docIds.map((doc) => Number(doc.slice(doc.lastIndexOf("#") + 1)))];
    }
    return { schema: SCHEMA, articles, index: this.search.toJSON() };
  }
}

function docId(articleId: string, paragraph: number): string {
  return `${articleId}#${paragraph}`;
}
