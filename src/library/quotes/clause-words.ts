/**
 * The small vocabulary attribution clauses are parsed with: what may sit between a subject and its
 * verb ("also", "on Tuesday", "has"), what negates or hedges a cue ("did not", "would"), what starts a
 * clause, and nouns for documents and groups that speak.
 */
import { cueForm } from "./cues.ts";
import {
  canBeNoun,
  hasTag,
  isAdverbLike,
  isDateWord,
  isFiniteVerb,
  isFunctionWord,
  isVerbish,
} from "./lexicon.ts";
import { CLAUSE_OPENERS, modalAsFirstName, monthAsName, PRONOUNS } from "./noun-phrases.ts";
import type { Token } from "./tokens.ts";

export const SKIP_BETWEEN = new Set(
  (
    "also however meanwhile later earlier then previously repeatedly separately again already often once recently " +
    "himself herself themselves itself " +
    "initially subsequently first finally publicly privately reportedly sarcastically quickly " +
    "immediately simply really even just still has have had long since now today yesterday tonight " +
    "ago last this next week month year morning afternoon evening night weekend time briefly angrily " +
    "flatly bluntly openly frequently variously specifically explicitly further similarly too likewise " +
    "directly indirectly formally officially jokingly quietly loudly emphatically confidently " +
    "correctly falsely wrongly rightly swiftly hastily early late is was were are been being 's"
  ).split(" "),
);

export const NEGATIONS = new Set(["not", "n't", "never", "no"]);

export const MODALS = new Set([
  "would",
  "could",
  "might",
  "may",
  "should",
  "must",
  "will",
  "can",
  "shall",
  "to",
  "did",
  "does",
  "do",
]);

export const OBJECT_PRONOUNS = new Set([
  "him",
  "her",
  "them",
  "me",
  "us",
  "you",
  "it",
  "reporters",
  "journalists",
]);

export const PREPOSITIONS = new Set(
  "in on at during via to from with after before over through for outside inside near about by of per".split(
    " ",
  ),
);

/** Words that open a clause rather than continue a prepositional phrase. */
export const CLAUSE_STARTERS_STRICT = new Set("he she it they we i you there".split(" "));

export const CLAUSE_STARTERS = new Set(
  "he she it they we i you there this that these those his her their its our my the a an no some all one many any each every what how why when if".split(
    " ",
  ),
);

export function isBoundary(token: Token | undefined): boolean {
  if (!token) return true;
  if (token.kind === "quote") return true;
  if (token.kind === "punct") return /^[,;:(\u2014\u2013\u2015-]$/.test(token.text);
  return CLAUSE_OPENERS.has(token.lower);
}

export function isWord(token: Token | undefined, ...words: string[]): boolean {
  return token !== undefined && token.kind === "word" && token.quote < 0 && words.includes(token.lower);
}

export function isTimeWord(token: Token | undefined): boolean {
  return (
    token !== undefined &&
    token.kind === "word" &&
    (isDateWord(token.lower) || /^\d{1,2}(?::\d\d)?$/.test(token.text))
  );
}

/** Nouns for things that speak for someone: "a statement calling …", "the IMF report stated". */
export const DOCUMENTS = new Set(
  (
    "statement statements report reports letter letters study complaint ad ads advertisement video videos " +
    "filing memo post posts tweet tweets website survey poll release lawsuit order ruling editorial " +
    "documentary article book film programme program broadcast transcript email emails e-mail e-mails " +
    "message messages"
  ).split(" "),
);

export const COLLECTIVES = new Set([
  "police",
  "people",
  "staff",
  "personnel",
  "media",
  "public",
  "military",
  "clergy",
  "crowd",
]);

/** "Officials say", "Police say": a base-form cue needs a plural subject. */
export function isPluralHead(token: Token): boolean {
  return (
    (/s$/.test(token.lower) && !/ss$/.test(token.lower)) ||
    COLLECTIVES.has(token.lower) ||
    hasTag(token.lower, "Plural")
  );
}

/** The words of a span before "ago": "two weeks", "less than a month", "a few days". */
const ELAPSED =
  /^(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|few|several|couple|of|some|less|more|than|about|nearly|almost|just|only|(?:second|minute|hour|day|week|month|year|decade)s?)$/;

/** Skips adverbs, auxiliaries and time words leftwards from `from`; reports negation and modals. */
export function skipLeft(
  tokens: Token[],
  from: number,
  floor: number,
): { index: number; negated: boolean; blocked: boolean } {
  let j = from;
  let negated = false;
  let elapsed = false;
  while (j >= floor) {
    const t = tokens[j]!;
    if (t.quote >= 0) break;
    elapsed ||= t.lower === "ago";
    if (t.kind === "poss" && tokens[j - 1] && PRONOUNS[tokens[j - 1]!.lower]) {
      j--; // "he's saying"
      continue;
    }
    if (t.kind !== "word") break;
    if (NEGATIONS.has(t.lower)) {
      negated = true;
      j--;
      continue;
    }
    if (
      SKIP_BETWEEN.has(t.lower) ||
      (isTimeWord(t) && !monthAsName(tokens, j)) ||
      (!t.cap && isAdverbLike(t.lower))
    ) {
      j--;
      continue;
    }
    // "on Tuesday", "in July".
    if (PREPOSITIONS.has(t.lower) && isTimeWord(tokens[j + 1])) {
      j--;
      continue;
    }
    // "The State Department less than two weeks ago said": how long ago, counted.
    if (elapsed && ELAPSED.test(t.lower)) {
      j--;
      continue;
    }
    break;
  }
  const t = tokens[j];
  const blocked =
    t !== undefined &&
    t.kind === "word" &&
    t.quote < 0 &&
    MODALS.has(t.lower) &&
    !modalAsFirstName(tokens, j);
  return { index: j, negated, blocked };
}

export function skipLeftForward(tokens: Token[], from: number, ceiling: number): number {
  let k = from;
  while (k <= ceiling) {
    const t = tokens[k]!;
    if (t.kind !== "word") break;
    if ((SKIP_BETWEEN.has(t.lower) && !/^(?:has|have|had|is|was|were|are)$/.test(t.lower)) || isTimeWord(t)) {
      k++;
      continue;
    }
    if (PREPOSITIONS.has(t.lower) && isTimeWord(tokens[k + 1])) {
      k += 2;
      continue;
    }
    break;
  }
  return k;
}

export function hasQuoteAhead(tokens: Token[], from: number, ceiling: number): boolean {
  for (let k = from; k <= ceiling && k < from + 8; k++) if (tokens[k]!.quote >= 0) return true;
  return false;
}

export function hasVerbAfter(tokens: Token[], from: number, ceiling: number, within = 8): boolean {
  const limit = within === 0 ? 8 : within;
  for (let k = from; k <= ceiling && k < from + limit; k++) {
    const t = tokens[k]!;
    if (t.quote >= 0) return true;
    // "complained … the morning after the debate, even suggesting he may …": another clause's verb.
    // But "says the plan, while costly, was sound": an aside in commas, then the subject's verb.
    if (t.kind === "punct" && t.text === "," && k > from) return verbAfterAside(tokens, k, ceiling);
    // A verb, not a noun that could be one ("the morning after the debate").
    const verb =
      isFiniteVerb(t.lower) || (isVerbish(t.lower) && !canBeNoun(t.lower)) || baseAfterPlural(tokens, k);
    if (t.kind === "word" && verb && !cueForm(t.lower)) return true;
  }
  return false;
}

/** "conservatives need to …", "Democrats want …": a verb's base form after a plural noun is finite. */
function baseAfterPlural(tokens: Token[], k: number): boolean {
  const t = tokens[k]!;
  const before = tokens[k - 1];
  if (t.kind !== "word" || !hasTag(t.lower, "Infinitive")) return false;
  if (before?.kind !== "word" || before.quote >= 0) return false;
  return /[^s']s$/.test(before.lower) && !isFiniteVerb(before.lower) && !isFunctionWord(before.lower);
}

/** The comma at `comma` opens an aside that closes with a comma straight before a finite verb. */
function verbAfterAside(tokens: Token[], comma: number, ceiling: number): boolean {
  for (let k = comma + 1; k <= ceiling && k <= comma + 12; k++) {
    const t = tokens[k]!;
    if (t.quote >= 0) return false;
    if (t.text !== ",") continue;
    if (k === comma + 1) return false;
    const verb = tokens[k + 1];
    return (
      verb !== undefined &&
      verb.kind === "word" &&
      verb.quote < 0 &&
      !verb.cap &&
      isFiniteVerb(verb.lower) &&
      !cueForm(verb.lower) &&
      !verb.lower.endsWith("ing")
    );
  }
  return false;
}

/** The last token before the first comma outside quotation marks in [from, ceiling], else `ceiling`. */
export function beforeComma(tokens: Token[], from: number, ceiling: number): number {
  for (let k = from; k <= ceiling; k++) if (tokens[k]!.text === "," && tokens[k]!.quote < 0) return k - 1;
  return ceiling;
}

export function hasVerbBetween(tokens: Token[], from: number, to: number): boolean {
  for (let k = from; k <= to; k++)
    if (tokens[k]!.kind === "word" && isFiniteVerb(tokens[k]!.lower)) return true;
  return false;
}
