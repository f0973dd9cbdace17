import type { ArticleQuotes, SpeakerRecord } from "../quotes/types.ts";
import type { Article, Paragraph } from "../types.ts";
import {
  articleAttribution,
  descriptionStems,
  type ParagraphProfile,
  paragraphStems,
  profileArticle,
  profileParagraph,
  type SentenceProfile,
  SLOT_MONEY,
  SLOT_NAME,
  SLOT_NUMBER,
  SLOT_PERCENT,
  SLOT_REASON,
  SLOT_TIME,
  type SpeakerContext,
  speakerContexts,
  speakerNames,
} from "./profiles.ts";
import type { QuestionAnalysis } from "./question.ts";
import { namesSpeaker } from "./speaker-match.ts";

/** A question term with what the ranker needs: its weight (idf). */
export interface WeightedTerm {
  stem: string;
  word: string;
  idf: number;
  entity: boolean;
}

export interface PreparedQuestion {
  analysis: QuestionAnalysis;
  terms: WeightedTerm[];
  totalIdf: number;
  /** Lower-cased words of the question: an answer brings something not already in it. */
  words: Set<string>;
  /** Words read as typos of indexed terms ("skripl" → "skripal"). */
  corrections?: { from: string; to: string }[];
  /** Lower-cased speaker phrase and its last word (surname), for speech questions. */
  speaker?: { phrase: string; surname: string };
  /**
   * Speech questions with a topic ("what did X say about the arms race"): the topic's words embedded
   * on their own, to tell whether X's passages are about it (answerability).
   */
  topicVector?: Float32Array;
}

/**
 * The evidence for one paragraph answering one question, each value in [0, 1]. The ranker combines
 * them linearly with weights fitted by `npm run fit` (rank-weights.json); each one here earned its
 * place in that fit's cross-validated ablation (the README's ranking section has the table).
 */
export interface Features {
  /** BM25 score relative to the best candidate's. */
  bm25: number;
  /** Dense cosine (question vs the paragraph's best chunk) relative to the best candidate's. */
  dense: number;
  /** Dense cosine of the paragraph before ("he said" after the sentence that names him). */
  densePrevious: number;
  /** The best dense cosine of any paragraph of the article: how likely this is the story asked about. */
  denseArticle: number;
  /** Share of the question's term weight (idf) found in the paragraph. */
  coverage: number;
  /** Share found anywhere in the article (identifies the story). */
  article: number;
  /** Share found in the headline. */
  title: number;
  /** Coverage of the paragraph before (context for "he said", "she was arrested"). */
  previous: number;
  /**
   * Coverage weighted by how rare each term is *within the article*: inside a story about Clinton,
   * "Clinton" does not tell paragraphs apart, "pneumonia" does.
   */
  focus: number;
  /**
   * Coverage of what the question is about besides its names (and besides the speaker of a "what did
   * X say" question), best of the paragraph and its sentences.
   */
  topic: number;
  /** The paragraph holds the kind of thing asked for (a number for "how many", a date for "when"…). */
  answerType: number;
  /** Earlier paragraphs carry the news: 1 for ¶1, falling slowly. */
  lead: number;
  /** Speech questions: the asked speaker is quoted here (1), named beside a quote (0.5), or not (0). */
  speaker: number;
}

export const FEATURE_NAMES = [
  "bm25",
  "dense",
  "densePrevious",
  "denseArticle",
  "coverage",
  "article",
  "title",
  "previous",
  "focus",
  "topic",
  "answerType",
  "lead",
  "speaker",
] as const satisfies readonly (keyof Features)[];

const REASON =
  /\b(?:because|since|after|due to|so that|in order to|as a result|reason|why|over|amid|following)\b/i;
const SPEECH_CUE =
  /\b(?:said|says|say|told|tells|added|wrote|tweeted|noted|warned|announced|according to|statement|argued|claimed|insisted|urged|asked|stated|declared)\b/i;

/** Share of the terms' weight (idf) whose stems the text holds. */
export function coverageOf(terms: readonly WeightedTerm[], stems: Set<string>): number {
  let total = 0;
  let found = 0;
  for (const term of terms) {
    total += term.idf;
    if (stems.has(term.stem)) found += term.idf;
  }
  return total > 0 ? found / total : 0;
}

export interface CandidateInput {
  article: Article;
  quotes: ArticleQuotes | undefined;
  paragraph: Paragraph;
  bm25: number;
  dense: number;
  articleDense: Float32Array;
}

/** What a candidate's evidence is measured against: the best of the pool. */
export interface CandidatePool {
  maxBm25: number;
  maxDense: number;
}

export interface CandidateEvidence {
  features: Features;
  /** Index of the sentence that best answers (the highlight). */
  bestSentence: number;
}

export function computeFeatures(
  q: PreparedQuestion,
  c: CandidateInput,
  pool: CandidatePool,
): CandidateEvidence {
  const profile = profileParagraph(c.paragraph);
  const articleProfile = profileArticle(c.article, c.quotes);
  const previousParagraph = c.article.paragraphs[c.paragraph.n - 2];
  const bestSentence = bestSentenceOf(q, profile, c);
  const features: Features = {
    bm25: pool.maxBm25 > 0 ? c.bm25 / pool.maxBm25 : 0,
    dense: pool.maxDense > 0 ? Math.max(0, c.dense) / pool.maxDense : 0,
    densePrevious: c.articleDense[c.paragraph.n - 2] ?? 0,
    denseArticle: c.articleDense.reduce((best, x) => Math.max(best, x), 0),
    coverage: coverageOf(q.terms, profile.stems),
    article: coverageOf(q.terms, articleProfile.stems),
    title: coverageOf(q.terms, articleProfile.titleStems),
    previous: previousParagraph ? coverageOf(q.terms, paragraphStems(previousParagraph)) : 0,
    focus: focusCoverage(q, c, profile),
    topic: topicCoverage(q, profile),
    answerType: answerTypeMatch(q, profile.sentences[bestSentence] ?? profile, c, profile),
    lead: 1 / Math.sqrt(c.paragraph.n),
    speaker: speakerMatch(q, c, profile),
  };
  return { features, bestSentence };
}

/** The sentence that best answers: coverage, plus the answer type and a quotation where asked. */
function bestSentenceOf(q: PreparedQuestion, profile: ParagraphProfile, c: CandidateInput): number {
  let index = 0;
  let best = -1;
  profile.sentences.forEach((sentence, i) => {
    const score =
      coverageOf(q.terms, sentence.stems) +
      0.15 * answerTypeMatch(q, sentence, c, profile) +
      (q.speaker && sentence.hasQuote ? 0.1 : 0);
    if (score > best) {
      best = score;
      index = i;
    }
  });
  return index;
}

function answerTypeMatch(
  q: PreparedQuestion,
  text: SentenceProfile | ParagraphProfile,
  c: CandidateInput,
  whole: ParagraphProfile,
): number {
  const paragraph = c.paragraph;
  const sentences = "sentences" in text ? text.sentences : [text];
  switch (q.analysis.type) {
    case "quantity":
      // "How much would the benefit be": "$300" answers it, "six weeks" only half does.
      if (q.analysis.unit) {
        if (hasNewSlot(q, sentences, q.analysis.unit === "money" ? SLOT_MONEY : SLOT_PERCENT)) return 1;
        return hasNewSlot(q, sentences, SLOT_NUMBER) ? 0.5 : 0;
      }
      return hasNewSlot(q, sentences, SLOT_NUMBER) ? 1 : 0;
    case "time":
    case "place":
    case "entity":
      // Something of the asked kind that the question does not already hold: the answer brings it.
      return hasNewSlot(q, sentences, SLOT_FOR[q.analysis.type]!) ? 1 : 0;
    case "reason":
      return REASON.test(paragraph.text) ? 1 : 0;
    case "speech":
      return whole.hasQuote ? 1 : SPEECH_CUE.test(paragraph.text) ? 0.5 : 0;
    default:
      return 0;
  }
}

function hasNewSlot(q: PreparedQuestion, sentences: SentenceProfile[], slot: number): boolean {
  return sentences.some((sentence) => sentence.tokens.some((t) => t.slot & slot && !q.words.has(t.word)));
}

function speakerMatch(q: PreparedQuestion, c: CandidateInput, profile: ParagraphProfile): number {
  if (!q.speaker) return 0;
  const { phrase, surname } = q.speaker;
  const quoted = articleAttribution(c.article, c.quotes).speakersByParagraph.get(c.paragraph.n);
  const described = describedSpeaker(q, c);
  if (described) {
    if (quoted && [...described].some((name) => quoted.has(name))) return 1;
    // Attribution can miss a quote (a transcript line, a quote running on): named beside a quote still counts a little.
    const text = c.paragraph.text.toLowerCase();
    const named = [...described].some((name) => name.length > 2 && text.includes(name));
    return named && (profile.hasQuote || SPEECH_CUE.test(text)) ? 0.5 : 0;
  }
  if (quoted) {
    // Attribution is known for this paragraph: a quote that merely mentions the speaker is not theirs.
    return namesSpeaker(quoted, phrase, articleAttribution(c.article, c.quotes).mentioned) ? 1 : 0;
  }
  // Named beside a quote, without attribution data: a name ("McCain", "the Kremlin") counts a little; a
  // description's common-noun head ("Myanmar's government") is in too many paragraphs to say anything.
  if (q.analysis.speakerIsName === false && !/\p{Lu}/u.test(q.analysis.speaker?.split(/\s+/).at(-1) ?? ""))
    return 0;
  const text = c.paragraph.text.toLowerCase();
  if (text.includes(surname) && (profile.hasQuote || SPEECH_CUE.test(text))) return 0.5;
  return 0;
}

/**
 * Whether a speaker record of the candidate's article is the person (or body) a speech question asks
 * about: by name, or, for a description ("the Indiana governor"), by how the article introduces them.
 */
export function isAskedSpeaker(q: PreparedQuestion, c: CandidateInput, speaker: SpeakerRecord): boolean {
  if (!q.speaker) return false;
  const names = speakerNames(speaker);
  const described = describedSpeaker(q, c);
  if (described) return names.some((name) => described.has(name));
  return namesSpeaker(names, q.speaker.phrase, articleAttribution(c.article, c.quotes).mentioned);
}

const localWeights = new WeakMap<PreparedQuestion, Map<Article, number[]>>();

/** Per question term: global idf × within-article idf (cached per question and article). */
function termWeightsIn(q: PreparedQuestion, article: Article): number[] {
  let byArticle = localWeights.get(q);
  if (!byArticle) {
    byArticle = new Map();
    localWeights.set(q, byArticle);
  }
  let weights = byArticle.get(article);
  if (!weights) {
    const paragraphs = article.paragraphs.filter((p) => p.kind !== "teaser").map(paragraphStems);
    weights = q.terms.map((term) => {
      const df = paragraphs.filter((stems) => stems.has(term.stem)).length;
      return term.idf * Math.log(1 + paragraphs.length / Math.max(1, df));
    });
    byArticle.set(article, weights);
  }
  return weights;
}

function focusCoverage(q: PreparedQuestion, c: CandidateInput, profile: ParagraphProfile): number {
  const weights = termWeightsIn(q, c.article);
  let total = 0;
  let found = 0;
  q.terms.forEach((term, i) => {
    total += weights[i]!;
    if (profile.stems.has(term.stem)) found += weights[i]!;
  });
  return total > 0 ? found / total : 0;
}

/**
 * What the question is about: its terms besides the speaker's name and, unless `names` is set,
 * besides every other name ("pneumonia": inside the right story, names are everywhere).
 */
export function topicTerms(q: PreparedQuestion, { names = false } = {}): WeightedTerm[] {
  const speakerWords = new Set((q.analysis.speaker ?? "").toLowerCase().split(/[\s.]+/));
  return q.terms.filter((t) => (names || !t.entity) && !speakerWords.has(t.word));
}

/** Best of the paragraph's (discounted) and its sentences' coverage of the non-name terms. */
function topicCoverage(q: PreparedQuestion, profile: ParagraphProfile): number {
  const topic = topicTerms(q);
  let best = 0.8 * coverageOf(topic, profile.stems);
  for (const sentence of profile.sentences) best = Math.max(best, coverageOf(topic, sentence.stems));
  return best;
}

/** How well one sentence of a paragraph covers what the question is about besides names. */
export function sentenceTopic(q: PreparedQuestion, paragraph: Paragraph, index: number): number {
  const sentence = profileParagraph(paragraph).sentences[index];
  return sentence ? coverageOf(topicTerms(q), sentence.stems) : 0;
}

/** The kind of word that answers each kind of question. */
const SLOT_FOR: Partial<Record<QuestionAnalysis["type"], number>> = {
  quantity: SLOT_NUMBER,
  time: SLOT_TIME,
  entity: SLOT_NAME,
  place: SLOT_NAME,
  reason: SLOT_REASON,
};

/** A description must cover this share of its words (idf-weighted) to pick out a speaker. */
const DESCRIPTION_MATCH = 0.4;
const describedMemo = new WeakMap<PreparedQuestion, Map<Article, Set<string> | null>>();

/**
 * For a speaker given by description ("the Indiana governor", "a GOP tax consultant"), the names of the
 * article's quoted speaker whom the article introduces in those words ("Indiana Gov. Mike Pence",
 * "Ryan Ellis, a Republican tax consultant"); undefined when the speaker is a name or none fits.
 */
function describedSpeaker(q: PreparedQuestion, c: CandidateInput): Set<string> | undefined {
  const description = q.analysis.speaker;
  if (!description || q.analysis.speakerIsName !== false) return undefined;
  let byArticle = describedMemo.get(q);
  if (!byArticle) {
    byArticle = new Map();
    describedMemo.set(q, byArticle);
  }
  let names = byArticle.get(c.article);
  if (names === undefined) {
    names = resolveDescription(q, description, speakerContexts(c.article, c.quotes));
    byArticle.set(c.article, names);
  }
  return names ?? undefined;
}

function resolveDescription(
  q: PreparedQuestion,
  description: string,
  contexts: SpeakerContext[],
): Set<string> | null {
  const idfOf = new Map(q.terms.map((t) => [t.stem, t.idf]));
  const words = [...descriptionStems(description)].map((stem) => ({ stem, idf: idfOf.get(stem) ?? 1 }));
  const total = words.reduce((sum, w) => sum + w.idf, 0);
  // The head noun says what the speaker is ("the writer's mom" is a mom, not a writer): it must match.
  const head = words.at(-1);
  if (!head || total === 0) return null;
  let best: Set<string> | null = null;
  let bestScore = DESCRIPTION_MATCH;
  for (const context of contexts) {
    if (!context.stems.has(head.stem)) continue;
    const score = words.reduce((sum, w) => sum + (context.stems.has(w.stem) ? w.idf : 0), 0) / total;
    if (score > bestScore) {
      bestScore = score;
      best = context.names;
    } else if (score === bestScore && best) best = new Set([...best, ...context.names]);
  }
  return best;
}
