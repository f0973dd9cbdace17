import type { Embedder } from "../embed/embedder.ts";
import { UserError } from "../errors.ts";
import { cleanQuery } from "../ingest/clean.ts";
import type { ScopeStore } from "../store/scope-store.ts";
import type { Span } from "../types.ts";
import { judgeAnswerable } from "./answerability.ts";
import { type Candidate, gatherCandidates, prepareTerms } from "./candidates.ts";
import {
  type CandidateEvidence,
  type CandidatePool,
  computeFeatures,
  type PreparedQuestion,
  topicTerms,
} from "./features.ts";
import { highlightOf } from "./highlight.ts";
import { analyzeQuestion } from "./question.ts";
import { RANK_WEIGHTS, scoreFeatures, type Weights } from "./rank.ts";
import { type Reranker, rerankHead } from "./reranker.ts";

/** Questions are cut here: longer text is a pasted document, not a question, and slows every stage. */
export const MAX_QUESTION_CHARS = 1_000;

export interface AskOptions {
  /** How many paragraphs to return. Default 3, at most 20. */
  top?: number;
  /** Ranking weights (tests and the tuning script); default RANK_WEIGHTS. */
  weights?: Weights;
  /** A cross-encoder to re-order the best candidates (when its model is available). */
  reranker?: Reranker;
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
  /** Exactly which parts of `text` to emphasise (adjacent sentences merged; `highlight` runs from the first to the last). */
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
  /** How the ranking was made, for footers: dense + keyword evidence, optionally re-ordered by a cross-encoder. */
  method: "hybrid" | "hybrid+reranker";
  /** A note for the user, e.g. that the question was cut. */
  note?: string;
  /** Why `answered` is false, in a sentence ("no article mentions Boris Johnson"). */
  reason?: string;
}

export interface ScoredCandidate extends Candidate, CandidateEvidence {
  score: number;
}

/**
 * Ranks paragraphs for a question. Candidates come from BM25, from the dense scan, and from the
 * articles those point to; each is scored on lexical, semantic, contextual and question-type evidence
 * (features.ts) weighted by rank.ts; the best sentence is highlighted; answerability.ts decides
 * whether the top result really answers.
 */
export async function askQuestion(
  rawQuestion: string,
  stores: ScopeStore[],
  embedder: Embedder,
  options: AskOptions = {},
): Promise<AskResult> {
  const { question, note } = prepareQuestion(rawQuestion);
  const top = Math.max(1, Math.min(20, Math.floor(options.top ?? 3)));
  const ranked = await rankParagraphs(question, stores, embedder, options.weights);
  const candidates = options.reranker
    ? await rerankHead(
        question,
        ranked.candidates,
        (c) => `${c.article.title}. ${c.paragraph.text}`,
        options.reranker,
      )
    : ranked.candidates;
  const results = candidates.slice(0, top).map((c) => toHit(c, ranked.prepared));
  const verdict = judgeAnswerable(ranked.prepared, candidates, stores);
  const result: AskResult = {
    question,
    answered: verdict.answered,
    results,
    method: options.reranker ? "hybrid+reranker" : "hybrid",
  };
  if (!verdict.answered && verdict.reason) result.reason = verdict.reason;
  const corrected = ranked.prepared.corrections?.map((c) => `“${c.to}” for “${c.from}”`).join(", ");
  const notes = [note, corrected ? `Searched ${corrected}.` : undefined].filter(Boolean);
  if (notes.length > 0) result.note = notes.join(" ");
  return result;
}

export async function rankParagraphs(
  question: string,
  stores: ScopeStore[],
  embedder: Embedder,
  weights = RANK_WEIGHTS,
) {
  const analysis = analyzeQuestion(question);
  const prepared = prepareTerms(analysis, stores);
  // A speech question's topic is embedded with it (one batch): abstention asks whether X's own
  // passages are about the topic, which the whole question's vector (full of X's name) can't tell.
  const topic = prepared.speaker ? topicTerms(prepared, { names: true }).map((t) => t.word) : [];
  // The model reads the question as searched: a typo it has never seen ("Skirpal") is a different word.
  const searched = (prepared.corrections ?? []).reduce(
    (text, { from, to }) => text.replace(from, to),
    question,
  );
  const [queryVector, topicVector] = await embedder.embedQueries(
    topic.length > 0 ? [searched, topic.join(" ")] : [searched],
  );
  if (topicVector) prepared.topicVector = topicVector;
  const candidates = gatherCandidates(prepared, question, queryVector, stores);
  const pool = candidatePool(candidates);
  const scored: ScoredCandidate[] = candidates.map((c) => {
    const evidence = computeFeatures(prepared, c, pool);
    return { ...c, ...evidence, score: scoreFeatures(evidence.features, weights) };
  });
  scored.sort((a, b) => b.score - a.score || a.paragraph.n - b.paragraph.n);
  return { prepared, candidates: scored };
}

function candidatePool(candidates: Candidate[]): CandidatePool {
  return {
    maxBm25: Math.max(0, ...candidates.map((c) => c.bm25)),
    maxDense: Math.max(0, ...candidates.map((c) => c.dense)),
  };
}

export function prepareQuestion(raw: string): { question: string; note?: string } {
  const question = cleanQuery(raw);
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

function toHit(c: ScoredCandidate, prepared: PreparedQuestion): AskHit {
  const spans = highlightOf(c, prepared);
  const hit: AskHit = {
    articleId: c.article.id,
    title: c.article.title,
    paragraph: c.paragraph.n,
    text: c.paragraph.text,
    // Verbatim from the first highlighted sentence to the last; the spans say exactly which.
    highlight: c.paragraph.text.slice(spans[0]!.start, spans.at(-1)!.end),
    highlightSpans: spans,
    score: Number(c.score.toFixed(4)),
    scope: c.scope,
  };
  const url = c.article.source.canonicalUrl ?? c.article.source.url;
  if (url) hit.url = url;
  return hit;
}
