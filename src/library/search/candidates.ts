import type { ArticleQuotes } from "../quotes/types.ts";
import type { ScopeStore } from "../store/scope-store.ts";
import { isEnglishWord } from "../text/english-words.ts";
import { normalizeWord, tokenize } from "../text/terms.ts";
import type { Article, Paragraph } from "../types.ts";
import type { PreparedQuestion, WeightedTerm } from "./features.ts";
import { profileArticle } from "./profiles.ts";
import type { QuestionAnalysis, QuestionTerm } from "./question.ts";

export interface Candidate {
  scope: string;
  article: Article;
  quotes: ArticleQuotes | undefined;
  paragraph: Paragraph;
  /** BM25 score of the paragraph (0 when keyword search did not find it). */
  bm25: number;
  /** Best dense cosine of the paragraph's chunks. */
  dense: number;
  /** Best dense cosine of each paragraph of the article (index n − 1): context and story evidence. */
  articleDense: Float32Array;
}

const NO_SCORES = new Float32Array(0);

/** The best chunk cosine of each paragraph of an article (0 for a paragraph with no chunk). */
function paragraphScores(store: ScopeStore, article: Article, queryVector: Float32Array): Float32Array {
  const scores = store.matrix.scoresFor(article.id, queryVector);
  const chunks = store.articles.get(article.id)?.stored.chunks ?? [];
  const byParagraph = new Float32Array(article.paragraphs.length);
  chunks.forEach((chunk, i) => {
    const at = chunk.paragraph - 1;
    byParagraph[at] = Math.max(byParagraph[at]!, scores[i] ?? 0);
  });
  return byParagraph;
}

/** Keyword and dense hits taken from each store before re-ranking. */
const POOL = 100;
/** Every paragraph of this many best-matching articles is also a candidate (answers that share no words). */
const EXPAND_ARTICLES = 4;

/** Weights question terms by inverse document frequency over all searched paragraphs. */
export function prepareTerms(analysis: QuestionAnalysis, stores: ScopeStore[]): PreparedQuestion {
  const documents = stores.reduce((sum, store) => sum + store.keywords.documentCount(), 0);
  const seen = new Set<string>();
  const terms: WeightedTerm[] = [];
  const corrections: { from: string; to: string }[] = [];
  for (const original of analysis.terms) {
    const term = correctSpelling(original, stores);
    if (term !== original) corrections.push({ from: original.raw, to: term.word });
    if (seen.has(term.stem)) continue;
    seen.add(term.stem);
    const df = stores.reduce((sum, store) => sum + store.keywords.documentFrequency(term.stem), 0);
    // BM25's idf, floored so a term in every paragraph still counts a little.
    const idf = Math.max(0.1, Math.log(1 + (documents - df + 0.5) / (df + 0.5)));
    terms.push({
      stem: term.stem,
      word: term.word,
      idf: term.entity ? idf * 1.5 : idf,
      entity: term.entity,
    });
  }
  const words = new Set(tokenize(analysis.text).map((token) => normalizeWord(token.raw)));
  const prepared: PreparedQuestion = {
    analysis,
    terms,
    totalIdf: terms.reduce((sum, t) => sum + t.idf, 0),
    words,
  };
  if (corrections.length > 0) prepared.corrections = corrections;
  if (analysis.speaker) {
    let speaker = analysis.speaker;
    for (const { from, to } of corrections) speaker = speaker.replace(from, to);
    const phrase = speaker.toLowerCase().replace(/^(?:the|mr\.?|mrs\.?|ms\.?|dr\.?)\s+/, "");
    prepared.speaker = { phrase, surname: phrase.split(/\s+/).at(-1) ?? phrase };
  }
  return prepared;
}

/**
 * A term that no article contains and that is not an English word either is likely a typo ("Skripl",
 * "McCian"): use the indexed term one edit away (two from six letters on). An English word absent
 * from the articles is a paraphrase ("detained" for "arrested"), not a typo. Short words are left
 * alone: too many neighbours.
 */
function correctSpelling(term: QuestionTerm, stores: ScopeStore[]): QuestionTerm {
  if (term.numeric || term.stem.length < 4 || isEnglishWord(term.word)) return term;
  if (stores.some((store) => store.keywords.documentFrequency(term.stem) > 0)) return term;
  const maxDistance = term.stem.length >= 6 ? 2 : 1;
  let best: { term: string; distance: number } | undefined;
  for (const store of stores) {
    const found = store.keywords.closestTerm(term.stem, maxDistance);
    if (found && (!best || found.distance < best.distance)) best = found;
  }
  return best ? { ...term, stem: best.term, word: best.term } : term;
}

export function gatherCandidates(
  q: PreparedQuestion,
  question: string,
  queryVector: Float32Array | undefined,
  stores: ScopeStore[],
): Candidate[] {
  const found = new Map<string, Candidate>();
  // Keyed by article, not scope: a scope's own copy of a sample (stores come scope first) is the one
  // ranked, and the sample's paragraphs are not shown a second time.
  const add = (store: ScopeStore, articleId: string, n: number): Candidate | undefined => {
    const key = `${articleId}#${n}`;
    let candidate = found.get(key);
    if (!candidate) {
      const loaded = store.articles.get(articleId);
      const paragraph = loaded?.stored.article.paragraphs[n - 1];
      if (!loaded || !paragraph || paragraph.kind === "teaser") return undefined;
      candidate = {
        scope: store.scope,
        article: loaded.stored.article,
        quotes: loaded.stored.quotes,
        paragraph,
        bm25: 0,
        dense: 0,
        articleDense: NO_SCORES,
      };
      found.set(key, candidate);
    }
    return candidate;
  };
  const keywordQuery = q.terms.map((t) => t.word).join(" ") || question;
  for (const store of stores) {
    for (const hit of store.keywords.query(keywordQuery, POOL, { fuzzy: true })) {
      const candidate = add(store, hit.articleId, hit.paragraph);
      if (candidate) candidate.bm25 = Math.max(candidate.bm25, hit.score);
    }
    if (queryVector && store.matrix.dimensions === queryVector.length) {
      for (const hit of store.matrix.search(queryVector, POOL)) {
        const chunk = store.articles.get(hit.articleId)?.stored.chunks[hit.chunk];
        if (chunk) add(store, hit.articleId, chunk.paragraph);
      }
    }
  }
  // The articles the question is most likely about: every paragraph of theirs is a candidate.
  const articleScore = new Map<string, { store: ScopeStore; article: Article; score: number }>();
  for (const c of found.values()) {
    const key = `${c.scope}/${c.article.id}`;
    if (articleScore.has(key)) continue;
    const profile = profileArticle(c.article, c.quotes);
    let score = 0;
    for (const term of q.terms) if (profile.stems.has(term.stem)) score += term.idf;
    articleScore.set(key, { store: stores.find((s) => s.scope === c.scope)!, article: c.article, score });
  }
  const best = [...articleScore.values()].sort((a, b) => b.score - a.score).slice(0, EXPAND_ARTICLES);
  for (const { store, article } of best)
    for (const paragraph of article.paragraphs) add(store, article.id, paragraph.n);
  // Dense similarity of every paragraph of each candidate's article, from its own chunks (a few
  // hundred dot products): the paragraph's own, its neighbours' and the story's best.
  if (queryVector) {
    const perArticle = new Map<string, Float32Array>();
    for (const c of found.values()) {
      const store = stores.find((s) => s.scope === c.scope)!;
      if (store.matrix.dimensions !== queryVector.length) continue;
      const key = `${c.scope}/${c.article.id}`;
      let byParagraph = perArticle.get(key);
      if (!byParagraph) {
        byParagraph = paragraphScores(store, c.article, queryVector);
        perArticle.set(key, byParagraph);
      }
      c.articleDense = byParagraph;
      c.dense = byParagraph[c.paragraph.n - 1] ?? 0;
    }
  }
  return [...found.values()];
}
