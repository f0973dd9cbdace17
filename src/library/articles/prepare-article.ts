import { chunkParagraphs } from "../embed/chunk.ts";
import type { Embedder } from "../embed/embedder.ts";
import type { StoredArticle } from "../store/segment.ts";
import type { Article } from "../types.ts";

export interface PreparedArticle {
  stored: StoredArticle;
  vectors: Float32Array[];
}

/**
 * Everything an article needs before it can be stored: quotes extracted (at ingest, so /quotes is a
 * lookup), paragraphs chunked to the model's input size, chunks embedded.
 */
export async function prepareArticle(article: Article, embedder: Embedder): Promise<PreparedArticle> {
  // Loaded on first add: its NLP library (compromise) costs a second of start-up that queries never need.
  const { extractQuotes } = await import("../quotes/extract.ts");
  const quotes = extractQuotes(article);
  return { ...(await embedArticle({ article, quotes, chunks: [] }, embedder)) };
}

/** Re-chunks and embeds a stored article (used when adding, and when the model changes). */
export async function embedArticle(stored: StoredArticle, embedder: Embedder): Promise<PreparedArticle> {
  const { article } = stored;
  const chunks = chunkParagraphs(
    article.paragraphs,
    (text) => embedder.countTokens(text),
    embedder.maxTokens,
  );
  const texts = chunks.map((chunk) =>
    article.paragraphs[chunk.paragraph - 1]!.text.slice(chunk.start, chunk.end),
  );
  const vectors = await embedder.embed(texts);
  return { stored: { ...stored, chunks }, vectors };
}
