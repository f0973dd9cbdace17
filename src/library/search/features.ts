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
  type TextProfile,
} from "./profiles.ts";
import type { QuestionAnalysis } from "./question.ts";
import { namesSpeaker } from "./speaker-match.ts";
import { type WordVectors, wordVectors } from "./word-vectors.ts";

/** A question term with what the ranker needs: its weight (idf) and its word-vector row. */
export interface WeightedTerm {
  stem: string;
  word: string;
  idf: number;
  wordId: number;
  entity: boolean;
}

export interface PreparedQuestion {
  analysis: QuestionAnalysis;
  terms: WeightedTerm[];
  totalIdf: number;
  /** SIF word-vector average of the whole question. */
  vector: Float32Array;
  /** Adjacent content-term pairs of the question ("walking pneumonia", "rule thumb"). */
  bigrams: [string, string][];
  /** Lower-cased words of the question: an answer brings something not already in it. */
  words: Set<string>;
  /** Words read as typos of indexed terms ("skripl" → "skripal"). */
  corrections?: { from: string; to: string }[];
  /** Lower-cased speaker phrase and its last word (surname), for speech questions. */
  speaker?: { phrase: string; surname: string };
}

/**
 * The evidence for one paragraph answering one question; every value is in [0, 1]. The ranker combines
 * them linearly (weights in rank.ts); abstention reads the same values.
 */
export interface Features {
  /** BM25 score relative to the best candidate's. */
  bm25: number;
  /** Dense cosine relative to the best candidate's. */
  dense: number;
  /** Share of question term weight found verbatim (stemmed) in the paragraph. */
  coverage: number;
  /** Same, counting near-synonyms by word-vector similarity. */
  soft: number;
  /** Best single sentence's soft coverage: the answer usually sits in one sentence. */
  sentence: number;
  /** Share of question term weight found anywhere in the article (identifies the story). */
  article: number;
  /** Share found in the headline. */
  title: number;
  /** Soft coverage of the paragraph before (context for "he said", "she was arrested"). */
  previous: number;
  /** Best sentence's word-vector similarity to the question. */
  sentenceDense: number;
  /** Share of the question's adjacent term pairs found together in the paragraph. */
  phrase: number;
  /**
   * Soft coverage weighted by how rare each term is *within the article*: inside a story about
   * Clinton, "Clinton" does not tell paragraphs apart, "pneumonia" does.
   */
  focus: number;
  /** Share of the question's names found in the paragraph or the one before it. */
  entities: number;
  /**
   * Soft coverage of what the question is about besides its names (and besides the speaker of a
   * "what did X say" question): inside the right story, names are everywhere; "pneumonia" is not.
   */
  topic: number;
  /** The paragraph holds the kind of thing asked for (a number for "how many", a date for "when"…). */
  answerType: number;
  /** Speech questions: the asked speaker is quoted here (1) or named beside a quote (0.5). */
  speaker: number;
  /** Speech questions: attributed to the speaker *and* about the asked topic (speaker × topic). */
  speakerTopic: number;
  /** Earlier paragraphs carry the news: 1 for ¶1, falling slowly. */
  lead: number;
  /** Photo captions rarely answer questions. */
  caption: number;
}

export const FEATURE_NAMES = [
  "bm25",
  "dense",
  "coverage",
  "soft",
  "sentence",
  "article",
  "title",
  "previous",
  "sentenceDense",
  "phrase",
  "focus",
  "entities",
  "topic",
  "answerType",
  "speaker",
  "speakerTopic",
  "lead",
  "caption",
] as const satisfies readonly (keyof Features)[];

/** Below this word-vector similarity a word is not a stand-in for a question term. */
const SOFT_FLOOR = 0.45;
/** A near-synonym counts this much of an exact match at similarity 1. */
const SOFT_DISCOUNT = 0.85;

const REASON =
  /\b(?:because|since|after|due to|so that|in order to|as a result|reason|why|over|amid|following)\b/i;
const SPEECH_CUE =
  /\b(?:said|says|say|told|tells|added|wrote|tweeted|noted|warned|announced|according to|statement|argued|claimed|insisted|urged|asked|stated|declared)\b/i;

/** Per term: word row → similarity, and text → best match (one question touches ~300 paragraphs). */
const similarityMemo = new WeakMap<WeightedTerm, Map<number, number>>();
const matchMemo = new WeakMap<WeightedTerm, WeakMap<TextProfile, number>>();

/** 1 for the term itself (stemmed), a discounted similarity for a near-synonym, else 0. */
export function softMatch(term: WeightedTerm, profile: TextProfile, vectors: WordVectors): number {
  if (profile.stems.has(term.stem)) return 1;
  if (term.entity || term.wordId < 0) return 0;
  let matches = matchMemo.get(term);
  if (!matches) {
    matches = new WeakMap();
    matchMemo.set(term, matches);
  }
  const known = matches.get(profile);
  if (known !== undefined) return known;
  let similarities = similarityMemo.get(term);
  if (!similarities) {
    similarities = new Map();
    similarityMemo.set(term, similarities);
  }
  let best = 0;
  for (const id of profile.wordIds) {
    let similarity = similarities.get(id);
    if (similarity === undefined) {
      similarity = vectors.similarity(term.wordId, id);
      similarities.set(id, similarity);
    }
    if (similarity > best) best = similarity;
  }
  const match = best >= SOFT_FLOOR ? best * SOFT_DISCOUNT : 0;
  matches.set(profile, match);
  return match;
}

function coverageOf(q: PreparedQuestion, profile: TextProfile, vectors: WordVectors | undefined): number {
  if (q.totalIdf === 0) return 0;
  let sum = 0;
  for (const term of q.terms) {
    sum += term.idf * (vectors ? softMatch(term, profile, vectors) : profile.stems.has(term.stem) ? 1 : 0);
  }
  return sum / q.totalIdf;
}

function setCoverage(q: PreparedQuestion, stems: Set<string>): number {
  if (q.totalIdf === 0) return 0;
  let sum = 0;
  for (const term of q.terms) if (stems.has(term.stem)) sum += term.idf;
  return sum / q.totalIdf;
}

export interface CandidateInput {
  article: Article;
  quotes: ArticleQuotes | undefined;
  paragraph: Paragraph;
  bm25: number;
  dense: number;
}

export function computeFeatures(
  q: PreparedQuestion,
  c: CandidateInput,
  maxBm25: number,
  maxDense: number,
  vectors: WordVectors,
): { features: Features; bestSentence: number } {
  const profile = profileParagraph(c.paragraph);
  const articleProfile = profileArticle(c.article, c.quotes);
  const { index: bestSentence, score: sentence } = bestSentenceOf(q, profile, vectors, c);
  const previousParagraph = c.article.paragraphs[c.paragraph.n - 2];
  const features: Features = {
    bm25: maxBm25 > 0 ? c.bm25 / maxBm25 : 0,
    dense: maxDense > 0 ? Math.max(0, c.dense) / maxDense : 0,
    coverage: setCoverage(q, profile.stems),
    soft: coverageOf(q, profile, vectors),
    sentence,
    article: setCoverage(q, articleProfile.stems),
    title: setCoverage(q, articleProfile.titleStems),
    previous: previousParagraph ? coverageOf(q, profileParagraph(previousParagraph), vectors) : 0,
    sentenceDense: Math.max(0, ...profile.sentences.map((sentence) => dot(q.vector, sentence.vector))),
    phrase: phraseMatch(q, profile),
    focus: focusCoverage(q, c, profile, vectors),
    entities: entityCoverage(q, profile, previousParagraph ? profileParagraph(previousParagraph) : undefined),
    topic: topicCoverage(q, profile, vectors),
    answerType: answerTypeMatch(q, profile.sentences[bestSentence] ?? profile, c.paragraph, profile),
    speaker: speakerMatch(q, c, profile),
    speakerTopic: 0,
    lead: 1 / Math.sqrt(c.paragraph.n),
    caption: c.paragraph.kind === "caption" ? 1 : 0,
  };
  features.speakerTopic =
    features.speaker > 0 && hasTopic(q)
      ? features.speaker * Math.max(features.topic, headlineTopic(q, articleProfile.titleStems))
      : features.speaker;
  return { features, bestSentence };
}

/** The sentence that best answers: soft coverage, plus the answer type and speaker where asked. */
export function bestSentenceOf(
  q: PreparedQuestion,
  profile: ParagraphProfile,
  vectors: WordVectors,
  c: CandidateInput,
): { index: number; score: number } {
  let index = 0;
  let score = -1;
  let coverage = 0;
  profile.sentences.forEach((sentence, i) => {
    const cov = coverageOf(q, sentence, vectors);
    const bonus =
      0.15 * answerTypeMatch(q, sentence, c.paragraph, profile) +
      (q.speaker && c.article.paragraphs.length > 0 ? 0.1 * (sentence.hasQuote ? 1 : 0) : 0);
    if (cov + bonus > score) {
      score = cov + bonus;
      index = i;
      coverage = cov;
    }
  });
  return { index, score: coverage };
}

function answerTypeMatch(
  q: PreparedQuestion,
  text: SentenceProfile | ParagraphProfile,
  paragraph: Paragraph,
  whole: ParagraphProfile,
): number {
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

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

/** Question term pairs that also stand together (at most one word apart) in some sentence. */
function phraseMatch(q: PreparedQuestion, profile: ParagraphProfile): number {
  if (q.bigrams.length === 0) return 0;
  let found = 0;
  for (const [a, b] of q.bigrams) {
    const together = profile.sentences.some((sentence) => {
      const seq = sentence.sequence;
      for (let i = 0; i < seq.length; i++) {
        if (seq[i] !== a) continue;
        if (seq[i + 1] === b || seq[i + 2] === b) return true;
      }
      return false;
    });
    if (together) found++;
  }
  return found / q.bigrams.length;
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

function focusCoverage(
  q: PreparedQuestion,
  c: CandidateInput,
  profile: ParagraphProfile,
  vectors: WordVectors,
): number {
  const weights = termWeightsIn(q, c.article);
  let total = 0;
  let found = 0;
  q.terms.forEach((term, i) => {
    total += weights[i]!;
    found += weights[i]! * softMatch(term, profile, vectors);
  });
  return total > 0 ? found / total : 0;
}

function entityCoverage(
  q: PreparedQuestion,
  profile: TextProfile,
  previous: TextProfile | undefined,
): number {
  let total = 0;
  let found = 0;
  for (const term of q.terms) {
    if (!term.entity) continue;
    total += term.idf;
    if (profile.stems.has(term.stem) || previous?.stems.has(term.stem)) found += term.idf;
  }
  return total > 0 ? found / total : 1;
}

/**
 * What the question is about: its terms besides the speaker's name and, unless `names` is set,
 * besides every other name ("pneumonia": inside the right story, names are everywhere).
 */
export function topicTerms(q: PreparedQuestion, { names = false } = {}): WeightedTerm[] {
  const speakerWords = new Set((q.analysis.speaker ?? "").toLowerCase().split(/[\s.]+/));
  return q.terms.filter((t) => (names || !t.entity) && !speakerWords.has(t.word));
}

function hasTopic(q: PreparedQuestion): boolean {
  return topicTerms(q).length > 0;
}

/** Best of the paragraph's and its best sentence's coverage of the non-name terms. */
function topicCoverage(q: PreparedQuestion, profile: ParagraphProfile, vectors: WordVectors): number {
  const cover = topicCover(q, vectors);
  let best = 0.8 * cover(profile);
  for (const sentence of profile.sentences) best = Math.max(best, cover(sentence));
  return best;
}

/** How well one sentence of a paragraph covers what the question is about besides names. */
export function sentenceTopic(q: PreparedQuestion, paragraph: Paragraph, index: number): number {
  const sentence = profileParagraph(paragraph).sentences[index];
  return sentence ? topicCover(q, wordVectors())(sentence) : 0;
}

function topicCover(q: PreparedQuestion, vectors: WordVectors): (text: TextProfile) => number {
  const topic = topicTerms(q);
  const total = topic.reduce((sum, t) => sum + t.idf, 0);
  if (total === 0) return () => 0;
  return (text) => topic.reduce((sum, t) => sum + t.idf * softMatch(t, text, vectors), 0) / total;
}

/**
 * Share of the non-name terms in the headline: "what did Sotomayor say about the travel ban ruling"
 * is answered by her dissent ("History will not look kindly on the court's misguided decision") in
 * an article headlined "Supreme Court upholds Trump's travel ban". Discounted: the paragraph's own
 * words are better evidence.
 */
function headlineTopic(q: PreparedQuestion, titleStems: Set<string>): number {
  const topic = topicTerms(q);
  const total = topic.reduce((sum, t) => sum + t.idf, 0);
  if (total === 0) return 0;
  return (HEADLINE_TOPIC * topic.reduce((sum, t) => sum + (titleStems.has(t.stem) ? t.idf : 0), 0)) / total;
}
const HEADLINE_TOPIC = 0.8;

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
/** Below this word-vector similarity a context word does not stand for a description word. */
const DESCRIPTION_FLOOR = 0.6;
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
  const vectors = wordVectors();
  const idfOf = new Map(q.terms.map((t) => [t.stem, t.idf]));
  const words = [...descriptionStems(description)].map((stem) => ({
    stem,
    idf: idfOf.get(stem) ?? 1,
    id: vectors.id(q.terms.find((t) => t.stem === stem)?.word ?? stem),
  }));
  const total = words.reduce((sum, w) => sum + w.idf, 0);
  // The head noun says what the speaker is ("the writer's mom" is a mom, not a writer): it must match.
  const head = words.at(-1);
  if (!head || total === 0) return null;
  let best: Set<string> | null = null;
  let bestScore = DESCRIPTION_MATCH;
  for (const context of contexts) {
    const matches = words.map((word) => descriptionWordMatch(word, context, vectors));
    if (matches.at(-1) === 0) continue;
    const score = matches.reduce((sum, m, i) => sum + m * words[i]!.idf, 0) / total;
    if (score > bestScore) {
      bestScore = score;
      best = context.names;
    } else if (score === bestScore && best) best = new Set([...best, ...context.names]);
  }
  return best;
}

function descriptionWordMatch(
  word: { stem: string; id: number },
  context: SpeakerContext,
  vectors: WordVectors,
): number {
  if (context.stems.has(word.stem)) return 1;
  if (word.id < 0) return 0;
  let similarity = 0;
  for (const id of context.wordIds) similarity = Math.max(similarity, vectors.similarity(word.id, id));
  return similarity >= DESCRIPTION_FLOOR ? similarity * SOFT_DISCOUNT : 0;
}
