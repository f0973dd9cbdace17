import type { Embedder } from "../embed/embedder.ts";
import { UserError } from "../errors.ts";
import type { ScopeStore } from "../store/scope-store.ts";
import { keywordTerm, tokenize } from "../text/terms.ts";
import type { Paragraph, Span } from "../types.ts";

/** Questions are cut here: longer text is a pasted document, not a question, and slows every stage. */
export const MAX_QUESTION_CHARS = 1_000;

export interface AskOptions {
  /** How many paragraphs to return. Default 3, at most 20. */
  top?: number;
}

export interface AskHit {
  articleId: string;
  title: string;
  /** 1-based ¶ number. */
  paragraph: number;
  /** The whole cleaned paragraph. */
  text: string;
  /** The sentence(s) that best answer the question, verbatim from `text`. */
  highlight: string;
  /** Where `highlight` sits in `text` (one span per highlighted sentence). */
  highlightSpans: Span[];
  score: number;
  url?: string;
  scope: string;
}

export interface AskResult {
  question: string;
  /** False when the stored articles don't answer the question (results are then only the nearest). */
  answered: boolean;
  results: AskHit[];
  /** How the ranking was made, for footers: "hybrid" (dense + keyword) or "keyword" only. */
  method: "hybrid" | "keyword";
  /** A note for the user, e.g. that the question was cut. */
  note?: string;
}

interface Candidate {
  store: ScopeStore;
  articleId: string;
  paragraph: number;
  dense: number;
  denseRank?: number;
  keywordRank?: number;
  keywordScore: number;
  fused: number;
}

const RRF_K = 60;
const POOL = 50;

/**
 * Ranks paragraphs for a question: dense cosine over chunk vectors and BM25 over paragraphs, fused
 * with reciprocal rank fusion; teasers are never returned; the best sentence of each result is
 * highlighted; `answered` is false when the best result shares too little with the question.
 */
export async function askQuestion(
  rawQuestion: string,
  stores: ScopeStore[],
  embedder: Embedder,
  options: AskOptions = {},
): Promise<AskResult> {
  const { question, note } = prepareQuestion(rawQuestion);
  const top = Math.max(1, Math.min(20, Math.floor(options.top ?? 3)));
  const [queryVector] = await embedder.embed([question]);
  const candidates = new Map<string, Candidate>();
  const candidate = (store: ScopeStore, articleId: string, paragraph: number): Candidate => {
    const key = `${store.scope}/${articleId}#${paragraph}`;
    let found = candidates.get(key);
    if (!found) {
      found = { store, articleId, paragraph, dense: 0, keywordScore: 0, fused: 0 };
      candidates.set(key, found);
    }
    return found;
  };
  const denseList: Candidate[] = [];
  const keywordList: Candidate[] = [];
  for (const store of stores) {
    if (queryVector && store.matrix.dimensions === queryVector.length) {
      for (const hit of store.matrix.search(queryVector, POOL * 2)) {
        const chunk = store.articles.get(hit.articleId)?.stored.chunks[hit.chunk];
        if (!chunk) continue;
        const entry = candidate(store, hit.articleId, chunk.paragraph);
        if (hit.score > entry.dense) entry.dense = hit.score;
        denseList.push(entry);
      }
    }
    for (const hit of store.keywords.query(question, POOL, { fuzzy: true })) {
      const entry = candidate(store, hit.articleId, hit.paragraph);
      entry.keywordScore = Math.max(entry.keywordScore, hit.score);
      keywordList.push(entry);
    }
  }
  rankInto(denseList, (c) => c.dense, "denseRank");
  rankInto(keywordList, (c) => c.keywordScore, "keywordRank");
  for (const c of candidates.values()) {
    c.fused =
      (c.denseRank ? 1 / (RRF_K + c.denseRank) : 0) + (c.keywordRank ? 1 / (RRF_K + c.keywordRank) : 0);
  }
  const questionTerms = uniqueTerms(question);
  const ranked = [...candidates.values()]
    .map((c) => ({ c, paragraph: paragraphOf(c) }))
    .filter(
      (x): x is { c: Candidate; paragraph: Paragraph } =>
        x.paragraph !== undefined && x.paragraph.kind !== "teaser",
    )
    .sort((a, b) => b.c.fused - a.c.fused);
  const results = ranked.slice(0, top).map(({ c, paragraph }) => toHit(c, paragraph, questionTerms));
  const best = ranked[0];
  const answered = best !== undefined && coverage(questionTerms, best.paragraph.text) >= 0.5;
  const result: AskResult = { question, answered, results, method: queryVector ? "hybrid" : "keyword" };
  if (note) result.note = note;
  return result;
}

export function prepareQuestion(raw: string): { question: string; note?: string } {
  const question = raw.replace(/\s+/g, " ").trim();
  if (!/[\p{L}\p{N}]/u.test(question)) {
    throw new UserError("BAD_USAGE", "Ask a question in words, e.g. “what did McCain say?”.");
  }
  if (question.length <= MAX_QUESTION_CHARS) return { question };
  const cut = question.slice(0, MAX_QUESTION_CHARS).replace(/\s+\S*$/, "");
  return {
    question: cut,
    note: `Your question was ${question.length.toLocaleString("en-US")} characters long; only its first ${MAX_QUESTION_CHARS.toLocaleString("en-US")} were used.`,
  };
}

function rankInto(
  list: Candidate[],
  score: (c: Candidate) => number,
  field: "denseRank" | "keywordRank",
): void {
  const unique = [...new Set(list)].sort((a, b) => score(b) - score(a));
  unique.forEach((c, i) => {
    c[field] = i + 1;
  });
}

function paragraphOf(c: Candidate): Paragraph | undefined {
  return c.store.articles.get(c.articleId)?.stored.article.paragraphs[c.paragraph - 1];
}

function toHit(c: Candidate, paragraph: Paragraph, questionTerms: Set<string>): AskHit {
  const article = c.store.articles.get(c.articleId)!.stored.article;
  const span = bestSentence(paragraph, questionTerms);
  const hit: AskHit = {
    articleId: c.articleId,
    title: article.title,
    paragraph: paragraph.n,
    text: paragraph.text,
    highlight: paragraph.text.slice(span.start, span.end),
    highlightSpans: [span],
    score: Number(c.fused.toFixed(6)),
    scope: c.store.scope,
  };
  const url = article.source.canonicalUrl ?? article.source.url;
  if (url) hit.url = url;
  return hit;
}

function uniqueTerms(text: string): Set<string> {
  const terms = new Set<string>();
  for (const token of tokenize(text)) {
    const term = keywordTerm(token.raw);
    if (term) terms.add(term);
  }
  return terms;
}

/** Share of the question's content terms present in `text`. */
function coverage(questionTerms: Set<string>, text: string): number {
  if (questionTerms.size === 0) return 0;
  const present = uniqueTerms(text);
  let hits = 0;
  for (const term of questionTerms) if (present.has(term)) hits++;
  return hits / questionTerms.size;
}

function bestSentence(paragraph: Paragraph, questionTerms: Set<string>): Span {
  let best: Span = paragraph.sentences[0] ?? { start: 0, end: paragraph.text.length };
  let bestScore = -1;
  for (const sentence of paragraph.sentences) {
    const score = coverage(questionTerms, paragraph.text.slice(sentence.start, sentence.end));
    if (score > bestScore) {
      best = sentence;
      bestScore = score;
    }
  }
  return best;
}
