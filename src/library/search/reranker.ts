/**
 * A second opinion on the best few paragraphs: a cross-encoder reads question and paragraph together,
 * which no bag-of-words feature can. Optional: used when its model can be loaded (cached or
 * downloadable); off by default, since no cross-encoder ships with Byline. Never needed by tests.
 */
export interface Reranker {
  readonly id: string;
  /** One relevance score per passage (higher is better; any scale). */
  score(question: string, passages: readonly string[]): Promise<number[]>;
  dispose(): Promise<void>;
}

/** The cross-encoder Byline uses when it can (MS MARCO MiniLM: NDCG@10 74.3 on TREC DL19). */
export const DEFAULT_RERANKER_ID = "Xenova/ms-marco-MiniLM-L-6-v2";

/** How many of the ranker's best candidates the reranker re-orders. */
export const RERANK_DEPTH = 20;

export interface CrossEncoderOptions {
  model?: string;
  /** Download cache (under the data directory). */
  cacheDir: string;
}

/** Loads a transformers.js sequence-classification model as a Reranker; throws when unavailable. */
export async function loadCrossEncoder(options: CrossEncoderOptions): Promise<Reranker> {
  const id = options.model ?? DEFAULT_RERANKER_ID;
  const { env, AutoTokenizer, AutoModelForSequenceClassification } = await import("@xenova/transformers");
  env.cacheDir = options.cacheDir;
  env.allowLocalModels = false;
  env.allowRemoteModels = true;
  const tokenizer = await AutoTokenizer.from_pretrained(id);
  const model = await AutoModelForSequenceClassification.from_pretrained(id, { quantized: true });
  return {
    id,
    async score(question, passages) {
      if (passages.length === 0) return [];
      const inputs = tokenizer(new Array(passages.length).fill(question), {
        text_pair: [...passages],
        padding: true,
        truncation: true,
      });
      const { logits } = await model(inputs);
      return Array.from(logits.data as Float32Array).slice(0, passages.length);
    },
    dispose: async () => {
      await model.dispose();
    },
  };
}

/**
 * Re-orders the first `depth` items by the reranker's score; items below keep their order. The
 * reranker's view wins within the head; ties keep the ranker's order.
 */
export async function rerankHead<T>(
  question: string,
  items: T[],
  textOf: (item: T) => string,
  reranker: Reranker,
  depth = RERANK_DEPTH,
): Promise<T[]> {
  const head = items.slice(0, depth);
  const scores = await reranker.score(question, head.map(textOf));
  const order = head.map((item, i) => ({ item, i, score: scores[i] ?? Number.NEGATIVE_INFINITY }));
  order.sort((a, b) => b.score - a.score || a.i - b.i);
  return [...order.map((o) => o.item), ...items.slice(depth)];
}
