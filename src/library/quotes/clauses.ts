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

import {
  beforeComma,
  COLLECTIVES,
  DOCUMENTS,
  hasQuoteAhead,
  hasVerbBetween,
  isPluralHead,
  isWord,
  skipLeft,
} from "./clause-words.ts";
import { contentStart, cueTail, introducedContent, titleQuoteEnd } from "./cue-tail.ts";
import { type CueForm, type CueKind, cueForm, cueFormBefore, NEEDS_THAT, NOT_SPEECH } from "./cues.ts";
import { hasTag, isAdverbLike, isFiniteVerb, isOrgWord, isRoleWord, isVerbish } from "./lexicon.ts";
import {
  interpretRun,
  type NounPhrase,
  nameKind,
  PRONOUNS,
  phraseEndingAt,
  phraseStartingAt,
} from "./noun-phrases.ts";
import { adjunctAfterName, COLLECTIVE_NOUNS, isAside, plausibleSpeaker, subjectAt } from "./subjects.ts";
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
  /** The cue is a noun ("Trump's claim that …"), not the sentence's verb: no later "…, saying" shares it. */
  nominal?: boolean;
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
    if (isDash(t) && tokens[i - 1]?.kind === "quote") {
      const clause = dashAttribution(tokens, i, unit.last);
      if (clause) clauses.push(clause);
      continue;
    }
    if (t.kind === "quote" && t.quote >= 0 && tokens[i + 1] !== undefined && tokens[i + 1]!.quote < 0) {
      const clause = mannerAttribution(tokens, i, unit.last) ?? ownedQuotation(tokens, i, floor, unit.last);
      if (clause) clauses.push(clause);
    }
    if (t.kind === "punct" && t.text === ":" && t.quote < 0 && tokens[i + 1]?.kind === "quote") {
      const clause =
        colonAttribution(tokens, i, floor, unit.last) ?? mannerIntroduction(tokens, i, floor, unit.last);
      if (clause) clauses.push(clause);
      continue;
    }
    if (t.kind === "punct" && t.text === "," && t.quote < 0 && tokens[i + 1]?.kind === "quote") {
      const clause = mannerIntroduction(tokens, i, floor, unit.last);
      if (clause) clauses.push(clause);
    }
    if (t.kind !== "word" || t.quote >= 0) continue;
    if ((t.lower === "was" || t.lower === "is") && isWord(tokens[i + 1], "that")) {
      const clause = speechNounClause(tokens, i, floor, unit.last);
      if (clause) clauses.push(clause);
      continue;
    }
    if (t.lower === "that" && SPEECH_NOUNS.has(tokens[i - 1]?.lower ?? "")) {
      const clause = ownedClaimClause(tokens, i, floor, unit.last);
      if (clause) clauses.push(clause);
      continue;
    }
    if (t.lower === "according" && isWord(tokens[i + 1], "to")) {
      const clause = according(tokens, i, floor, unit.last);
      if (clause) clauses.push(clause);
      continue;
    }
    const form = cueFormBefore(t.lower, tokens[i + 1]?.lower);
    if (!form || NOT_SPEECH.has(t.lower)) continue;
    // "…, compared with 31 percent who …": "compared to/with" straight after is a preposition; the
    // speech act compares something ("compared Trump to a coach").
    if (form.lemma === "compare" && isWord(tokens[i + 1], "to", "with")) continue;
    // "the United States", "the Washington Post"; not "Murphy, the head of …, Tweeted on Friday".
    if (t.cap && i > floor && tokens[i - 1]?.kind !== "quote" && tokens[i - 1]?.cap) continue;
    const clause = form.gerund
      ? gerundClause(tokens, i, floor, unit.last)
      : finiteClause(tokens, i, floor, unit.last);
    if (clause) clauses.push(clause);
  }
  return trimContents(clauses, tokens);
}

/**
 * "“…,” Oliver barked.", "“…!” beamed Donald Hartley of Madison", "“…,” an angry Hollande retaliated.":
 * right after a quotation that ends as speech does (a comma, question or exclamation mark inside the
 * marks), a name and a past-tense verb with nothing after them but an adjunct attribute it, whatever
 * the verb. `i` is the closing mark.
 */
export function mannerAttribution(tokens: Token[], i: number, ceiling: number): Clause | undefined {
  const inside = tokens[i - 1];
  if (!inside || inside.quote !== tokens[i]!.quote || !/^[,?!]$/.test(inside.text)) return undefined;
  const k = i + 1;
  if (k > ceiling) return undefined;
  const clause = (verb: number, speaker: NounPhrase, last: number): Clause =>
    clauseAt(verb, tokens[verb]!.lower, "intro", "trailing", speaker, [], [k, last]);
  const subject = phraseStartingAt(tokens, k, ceiling);
  if (subject?.kind === "name") {
    const verb = subject.last + 1;
    if (pastVerb(tokens[verb]) && endsAttribution(tokens, verb + 1, ceiling))
      return clause(verb, subject, verb);
  }
  if (pastVerb(tokens[k])) {
    const object = phraseStartingAt(tokens, k + 1, ceiling);
    if (object?.kind === "name" && endsAttribution(tokens, object.last + 1, ceiling))
      return clause(k, object, object.last);
  }
  return undefined;
}

/**
 * "O'Malley interjected: “…”", "Hillary shot back, “…”": a subject and a past-tense verb (with a
 * particle) right before the colon or comma that introduces a quotation. `i` is that punctuation.
 */
export function mannerIntroduction(
  tokens: Token[],
  i: number,
  floor: number,
  ceiling: number,
): Clause | undefined {
  let verb = i - 1;
  if (isWord(tokens[verb], "on", "back", "in", "out", "up")) verb--;
  if (verb <= floor || !pastVerb(tokens[verb])) return undefined;
  const speaker = subjectAt(tokens, verb - 1, floor);
  if (!speaker || (speaker.kind !== "name" && speaker.kind !== "pronoun")) return undefined;
  const quote = tokens[i + 1]!.quote;
  let end = i + 1;
  while (end < ceiling && tokens[end + 1]!.quote === quote) end++;
  return clauseAt(
    verb,
    tokens[verb]!.lower,
    "intro",
    "leading",
    speaker,
    [[i + 1, end]],
    [speaker.first, i],
    i - 1,
  );
}

/** A past-tense verb that is not already a speech cue (those have their own clauses). */
function pastVerb(t: Token | undefined): boolean {
  return (
    t !== undefined &&
    t.kind === "word" &&
    t.quote < 0 &&
    !t.cap &&
    !cueForm(t.lower) &&
    (hasTag(t.lower, "PastTense") || /^[a-z]{3,}ed$/.test(t.lower)) &&
    !/^(?:was|were|had|did)$/.test(t.lower)
  );
}

/** Nothing after the attribution but punctuation, a particle or an adjunct (no object, no clause). */
function endsAttribution(tokens: Token[], k: number, ceiling: number): boolean {
  let m = k;
  if (isWord(tokens[m], "on", "back", "in", "out", "up")) m++;
  const next = tokens[m];
  if (m > ceiling || !next) return true;
  if (next.kind === "punct" && next.quote < 0) return true;
  return (
    next.kind === "word" &&
    next.quote < 0 &&
    /^(?:as|at|to|with|in|on|after|before|while|from|during|of)$/.test(next.lower)
  );
}

/** A clause whose cue is one token (`cueLast` past it when the cue as written runs on). */
function clauseAt(
  cue: number,
  lemma: string,
  kind: CueKind,
  form: ClauseForm,
  speaker: NounPhrase,
  content: [number, number][],
  span: [number, number],
  cueLast = cue,
): Clause {
  return { cue, cueFirst: cue, cueLast, lemma, kind, form, speaker, content, span };
}

/** Speech verbs an emphatic "did" affirms; "did remember", "did question" are other verbs there. */
const EMPHATIC_CUES = new Set(
  "say tell write post tweet note add call acknowledge admit suggest claim argue mention warn".split(" "),
);

/**
 * Nouns for something said, whose owner said it: "Rubio's answer was that …", "Trump's claim that …",
 * "Romney's “47 percent” comment".
 */
/** Words before a participle that make it an adjective of the noun after it ("the insulting remarks"). */
const ATTRIBUTIVE_BEFORE = /^(?:the|a|an|his|her|their|its|these|those|such|several|many|more)$/;

const SPEECH_NOUNS = new Set(
  (
    "answer response reply message argument point claim assertion contention explanation pitch line phrase " +
    "slogan insistence warning promise pledge vow suggestion accusation charge threat boast statement remark " +
    "remarks comment comments declaration announcement prediction mantra catchphrase quip refrain motto tweet"
  ).split(" "),
);

/**
 * "The Florida senator's answer was that “…”", "Podliska's most explosive claim is that …": the owner
 * of a noun for something said, then "was/is that", report what follows.
 */
function speechNounClause(tokens: Token[], i: number, floor: number, ceiling: number): Clause | undefined {
  let noun = i - 1;
  // "catch phrase in that election against Crist was that …": a short phrase after the noun.
  while (
    noun > floor &&
    i - noun <= 6 &&
    !(tokens[noun]!.kind === "word" && SPEECH_NOUNS.has(tokens[noun]!.lower))
  )
    noun--;
  if (!SPEECH_NOUNS.has(tokens[noun]?.lower ?? "") || tokens[noun]!.quote >= 0) return undefined;
  const owner = nounOwner(tokens, noun, floor, 4);
  if (!owner) return undefined;
  if (owner.first > floor && !/^(?:but|and|,)$/.test(tokens[owner.first - 1]!.lower)) return undefined;
  const start = i + 2;
  if (start > ceiling) return undefined;
  return clauseAt(noun, "say", "clause", "leading", owner, [[start, ceiling]], [owner.first, i + 1]);
}

/**
 * Who owns the noun at `noun` through a possessive at most `reach` lower-case words before it ("the
 * Florida senator's answer", "Trump's repeated claim"): a named or described speaker, never a pronoun.
 */
function nounOwner(tokens: Token[], noun: number, floor: number, reach: number): NounPhrase | undefined {
  let poss = noun - 1;
  while (poss > floor && noun - poss <= reach && tokens[poss]!.kind === "word" && !tokens[poss]!.cap) poss--;
  if (tokens[poss]?.kind !== "poss") return undefined;
  const owner = phraseEndingAt(tokens, poss - 1, floor);
  return owner && owner.kind !== "pronoun" && plausibleSpeaker(tokens, owner) ? owner : undefined;
}

/**
 * "Donald Trump's claim that President Barack Obama “founded ISIS”", "Clinton's repeated insistence that
 * …": the owner of a noun for something said, then "that", report what follows (its own clause, so a
 * quotation in it is the owner's, not that of whoever mentions the claim). `i` is "that".
 */
function ownedClaimClause(tokens: Token[], i: number, floor: number, ceiling: number): Clause | undefined {
  const noun = i - 1;
  const owner = tokens[noun]!.quote < 0 ? nounOwner(tokens, noun, floor, 3) : undefined;
  if (!owner || i + 1 > ceiling) return undefined;
  return {
    ...clauseAt(noun, "say", "clause", "leading", owner, [[i + 1, ceiling]], [owner.first, i]),
    nominal: true,
  };
}

/**
 * "Quill's “not one more dollar” pledge", "Romney's “47 percent” comment": a
 * quotation between an owner's possessive and a noun for a saying is the owner's. `i` is the closing mark.
 */
function ownedQuotation(tokens: Token[], i: number, floor: number, ceiling: number): Clause | undefined {
  const noun = i + 1;
  if (noun > ceiling || tokens[noun]!.kind !== "word" || !SPEECH_NOUNS.has(tokens[noun]!.lower))
    return undefined;
  const quote = tokens[i]!.quote;
  let open = i;
  while (open > floor && tokens[open - 1]!.quote === quote) open--;
  // Named owners only: "his “…” remark" would be a guess at who "his" is.
  const owner = nounOwner(tokens, open, floor, 0);
  if (!owner) return undefined;
  return clauseAt(noun, "say", "intro", "leading", owner, [[open, i]], [owner.first, noun]);
}

/** "“…” ― Sonya Herridge": a quotation signed with a dash and a name that ends the line. */
export function dashAttribution(tokens: Token[], i: number, ceiling: number): Clause | undefined {
  const speaker = phraseStartingAt(tokens, i + 1, ceiling);
  if (speaker?.kind !== "name") return undefined;
  let end = speaker.last;
  while (end < ceiling && tokens[end + 1]!.kind === "punct" && tokens[end + 1]!.quote < 0) end++;
  if (end !== ceiling) return undefined;
  return clauseAt(i, "―", "clause", "trailing", speaker, [], [i, speaker.last]);
}

/**
 * "- Bernie Sanders." or "-Michelle Marks, Philadelphia." on a line of its own: a signature, the way
 * fact-check lists and "quotable" boxes credit the quotation printed just above it. The speaker phrase,
 * when the line is a dash, a name and at most a short description after a comma.
 */
export function signatureLine(tokens: Token[], start: number): NounPhrase | undefined {
  const dash = tokens[start];
  if (!isDash(dash)) return undefined;
  const last = tokens.length - 1;
  const speaker = phraseStartingAt(tokens, start + 1, last);
  if (speaker?.kind !== "name") return undefined;
  const rest = tokens.slice(speaker.last + 1);
  if (rest.some((t) => t.quote >= 0)) return undefined;
  const bare = rest.every((t) => t.kind === "punct");
  const described = rest[0]?.text === "," && rest.length <= 12;
  return bare || described ? speaker : undefined;
}

/**
 * "… surprise Republican pollster Daron Shaw: “Historically, …”": a quotation introduced by a colon
 * straight after a person's name is theirs, with no verb in between.
 */
export function colonAttribution(
  tokens: Token[],
  i: number,
  floor: number,
  ceiling: number,
): Clause | undefined {
  const speaker = phraseEndingAt(tokens, i - 1, floor);
  if (speaker?.kind !== "name" || i + 1 > ceiling) return undefined;
  const reading = interpretRun(tokens, speaker.runFirst ?? speaker.nameFirst, speaker.nameLast);
  // "… ISIS.” Bush: “…”": a name that opens its sentence is a speaker label even when the word could
  // be something else.
  const opens = speaker.first === floor && reading.kind === "unknown";
  // "Media shares blame in Iowa poll overhype - HuffPollster: “…”": a newsletter's source label after
  // its item's headline and a dash, a person or a body.
  const dash = tokens[speaker.first - 1];
  const labelled = isDash(dash) && dash!.quote < 0 && /^(?:unknown|organization)$/.test(reading.kind);
  if (reading.kind !== "person" && !opens && !labelled) return undefined;
  // "contrasted him with Clinton: “…”": a name after a preposition is not the one speaking.
  const before = tokens[speaker.first - 1];
  if (before?.kind === "word" && before.quote < 0 && COLON_PREPOSITIONS.has(before.lower)) return undefined;
  // The content is that quotation only: "Clinton: “…” Bush: “…”" gives each their own.
  const quote = tokens[i + 1]!.quote;
  let end = i + 1;
  while (end < ceiling && tokens[end + 1]!.quote === quote && quote >= 0) end++;
  return clauseAt(
    i,
    ":",
    "intro",
    "leading",
    speaker,
    [[i + 1, quote >= 0 ? end : ceiling]],
    [speaker.first, i],
  );
}

const COLON_PREPOSITIONS = new Set(
  "with to of for about against on at by from in into over than like as between among".split(" "),
);

export function according(tokens: Token[], i: number, floor: number, ceiling: number): Clause | undefined {
  let speaker = phraseStartingAt(tokens, i + 2, ceiling);
  if (!speaker) return undefined;
  // "according to a recent report from Bloomberg", "according to a count by the Associated Press":
  // whoever made the thing speaks.
  if (speaker.kind === "description" && isWord(tokens[speaker.last + 1], "by", "from")) {
    const owner = phraseStartingAt(tokens, speaker.last + 2, ceiling);
    if (owner?.kind === "name") speaker = owner;
  }
  const base = {
    cue: i,
    cueFirst: i,
    cueLast: i + 1,
    lemma: "according to",
    kind: "clause" as CueKind,
    form: "according" as ClauseForm,
    speaker,
  };
  const speakerEnd = speaker.last;
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

export function gerundClause(tokens: Token[], i: number, floor: number, ceiling: number): Clause | undefined {
  // "blaming recent threatening statements by Pyongyang": between a modifier and a noun for words,
  // the participle is an adjective; nobody is threatening anything.
  const before = tokens[i - 1];
  const noun = tokens[i + 1]?.lower ?? "";
  if (
    (SPEECH_NOUNS.has(noun) || DOCUMENTS.has(noun)) &&
    before?.kind === "word" &&
    (ATTRIBUTIVE_BEFORE.test(before.lower) || hasTag(before.lower, "Adjective"))
  )
    return undefined;
  const form = cueFormAt(tokens, i);
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
  const s = introducedContent(
    tokens,
    contentStart(tokens, tail.next, ceiling, form.kind, form.lemma),
    form.lemma,
  );
  const content: [number, number][] = s >= 0 ? [[s, ceiling]] : [];
  const base = { cue: i, cueFirst: i, cueLast: tail.cueLast, lemma: form.lemma, kind: form.kind, content };
  // "… on MSNBC’s “Morning Joe,” calling it …": a title's comma inside the marks ends the clause too.
  const commaInQuote = prev?.kind === "quote" && tokens[skipped.index - 1]?.text === ",";
  if (
    !prev ||
    skipped.index < floor ||
    prev.text === "," ||
    commaInQuote ||
    isWord(prev, "and", "while", "before", "after", "by", "as", "then", "but") ||
    // "Mr Kilroy-Silk was heard saying he was irritated …": a passive of hearing or recording.
    (isWord(prev, "heard", "overheard", "recorded", "filmed", "caught") &&
      isWord(tokens[skipped.index - 1], "was", "were", "is", "are", "been", "be"))
  ) {
    // ", saying …", "and adding …", "was quoted as saying …": the sentence's speaker.
    if (skipped.index < floor) return undefined; // A sentence-initial participle: "Speaking of …", "Asked about …".
    // "The Times quoted Mayor Ann Cole as saying …": the one quoted speaks, not the one quoting.
    const quoted = isWord(prev, "as") ? phraseEndingAt(tokens, skipped.index - 1, floor) : undefined;
    if (
      quoted &&
      quoted.kind !== "pronoun" &&
      isWord(tokens[quoted.first - 1], "quoted", "quotes", "quoting", "cited", "cites", "citing")
    )
      return { ...base, form: "leading", speaker: quoted, span: [quoted.first, tail.cueLast] };
    return { ...base, form: "shared", span: [skipped.index, tail.cueLast] };
  }
  // "with Trump saying last week: …"
  const speaker = phraseEndingAt(tokens, skipped.index, floor);
  if (speaker && speaker.kind === "description" && DOCUMENTS.has(tokens[speaker.head]!.lower)) {
    // "the Security Council issued a statement calling the test …": the sentence's speaker.
    return { ...base, form: "shared", span: [speaker.first, tail.cueLast] };
  }
  // "with Trump saying …", "footage of Trump saying …", and an absolute clause: "… a joint
  // statement – Ryan saying he felt “reassured” and Trump calling it …".
  const opener = speaker ? tokens[speaker.first - 1] : undefined;
  if (
    speaker &&
    speaker.kind !== "description" &&
    (isWord(opener, "with", "as", "of", "and") ||
      (speaker.kind === "name" && opener?.quote === -1 && /^[–—;:-]$/.test(opener.text)))
  ) {
    return { ...base, form: "leading", speaker, span: [speaker.first, tail.cueLast] };
  }
  // "Sanders started the debate saying …": after an object that cannot speak, the sentence's subject.
  if (speaker && speaker.kind === "description" && !plausibleSpeaker(tokens, speaker)) {
    return { ...base, form: "shared", span: [speaker.first, tail.cueLast] };
  }
  return undefined;
}

export function finiteClause(
  tokens: Token[],
  i: number,
  floor: number,
  ceiling: number,
  from = i - 1,
): Clause | undefined {
  const form = cueFormAt(tokens, i);
  const verb = tokens[i]!;
  // "was asked", "was once asked", "has also been told": an adverb may stand inside the passive.
  let aux = i - 1;
  while (aux > floor && i - aux <= 2 && tokens[aux]?.kind === "word" && isAdverbLike(tokens[aux]!.lower))
    aux--;
  if (isWord(tokens[aux], "was", "were", "is", "are", "been", "being", "be") && /ed$|^told$/.test(verb.lower))
    return passiveClause(tokens, i, ceiling, form);
  const vehicle = vehicleInfinitive(tokens, i, floor, ceiling, form);
  if (vehicle) return vehicle;
  // "Trump did post on Twitter that …", "He did tell CNN that …": an emphatic "did" before the bare
  // verb affirms the speech ("did not say" stays negated).
  const emphatic =
    from === i - 1 &&
    isWord(tokens[i - 1], "did", "does", "do") &&
    verb.lower === form.lemma &&
    EMPHATIC_CUES.has(form.lemma);
  const skipped = skipLeft(tokens, emphatic ? from - 1 : from, floor);
  if (skipped.negated || skipped.blocked) return undefined;
  let j = skipped.index;
  // "Trump at the time said", "Governor Pike in his budget speech called": an adjunct between a named
  // subject and the verb, read only when the words before the verb name no speaker themselves.
  const adjunct = adjunctAfterName(tokens, j, floor);
  if (adjunct >= 0 && !plausibleSpeaker(tokens, subjectAt(tokens, j, floor))) {
    const named = skipLeft(tokens, adjunct - 1, floor);
    if (!named.negated && !named.blocked && subjectAt(tokens, named.index, floor)?.kind === "name")
      j = named.index;
  }
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
  const isBase = verb.lower === form.lemma && !emphatic;

  const subject = cueSubject(tokens, j, prev, floor);
  if (!subject) return undefined;
  const { speaker, shared, inverted } = subject;
  if (isBase && speaker && !(speaker.kind === "pronoun" || isPluralHead(tokens[speaker.head]!)))
    return undefined;
  if (isBase && !speaker && !shared) return undefined;
  if (speaker && !plausibleSpeaker(tokens, speaker)) return undefined;

  // "Ada Nye, an early backer of the mayor, calls the levy …": a label never comes before its
  // speaker ("…," called the senator is not English), so a missed subject is no inversion; nor after a
  // quotation: in "Roffman, who put his costs "in the seven figures," described the impact as …" the
  // words after the verb are its object.
  if (inverted && form.kind === "label") return undefined;
  if (inverted) return invertedClause(tokens, i, j, floor, ceiling, base);
  // "records that Linick questioned are stored …": in an object relative clause a label's object is
  // the noun before "that", and the verb after the cue is the main clause's: no attribution at all.
  if (form.kind === "label" && speaker && inObjectRelative(tokens, speaker.first, tail.next))
    return undefined;
  const clause = leadingClause(tokens, j, floor, ceiling, base, form, tail, subject);
  // "As Blumenthal spoke, the NRA was …" says when, not what: no attribution at all.
  if (
    INTRANSITIVE_CUES.has(form.lemma) &&
    clause.form === "leading" &&
    tokens[tail.next]?.text === "," &&
    frontedAs(tokens, clause.span[0], floor)
  )
    return undefined;
  // "prosecutors charged the officer with murder": a cue that is usually another verb, with nothing
  // said after it, is that other verb, and its subject is no speaker for a later ", acknowledging …".
  // A quotation next to it still makes it speech: "“Grizzly Adams?” Maddow repeated.", "Comey
  // stated Clinton and her team were “extremely careless …”".
  const quoted = tokens[clause.span[0] - 1]?.kind === "quote" || hasQuoteAhead(tokens, i + 1, ceiling);
  if (NEEDS_THAT.has(form.lemma) && clause.content.length === 0 && clause.form === "leading" && !quoted)
    return undefined;
  return clause;
}

/**
 * A person's name, a comma, then an aside that runs up to `end` without closing ("Nate Silver, the
 * polling guru who founded the site"): the name and where the aside starts. Verbs may only stand in a
 * relative clause of the aside.
 */
function unclosedAside(
  tokens: Token[],
  end: number,
  floor: number,
): { person: NounPhrase; start: number } | undefined {
  // "…, a graduate who argued": the relative clause's own verb, not the main one.
  if (/^(?:who|which|that)$/.test(tokens[end]?.lower ?? "")) return undefined;
  let relative = false;
  for (let k = end; k >= floor && end - k <= 20; k--) {
    const t = tokens[k]!;
    if (t.quote >= 0) return undefined;
    if (t.text !== ",") continue;
    if (k === end || !isAside(tokens, k + 1)) return undefined;
    for (let m = k + 1; m <= end; m++) {
      const w = tokens[m]!;
      if (w.kind !== "word" || w.cap) continue;
      if (/^(?:who|which|that)$/.test(w.lower)) relative = true;
      else if (!relative && isFiniteVerb(w.lower)) return undefined;
    }
    // "Ivana Winklmayr, an honor Donald said …": a name inside the aside, with no relative pronoun
    // before it, is the subject of a clause about the aside.
    if (!relative && tokens.slice(k + 2, end + 1).some((w) => w.kind === "word" && w.cap)) return undefined;
    const person = subjectAt(tokens, k - 1, floor);
    if (person?.kind !== "name") return undefined;
    return nameKind(tokens, person) === "person" ? { person, start: k + 1 } : undefined;
  }
  return undefined;
}

/**
 * "Trump took to Twitter to accuse …", "Ramos used his acceptance speech to call for …", "went on to
 * say, “…”": a cue's base form after "to", behind a verb that only says how the subject spoke, shares
 * that verb's subject (not "urged Congress to call for …", where the addressee would speak).
 */
function vehicleInfinitive(
  tokens: Token[],
  i: number,
  floor: number,
  ceiling: number,
  form: CueForm,
): Clause | undefined {
  if (tokens[i]!.lower !== form.lemma.split(" ")[0] || !isWord(tokens[i - 1], "to")) return undefined;
  for (let k = i - 2; k >= floor && k >= i - 10; k--) {
    const t = tokens[k]!;
    if (t.quote >= 0 || t.kind !== "word") return undefined;
    if (cueForm(t.lower)) return undefined;
    if (!VEHICLES.has(t.lower)) continue;
    const tail = cueTail(tokens, i, form.kind, ceiling);
    const start = contentStart(tokens, tail.next, ceiling, form.kind, form.lemma);
    const s = introducedContent(tokens, start, form.lemma);
    const content: [number, number][] = s >= 0 ? [[s, ceiling]] : [];
    return {
      cue: i,
      cueFirst: i,
      cueLast: tail.cueLast,
      lemma: form.lemma,
      kind: form.kind,
      form: "shared",
      content,
      span: [i - 1, tail.cueLast],
    };
  }
  return undefined;
}

/** Verbs whose "to" infinitive is how their subject spoke: "took to Twitter to say", "went on to say". */
const VEHICLES = new Set(
  "took takes used uses went goes rose rises stood stands returned returns turned turns paused pauses".split(
    " ",
  ),
);

/**
 * "Sanders was asked by host Bill Maher, “…”": a passive cue's speaker is its agent. Without one
 * ("Trump was asked, “…”") the subject is who was asked or told, not who spoke: no clause.
 */
function passiveClause(tokens: Token[], i: number, ceiling: number, form: CueForm): Clause | undefined {
  if (!isWord(tokens[i + 1], "by")) return undefined;
  const speaker = phraseStartingAt(tokens, i + 2, ceiling);
  if (!speaker || speaker.kind === "pronoun") return undefined;
  // "The concerns being expressed by Jewish leaders go beyond …": what a passive label names is
  // its subject, never the words after its agent.
  const s =
    form.kind === "label" ? -1 : contentStart(tokens, speaker.last + 1, ceiling, form.kind, form.lemma);
  // "the market that she says is kept alive by cheap loans": with nothing said after the agent
  // and no quotation on either side, a passive cue ("is maintained by") is no attribution.
  const quoted =
    tokens[i - 2]?.kind === "quote" || tokens.slice(speaker.last + 1, ceiling + 1).some((t) => t.quote >= 0);
  if (s < 0 && !quoted) return undefined;
  return clauseAt(i, form.lemma, form.kind, "leading", speaker, s >= 0 ? [[s, ceiling]] : [], [
    i,
    speaker.last,
  ]);
}

/** "of Clemson University", "at the Brookings Institution" running from `k` to `end`: where someone works. */
function affiliationTo(tokens: Token[], k: number, end: number): boolean {
  if (k > end || !isWord(tokens[k], "of", "from", "at")) return false;
  let sawName = false;
  for (let m = k + 1; m <= end; m++) {
    const t = tokens[m]!;
    if (t.kind !== "word" || t.quote >= 0) return false;
    if (t.cap) sawName = true;
    else if (!(m === k + 1 && t.lower === "the")) return false;
  }
  return sawName;
}

/** A dash token (a hyphen inside a word is no token of its own): "― Sonya Herridge", "- HuffPollster:". */
function isDash(token: Token | undefined): boolean {
  return token?.kind === "punct" && /^(?:[\u2015\u2014\u2013-]|--)$/.test(token.text);
}

/** Who a cue's subject is, read leftwards from the token before the cue (or how it is shared). */
interface CueSubject {
  speaker?: NounPhrase;
  appositive?: [number, number];
  /** The subject of an earlier verb: "…and said", "…, saying". */
  shared: boolean;
  /** "Trump, who vowed …, has …": a relative clause, whose content ends with the aside. */
  relative?: boolean;
  /** The speaker follows the verb: "…," said Don Fowler. */
  inverted: boolean;
  subjectStart?: number;
}

/** Whether tokens [from, to] are capitalised words joined only by commas and "and": "Hope and Carswell". */
function namesOnly(tokens: Token[], from: number, to: number): boolean {
  if (from > to) return false;
  for (let k = from; k <= to; k++) {
    const t = tokens[k]!;
    if (t.quote >= 0) return false;
    if (t.text === "," || (t.kind === "word" && (t.cap || t.lower === "and"))) continue;
    return false;
  }
  return tokens[from]!.cap;
}

/** A person's name before the comma at `comma`, skipping up to three asides between commas. */
function personBeforeAsides(tokens: Token[], comma: number, floor: number): NounPhrase | undefined {
  let hops = 0;
  for (let k = comma; k > floor && comma - k < 30 && hops <= 3; k--) {
    const t = tokens[k]!;
    if (t.quote >= 0) return undefined;
    if (t.text !== ",") continue;
    hops++;
    const phrase = phraseEndingAt(tokens, k - 1, floor);
    if (phrase?.kind === "name" && nameKind(tokens, phrase) === "person") return phrase;
  }
  return undefined;
}

/** The cue's subject (see CueSubject); undefined when the words before the cue name no speaker. */
function cueSubject(
  tokens: Token[],
  j: number,
  prev: Token | undefined,
  floor: number,
): CueSubject | undefined {
  let speaker: NounPhrase | undefined;
  let appositive: [number, number] | undefined;
  let shared = false;
  let relative = false;
  let inverted = false;
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
  } else if (isWord(prev, "that", "which") && publishedDocument(tokens, j - 1, floor)) {
    // "Trump released a video that said …": the document speaks for whoever made it, the subject
    // (not "Trump received a letter that said …").
    shared = true;
  } else if (prev.text === "," && tokens[j - 1]?.text === ")") {
    // "Sen. Jack Reed (D-R.I.), said": the comma only closes the party and state; in "Jeff Bechdel,
    // chairman of America Rising (a Republican PAC), said" it closes an aside after the name.
    speaker = subjectAt(tokens, j - 1, floor);
    if (!speaker) return undefined;
    if (speaker.kind === "description" && tokens[speaker.first - 1]?.text === ",") {
      const person = subjectAt(tokens, speaker.first - 2, floor);
      if (
        person?.kind === "name" &&
        interpretRun(tokens, person.nameFirst, person.nameLast).kind === "person"
      ) {
        appositive = [speaker.first, j - 1];
        speaker = person;
      }
    }
  } else if (prev.text === ",") {
    // "Peskov, the Kremlin spokesman, said" / "Trump, speaking to …, said" / "Ann Cole, the
    // attorney general of Utah, one of the states in the suit, said": skip the asides, preferring
    // a name to a description.
    let close = j;
    let inList = false;
    for (let hops = 0; hops < 6 && !speaker; hops++) {
      let m = close - 1;
      while (m >= floor && close - m < 45 && tokens[m]!.text !== ",") {
        if (tokens[m]!.quote >= 0) {
          // "Rob Tate, wearing a straw hat and “Kasich 2016” pins, said": a title in
          // quote marks belongs to the aside.
          const opening = titleOpening(tokens, m);
          if (opening < 0) break;
          m = opening;
        }
        m--;
      }
      const aside = tokens[m];
      if (aside?.text !== "," || m <= floor) break;
      appositive ??= [m + 1, j - 1];
      const subject = subjectAt(tokens, m - 1, floor);
      // "…, the company's chief executive, Helen Park, said": the name in the aside is the speaker.
      const named = phraseStartingAt(tokens, m + 1, close - 1);
      // "Another delegate on the Cruz slate, Jim Poolman, said": a longer description, no verb in it.
      const describedBefore =
        subject?.kind === "description" ||
        (!subject && m - floor <= 14 && !hasVerbBetween(tokens, floor, m - 1) && tokens[floor]!.quote < 0);
      if (
        describedBefore &&
        named?.kind === "name" &&
        (named.last === close - 1 || affiliationTo(tokens, named.last + 1, close - 1)) &&
        nameKind(tokens, named) === "person"
      ) {
        speaker = named;
        subjectStart = subject?.first ?? floor;
        appositive = [subjectStart, m - 1]; // the description is what describes the named speaker
        break;
      }
      // "Donna Rawlings, 59, of Ashton, Md., who watched …, said": places and ages are asides too.
      const place =
        subject?.kind === "name" &&
        tokens[subject.first - 1]?.text === "," &&
        nameKind(tokens, subject) === "place";
      // "“…,” an intelligence source, who was not authorized …, told Fox News": a description that
      // opens the clause straight after the quotation is its subject, not an aside.
      // So does a role or organisation that opens the sentence: "The home secretary, whose blueprint
      // is due on Monday, also rejected claims …".
      const opensAfterQuote =
        subject !== undefined &&
        (tokens[subject.first - 1]?.kind === "quote" ||
          (tokens[subject.first - 1]?.text === "," && tokens[subject.first - 2]?.kind === "quote") ||
          (subject.first <= floor &&
            subject.kind === "description" &&
            (isRoleWord(tokens[subject.head]!.lower) || isOrgWord(tokens[subject.head]!.lower))));
      // "A teacher from Dayton, Ohio, told …": the state after the comma completes the description,
      // which opens the sentence.
      const stateAfter =
        subject?.kind === "description" &&
        named?.kind === "name" &&
        named.last === close - 1 &&
        nameKind(tokens, named) === "place" &&
        endsInTown(tokens, subject) &&
        tokens[subject.first - 1]?.text !== ","; // "Paul Porter, a truck driver from Ava, Mo., said": Porter
      // "Lady Pell, sitting with Lords Marr, Osei and Lind, said": names between commas
      // ending "… and Lind" are a list inside an aside, not a speaker and an appositive ("Rep.
      // Chris Collins, R-NY, says" has no "and").
      if (
        namesOnly(tokens, m + 1, close - 1) &&
        (inList ||
          (subject?.kind === "name" &&
            tokens[subject.first - 1]?.text === "," &&
            tokens.slice(m + 1, close).some((t) => t.lower === "and")))
      ) {
        inList = true;
        close = m;
        continue;
      }
      if (
        subject &&
        subject.kind !== "pronoun" &&
        !place &&
        (stateAfter ||
          !(subject.kind === "description" && isAside(tokens, subject.first) && !opensAfterQuote))
      ) {
        speaker = subject;
        appositive = [m + 1, j - 1];
        break;
      }
      // "…, president of the United Federation of Teachers, which represents …, said": keep going left
      // while the segments read like asides (a place such as "Md." is one).
      const segmentIsPlace =
        named?.kind === "name" && named.last === close - 1 && nameKind(tokens, named) === "place";
      // "Sam Solovey, a contestant on Trump's show, “The Apprentice,” who went on to work …, said": a
      // title in quote marks opens an aside of its own.
      const titled = titleQuoteEnd(tokens, m + 1) >= 0;
      if (
        !isAside(tokens, m + 1) &&
        !titled &&
        !(subject && isAside(tokens, subject.first)) &&
        !place &&
        !segmentIsPlace
      )
        break;
      close = m;
    }
    // "Kasich offered the man a job, then said …": no aside before "then", so the verb shares the
    // subject of the one before it.
    if (!speaker && isWord(tokens[j + 1], "then")) shared = true;
    else if (!speaker) inverted = true; // "…, said Rep. Elijah Cummings of Maryland."
  } else if (isWord(prev, "who") && tokens[j - 1]?.text === ",") {
    // "Trump, who vowed …": the relative pronoun's antecedent speaks, wherever it stands in the
    // sentence ("a lecture from Senator Reyes, who said …").
    relative = true;
    speaker = subjectAt(tokens, j - 2, floor) ?? namedAntecedent(tokens, j - 2, floor);
    // "Rosa Imani, a nurse from Dayton, Ohio, who said …": "who" is never a place;
    // the person stands before the asides.
    if (speaker?.kind === "name" && nameKind(tokens, speaker) === "place")
      speaker = personBeforeAsides(tokens, speaker.first - 1, floor);
    if (!speaker) return undefined;
  } else {
    speaker =
      subjectAt(tokens, j, floor) ??
      participialSubject(tokens, j, floor) ??
      relativeSubject(tokens, j, floor);
    // "Nate Silver, the polling guru who founded the site tweeted": an aside left unclosed, whose
    // words before the verb name no speaker themselves.
    const unclosed =
      speaker && plausibleSpeaker(tokens, speaker) ? undefined : unclosedAside(tokens, j, floor);
    if (unclosed) {
      speaker = unclosed.person;
      appositive = [unclosed.start, j];
      subjectStart = unclosed.person.first;
    }
    if (!speaker) return undefined;
    // "Stacy Baker of Columbia, South Carolina says": the state after the comma completes where the
    // person is from; the person speaks, not the place.
    if (
      speaker.kind === "name" &&
      tokens[speaker.first - 1]?.text === "," &&
      nameKind(tokens, speaker) === "place"
    ) {
      const person = subjectAt(tokens, speaker.first - 2, floor);
      if (person?.kind === "name" && nameKind(tokens, person) === "person") {
        appositive = [speaker.first, j - 1];
        subjectStart = person.first;
        speaker = person;
      }
    }
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
  const subject: CueSubject = { shared, inverted, relative };
  if (speaker) subject.speaker = speaker;
  if (appositive) subject.appositive = appositive;
  if (subjectStart !== undefined) subject.subjectStart = subjectStart;
  return subject;
}

/**
 * "Protesters marching through the streets chanted …": the sentence's subject, then a present
 * participle phrase before the verb. Nothing in the phrase is finite or relative; a form in -ed
 * would as often be the sentence's own verb ("Reyes received a letter that said …").
 */
function participialSubject(tokens: Token[], j: number, floor: number): NounPhrase | undefined {
  for (let k = j; k > floor && j - k < 8; k--) {
    const t = tokens[k]!;
    if (t.kind !== "word" || t.quote >= 0) return undefined;
    const participle = !t.cap && /[a-z]{2,}ing$/.test(t.lower);
    if (!participle) {
      if (isFiniteVerb(t.lower) || cueForm(t.lower) || /^(?:that|which|who|whom|whose)$/.test(t.lower))
        return undefined;
      continue;
    }
    const subject = subjectAt(tokens, k - 1, floor);
    if (subject && speaksForItself(tokens, subject)) return subject;
  }
  return undefined;
}

/**
 * "The groups who wrote to her on Thursday say …": the subject, then a relative clause (no commas)
 * before the verb. Its antecedent speaks, when it is a person, a body or a group.
 */
function relativeSubject(tokens: Token[], j: number, floor: number): NounPhrase | undefined {
  for (let k = j; k > floor && j - k < 12; k--) {
    const t = tokens[k]!;
    if (t.quote >= 0 || t.kind === "punct") return undefined;
    if (t.kind !== "word" || t.lower !== "who") continue;
    if (k === j) return undefined;
    // "a man who police said led …", "Rubio, who he dubbed …": a subject of its own between "who" and
    // the verb is the speaker (when it names one); the antecedent is only who the words are about.
    const own = phraseStartingAt(tokens, k + 1, j);
    if (own && own.last === j) return speaksForItself(tokens, own) ? own : undefined;
    const subject = subjectAt(tokens, k - 1, floor);
    const group = subject?.kind === "description" && COLLECTIVE_NOUNS.has(tokens[subject.head]!.lower);
    return subject && (group || speaksForItself(tokens, subject)) ? subject : undefined;
  }
  return undefined;
}

/** A named person or body ending at `end`, whatever its role in the sentence ("a lecture from Reyes, who …"). */
function namedAntecedent(tokens: Token[], end: number, floor: number): NounPhrase | undefined {
  const phrase = phraseEndingAt(tokens, end, floor);
  return phrase?.kind === "name" && speaksForItself(tokens, phrase) ? phrase : undefined;
}

/** A person, an organisation or a group of people, not a place ("White America embracing Obama …"). */
function speaksForItself(tokens: Token[], phrase: NounPhrase): boolean {
  if (phrase.kind === "name") return /^(?:person|organization)$/.test(nameKind(tokens, phrase));
  if (phrase.kind !== "description") return false;
  const head = tokens[phrase.head]!.lower;
  return isRoleWord(head) || isOrgWord(head) || COLLECTIVES.has(head);
}

/** "a teacher from Dayton": a description whose last words say where the person is from. */
function endsInTown(tokens: Token[], phrase: NounPhrase): boolean {
  let k = phrase.last;
  while (k > phrase.first && tokens[k]!.cap) k--;
  return k < phrase.last && isWord(tokens[k], "in", "from", "of");
}

const PUBLISHING_VERBS = new Set(
  "released releases issued issues published publishes posted posts sent sends aired airs unveiled unveils launched launches ran runs put puts shared shares".split(
    " ",
  ),
);

/** "released a marketing video", "issued a statement": a document its sentence's subject put out. */
function publishedDocument(tokens: Token[], noun: number, floor: number): boolean {
  if (!DOCUMENTS.has(tokens[noun]?.lower ?? "")) return false;
  for (let k = noun - 1; k >= floor && noun - k <= 4; k--) {
    const t = tokens[k]!;
    if (t.kind !== "word" || t.quote >= 0) return false;
    if (PUBLISHING_VERBS.has(t.lower)) return true; // "put out a statement" reaches "put" past "out"
  }
  return false;
}

/** An inverted attribution: the speaker after the verb ("…," said Don Fowler), the content before. */
function invertedClause(
  tokens: Token[],
  i: number,
  j: number,
  floor: number,
  ceiling: number,
  base: Pick<Clause, "cue" | "cueFirst" | "lemma" | "kind">,
): Clause | undefined {
  // "…, told reporters": whoever follows "told" is told, never the teller ("warned Smith" can be).
  if (base.lemma === "tell") return undefined;
  const object = phraseStartingAt(tokens, i + 1, ceiling);
  if (!object) return undefined;
  if (tokens[object.first]!.lower === "that") return undefined;
  let contentEnd = j;
  while (contentEnd >= floor && tokens[contentEnd]!.kind === "punct" && tokens[contentEnd]!.quote < 0)
    contentEnd--;
  const content: [number, number][] = contentEnd >= floor ? [[floor, contentEnd]] : [];
  const resumed = resumedSentence(tokens, object.last, ceiling);
  if (resumed && content.length > 0 && !tokens.slice(floor, j + 1).some((t) => t.quote >= 0)) {
    // "The paradox of Nancy, says Carl Anthony, a historian, is that she was “…”": the sentence goes
    // on after the attribution, and both sides are the speaker's.
    const clause: Clause = {
      ...base,
      cueLast: i,
      form: "parenthetical",
      speaker: object,
      content: [...content, [resumed.verb, ceiling]],
      span: [i, resumed.verb - 1],
    };
    if (resumed.appositive) clause.appositive = resumed.appositive;
    return clause;
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
  let speaker = object;
  if (object.kind === "description" && objectAppositive) {
    // "said Rubio’s deputy campaign manager, Rich Beeson, who …": the name in the aside is the speaker.
    const [a, z] = objectAppositive;
    const named = phraseStartingAt(tokens, a, z);
    if (named?.kind === "name" && named.last === z && /^(?:person|unknown)$/.test(nameKind(tokens, named))) {
      speaker = named;
      objectAppositive = [object.first, object.last];
    }
  }
  const clause: Clause = {
    ...base,
    cueLast: i,
    form: "trailing",
    speaker,
    content,
    span: [i, end],
  };
  if (objectAppositive) clause.appositive = objectAppositive;
  return clause;
}

/**
 * After an inverted speaker, the verb that resumes the interrupted sentence (", is that …"), past at
 * most one aside between commas (", historian at the library, is …"), or undefined.
 */
function resumedSentence(
  tokens: Token[],
  last: number,
  ceiling: number,
): { verb: number; appositive?: [number, number] } | undefined {
  if (tokens[last + 1]?.text !== ",") return undefined;
  const finite = (k: number) => {
    const t = tokens[k];
    return t !== undefined && k <= ceiling && t.kind === "word" && t.quote < 0 && isFiniteVerb(t.lower);
  };
  if (finite(last + 2)) return { verb: last + 2 };
  for (let m = last + 2; m <= ceiling && m - last < 16; m++) {
    const t = tokens[m]!;
    if (t.quote >= 0 || (t.kind === "word" && isFiniteVerb(t.lower))) return undefined;
    if (t.text === ",") return finite(m + 1) ? { verb: m + 1, appositive: [last + 2, m - 1] } : undefined;
  }
  return undefined;
}

/** "As" opening the sentence, or after "but", "and" or a comma, right before the subject. */
function frontedAs(tokens: Token[], subjectFirst: number, floor: number): boolean {
  const as = subjectFirst - 1;
  if (as < floor || !isWord(tokens[as], "as") || tokens[as]!.quote >= 0) return false;
  let k = as - 1;
  if (tokens[k]?.text === ",") k--;
  if (k >= floor && isWord(tokens[k], "but", "and", "so")) k--;
  return k < floor;
}

/** Cues that take no statement for an object: "As Blumenthal spoke, …" says when, not what. */
const INTRANSITIVE_CUES = new Set(["speak", "talk", "testify"]);

/** A leading attribution (subject, verb, content after) and its trailing and parenthetical variants. */
function leadingClause(
  tokens: Token[],
  j: number,
  floor: number,
  ceiling: number,
  base: Pick<Clause, "cue" | "cueFirst" | "lemma" | "kind">,
  form: CueForm,
  tail: ReturnType<typeof cueTail>,
  subject: CueSubject,
): Clause {
  const { speaker, appositive, shared, relative, subjectStart } = subject;
  const subjectFirst = shared ? j : (subjectStart ?? speaker!.first);
  const spanStart = shared ? j : subjectFirst;
  let s = introducedContent(
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
  // "“…,” Romney tweeted the day after a man …": straight after a quotation the attribution is that
  // quotation's; what follows is the writer's unless "that" or a quotation introduces it.
  const afterQuote =
    trailing && leadingBoundary?.kind === "quote" && !titleBefore(tokens, subjectFirst - 1, floor);
  if (s >= 0 && afterQuote && tokens[s]!.quote < 0 && tokens[s - 1]?.lower !== "that") s = -1;
  // "As Clyburn noted, those voters will …", "But as Clinton told the Daily News, tax relief is …": a
  // fronted "as" clause attributes what follows its comma.
  if (s < 0 && speaker && frontedAs(tokens, subjectFirst, floor) && tokens[tail.next]?.text === ",")
    s = tail.next + 1 <= ceiling ? tail.next + 1 : -1;
  // "the “fixed market” that she says is kept alive by cheap loans": inside a relative clause the
  // cue's content is the verb phrase after it, and it ends at the relative clause's comma.
  const relativeOpener = tokens[subjectFirst - 1];
  const inRelative =
    s < 0 &&
    speaker !== undefined &&
    isWord(relativeOpener, "that", "which", "what") &&
    form.kind === "clause" &&
    tokens[tail.next]?.kind === "word" &&
    tokens[tail.next]!.quote < 0 &&
    isFiniteVerb(tokens[tail.next]!.lower) &&
    !cueForm(tokens[tail.next]!.lower);
  if (inRelative) {
    clause.content = [[tail.next, beforeComma(tokens, tail.next, ceiling)]];
    return clause;
  }
  if (s >= 0) {
    // "Trump, who vowed to improve relations …, has been under pressure": the aside ends at its comma.
    clause.content = [[s, relative ? beforeComma(tokens, s, ceiling) : ceiling]];
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
    // "…, He has pleaded guilty to fraud and appeared …": a cue that is usually another verb, going on
    // to govern words of its own, starts a new sentence; it is no tag on the unquoted words before it.
    const governs =
      NEEDS_THAT.has(form.lemma) &&
      next?.kind === "word" &&
      next.quote < 0 &&
      leadingBoundary.kind !== "quote";
    if (!governs && saysSomething(tokens, floor, subjectFirst - 1)) {
      clause.form = "trailing";
      clause.content = e >= floor ? [[floor, e]] : [];
      return clause;
    }
  }
  // "has denied claims that he knew …", "reiterated his desire to win trophies": a cue that takes a
  // clause can take a noun instead, and then reports like a label.
  const object = form.kind === "clause" && OBJECT_CUES.has(form.lemma) && !afterQuote;
  if (object) {
    const phrase = phraseStartingAt(tokens, tail.next, ceiling);
    if (phrase?.kind !== "description" || phrase.first !== tail.next) return clause;
    clause.kind = "label";
  }
  if (form.kind === "label" || object) {
    // "called for compensation to be “clawed back”, Clinton restricted …": the label ends at a comma.
    const end = beforeComma(tokens, tail.next, ceiling);
    clause.content = tail.next <= end ? [[tail.next, end]] : [];
  }
  return clause;
}

/** "that Linick questioned are …": a relative clause whose subject is `subjectFirst`, a verb right after the cue. */
function inObjectRelative(tokens: Token[], subjectFirst: number, next: number): boolean {
  const after = tokens[next];
  return (
    isWord(tokens[subjectFirst - 1], "that", "which") &&
    after?.kind === "word" &&
    after.quote < 0 &&
    isFiniteVerb(after.lower) &&
    !cueForm(after.lower)
  );
}

/**
 * The cue at `i`, read in context: "asked the congregation to stand" takes an addressee and an
 * infinitive like "told"; "asked whether …", "asked: …" take a clause.
 */
function cueFormAt(tokens: Token[], i: number): CueForm {
  const form = cueFormBefore(tokens[i]!.lower, tokens[i + 1]?.lower)!;
  // "warned against the forces of hate", "cautioned of a “ferocious” battle": what is warned of is
  // named, like a label's object.
  if ((form.lemma === "warn" || form.lemma === "caution") && isWord(tokens[i + 1], "against", "of", "about"))
    return { ...form, kind: "label" };
  if (form.lemma !== "ask") return form;
  const next = tokens[i + 1];
  const clauseNext =
    next?.kind !== "word" ||
    next.quote >= 0 ||
    /^(?:whether|if|why|how|what|who|when|where|which|that|about|for)$/.test(next.lower);
  return clauseNext ? form : { ...form, kind: "tell" };
}

/** Clause cues whose noun object is what was said: "denied the charges", "confirmed the deal". */
const OBJECT_CUES = new Set(
  "deny reiterate repeat confirm acknowledge admit demand predict reveal concede stress emphasize emphasise note mention recall announce explain".split(
    " ",
  ),
);

/** "On CBS's “Face the Nation,” Ryan said …": the quotation ending at `close` is a title. */
function titleBefore(tokens: Token[], close: number, floor: number): boolean {
  const quote = tokens[close]!.quote;
  let open = close;
  while (open > floor && tokens[open - 1]!.quote === quote) open--;
  return titleQuoteEnd(tokens, open) >= 0;
}

/**
 * Words before a trailing attribution that can be speech: a quotation, or a clause with a verb, but not
 * an opening participle phrase ("Asked about the holiday, Mr Blair told …", "But challenged on the
 * remark, he denied …").
 */
export function saysSomething(tokens: Token[], from: number, to: number): boolean {
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
    opener.lower.length > 4 &&
    // "Speaking at a rally, …" is an adjunct; "Solving the conflict was the most pressing …" a subject.
    !tokens.slice(first + 1, to + 1).some((t) => t.kind === "word" && t.quote < 0 && isFiniteVerb(t.lower))
  ) {
    return false;
  }
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
export function trimContents(clauses: Clause[], tokens: Token[]): Clause[] {
  for (const clause of clauses) {
    clause.content = clause.content
      .map(([s, e]): [number, number] => {
        let end = e;
        for (const other of clauses) {
          // "… inconsistencies with North Korea's claim that …": a claim noun is inside the content.
          if (other === clause || other.nominal) continue;
          const [os] = other.span;
          if (os <= s || os > end) continue;
          if (other.form === "leading" && os === s) continue;
          // "… by calling out Trump …": a subordinate gerund is inside the content, not after it.
          // "…, saying" and "… “founded ISIS,” saying" (the comma inside the marks) end it.
          const commaInQuote = tokens[os]!.kind === "quote" && tokens[os - 1]?.text === ",";
          if (other.form === "shared" && !commaInQuote && !/^(?:,|and|but|;)$/.test(tokens[os]!.lower))
            continue;
          end = commaInQuote && other.form === "shared" ? os : os - 1;
          while (
            end >= s &&
            tokens[end]!.quote < 0 &&
            (tokens[end]!.kind === "punct" ||
              isWord(
                tokens[end],
                "and",
                "but",
                "with",
                "as",
                "while",
                "or",
                "although",
                "though",
                "because",
                "so",
              ))
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

/** The first token of the short title in quote marks whose last token is `last`, or -1. */
function titleOpening(tokens: Token[], last: number): number {
  const quote = tokens[last]!.quote;
  let first = last;
  while (first > 0 && tokens[first - 1]!.quote === quote) first--;
  return titleQuoteEnd(tokens, first) === last ? first : -1;
}
