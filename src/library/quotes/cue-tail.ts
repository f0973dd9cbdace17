/**
 * What follows a cue verb: the words that belong to the cue as written ("told reporters", "said in a
 * statement", "told MSNBC's “Morning Joe” on Friday"), then where the speaker's words begin.
 */

import {
  CLAUSE_STARTERS,
  CLAUSE_STARTERS_STRICT,
  hasQuoteAhead,
  hasVerbAfter,
  isTimeWord,
  isWord,
  OBJECT_PRONOUNS,
  PREPOSITIONS,
  SKIP_BETWEEN,
} from "./clause-words.ts";
import { CUE_MEDIA, type CueKind, cueForm, isCueParticle, NEEDS_THAT } from "./cues.ts";
import { canBeNoun, hasTag, isAdverbLike, isFiniteVerb, isVerbish } from "./lexicon.ts";
import { CLAUSE_OPENERS, phraseStartingAt } from "./noun-phrases.ts";
import type { Token } from "./tokens.ts";

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

/** A quotation straight after one of these is a noun phrase, often a title: "on “Meet the Press”", "of “Scam”". */
export const TITLE_PREPOSITIONS: ReadonlySet<string> = new Set([
  "on",
  "in",
  "at",
  "from",
  "of",
  "with",
  "by",
  "about",
  "into",
  "for",
]);

/** Nouns whose "that" clause is someone else's claim, not what the cue's subject said. */
const CLAIM_NOUNS = new Set(
  (
    "accusation accusations allegation allegations charge charges claim claims report reports rumor rumors " +
    "rumour rumours suggestion suggestions speculation criticism complaint complaints assertion assertions " +
    "notion idea fact news theory belief impression perception"
  ).split(" "),
);

/** A lower-case claim noun that is no cue itself ("accusations", not the verb "claims"). */
function claimNoun(t: Token | undefined): boolean {
  return t?.kind === "word" && !t.cap && CLAIM_NOUNS.has(t.lower) && cueForm(t.lower) === undefined;
}

/**
 * Words after the cue that belong to it: the addressee of "told", "in a statement", "on Tuesday",
 * "MSNBC's “Morning Joe”". Returns where the content may start and the last token of the cue as written.
 */
export function cueTail(
  tokens: Token[],
  cue: number,
  kind: CueKind,
  ceiling: number,
): { next: number; cueLast: number } {
  let k = cue + 1;
  let cueLast = cue;
  if (isCueParticle(tokens[cue]!.lower, tokens[k]?.lower)) cueLast = k++;
  const objectFirst = kind === "tell" || (kind === "infinitive" && tokens[k]?.lower !== "to");
  if (objectFirst && k <= ceiling) {
    const t = tokens[k]!;
    if (t.kind === "word" && t.quote < 0 && OBJECT_PRONOUNS.has(t.lower)) {
      cueLast = k;
      k++;
    } else if (
      t.kind === "word" &&
      t.quote < 0 &&
      t.lower !== "that" &&
      t.lower !== "to" &&
      // "have warned they could sell …": a subject pronoun opens the content, it is no addressee.
      !CLAUSE_STARTERS_STRICT.has(t.lower)
    ) {
      const object = phraseStartingAt(tokens, k, ceiling);
      if (object) {
        cueLast = object.last;
        k = afterParenthetical(tokens, object.last + 1);
        if (tokens[k]?.kind === "poss") k++;
      }
    }
  }
  // "said (in the early morning hours) that …": everything up to a near "that" belongs to the cue.
  for (let m = k; m <= ceiling && m < k + 20; m++) {
    const t = tokens[m]!;
    if (t.quote >= 0) break;
    // "said back in the summer of 2015: “…”", "said in an op-ed before the hearing, “…”": adjuncts
    // up to a quotation the colon or comma introduces.
    const introducesQuote =
      m > k &&
      (t.text === ":" || t.text === ",") &&
      tokens[m + 1]?.quote !== undefined &&
      tokens[m + 1]!.quote >= 0;
    if (
      introducesQuote &&
      plainAdjuncts(tokens.slice(k, m).filter((x) => x.text !== "," && x.kind !== "poss"))
    ) {
      return { next: m, cueLast };
    }
    if (t.kind === "punct" && t.text === ",") continue; // "at a campaign stop in Toledo, Ohio, that …"
    if (t.kind === "poss" && m > k) continue; // "during this week’s debate that …"
    if (t.kind === "word" && t.lower === "that") {
      // "responded on Sunday to accusations that he exaggerated …": the clause is the accusers'.
      if (m > k && claimNoun(tokens[m - 1])) break;
      const following = tokens[m + 1];
      if (
        following &&
        following.kind === "word" &&
        following.quote < 0 &&
        isFiniteVerb(following.lower) &&
        !opensClause(tokens, m + 1)
      )
        break;
      const between = tokens.slice(k, m).filter((x) => x.text !== "," && x.kind !== "poss");
      // "said in a written statement in March that …": a participle after an article describes a noun.
      const described = (x: Token, i: number): boolean =>
        /(?:ed|en)$/.test(x.lower) && /^(?:a|an|the|his|her|their|its)$/.test(between[i - 1]?.lower ?? "");
      const plain = between.every(
        (x, i) =>
          x.kind === "word" &&
          ((!isFiniteVerb(x.lower) && !cueForm(x.lower)) || described(x, i)) &&
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
    if (kind === "clause" && opensQuantity(tokens, k)) break; // "said only 30 to 40 firms …", "said about 20 people …"
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
    // "encouraging his supporters to visit …": an infinitive, not a prepositional phrase. After a cue
    // that takes one ("promised on Tuesday to refrain …"), "to" always opens it, whatever the verb.
    if (
      t.lower === "to" &&
      tokens[k + 1]?.kind === "word" &&
      (kind === "infinitive" ||
        // "told the network to donate …": after "tell" and its addressee, "to" opens the infinitive.
        (kind === "tell" && k > cue + 1) ||
        isVerbish(tokens[k + 1]!.lower) ||
        hasTag(tokens[k + 1]!.lower, "Infinitive"))
    ) {
      break;
    }
    // "called for the release of …": what is called for is the content, not an adjunct.
    if (kind === "label" && t.lower === "for" && k === cue + 1) break;
    // "promised on Tuesday to …": a day or month has no phrase of its own to skip; "said before
    // Wednesday's game he would …" skips what the day owns.
    if (PREPOSITIONS.has(t.lower) && t.lower !== "that" && isTimeWord(tokens[k + 1])) {
      k += 2;
      if (tokens[k]?.kind === "poss") {
        const owned = phraseStartingAt(tokens, k + 1, ceiling);
        k = owned ? owned.last + 1 : k;
      }
      continue;
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
        // "wrote in both listings he was …": the pronoun opens the content.
        const pronoun = stop?.kind === "word" && stop.quote < 0 && CLAUSE_STARTERS_STRICT.has(stop.lower);
        if (
          m > k + 1 &&
          (!stop ||
            stop.text === "," ||
            stop.text === ":" ||
            stop.quote >= 0 ||
            stop.lower === "that" ||
            pronoun)
        ) {
          k = m;
          continue;
        }
        break;
      }
      // "in a statement", "on Twitter", "via email": part of the cue as written.
      const head = tokens[object.head]!.lower;
      if (CUE_MEDIA.has(head) && k === cueLast + 1) cueLast = object.last;
      k = afterParenthetical(tokens, object.last + 1);
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

/** "if Trump wins, he would …": a comma within the condition's first words, then a subject pronoun. */
function conditionThenClause(tokens: Token[], k: number, ceiling: number): boolean {
  const comma = closingComma(tokens, k, ceiling);
  const subject = comma < 0 ? undefined : tokens[comma + 1];
  return subject?.kind === "word" && /^(?:he|she|they|we|i|it|there)$/.test(subject.lower);
}

/** The first comma after `open`'s next word, within 15 words and before any quotation, or -1. */
function closingComma(tokens: Token[], open: number, ceiling: number): number {
  for (let m = open + 2; m <= ceiling && m - open <= 15; m++) {
    if (tokens[m]!.quote >= 0) return -1;
    if (tokens[m]!.text === ",") return m;
  }
  return -1;
}

const QUANTIFYING = new Set(
  "only just nearly almost about around roughly some over under more less fewer at up".split(" "),
);
const AMOUNT =
  /^(?:\d[\d,.]*%?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|dozen|dozens|half|third|quarter|than|least|most|to)$/;

/** "only 30 to 40", "about 20", "more than 100", "at least five": the words open an amount, not an adverb. */
function opensQuantity(tokens: Token[], k: number): boolean {
  const next = tokens[k + 1];
  if (!QUANTIFYING.has(tokens[k]!.lower) || next?.kind !== "word" || next.quote >= 0) return false;
  if (tokens[k]!.lower === "at") return /^(?:least|most)$/.test(next.lower);
  if (tokens[k]!.lower === "up") return next.lower === "to" && /^\d/.test(tokens[k + 2]?.text ?? "");
  return AMOUNT.test(next.lower) && next.lower !== "to";
}

/** "called on Gov. Rick Snyder (R) to resign": a short parenthesis after a name belongs to the name. */
function afterParenthetical(tokens: Token[], k: number): number {
  if (tokens[k]?.text !== "(") return k;
  for (let m = k + 1; m < tokens.length && m <= k + 6; m++) if (tokens[m]!.text === ")") return m + 1;
  return k;
}

/** Words between a cue and its content that only say when, where or how: "back in the summer of 2015". */
function plainAdjuncts(between: Token[]): boolean {
  if (between.length === 0) return false;
  const first = between[0]!;
  const opens =
    PREPOSITIONS.has(first.lower) ||
    isTimeWord(first) ||
    isAdverbLike(first.lower) ||
    SKIP_BETWEEN.has(first.lower) ||
    first.lower === "back";
  return (
    opens &&
    between.every(
      (x) =>
        x.kind === "word" && x.quote < 0 && !isFiniteVerb(x.lower) && !CLAUSE_STARTERS_STRICT.has(x.lower),
    )
  );
}

/** For cues that are usually other verbs ("charge the men"), content only after "that", ":" or a quote. */
export function introducedContent(tokens: Token[], s: number, lemma: string): number {
  if (s < 0 || !NEEDS_THAT.has(lemma)) return s;
  const before = tokens[s - 1];
  if (tokens[s]!.quote >= 0 || before?.text === ":" || before?.lower === "that") return s;
  return -1;
}

/**
 * A word that could be a verb ("taxes", "plans", "cuts") is a noun subject when an auxiliary or modal
 * follows it: "said taxes would not rise", "said that plans are ready".
 */
function opensClause(tokens: Token[], k: number): boolean {
  const next = tokens[k + 1];
  return next !== undefined && next.kind === "word" && next.quote < 0 && AUXILIARIES.has(next.lower);
}

const AUXILIARIES = new Set(
  "would could might may should must will can shall is are was were has have had".split(" "),
);

/** A clause follows at k: "that …", a pronoun or phrase with a verb soon after, or an infinitive. */
export function contentStart(tokens: Token[], k: number, ceiling: number, kind: CueKind, lemma = ""): number {
  const t = tokens[k];
  if (!t) return -1;
  if (t.kind === "word" && t.lower === "that" && t.quote < 0) {
    if (claimNoun(tokens[k - 1])) return -1;
    // Straight after the verb ("said that was “an assessment …”") "that" can only be what was said.
    const after = tokens[k + 1];
    const rightAfterVerb = tokens[k - 1]?.kind === "word" && cueForm(tokens[k - 1]!.lower) !== undefined;
    if (kind === "clause" && rightAfterVerb && after?.kind === "word" && isFiniteVerb(after.lower)) return k;
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
  // "says, win or lose in Florida, he's staying": a fronted aside between commas, then the clause.
  // A lone adverb between the commas is the writer's: "said, however, the board would meet".
  if (kind === "clause" && t.text === "," && t.quote < 0) {
    const close = closingComma(tokens, k, ceiling);
    if (close < 0 || tokens[close + 1]?.quote !== -1) return -1;
    // Not "said, adding, “…”" (a cue of its own) nor "said, and with …, it's safe …" (the writer's).
    const aside = tokens.slice(k + 1, close);
    if (isWord(aside[0], "and", "but", "or", "so") || aside.some((w) => cueForm(w.lower))) return -1;
    if (contentStart(tokens, close + 1, ceiling, kind, lemma) !== close + 1) return -1;
    return close === k + 2 && !tokens[k + 1]!.cap ? close + 1 : k + 1;
  }
  if (t.kind !== "word") return -1;
  if (kind === "infinitive" || kind === "tell") {
    if (t.lower === "to" && (tokens[k + 1]?.kind === "word" || tokens[k + 1]?.kind === "quote")) return k;
    // "warned the Fed not to act this year"
    if (t.lower === "not" && isWord(tokens[k + 1], "to")) return k;
  }
  if (kind === "label") return k;
  if (kind === "intro") return -1;
  // "is promising lower taxes and “jobs, jobs, jobs”": the promise is the object itself.
  if (kind === "infinitive" && t.lower !== "to" && hasQuoteAhead(tokens, k, ceiling)) return k;
  if (kind === "infinitive") return -1;
  // "say they have …": a subject pronoun opens a clause whatever the next word's tag.
  // "says he's expecting …" (split like a possessive), "said he'd make …" (one token).
  if (/^(?:he|she|they|we|i|it)$/.test(t.lower) && /^(?:word|poss)$/.test(tokens[k + 1]?.kind ?? ""))
    return k;
  if (/^(?:he|she|they|we|i|it|you)'(?:d|ll|re|ve|m)$/.test(t.lower)) return k;
  // "said if Trump wins, he would impose …": a condition, then the statement after its comma.
  // So does a concession or a reason: "says despite being a Stanford alumna, she plans …".
  if (
    kind === "clause" &&
    /^(?:if|unless|despite|although|though|because|since|once|while|when|whether)$/.test(t.lower) &&
    conditionThenClause(tokens, k, ceiling)
  )
    return k;
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
  // "said about 20 people have …", "said at least five bridges are …": an amount opens the subject.
  if (opensQuantity(tokens, k))
    return hasVerbAfter(tokens, k + 1, ceiling, lemma === "say" ? 12 : 6) ? k : -1;
  // "says hackers are taking aim …": a bare noun subject, but not "in …", "while …", "to …".
  if (PREPOSITIONS.has(t.lower) || CLAUSE_OPENERS.has(t.lower) || t.lower === "to") return -1;
  const verbAfter = hasVerbAfter(tokens, k + 1, ceiling, lemma === "say" ? 12 : 6);
  // "said places such as Iowa “have …”": a plural noun that could be a verb, then the clause's verb.
  if (isVerbish(t.lower) && !opensClause(tokens, k) && !(canBeNoun(t.lower) && verbAfter)) return -1;
  return verbAfter ? k : -1;
}
