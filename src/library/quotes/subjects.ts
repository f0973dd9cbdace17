/**
 * The speaker side of a clause: the subject phrase left of a cue verb, past asides in commas ("Peskov,
 * the Kremlin spokesman, said"), and the subject a shared cue ("…, saying …") borrows.
 */

import {
  COLLECTIVES,
  DOCUMENTS,
  isBoundary,
  isWord,
  PREPOSITIONS,
  skipLeft,
  skipLeftForward,
} from "./clause-words.ts";
import { cueForm } from "./cues.ts";
import {
  isAdjective,
  isFiniteVerb,
  isFirstName,
  isFunctionWord,
  isKnownWord,
  isOrgWord,
  isRoleWord,
  isVerbish,
} from "./lexicon.ts";
import {
  interpretRun,
  isModifier,
  isParticle,
  type NounPhrase,
  nameKind,
  PRONOUNS,
  phraseEndingAt,
  phraseStartingAt,
  withSourceLink,
} from "./noun-phrases.ts";
import { isSourceLink } from "./source-links.ts";
import type { Token, Unit } from "./tokens.ts";

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

/** Words that take a share of a group: "some of the voters", "two in three". */
const QUANTIFIERS =
  /^(?:some|many|most|several|all|none|few|both|half|each|one|two|three|four|five|six|seven|eight|nine|ten|majority|minority|\d+)$/;

/** A segment between commas that describes rather than names: "who …", "a …", "president of …", "25". */
export function isAside(tokens: Token[], start: number): boolean {
  const t = tokens[start];
  if (!t || t.quote >= 0) return false;
  if (/^\d/.test(t.text)) return true;
  if (t.kind !== "word") return false;
  if (/^(?:who|which|whose|where|a|an|the|one|himself|herself|also|then|now|both|of|from)$/.test(t.lower))
    return true;
  // "vice president at Mandiant Consulting", "former aide": a title without a name.
  if (!t.cap && (isRoleWord(t.lower) || isModifier(t.lower) || /(?:ing|ed)$/.test(t.lower))) return true;
  return t.cap && !isFirstName(t.text) && titleWithoutName(tokens, start);
}

/** "YAF member in the 1960s", "Fox News host": capitalised words, then a role noun and no name. */
function titleWithoutName(tokens: Token[], start: number): boolean {
  for (let k = start; k < start + 4; k++) {
    const t = tokens[k];
    if (t?.kind !== "word" || t.quote >= 0) return false;
    if (!t.cap) return isRoleWord(t.lower) && tokens[k + 1]?.cap !== true;
  }
  return false;
}

/** The subject phrase ending at `end`, if a clause boundary precedes it. */
export function subjectAt(tokens: Token[], end: number, floor: number): NounPhrase | undefined {
  const phrase = phraseEndingAt(tokens, end, floor);
  if (!phrase) return undefined;
  // "A person familiar with the matter said": the phrase ending at the verb is what the source knows.
  const linked = linkedSource(tokens, phrase, end, floor);
  if (linked) return linked;
  // "John Smith and Jane Doe wrote": both of them, not the last one named.
  const joint = jointNames(tokens, phrase, floor);
  if (joint) return joint;
  // "what Gilbert called “a perception problem”", "Bannon, who Beck called …": the name is the subject
  // of an object relative clause.
  if (phrase.kind === "name" && isWord(tokens[phrase.first - 1], "what", "which", "who", "whom"))
    return phrase;
  // "a charge Russia denies", "something Moscow denies": a plain noun before the name means the name
  // starts a relative clause about that noun; it is not the subject of the sentence.
  if (phrase.kind === "name" && !describesName(tokens, phrase)) {
    const opener = tokens[phrase.first - 1];
    // "Former Australian wing David Campese has told …": with no article and a full name, a noun the
    // lexicon does not know as a role still titles the name (a relative clause needs "a charge …").
    // Likewise "The novelist Mario Vargas Llosa told …" with its article.
    if (
      (phrase.determiner === undefined || phrase.determiner === "the") &&
      phrase.nameLast > phrase.nameFirst &&
      (phrase.first - 1 < floor || isBoundary(opener) || afterPrepositionWhich(tokens, phrase.first - 1))
    )
      return phrase;
    // "In a Bloomberg interview Trump declared": the plain noun ends an opening phrase instead.
    if (opener && PREPOSITIONS.has(opener.lower) && phrase.nameFirst > phrase.first) {
      return phraseEndingAt(tokens, end, phrase.runFirst ?? phrase.nameFirst);
    }
    return undefined;
  }
  const before = phrase.first - 1;
  if (before < floor || isBoundary(tokens[before]) || afterPrepositionWhich(tokens, before)) return phrase;
  // "More than 70 former prosecutors said", "Nearly 40 groups wrote": an approximate count.
  const counted = approximationBefore(tokens, phrase) ?? phrase.first;
  if (counted < phrase.first && (counted - 1 < floor || isBoundary(tokens[counted - 1])))
    return { ...phrase, first: counted };
  // "Some of Clinton's allies said", "Many in the crowd said", "A bipartisan group of former
  // prosecutors said": a share of a group, or the group, speaks.
  const group = groupBefore(tokens, counted - 1, floor);
  if (group !== undefined) return { ...phrase, first: group };
  // "US Senator Jeff Sessions", "CBS This Morning co-anchor DeMarco Morgan": capitalised words the
  // phrase left out (a country, a programme) still open the clause.
  if (phrase.kind === "name") {
    let k = before;
    while (
      k >= floor &&
      before - k < 4 &&
      tokens[k]!.kind === "word" &&
      tokens[k]!.cap &&
      tokens[k]!.quote < 0
    )
      k--;
    if (k < before && (k < floor || isBoundary(tokens[k]))) return { ...phrase, first: k + 1 };
    // "A flabbergasted Noah quipped": an article and a participle describing the name.
    const article = tokens[before - 1];
    if (
      /ed$/.test(tokens[before]!.lower) &&
      article?.kind === "word" &&
      /^(?:a|an|the)$/.test(article.lower) &&
      (before - 2 < floor || isBoundary(tokens[before - 2]))
    )
      return { ...phrase, first: before - 1 };
  }
  // "Even China said", "But also Trump said": a focus adverb opening the clause.
  if (/^(?:even|also|only|now|then|still|meanwhile|however|instead)$/.test(tokens[before]!.lower)) {
    if (before - 1 < floor || isBoundary(tokens[before - 1])) return phrase;
  }
  return undefined;
}

/** Nouns for a body of people that speaks through its members: "a group of …", "dozens of …". */
export const COLLECTIVE_NOUNS = new Set(
  "group groups coalition handful number dozens hundreds thousands scores panel bloc delegation majority".split(
    " ",
  ),
);

/**
 * Where a group opening the clause starts, when `connector` is the "of"/"in" after its head: a
 * quantifier at the start ("Some of …", "Many in …", "Two in three"), or a collective noun with an
 * article and at most two modifiers before "of" ("a (bipartisan) group of …", "dozens of …").
 */
function groupBefore(tokens: Token[], connector: number, floor: number): number | undefined {
  const head = connector - 1;
  const noun = tokens[head];
  if (!isWord(tokens[connector], "of", "in") || noun?.kind !== "word" || noun.quote >= 0) return undefined;
  if (QUANTIFIERS.test(noun.lower) && (head - 1 < floor || isBoundary(tokens[head - 1]))) return head;
  if (!isWord(tokens[connector], "of") || !COLLECTIVE_NOUNS.has(noun.lower)) return undefined;
  let k = head - 1;
  while (k >= floor && head - k <= 3) {
    const t = tokens[k]!;
    if (isBoundary(t)) return k + 1;
    if (t.kind !== "word" || t.quote >= 0 || (t.cap && k > floor)) return undefined;
    if (/^(?:a|an|the)$/.test(t.lower)) return k - 1 < floor || isBoundary(tokens[k - 1]) ? k : undefined;
    k--;
  }
  return k < floor ? floor : undefined;
}

/** "more than", "nearly", "at least", "about" before the count that opens `phrase`: where they start. */
function approximationBefore(tokens: Token[], phrase: NounPhrase): number | undefined {
  const count = tokens[phrase.first];
  if (!count || !(/^\d/.test(count.text) || QUANTIFIERS.test(count.lower))) return undefined;
  const k = phrase.first - 1;
  if (isWord(tokens[k], "nearly", "almost", "about", "roughly", "around", "over")) return k;
  if (isWord(tokens[k], "than") && isWord(tokens[k - 1], "more", "fewer", "less")) return k - 1;
  if (isWord(tokens[k], "least", "most") && isWord(tokens[k - 1], "at")) return k - 1;
  return undefined;
}

/** "John Smith and Jane Doe" ending at `last`: two people's names joined by "and", as one phrase. */
function jointNames(tokens: Token[], last: NounPhrase, floor: number): NounPhrase | undefined {
  if (!isWord(tokens[last.first - 1], "and")) return undefined;
  if (last.kind !== "name" && last.kind !== "description") return undefined;
  const first = subjectAt(tokens, last.first - 2, floor);
  if (first?.kind !== "name" || first.joint) return undefined;
  const a = interpretRun(tokens, first.nameFirst, first.nameLast);
  // "Lord Justice Rix and Mr Justice Forbes ruled": a title says a person where the name alone cannot.
  const titled = first.first < first.nameFirst && isRoleWord(tokens[first.nameFirst - 1]!.lower);
  if (a.kind !== "person" && !titled) return undefined;
  // A person and whoever is named with them: "Sanders and his supporters argue".
  return { ...last, first: first.first, kind: "description", joint: true };
}

/**
 * "A person familiar with the matter" when `object` is "the matter": the source phrase before its link
 * ("familiar with"), extended to `end`.
 */
function linkedSource(
  tokens: Token[],
  object: NounPhrase,
  end: number,
  floor: number,
): NounPhrase | undefined {
  const roleEnd = object.first - 3;
  // Cheap test first: only a link word two tokens back can make this a source phrase.
  if (roleEnd < floor || !isSourceLink(tokens[object.first - 2], tokens[object.first - 1])) return undefined;
  const source = subjectAt(tokens, roleEnd, floor);
  const linked = source ? withSourceLink(tokens, source, end) : undefined;
  return linked?.last === end ? linked : undefined;
}

/** Words before a name that can describe it: titles, roles, affiliations, adjectives, possessors. */
export function describesName(tokens: Token[], phrase: NounPhrase): boolean {
  const start = phrase.runFirst ?? phrase.nameFirst;
  let plain = false;
  let titled = isRoleWord(tokens[phrase.first]!.lower);
  for (let k = phrase.first; k < start; k++) {
    const t = tokens[k]!;
    if (t.kind !== "word") continue;
    // The phrase's own article, count or possessor: "the", "one senior Democrat", "Russia's".
    if (k === phrase.first && (t.cap || t.lower === phrase.determiner || tokens[k + 1]?.kind === "poss")) {
      continue;
    }
    // "Clinton communication director Jennifer Palmieri": nouns before a role word are part of the title.
    if (isRoleWord(t.lower)) {
      plain = false;
      titled = true;
      continue;
    }
    // "director of telecoms research Tony Lavender": the title's complement.
    if (titled) continue;
    // "…, de Blasio tweeted": a particle that opens the surname.
    if (k === start - 1 && isParticle(t)) continue;
    if (t.cap || isOrgWord(t.lower) || isModifier(t.lower) || isAdjective(t.lower)) continue;
    plain = true;
  }
  return !plain;
}

/** Prepositions that open an adjunct of when, where or how: "at the time", "in an interview". */
const ADJUNCT_PREPOSITIONS = new Set(["in", "at", "on", "during", "after", "before", "from", "over", "via"]);

/**
 * The preposition opening an adjunct that runs up to `end` (at most six words, no verb, no comma) and
 * follows a capitalised word, or -1: "Trump [at the time] said", "Pike [in his budget speech] called".
 */
export function adjunctAfterName(tokens: Token[], end: number, floor: number): number {
  for (let k = end; k >= floor && end - k <= 6; k--) {
    const t = tokens[k]!;
    if (t.quote >= 0 || t.kind === "punct") return -1;
    if (t.kind === "poss") continue;
    if (!t.cap && ADJUNCT_PREPOSITIONS.has(t.lower)) {
      const before = tokens[k - 1];
      return k < end && k - 1 >= floor && before?.kind === "word" && before.cap && before.quote < 0 ? k : -1;
    }
    if (
      !t.cap &&
      (isFiniteVerb(t.lower) || cueForm(t.lower) || /^(?:who|which|that|and|but|or)$/.test(t.lower))
    )
      return -1;
  }
  return -1;
}

/**
 * "Rudy Giuliani, who backs Trump, trashed Comey …": the comma at `close` ends an aside; the subject
 * is the name before it.
 */
function subjectBeforeAside(tokens: Token[], close: number, floor: number, hops = 3): NounPhrase | undefined {
  if (tokens[close]?.text !== ",") return undefined;
  for (let m = close - 1; m > floor && close - m <= 15; m--) {
    const t = tokens[m]!;
    if (t.quote >= 0) return undefined;
    if (t.text !== ",") continue;
    // "One of her former backers, former Colorado Rep. Pat Schroeder, lives …": the name set off by
    // the commas is the subject the description before it introduces.
    const named = phraseStartingAt(tokens, m + 1, close - 1);
    if (named?.kind === "name" && named.last === close - 1 && nameKind(tokens, named) === "person")
      return named;
    if (!isAside(tokens, m + 1)) return undefined;
    const subject = subjectAt(tokens, m - 1, floor);
    if (subject?.kind === "name") return subject;
    // "Morton Blackwell, founder of …, YAF member in the 1960s …, endorsed": asides in a row.
    const anotherAside =
      subject === undefined ||
      (subject.kind === "description" &&
        tokens[subject.first - 1]?.text === "," &&
        isAside(tokens, subject.first));
    return anotherAside && hops > 1 ? subjectBeforeAside(tokens, m, floor, hops - 1) : undefined;
  }
  return undefined;
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
    // "Axelrod emailed her condolences, … telling her": a past form the lexicon does not know is a verb too.
    const pastUnknown = !isKnownWord(t.lower) && /[a-z]{3,}ed$/.test(t.lower);
    if (t.quote >= 0 || t.kind !== "word" || !(isFiniteVerb(t.lower) || pastUnknown)) continue;
    const skipped = skipLeft(tokens, v - 1, floor);
    let subject = subjectAt(tokens, skipped.index, floor) ?? subjectBeforeAside(tokens, skipped.index, floor);
    // "Republicans on Capitol Hill seized on the message, arguing": the name before the adjunct.
    const adjunct = adjunctAfterName(tokens, skipped.index, floor);
    if (adjunct >= 0 && !plausibleSpeaker(tokens, subject)) {
      const named = skipLeft(tokens, adjunct - 1, floor);
      const before = subjectAt(tokens, named.index, floor);
      if (!named.negated && !named.blocked && before?.kind === "name") subject = before;
    }
    // "- where the Charlotte Panthers played … - while chanting": a verb in an aside has its own subject.
    const opener = subject ? tokens[subject.first - 1] : undefined;
    // "… a week after the United States took a harder stance, and said …": a subordinate clause's
    // subject is not the one "and said" shares.
    if (
      opener &&
      opener.kind === "word" &&
      /^(?:where|who|which|when|whose|whom|after|before|while|because|since|although|though|if|as|that|until|unless|whether|once)$/.test(
        opener.lower,
      )
    )
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

/**
 * "an interview in which he said …", "a fundraiser at which Adelson said": a relative clause after a
 * preposition has a subject of its own (unlike "the plan which he said would fail").
 */
function afterPrepositionWhich(tokens: Token[], k: number): boolean {
  return isWord(tokens[k], "which", "whom") && PREPOSITIONS.has(tokens[k - 1]?.lower ?? "");
}
