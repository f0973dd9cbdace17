import type { ManifestEntry } from "../store/manifest.ts";
import type { ScopeStore } from "../store/scope-store.ts";
import type { ScoredCandidate } from "./ask.ts";
import { type PreparedQuestion, softMatch, topicTerms } from "./features.ts";
import {
  articleAttribution,
  profileArticle,
  profileParagraph,
  SLOT_MONEY,
  SLOT_PERCENT,
  stemsOf,
} from "./profiles.ts";
import { namesSpeaker } from "./speaker-match.ts";
import { wordVectors } from "./word-vectors.ts";

export interface Verdict {
  answered: boolean;
  /** Why not, for users: "no article mentions Boris Johnson". */
  reason?: string;
}

/**
 * A speech question's topic ("about the arms race") must be this covered by the speaker's passage
 * (idf-weighted, near-synonyms counted, the previous paragraph and the headline read too). Calibrated
 * on three question sets: 0.3 to 0.5 cost no answerable question, 0.6 costs one, 0.7 three.
 */
export const MIN_TOPIC_COVERAGE = 0.5;

/**
 * Decides whether the best paragraph answers the question, from evidence that can be explained to
 * the user. Word overlap alone cannot do it (questions that name people the articles mention, but ask
 * what they don't say, overlap as much as answerable ones), so the rules are about what must exist:
 * - every name in the question must appear in the library;
 * - a "what did X say" question needs a passage attributed to X (the quotes data: a quote that
 *   merely mentions X is not X's), and when it names a topic, that passage must be about it.
 */
export function judgeAnswerable(
  q: PreparedQuestion,
  ranked: ScoredCandidate[],
  stores: ScopeStore[],
): Verdict {
  const top = ranked[0];
  if (!top) return { answered: false, reason: "the library has no articles" };
  if (q.terms.length === 0) return { answered: false, reason: "the question has no words to search for" };
  const missing = q.terms.filter((t) => t.entity && !anyArticleHas(stores, t.stem) && !nearSynonymIn(t, top));
  if (missing.length > 0) {
    const speaker = q.analysis.speaker;
    const inName = speaker && missing.some((t) => speaker.toLowerCase().includes(t.word));
    return {
      answered: false,
      reason: `no article mentions ${inName ? speaker : missing.map((t) => t.word).join(", ")}`,
    };
  }
  const unit = q.analysis.unit;
  if (unit && !ranked.slice(0, UNIT_CANDIDATES).some((c) => holdsUnit(c, unit))) {
    return {
      answered: false,
      reason: `none of the closest passages gives ${unit === "money" ? "an amount of money" : "a percentage"}`,
    };
  }
  const foreign = unknownWords(q, stores);
  if (foreign.length > 0 && foreign.length * 2 >= q.terms.length) {
    return { answered: false, reason: `the articles never use ${foreign.slice(0, 3).join(", ")}` };
  }
  // Only a named speaker ("McCain", "Bernie Sanders") can be checked against attributions; a
  // description ("the Indiana governor") is left to ranking.
  const speaker = q.analysis.speaker;
  if (q.speaker && speaker && q.analysis.speakerIsName) {
    const nameWords = q.terms.filter((t) =>
      speaker
        .toLowerCase()
        .split(/[\s.]+/)
        .includes(t.word),
    );
    if (nameWords.length > 0 && nameWords.every((t) => !anyArticleHas(stores, t.stem))) {
      return { answered: false, reason: `no article mentions ${speaker}` };
    }
    if (!isQuotedAnywhere(q, stores)) return { answered: false, reason: `no article quotes ${speaker}` };
    const theirs = ranked.filter((c) => c.features.speaker >= 1);
    const topic = topicTerms(q, { names: true });
    if (
      topic.length > 0 &&
      theirs.length > 0 &&
      !theirs.some((c) => topicCoverage(topic, c) >= MIN_TOPIC_COVERAGE)
    ) {
      return { answered: false, reason: `${speaker} is quoted, but not about that` };
    }
  }
  return { answered: true };
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

function topicCoverage(topic: PreparedQuestion["terms"], c: ScoredCandidate): number {
  const vectors = wordVectors();
  const here = profileParagraph(c.paragraph);
  const previous = c.article.paragraphs[c.paragraph.n - 2];
  const before = previous ? profileParagraph(previous) : undefined;
  // The headline names what the whole article is about: a spokesman's "this bill" is Obamacare when
  // the headline says so.
  const headline = profileArticle(c.article, c.quotes).titleStems;
  let total = 0;
  let found = 0;
  for (const term of topic) {
    total += term.idf;
    found +=
      term.idf *
      Math.max(
        softMatch(term, here, vectors),
        before ? softMatch(term, before, vectors) : 0,
        headline.has(term.stem) ? 1 : 0,
      );
  }
  return total > 0 ? found / total : 1;
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
 * A name absent from the library may still be paraphrased in the best article ("NBA" for "basketball",
 * "French capital" for "Paris"): a close word-vector neighbour there keeps the question answerable.
 * A person is not paraphrased: word vectors put Medvedev beside Putin (0.86) and near "Kremlin"
 * (0.61), so a term whose closest neighbour in the article is someone's name reads as a person who
 * is not there.
 */
function nearSynonymIn(term: PreparedQuestion["terms"][number], top: ScoredCandidate): boolean {
  if (term.wordId < 0) return false;
  const vectors = wordVectors();
  const people = personNameIds(top);
  let bestWord = 0;
  let bestPerson = 0;
  for (const p of top.article.paragraphs) {
    for (const id of profileParagraph(p).wordIds) {
      const similarity = vectors.similarity(term.wordId, id);
      if (people.has(id)) bestPerson = Math.max(bestPerson, similarity);
      else bestWord = Math.max(bestWord, similarity);
    }
  }
  return bestWord >= NAME_SYNONYM && bestWord > bestPerson;
}

/** Word-vector rows of the words in the names of the people an article mentions (from its quotes data). */
function personNameIds(c: ScoredCandidate): Set<number> {
  const vectors = wordVectors();
  const ids = new Set<number>();
  for (const speaker of c.quotes?.speakers ?? []) {
    if (speaker.kind !== "person") continue;
    for (const alias of [speaker.name, ...speaker.aliases]) {
      for (const word of alias.toLowerCase().split(/[\s.]+/)) {
        const id = vectors.id(word);
        if (id >= 0) ids.add(id);
      }
    }
  }
  return ids;
}

/**
 * Word-vector similarity at which another word stands in for a name ("nba" ~ "basketball" 0.74,
 * "french" ~ "paris" 0.57). Safe this low only because people's names are excluded above.
 */
const NAME_SYNONYM = 0.55;

/**
 * Question words that appear in no article and are not English words either (the bundled word list
 * holds the 30,000 commonest): a question in another language, or mostly gibberish.
 */
function unknownWords(q: PreparedQuestion, stores: ScopeStore[]): string[] {
  return q.terms
    .filter((t) => t.wordId < 0 && !/\d/.test(t.word) && !anyArticleHas(stores, t.stem))
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
