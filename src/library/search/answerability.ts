import type { ManifestEntry } from "../store/manifest.ts";
import type { ScopeStore } from "../store/scope-store.ts";
import { isEnglishWord } from "../text/english-words.ts";
import fitted from "./answerability-weights.json" with { type: "json" };
import type { ScoredCandidate } from "./ask.ts";
import type { PreparedQuestion } from "./features.ts";
import { articleAttribution, profileParagraph, SLOT_MONEY, SLOT_PERCENT, stemsOf } from "./profiles.ts";
import { namesSpeaker } from "./speaker-match.ts";

export interface Verdict {
  answered: boolean;
  /** Why not, for users: "no article mentions Boris Johnson". */
  reason?: string;
  /** The fitted probability that the articles do not answer (0 to 1). */
  unanswerable?: number;
}

/**
 * What abstention reads, each explainable to a user. The first three are neural and ranking evidence
 * about the best passages; the last two are about the speaker of a "what did X say" question. They
 * are fitted together (a logistic regression in `npm run fit -- --abstain`, answerability-weights.json)
 * because no one of them decides alone: a passage can be close in meaning and still not say what was
 * asked.
 */
export interface AnswerabilitySignals {
  /** The best dense cosine between the question and any candidate paragraph. */
  topDense: number;
  /** The best candidate's share of the ranking's probability (a softmax over the fitted scores). */
  topShare: number;
  /** How much of the question's topic (besides its names) the best candidate covers. */
  topTopic: number;
  /** "What did X say": X appears in the articles but none of them quotes X. */
  speakerNotQuoted: number;
  /**
   * "What did X say about T": X is quoted, but no passage of X's (nor the paragraph before it) comes
   * within cosine {@link OFF_TOPIC_COSINE} of T's words.
   */
  speakerOffTopic: number;
}

/**
 * Below this cosine between a topic's words and a passage, the passage is not about the topic.
 * Chosen on the labelled sets (0.1 to 0.3 tried; 0.25 abstained most at the same false abstention).
 */
export const OFF_TOPIC_COSINE = 0.25;

export const SIGNAL_NAMES = [
  "topDense",
  "topShare",
  "topTopic",
  "speakerNotQuoted",
  "speakerOffTopic",
] as const satisfies readonly (keyof AnswerabilitySignals)[];

/** The fitted model: intercept, one weight per signal, and the probability above which Byline abstains. */
export interface AnswerabilityModel {
  intercept: number;
  weights: Record<keyof AnswerabilitySignals, number>;
  threshold: number;
}

export const ANSWERABILITY_MODEL: AnswerabilityModel = fitted;

/**
 * Decides whether the best passages answer the question. Not answered, whatever the passages: a
 * library with no articles, a question with no words, one mostly in words that are neither in the
 * articles nor English, one naming someone or something that no article mentions (a user asking
 * about Boris Johnson is told no article mentions him), and "how much did X pay" or "what
 * percentage" when none of the ten best passages gives an amount or a share (on the labelled sets
 * these refuse 3 of 77 unanswerable questions and 2 of 425 answerable ones). Otherwise the fitted model weighs the signals; when it
 * abstains, the reason names the fact that weighed most ("no article quotes Tim Kaine"), else says
 * that no passage is close enough.
 */
export function judgeAnswerable(
  q: PreparedQuestion,
  ranked: ScoredCandidate[],
  stores: ScopeStore[],
  model: AnswerabilityModel = ANSWERABILITY_MODEL,
): Verdict {
  const ruled = ruledOut(q, ranked, stores);
  if (ruled) return ruled;
  const signals = answerabilitySignals(q, ranked, stores);
  const unanswerable = probabilityUnanswerable(signals, model);
  if (unanswerable < model.threshold) return { answered: true, unanswerable };
  return { answered: false, reason: reasonFor(q, signals, model), unanswerable };
}

/** The verdicts that need no weighing (see judgeAnswerable), or undefined. */
export function ruledOut(
  q: PreparedQuestion,
  ranked: ScoredCandidate[],
  stores: ScopeStore[],
): Verdict | undefined {
  if (ranked.length === 0) return { answered: false, reason: "the library has no articles" };
  if (q.terms.length === 0) return { answered: false, reason: "the question has no words to search for" };
  const foreign = unknownWords(q, stores);
  if (foreign.length > 0 && foreign.length * 2 >= q.terms.length) {
    return { answered: false, reason: `the articles never use ${foreign.slice(0, 3).join(", ")}` };
  }
  const missing = missingNames(q, stores);
  if (missing) return { answered: false, reason: `no article mentions ${missing}` };
  const unit = q.analysis.unit;
  if (unit && !ranked.slice(0, UNIT_CANDIDATES).some((c) => holdsUnit(c, unit))) {
    return {
      answered: false,
      reason: `none of the closest passages gives ${unit === "money" ? "an amount of money" : "a percentage"}`,
    };
  }
  return undefined;
}

export function probabilityUnanswerable(signals: AnswerabilitySignals, model: AnswerabilityModel): number {
  let z = model.intercept;
  for (const name of SIGNAL_NAMES) z += model.weights[name] * signals[name];
  return 1 / (1 + Math.exp(-z));
}

export function answerabilitySignals(
  q: PreparedQuestion,
  ranked: ScoredCandidate[],
  stores: ScopeStore[],
): AnswerabilitySignals {
  const top = ranked[0];
  const best = Math.max(...ranked.map((c) => c.score));
  const total = ranked.reduce((sum, c) => sum + Math.exp(c.score - best), 0);
  const named = namedSpeaker(q);
  const quoted = named && isQuotedAnywhere(q, stores);
  return {
    topDense: Math.max(0, ...ranked.map((c) => c.dense)),
    topShare: top && total > 0 ? Math.exp(top.score - best) / total : 0,
    topTopic: top?.features.topic ?? 0,
    speakerNotQuoted: named && !quoted ? 1 : 0,
    speakerOffTopic:
      quoted && q.topicVector && speakerTopicCosine(q.topicVector, ranked, stores) < OFF_TOPIC_COSINE ? 1 : 0,
  };
}

/** The sentence for the signal that pushed most towards abstaining. */
function reasonFor(q: PreparedQuestion, signals: AnswerabilitySignals, model: AnswerabilityModel): string {
  const facts = (["speakerNotQuoted", "speakerOffTopic"] as const).filter(
    (name) => signals[name] > 0 && model.weights[name] > 0,
  );
  const strongest = facts.sort((a, b) => model.weights[b] - model.weights[a])[0];
  const speaker = q.analysis.speaker;
  switch (strongest) {
    case "speakerNotQuoted":
      return `no article quotes ${speaker}`;
    case "speakerOffTopic":
      return `${speaker} is quoted, but not about that`;
    default:
      return "no passage answers it closely enough";
  }
}

/**
 * The names in the question that no article mentions, as the user wrote them ("Boris Johnson"), or
 * undefined. A speaker typed in lower case ("what did boris johnson say") counts as a name too.
 */
function missingNames(q: PreparedQuestion, stores: ScopeStore[]): string | undefined {
  const speaker = q.analysis.speaker;
  const missing = q.terms.filter((t) => t.entity && !anyArticleHas(stores, t.stem));
  if (missing.length > 0) {
    const inName = speaker && missing.some((t) => speaker.toLowerCase().includes(t.word));
    return inName ? speaker : missing.map((t) => t.word).join(", ");
  }
  if (!namedSpeaker(q) || !speaker) return undefined;
  const nameWords = speaker.toLowerCase().split(/[\s.]+/);
  const terms = q.terms.filter((t) => nameWords.includes(t.word));
  return terms.length > 0 && terms.every((t) => !anyArticleHas(stores, t.stem)) ? speaker : undefined;
}

/** The best cosine between a speech question's topic and the asked speaker's passages (or the one before). */
function speakerTopicCosine(topic: Float32Array, ranked: ScoredCandidate[], stores: ScopeStore[]): number {
  let best = 0;
  const scored = new Map<string, Float32Array>();
  for (const c of ranked) {
    if (c.features.speaker < 1) continue;
    const store = stores.find((s) => s.scope === c.scope);
    if (!store || store.matrix.dimensions !== topic.length) continue;
    const key = `${c.scope}/${c.article.id}`;
    let scores = scored.get(key);
    if (!scores) {
      scores = store.matrix.scoresFor(c.article.id, topic);
      scored.set(key, scores);
    }
    const chunks = store.articles.get(c.article.id)?.stored.chunks ?? [];
    chunks.forEach((chunk, i) => {
      if (chunk.paragraph === c.paragraph.n || chunk.paragraph === c.paragraph.n - 1)
        best = Math.max(best, scores[i] ?? 0);
    });
  }
  return best;
}

/** Only a named speaker ("McCain", "Bernie Sanders") can be checked against attributions. */
function namedSpeaker(q: PreparedQuestion): boolean {
  return Boolean(q.speaker && q.analysis.speaker && q.analysis.speakerIsName);
}

/**
 * "How much did X pay" is answered in money and "what percentage" in a share; when none of the best
 * passages holds one, the articles do not give the figure, however close their words are.
 */
const UNIT_CANDIDATES = 10;

function holdsUnit(c: ScoredCandidate, unit: "money" | "percent"): boolean {
  const slot = unit === "money" ? SLOT_MONEY : SLOT_PERCENT;
  return profileParagraph(c.paragraph).sentences.some((s) => s.tokens.some((t) => t.slot & slot));
}

/** Quoted in person, or through someone who speaks for them ("the chairman of Migration Watch UK"). */
function isQuotedAnywhere(q: PreparedQuestion, stores: ScopeStore[]): boolean {
  const surname = q.speaker?.surname ?? "";
  const phrase = new RegExp(`\\b${escapeRegExp(q.speaker?.phrase ?? "")}\\b`);
  for (const store of stores) {
    for (const { stored } of store.articles.values()) {
      const { speakers, speaksFor, mentioned } = articleAttribution(stored.article, stored.quotes);
      if (namesSpeaker(speakers, q.speaker?.phrase ?? surname, mentioned)) return true;
      for (const description of speaksFor) if (phrase.test(description)) return true;
    }
  }
  return false;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Question words that appear in no article and are not English words either: a question in another
 * language, or mostly gibberish.
 */
function unknownWords(q: PreparedQuestion, stores: ScopeStore[]): string[] {
  return q.terms
    .filter((t) => !isEnglishWord(t.word) && !/\d/.test(t.word) && !anyArticleHas(stores, t.stem))
    .map((t) => t.word);
}

const headlineStems = new WeakMap<ManifestEntry, Set<string>>();

function anyArticleHas(stores: ScopeStore[], stem: string): boolean {
  for (const store of stores) {
    if (store.keywords.documentFrequency(stem) > 0) return true;
    // Headlines from the manifest: reading them must not parse every stored article.
    for (const { entry } of store.articles.values()) {
      let stems = headlineStems.get(entry);
      if (!stems) {
        stems = stemsOf(entry.title);
        headlineStems.set(entry, stems);
      }
      if (stems.has(stem)) return true;
    }
  }
  return false;
}
