/**
 * Attribution clauses: where a sentence says who is speaking and which words are theirs. Each cue verb
 * found outside quotation marks gives one clause with
 * - its speaker: the subject on the left ("Kremlin spokesman Dmitry Peskov told …"), the phrase after an
 *   inverted verb ("…," said Don Fowler), or the subject it shares with an earlier verb ("…and said …",
 *   "…, saying …");
 * - its content: what follows ("said (that) …", "told reporters …", "said: “…”"), or what precedes
 *   a trailing attribution ("…, the Kremlin said."), or both sides of a parenthetical one ("The truth,
 *   the senator said, was …"), or the clause around "according to X".
 */
import { CUE_MEDIA, type CueKind, cueForm, NEEDS_THAT, NOT_SPEECH } from "./cues.ts";
import {
  hasTag,
  isAdjective,
  isAdverbLike,
  isDateWord,
  isFiniteVerb,
  isFunctionWord,
  isOrgWord,
  isRoleWord,
  isVerbish,
} from "./lexicon.ts";
import {
  CLAUSE_OPENERS,
  interpretRun,
  isModifier,
  type NounPhrase,
  PRONOUNS,
  phraseEndingAt,
  phraseStartingAt,
} from "./noun-phrases.ts";
import type { Token, Unit } from "./tokens.ts";

export type ClauseForm = "leading" | "trailing" | "parenthetical" | "according" | "shared";

export interface Clause {
  /** The cue verb token ("according" for according-to). */
  cue: number;
  /** Last token of the cue as written ("told reporters", "said in a statement"). */
  cueLast: number;
  /** First cue-phrase token ("according", or the verb). */
  cueFirst: number;
  lemma: string;
  kind: CueKind;
  form: ClauseForm;
  /** Who speaks; undefined with `shared` (the subject of an earlier verb in the sentence). */
  speaker?: NounPhrase;
  /** A description set off by commas ("Peskov, the Kremlin spokesman, said"). */
  appositive?: [number, number];
  /** Token range(s) of the speaker's words. Empty when the cue only introduces an adjacent quote. */
  content: [number, number][];
  /** Tokens that make up the attribution itself (speaker + cue), never part of any content. */
  span: [number, number];
  /** Index of the paragraph the clause is in (set by the caller). */
  paragraph?: number;
}

const SKIP_BETWEEN = new Set(
  (
    "also later earlier then previously repeatedly separately again already often once recently " +
    "initially subsequently first finally publicly privately reportedly sarcastically quickly " +
    "immediately simply really even just still has have had long since now today yesterday tonight " +
    "ago last this next week month year morning afternoon evening night weekend time briefly angrily " +
    "flatly bluntly openly frequently variously specifically explicitly further similarly too likewise " +
    "directly indirectly formally officially jokingly quietly loudly emphatically confidently " +
    "correctly falsely wrongly rightly swiftly hastily early late is was were are been being 's"
  ).split(" "),
);

const NEGATIONS = new Set(["not", "n't", "never", "no"]);
const MODALS = new Set([
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
const OBJECT_PRONOUNS = new Set(["him", "her", "them", "me", "us", "you", "it", "reporters", "journalists"]);
const PREPOSITIONS = new Set(
  "in on at during via to from with after before over through for outside inside near about by of".split(" "),
);
/** Words that open a clause rather than continue a prepositional phrase. */
const CLAUSE_STARTERS_STRICT = new Set("he she it they we i you there".split(" "));
const CLAUSE_STARTERS = new Set(
  "he she it they we i you there this that these those his her their its our my the a an no some all one many any each every what how why when if".split(
    " ",
  ),
);

function isBoundary(token: Token | undefined): boolean {
  if (!token) return true;
  if (token.kind === "quote") return true;
  if (token.kind === "punct") return /^[,;:(\u2014\u2013\u2015-]$/.test(token.text);
  return CLAUSE_OPENERS.has(token.lower);
}

function isWord(token: Token | undefined, ...words: string[]): boolean {
  return token !== undefined && token.kind === "word" && token.quote < 0 && words.includes(token.lower);
}

function isTimeWord(token: Token | undefined): boolean {
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
    "documentary article book film programme program broadcast transcript"
  ).split(" "),
);

/** What one tells that is not an addressee: "tells so many lies that …", "told the story". */
const TOLD_THINGS = new Set("lie lies truth story stories joke jokes tale tales secret secrets".split(" "));

const COLLECTIVES = new Set([
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
function isPluralHead(token: Token): boolean {
  return (
    (/s$/.test(token.lower) && !/ss$/.test(token.lower)) ||
    COLLECTIVES.has(token.lower) ||
    hasTag(token.lower, "Plural")
  );
}

/** Skips adverbs, auxiliaries and time words leftwards from `from`; reports negation and modals. */
function skipLeft(
  tokens: Token[],
  from: number,
  floor: number,
): { index: number; negated: boolean; blocked: boolean } {
  let j = from;
  let negated = false;
  while (j >= floor) {
    const t = tokens[j]!;
    if (t.quote >= 0) break;
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
    if (SKIP_BETWEEN.has(t.lower) || isTimeWord(t) || (!t.cap && isAdverbLike(t.lower))) {
      j--;
      continue;
    }
    // "on Tuesday", "in July".
    if (PREPOSITIONS.has(t.lower) && isTimeWord(tokens[j + 1])) {
      j--;
      continue;
    }
    break;
  }
  const t = tokens[j];
  const blocked = t !== undefined && t.kind === "word" && t.quote < 0 && MODALS.has(t.lower);
  return { index: j, negated, blocked };
}

/**
 * Whether a phrase can be a speaker: a pronoun, a name, or a noun for people, organisations or
 * documents. "The recent spate of police shootings and protests demands …" has no speaker.
 */
export function plausibleSpeaker(tokens: Token[], phrase: NounPhrase | undefined): boolean {
  if (!phrase) return false;
  if (phrase.kind !== "description") return true;
  const head = tokens[phrase.head]!;
  if (head.cap) return true;
  return (
    isRoleWord(head.lower) ||
    isOrgWord(head.lower) ||
    DOCUMENTS.has(head.lower) ||
    COLLECTIVES.has(head.lower)
  );
}

/** A segment between commas that describes rather than names: "who …", "a …", "president of …", "25". */
function isAside(tokens: Token[], start: number): boolean {
  const t = tokens[start];
  if (!t || t.quote >= 0) return false;
  if (/^\d/.test(t.text)) return true;
  if (t.kind !== "word") return false;
  if (/^(?:who|which|whose|where|a|an|the|one|himself|herself|also|then|now|both|of|from)$/.test(t.lower))
    return true;
  // "vice president at Mandiant Consulting", "former aide": a title without a name.
  if (!t.cap && (isRoleWord(t.lower) || isModifier(t.lower) || /(?:ing|ed)$/.test(t.lower))) return true;
  return false;
}

/** The subject phrase ending at `end`, if a clause boundary precedes it. */
function subjectAt(tokens: Token[], end: number, floor: number): NounPhrase | undefined {
  const phrase = phraseEndingAt(tokens, end, floor);
  if (!phrase) return undefined;
  // "the former secretary of state and current Democratic presidential nominee said": one person
  // described twice; the first description, with its article, is the one to resolve.
  if (phrase.kind === "description" && !phrase.determiner && isWord(tokens[phrase.first - 1], "and")) {
    const first = phraseEndingAt(tokens, phrase.first - 2, floor);
    if (
      first?.kind === "description" &&
      first.determiner === "the" &&
      (first.first - 1 < floor || isBoundary(tokens[first.first - 1]))
    ) {
      return first;
    }
  }
  // "a charge Russia denies", "something Moscow denies": a plain noun before the name means the name
  // starts a relative clause about that noun; it is not the subject of the sentence.
  if (phrase.kind === "name" && !describesName(tokens, phrase)) {
    const opener = tokens[phrase.first - 1];
    // "In a Bloomberg interview Trump declared": the plain noun ends an opening phrase instead.
    if (opener && PREPOSITIONS.has(opener.lower) && phrase.nameFirst > phrase.first) {
      return phraseEndingAt(tokens, end, phrase.runFirst ?? phrase.nameFirst);
    }
    return undefined;
  }
  const before = phrase.first - 1;
  if (before < floor || isBoundary(tokens[before])) return phrase;
  // "Even China said", "But also Trump said": a focus adverb opening the clause.
  if (/^(?:even|also|only|now|then|still|meanwhile|however|instead)$/.test(tokens[before]!.lower)) {
    if (before - 1 < floor || isBoundary(tokens[before - 1])) return phrase;
  }
  // "In a Bloomberg interview Trump declared …": an opening phrase without its comma. The name at the
  // end of the run is the subject when a plain noun precedes it.
  if (phrase.kind === "name" && phrase.nameFirst > phrase.first) {
    const left = tokens[phrase.nameFirst - 1]!;
    const opener = tokens[phrase.first - 1];
    if (
      !left.cap &&
      !isRoleWord(left.lower) &&
      left.kind === "word" &&
      opener &&
      PREPOSITIONS.has(opener.lower)
    ) {
      return phraseEndingAt(tokens, end, phrase.nameFirst);
    }
  }
  return undefined;
}

/** Words before a name that can describe it: titles, roles, affiliations, adjectives, possessors. */
function describesName(tokens: Token[], phrase: NounPhrase): boolean {
  const start = phrase.runFirst ?? phrase.nameFirst;
  let plain = false;
  let titled = isRoleWord(tokens[phrase.first]!.lower);
  for (let k = phrase.first; k < start; k++) {
    const t = tokens[k]!;
    if (t.kind !== "word" || k === phrase.first) continue;
    // "Clinton communication director Jennifer Palmieri": nouns before a role word are part of the title.
    if (isRoleWord(t.lower)) {
      plain = false;
      titled = true;
      continue;
    }
    // "director of telecoms research Tony Lavender": the title's complement.
    if (titled) continue;
    if (t.cap || isOrgWord(t.lower) || isModifier(t.lower) || isAdjective(t.lower)) continue;
    // "Officials at Homeland Security Investigations": a connector inside a name or title.
    if (/^(?:of|at|for|on|in|and)$/.test(t.lower) && tokens[k + 1]?.cap) continue;
    plain = true;
  }
  return !plain;
}

/**
 * The subject a shared cue ("…, saying …", "… and said …") takes: that of the nearest finite verb to its
 * left ("…, the Security Council issued a statement calling …"), else the unit's opening subject.
 */
export function sharedSubject(
  tokens: Token[],
  unit: Unit,
  start: number,
  cue: number,
): NounPhrase | undefined {
  const floor = Math.max(unit.first, start);
  for (let v = cue - 1; v > floor; v--) {
    const t = tokens[v]!;
    if (t.quote >= 0 || t.kind !== "word" || !isFiniteVerb(t.lower)) continue;
    const skipped = skipLeft(tokens, v - 1, floor);
    const subject = subjectAt(tokens, skipped.index, floor);
    // "- where the Charlotte Panthers played … - while chanting": a verb in an aside has its own subject.
    const opener = subject ? tokens[subject.first - 1] : undefined;
    if (opener && opener.kind === "word" && /^(?:where|who|which|when|whose|whom)$/.test(opener.lower))
      continue;
    if (subject && plausibleSpeaker(tokens, subject)) return subject;
  }
  return unitSubject(tokens, unit, start);
}

/** The main subject of a unit: the phrase that opens it (after a leading adverbial) and precedes a verb. */
export function unitSubject(tokens: Token[], unit: Unit, start: number): NounPhrase | undefined {
  let i = Math.max(unit.first, start);
  // "During the rally Monday, …", "Earlier on Tuesday, …": skip an opening adverbial phrase.
  const opener = tokens[i];
  if (
    opener &&
    opener.kind === "word" &&
    (PREPOSITIONS.has(opener.lower) ||
      isFunctionWord(opener.lower) ||
      /^(?:earlier|later|meanwhile|still|also)$/i.test(opener.lower)) &&
    !PRONOUNS[opener.lower] &&
    !/^the$/i.test(opener.lower)
  ) {
    for (let k = i; k <= Math.min(unit.last, i + 16); k++) {
      if (tokens[k]!.text === "," && tokens[k]!.quote < 0) {
        i = k + 1;
        break;
      }
    }
  }
  const phrase = phraseStartingAt(tokens, i, Math.min(unit.last, i + 14));
  if (!phrase) return undefined;
  let k = phrase.last + 1;
  if (tokens[k]?.text === ",") {
    // An appositive or participle phrase: "Trump, speaking to a veterans group, said".
    let m = k + 1;
    while (m <= unit.last && m - k < 25 && tokens[m]!.text !== "," && tokens[m]!.quote < 0) m++;
    if (tokens[m]?.text === ",") k = m + 1;
  }
  const skipped = skipLeftForward(tokens, k, unit.last);
  const verb = tokens[skipped];
  if (verb && verb.kind === "word" && (isVerbish(verb.lower) || cueForm(verb.lower))) return phrase;
  return undefined;
}

function skipLeftForward(tokens: Token[], from: number, ceiling: number): number {
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

/** The last token of a short title in quote marks ("Morning Joe", "Face the Nation"), or -1. */
export function titleQuoteEnd(tokens: Token[], k: number): number {
  const open = tokens[k];
  if (!open || open.quote < 0) return -1;
  let m = k;
  const words: Token[] = [];
  while (m + 1 < tokens.length && tokens[m + 1]!.quote === open.quote) {
    m++;
    if (tokens[m]!.kind === "word") words.push(tokens[m]!);
  }
  const small = /^(?:the|a|an|of|and|in|on|for|to|at)$/;
  const titled =
    words.length > 0 &&
    words.length <= 5 &&
    words.every((w) => w.cap || small.test(w.lower) || /^\d/.test(w.text));
  return titled ? m : -1;
}

/**
 * Words after the cue that belong to it: the addressee of "told", "in a statement", "on Tuesday",
 * "MSNBC's “Morning Joe”". Returns where the content may start and the last token of the cue as written.
 */
function cueTail(
  tokens: Token[],
  cue: number,
  kind: CueKind,
  ceiling: number,
): { next: number; cueLast: number } {
  let k = cue + 1;
  let cueLast = cue;
  const objectFirst = kind === "tell" || (kind === "infinitive" && tokens[k]?.lower !== "to");
  if (objectFirst && k <= ceiling) {
    const t = tokens[k]!;
    if (t.kind === "word" && t.quote < 0 && OBJECT_PRONOUNS.has(t.lower)) {
      cueLast = k;
      k++;
    } else if (t.kind === "word" && t.quote < 0 && t.lower !== "that" && t.lower !== "to") {
      const object = phraseStartingAt(tokens, k, ceiling);
      if (object) {
        cueLast = object.last;
        k = object.last + 1;
        if (kind === "tell" && TOLD_THINGS.has(tokens[object.head]!.lower)) {
          // "tells so many lies that …": no one is being told anything.
          return { next: ceiling + 1, cueLast: cue };
        }
        if (tokens[k]?.kind === "poss") k++;
        const title = titleQuoteEnd(tokens, k);
        if (title >= 0) k = title + 1;
      } else if (kind === "tell" && !PREPOSITIONS.has(t.lower)) {
        // "tells so many lies …": no addressee, so nothing is being told.
        return { next: ceiling + 1, cueLast: cue };
      }
    }
  }
  // "said (in the early morning hours) that …": everything up to a near "that" belongs to the cue.
  for (let m = k; m <= ceiling && m < k + 12; m++) {
    const t = tokens[m]!;
    if (t.quote >= 0) break;
    if (t.kind === "punct" && t.text === ",") continue; // "at a campaign stop in Toledo, Ohio, that …"
    if (t.kind === "word" && t.lower === "that") {
      const following = tokens[m + 1];
      if (following && following.kind === "word" && following.quote < 0 && isFiniteVerb(following.lower))
        break;
      const between = tokens.slice(k, m).filter((x) => x.text !== ",");
      // "tells so many lies that …": a result clause, not what was told.
      if (between.some((x) => /^(?:so|such)$/.test(x.lower))) break;
      const plain = between.every(
        (x) =>
          x.kind === "word" &&
          !isFiniteVerb(x.lower) &&
          !cueForm(x.lower) &&
          !CLAUSE_STARTERS_STRICT.has(x.lower),
      );
      if (
        plain &&
        (between.length === 0 ||
          PREPOSITIONS.has(between[0]!.lower) ||
          isTimeWord(between[0]) ||
          isAdverbLike(between[0]!.lower) ||
          SKIP_BETWEEN.has(between[0]!.lower))
      ) {
        if (between.length > 0 && PREPOSITIONS.has(between[0]!.lower) && between.length <= 4) {
          const head = between.at(-1)!.lower;
          if (CUE_MEDIA.has(head) && k === cueLast + 1) cueLast = m - 1;
        }
        return { next: m, cueLast };
      }
      break;
    }
    if (t.kind !== "word") break;
  }
  for (let guard = 0; guard < 4 && k <= ceiling; guard++) {
    const t = tokens[k]!;
    if (t.quote >= 0 || t.kind !== "word") break;
    if (tokens[k + 1]?.kind === "poss") break; // "said Tuesday's conversation …"
    if (
      isTimeWord(t) ||
      (SKIP_BETWEEN.has(t.lower) && !/^(?:this|that|is|was|were|are|has|have|had)$/.test(t.lower)) ||
      (!t.cap && isAdverbLike(t.lower))
    ) {
      k++;
      continue;
    }
    if (
      (t.lower === "this" || t.lower === "last" || t.lower === "next") &&
      /^(?:week|month|year|morning|afternoon|evening|weekend)$/.test(tokens[k + 1]?.lower ?? "")
    ) {
      k += 2;
      continue;
    }
    // "encouraging his supporters to visit …": an infinitive, not a prepositional phrase.
    if (
      t.lower === "to" &&
      tokens[k + 1]?.kind === "word" &&
      (isVerbish(tokens[k + 1]!.lower) || hasTag(tokens[k + 1]!.lower, "Infinitive"))
    ) {
      break;
    }
    if (PREPOSITIONS.has(t.lower) && t.lower !== "that") {
      const object = phraseStartingAt(tokens, k + 1, ceiling);
      if (!object) {
        // "on the other hand", "in the early hours": words up to a comma, "that" or a quotation.
        let m = k + 1;
        while (
          m <= ceiling &&
          m - k <= 6 &&
          tokens[m]!.kind === "word" &&
          tokens[m]!.quote < 0 &&
          tokens[m]!.lower !== "that" &&
          !isVerbish(tokens[m]!.lower) &&
          !CLAUSE_STARTERS_STRICT.has(tokens[m]!.lower)
        ) {
          m++;
        }
        const stop = tokens[m];
        if (
          m > k + 1 &&
          (!stop || stop.text === "," || stop.text === ":" || stop.quote >= 0 || stop.lower === "that")
        ) {
          k = m;
          continue;
        }
        break;
      }
      // "in a statement", "on Twitter", "via email": part of the cue as written.
      const head = tokens[object.head]!.lower;
      if (CUE_MEDIA.has(head) && k === cueLast + 1) cueLast = object.last;
      k = object.last + 1;
      if (tokens[k]?.kind === "poss") k++;
      const title = titleQuoteEnd(tokens, k);
      if (title >= 0) k = title + 1;
      // "in an interview on Monday": keep skipping.
      continue;
    }
    break;
  }
  return { next: k, cueLast };
}

function hasQuoteAhead(tokens: Token[], from: number, ceiling: number): boolean {
  for (let k = from; k <= ceiling && k < from + 8; k++) if (tokens[k]!.quote >= 0) return true;
  return false;
}

function hasVerbAfter(tokens: Token[], from: number, ceiling: number, within = 8): boolean {
  const limit = within === 0 ? 8 : within;
  for (let k = from; k <= ceiling && k < from + limit; k++) {
    const t = tokens[k]!;
    if (t.quote >= 0) return true;
    if (t.kind === "word" && isVerbish(t.lower) && !cueForm(t.lower)) return true;
  }
  return false;
}

/** For cues that are usually other verbs ("charge the men"), content only after "that", ":" or a quote. */
function introducedContent(tokens: Token[], s: number, lemma: string): number {
  if (s < 0 || !NEEDS_THAT.has(lemma)) return s;
  const before = tokens[s - 1];
  if (tokens[s]!.quote >= 0 || before?.text === ":" || before?.lower === "that") return s;
  return -1;
}

/** A clause follows at k: "that …", a pronoun or phrase with a verb soon after, or an infinitive. */
function contentStart(tokens: Token[], k: number, ceiling: number, kind: CueKind, lemma = ""): number {
  const t = tokens[k];
  if (!t) return -1;
  if (t.kind === "word" && t.lower === "that" && t.quote < 0) {
    // "…after the meeting that was held …": a relative clause, not what was said.
    const after = tokens[k + 1];
    if (after && after.kind === "word" && after.quote < 0 && isFiniteVerb(after.lower)) return -1;
    let s = k + 1;
    while (tokens[s] && tokens[s]!.text === "," && tokens[s]!.quote < 0) s++;
    return s <= ceiling ? s : -1;
  }
  if (
    t.kind === "punct" &&
    (t.text === ":" || t.text === ",") &&
    tokens[k + 1]?.kind === "quote" &&
    tokens[k + 1]!.quote >= 0
  )
    return k + 1;
  if (t.kind === "punct" && t.text === ":") return k + 1 <= ceiling ? k + 1 : -1;
  if (t.quote >= 0) return k;
  if (t.kind !== "word") return -1;
  if (kind === "infinitive" || kind === "tell") {
    if (t.lower === "to" && (tokens[k + 1]?.kind === "word" || tokens[k + 1]?.kind === "quote")) return k;
  }
  if (kind === "label") return k;
  if (kind === "intro") return -1;
  // "is promising lower taxes and “jobs, jobs, jobs”": the promise is the object itself.
  if (kind === "infinitive" && t.lower !== "to" && hasQuoteAhead(tokens, k, ceiling)) return k;
  if (kind === "infinitive") return -1;
  // "say they have …": a subject pronoun opens a clause whatever the next word's tag.
  if (/^(?:he|she|they|we|i|it)$/.test(t.lower) && tokens[k + 1]?.kind === "word") return k;
  if (CLAUSE_STARTERS.has(t.lower) || t.cap || /^\d/.test(t.text)) {
    if (hasVerbAfter(tokens, k, ceiling, 10)) return k;
    // "said his running mate … Donald Trump's tweet … was only “to mock” …": "say" almost always takes
    // a clause, so a long subject is no reason to doubt it.
    if (
      lemma === "say" &&
      !/^(?:what|how|why|when|if)$/.test(t.lower) &&
      hasVerbAfter(tokens, k, ceiling, 24)
    )
      return k;
    return -1;
  }
  if (/^(?:who|whom|whose|which)$/.test(t.lower)) return -1;
  // "says hackers are taking aim …": a bare noun subject, but not "in …", "while …", "to …".
  if (PREPOSITIONS.has(t.lower) || CLAUSE_OPENERS.has(t.lower) || t.lower === "to" || isVerbish(t.lower))
    return -1;
  if (hasVerbAfter(tokens, k + 1, ceiling, 6)) return k;
  return -1;
}

/**
 * All attribution clauses of one unit, in order. `start` is the first token the unit may use (after a
 * dateline).
 */
export function findClauses(tokens: Token[], unit: Unit, start: number): Clause[] {
  const clauses: Clause[] = [];
  const floor = Math.max(unit.first, start);
  for (let i = floor; i <= unit.last; i++) {
    const t = tokens[i]!;
    if (t.kind === "punct" && /^[\u2015\u2014\u2013-]$/.test(t.text) && tokens[i - 1]?.kind === "quote") {
      const clause = dashAttribution(tokens, i, unit.last);
      if (clause) clauses.push(clause);
      continue;
    }
    if (t.kind !== "word" || t.quote >= 0) continue;
    if (t.lower === "according" && isWord(tokens[i + 1], "to")) {
      const clause = according(tokens, i, floor, unit.last);
      if (clause) clauses.push(clause);
      continue;
    }
    const form = cueForm(t.lower);
    if (!form || NOT_SPEECH.has(t.lower)) continue;
    if (t.cap && i > floor && tokens[i - 1]?.kind !== "quote") continue; // "the United States"
    const clause = form.gerund
      ? gerundClause(tokens, i, floor, unit.last)
      : finiteClause(tokens, i, floor, unit.last);
    if (clause) clauses.push(clause);
  }
  return trimContents(clauses, tokens);
}

/** "“…” ― Sonya Herridge": a quotation signed with a dash and a name that ends the line. */
function dashAttribution(tokens: Token[], i: number, ceiling: number): Clause | undefined {
  const speaker = phraseStartingAt(tokens, i + 1, ceiling);
  if (speaker?.kind !== "name") return undefined;
  let end = speaker.last;
  while (end < ceiling && tokens[end + 1]!.kind === "punct" && tokens[end + 1]!.quote < 0) end++;
  if (end !== ceiling) return undefined;
  return {
    cue: i,
    cueFirst: i,
    cueLast: i,
    lemma: "―",
    kind: "clause",
    form: "trailing",
    speaker,
    content: [],
    span: [i, speaker.last],
  };
}

function hasVerbBetween(tokens: Token[], from: number, to: number): boolean {
  for (let k = from; k <= to; k++)
    if (tokens[k]!.kind === "word" && isFiniteVerb(tokens[k]!.lower)) return true;
  return false;
}

function according(tokens: Token[], i: number, floor: number, ceiling: number): Clause | undefined {
  const speaker = phraseStartingAt(tokens, i + 2, ceiling);
  if (!speaker) return undefined;
  const base = {
    cue: i,
    cueFirst: i,
    cueLast: i + 1,
    lemma: "according to",
    kind: "clause" as CueKind,
    form: "according" as ClauseForm,
    speaker,
  };
  let speakerEnd = speaker.last;
  // "according to NYPD Commissioner James O’Neill" may be followed by an appositive.
  if (tokens[speakerEnd + 1]?.text === ",") {
    const after = tokens[speakerEnd + 2];
    if (after && after.kind === "word" && /^(?:the|a|an|who)$/.test(after.lower)) {
      let m = speakerEnd + 2;
      while (m <= ceiling && tokens[m]!.text !== "," && tokens[m]!.quote < 0) m++;
      // Only an aside closed by a comma with more text after it; otherwise ", the move reeks …" is content.
      const closed = tokens[m]?.text === "," && m < ceiling && !hasVerbBetween(tokens, speakerEnd + 2, m - 1);
      if (closed) speakerEnd = m - 1;
    }
  }
  const before = i - 1;
  if (i === floor || (i - 1 >= floor && tokens[i - 1]?.text === "," && i - 1 === floor)) {
    // "According to X, …"
    let s = speakerEnd + 1;
    while (tokens[s] && tokens[s]!.text === ",") s++;
    if (s > ceiling) return undefined;
    return { ...base, content: [[s, ceiling]], span: [i, speakerEnd] };
  }
  if (tokens[before]?.text === "," || tokens[before]?.kind === "quote") {
    // "…, according to X."
    let e = tokens[before]!.text === "," ? before - 1 : before;
    if (e < floor) return undefined;
    const tail = speakerEnd + 1;
    const content: [number, number][] = [[floor, e]];
    if (tokens[tail]?.text === "," && tail + 1 <= ceiling) content.push([tail + 1, ceiling]);
    while (e >= floor && tokens[e]!.kind === "punct" && tokens[e]!.quote < 0) e--;
    content[0] = [floor, e];
    return { ...base, content, span: [before, speakerEnd] };
  }
  return undefined;
}

function gerundClause(tokens: Token[], i: number, floor: number, ceiling: number): Clause | undefined {
  const form = cueForm(tokens[i]!.lower)!;
  const skipped = skipLeft(tokens, i - 1, floor);
  const prev = tokens[skipped.index];
  if (skipped.negated) return undefined;
  // "Trump is saying", "he's claiming": a finite progressive (the auxiliary may have been skipped).
  for (let k = skipped.index; k < i; k++) {
    const t = tokens[k];
    if (!t || k < floor) continue;
    const aux = t.kind === "word" && /^(?:is|are|was|were|been|be|am)$/.test(t.lower);
    const contracted =
      t.kind === "poss" && tokens[k - 1] !== undefined && PRONOUNS[tokens[k - 1]!.lower] !== undefined;
    if (aux || contracted) return finiteClause(tokens, i, floor, ceiling, k - 1);
  }
  const tail = cueTail(tokens, i, form.kind, ceiling);
  const s = introducedContent(tokens, contentStart(tokens, tail.next, ceiling, form.kind), form.lemma);
  const content: [number, number][] = s >= 0 ? [[s, ceiling]] : [];
  const base = { cue: i, cueFirst: i, cueLast: tail.cueLast, lemma: form.lemma, kind: form.kind, content };
  if (
    !prev ||
    skipped.index < floor ||
    prev.text === "," ||
    isWord(prev, "and", "while", "before", "after", "by", "as", "then", "but")
  ) {
    // ", saying …", "and adding …", "was quoted as saying …": the sentence's speaker.
    if (skipped.index < floor) return undefined; // A sentence-initial participle: "Speaking of …", "Asked about …".
    return { ...base, form: "shared", span: [skipped.index, tail.cueLast] };
  }
  // "with Trump saying last week: …"
  const speaker = phraseEndingAt(tokens, skipped.index, floor);
  if (speaker && speaker.kind === "description" && DOCUMENTS.has(tokens[speaker.head]!.lower)) {
    // "the Security Council issued a statement calling the test …": the sentence's speaker.
    return { ...base, form: "shared", span: [speaker.first, tail.cueLast] };
  }
  // "with Trump saying …", "footage of Trump saying …"
  if (speaker && speaker.kind !== "description" && isWord(tokens[speaker.first - 1], "with", "as", "of")) {
    return { ...base, form: "leading", speaker, span: [speaker.first, tail.cueLast] };
  }
  return undefined;
}

function finiteClause(
  tokens: Token[],
  i: number,
  floor: number,
  ceiling: number,
  from = i - 1,
): Clause | undefined {
  const form = cueForm(tokens[i]!.lower)!;
  const verb = tokens[i]!;
  // A sentence-initial "Asked about …," is a passive participle, not a cue; "Said Ellis: “…”" is one.
  if (i === floor && verb.cap) {
    const object = phraseStartingAt(tokens, i + 1, ceiling);
    if (object?.kind !== "name" || !/^[:,]$/.test(tokens[object.last + 1]?.text ?? "")) return undefined;
    const s = object.last + 2;
    if (s > ceiling) return undefined;
    return {
      cue: i,
      cueFirst: i,
      cueLast: i,
      lemma: form.lemma,
      kind: form.kind,
      form: "leading",
      speaker: object,
      content: [[s, ceiling]],
      span: [i, object.last],
    };
  }
  const skipped = skipLeft(tokens, from, floor);
  if (skipped.negated || skipped.blocked) return undefined;
  const j = skipped.index;
  const prev = tokens[j];
  if (
    prev &&
    prev.kind === "word" &&
    prev.quote < 0 &&
    /^(?:the|a|an|his|her|their|its|our|my|your|this|these|those)$/.test(prev.lower)
  ) {
    return undefined; // "the call", "his statement": a noun.
  }
  if (prev && prev.kind === "poss") return undefined; // "Trump's tweets"
  const tail = cueTail(tokens, i, form.kind, ceiling);
  const base = { cue: i, cueFirst: i, lemma: form.lemma, kind: form.kind };
  const isBase = verb.lower === form.lemma;

  let speaker: NounPhrase | undefined;
  let appositive: [number, number] | undefined;
  let shared = false;
  let inverted = false;
  let relative = false;
  let subjectStart: number | undefined;
  if (j < floor || !prev) {
    inverted = true; // "Said Fowler: …" (rare) or a cue that opens the unit after a quote.
  } else if (
    prev.kind === "quote" ||
    (prev.text === "," && tokens[j - 1]?.kind === "quote" && tokens[j - 1]!.quote >= 0)
  ) {
    inverted = true; // "…," said Don Fowler
  } else if (isWord(prev, "and", "but", "or")) {
    shared = true;
  } else if (prev.text === ",") {
    // "Peskov, the Kremlin spokesman, said" / "Trump, speaking to …, said" / "Scott Pruitt, the
    // attorney general of Oklahoma, one of the states suing the EPA, said": skip the asides, preferring
    // a name to a description.
    let close = j;
    for (let hops = 0; hops < 6 && !speaker; hops++) {
      let m = close - 1;
      while (m >= floor && close - m < 30 && tokens[m]!.text !== "," && tokens[m]!.quote < 0) m--;
      const aside = tokens[m];
      if (aside?.text !== "," || m <= floor) break;
      appositive ??= [m + 1, j - 1];
      const subject = subjectAt(tokens, m - 1, floor);
      // "…, the company's chief executive, Helen Park, said": the name in the aside is the speaker.
      const named = phraseStartingAt(tokens, m + 1, close - 1);
      if (subject?.kind === "description" && named?.kind === "name" && named.last === close - 1) {
        speaker = named;
        subjectStart = subject.first;
        break;
      }
      // "Donna Rawlings, 59, of Ashton, Md., who watched …, said": places and ages are asides too.
      const place =
        subject?.kind === "name" &&
        tokens[subject.first - 1]?.text === "," &&
        interpretRun(tokens, subject.runFirst ?? subject.nameFirst, subject.nameLast).kind === "place";
      if (
        subject &&
        subject.kind !== "pronoun" &&
        !place &&
        !(subject.kind === "description" && isAside(tokens, subject.first))
      ) {
        speaker = subject;
        appositive = [m + 1, j - 1];
        break;
      }
      // "…, president of the United Federation of Teachers, which represents …, said": keep going left
      // while the segments read like asides (a place such as "Md." is one).
      const segmentIsPlace =
        named?.kind === "name" &&
        named.last === close - 1 &&
        interpretRun(tokens, named.runFirst ?? named.nameFirst, named.nameLast).kind === "place";
      if (
        !isAside(tokens, m + 1) &&
        !(subject && isAside(tokens, subject.first)) &&
        !place &&
        !segmentIsPlace
      )
        break;
      close = m;
    }
    if (!speaker) inverted = true; // "…, said Rep. Elijah Cummings of Maryland."
  } else if (isWord(prev, "who") && tokens[j - 1]?.text === ",") {
    relative = true;
    speaker = subjectAt(tokens, j - 2, floor);
    if (!speaker) return undefined;
  } else {
    speaker = subjectAt(tokens, j, floor);
    if (!speaker) return undefined;
    // "Chris Panayis, managing director of ISP Freedom2surf said": an unclosed aside after the name.
    if (speaker.kind !== "pronoun" && tokens[speaker.first - 1]?.text === "," && speaker.first - 2 >= floor) {
      const person = subjectAt(tokens, speaker.first - 2, floor);
      const reading =
        person?.kind === "name"
          ? interpretRun(tokens, person.runFirst ?? person.nameFirst, person.nameLast)
          : undefined;
      if (person && reading?.kind === "person" && isAside(tokens, speaker.first)) {
        appositive = [speaker.first, j];
        subjectStart = person.first;
        speaker = person;
      }
    }
  }
  if (isBase && speaker && !(speaker.kind === "pronoun" || isPluralHead(tokens[speaker.head]!)))
    return undefined;
  if (isBase && !speaker && !shared) return undefined;
  if (speaker && !plausibleSpeaker(tokens, speaker)) return undefined;

  if (inverted) {
    const object = phraseStartingAt(tokens, i + 1, ceiling);
    if (!object) return undefined;
    // "…, said they were concerned": a pronoun after the verb starts the content, it is not an
    // inverted speaker (that only happens straight after a quotation: "“…,” said he").
    if (object.kind === "pronoun" && prev?.kind !== "quote") return undefined;
    if (
      tokens[object.first]!.lower === "that" ||
      (object.kind === "description" &&
        !hasTag(tokens[object.head]!.lower, "Actor") &&
        !tokens[object.head]!.cap &&
        object.determiner === undefined)
    ) {
      return undefined;
    }
    let end = object.last;
    // "said O'Neill, on what was his first full day …" / "said Don Fowler, who helmed …": an aside.
    let objectAppositive: [number, number] | undefined;
    if (tokens[end + 1]?.text === "," && end + 2 <= ceiling) {
      const a = end + 2;
      let m = a;
      while (m <= ceiling && tokens[m]!.text !== "," && tokens[m]!.quote < 0) m++;
      objectAppositive = [a, m - 1];
      end = ceiling;
    }
    const before = j;
    let contentEnd = before;
    while (contentEnd >= floor && tokens[contentEnd]!.kind === "punct" && tokens[contentEnd]!.quote < 0)
      contentEnd--;
    const content: [number, number][] = contentEnd >= floor ? [[floor, contentEnd]] : [];
    const clause: Clause = {
      ...base,
      cueLast: i,
      form: "trailing",
      speaker: object,
      content,
      span: [i, end],
    };
    if (objectAppositive) clause.appositive = objectAppositive;
    return clause;
  }

  const subjectFirst = shared ? j : (subjectStart ?? speaker!.first);
  const spanStart = shared ? j : subjectFirst;
  const s = introducedContent(
    tokens,
    contentStart(tokens, tail.next, ceiling, form.kind, form.lemma),
    form.lemma,
  );
  const leadingBoundary = tokens[subjectFirst - 1];
  const trailing =
    !shared &&
    subjectFirst > floor &&
    leadingBoundary !== undefined &&
    (leadingBoundary.text === "," || leadingBoundary.kind === "quote");
  const clause: Clause = {
    ...base,
    cueLast: tail.cueLast,
    form: shared ? "shared" : "leading",
    content: [],
    span: [spanStart, tail.cueLast],
  };
  if (speaker) clause.speaker = speaker;
  if (appositive) clause.appositive = appositive;
  if (s >= 0) {
    let end = ceiling;
    if (relative) {
      // "Trump, who vowed to improve relations …, has been under pressure": the aside ends at its comma.
      for (let k = s; k <= ceiling; k++) {
        if (tokens[k]!.text === "," && tokens[k]!.quote < 0) {
          end = k - 1;
          break;
        }
      }
    }
    clause.content = [[s, end]];
    if (
      trailing &&
      tokens[tail.next]?.text !== ":" &&
      leadingBoundary?.text === "," &&
      tokens[s]!.quote < 0
    ) {
      // "Though that transition was seamless, he said, replacing Clinton …": both sides are content.
      const e = subjectFirst - 2;
      if (e >= floor && !tokens.slice(floor, e + 1).every((x) => x.quote >= 0 || x.kind === "punct")) {
        if (tokens[tail.next]?.text === ",") {
          clause.form = "parenthetical";
          clause.content = [
            [floor, e],
            [tail.next + 1, ceiling],
          ];
        }
      }
    }
    // "“Q1,” Coach Price said at a rally, “Q2.”": a quotation on both sides of the attribution.
    if (trailing && tokens[s]!.quote >= 0 && leadingBoundary?.kind === "quote") {
      let e = subjectFirst - 1;
      while (e >= floor && tokens[e]!.kind === "punct" && tokens[e]!.quote < 0) e--;
      if (e >= floor && tokens.slice(floor, e + 1).every((x) => x.quote >= 0 || x.kind === "punct")) {
        clause.form = "parenthetical";
        clause.content = [[floor, e], ...clause.content];
      }
    }
    return clause;
  }
  if (trailing) {
    let e = subjectFirst - 1;
    while (e >= floor && tokens[e]!.kind === "punct" && tokens[e]!.quote < 0) e--;
    const next = tokens[tail.next];
    const after =
      next !== undefined &&
      next.text === "," &&
      tail.next + 1 <= ceiling &&
      !cueForm(tokens[tail.next + 1]!.lower)
        ? tokens[tail.next + 1]!
        : undefined;
    if (after && (after.quote >= 0 || after.kind === "word") && e >= floor) {
      // "The truth, the senator said then, was that …": the words on both sides are the speaker's.
      clause.form = "parenthetical";
      clause.content = [
        [floor, e],
        [tail.next + 1, ceiling],
      ];
      return clause;
    }
    if (saysSomething(tokens, floor, subjectFirst - 1)) {
      clause.form = "trailing";
      clause.content = e >= floor ? [[floor, e]] : [];
      return clause;
    }
  }
  if (form.kind === "label") {
    clause.content = tail.next <= ceiling ? [[tail.next, ceiling]] : [];
  }
  return clause;
}

/**
 * Words before a trailing attribution that can be speech: a quotation, or a clause with a verb, but not
 * an opening participle phrase ("Asked about the holiday, Mr Blair told …", "But challenged on the
 * remark, he denied …").
 */
function saysSomething(tokens: Token[], from: number, to: number): boolean {
  let first = from;
  while (
    first <= to &&
    tokens[first]!.kind === "word" &&
    /^(?:but|and|so|yet|then)$/.test(tokens[first]!.lower)
  )
    first++;
  const opener = tokens[first];
  if (
    opener &&
    opener.kind === "word" &&
    opener.quote < 0 &&
    /(?:ed|ing)$/.test(opener.lower) &&
    !isFiniteVerb(opener.lower) &&
    opener.lower.length > 4
  ) {
    return false;
  }
  if (
    opener &&
    opener.kind === "word" &&
    opener.quote < 0 &&
    /^(?:asked|challenged|pressed|questioned|told|speaking)$/.test(opener.lower)
  )
    return false;
  for (let k = from; k <= to; k++) {
    const t = tokens[k]!;
    if (t.quote >= 0) return true;
    if (t.kind === "word" && isVerbish(t.lower)) return true;
  }
  return false;
}

/**
 * Content never includes a later attribution in the same sentence: "Ryabkov said he hoped …, the RIA
 * news agency reported" stops before ", the RIA news agency reported"; "…and said …" starts a new
 * content. A clause nested at the start of a content is part of what was said ("He notes that the
 * Commission announced …") and stays.
 */
function trimContents(clauses: Clause[], tokens: Token[]): Clause[] {
  for (const clause of clauses) {
    clause.content = clause.content
      .map(([s, e]): [number, number] => {
        let end = e;
        for (const other of clauses) {
          if (other === clause) continue;
          const [os] = other.span;
          if (os <= s || os > end) continue;
          if (other.form === "leading" && os === s) continue;
          // "… by calling out Trump …": a subordinate gerund is inside the content, not after it.
          if (other.form === "shared" && !/^(?:,|and|but|;)$/.test(tokens[os]!.lower)) continue;
          end = os - 1;
          while (
            end >= s &&
            tokens[end]!.quote < 0 &&
            (tokens[end]!.kind === "punct" || isWord(tokens[end], "and", "but", "with", "as", "while", "or"))
          ) {
            end--;
          }
        }
        let start = s;
        while (start <= end && tokens[start]!.quote < 0 && tokens[start]!.kind === "punct") start++;
        return [start, end];
      })
      .filter(([s, e]) => e >= s);
  }
  return clauses;
}
