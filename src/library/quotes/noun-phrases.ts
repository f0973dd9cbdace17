/**
 * Noun phrases that can speak: names with their titles ("Republican U.S. Senator John McCain"),
 * descriptions ("the Kremlin spokesman", "a narrator in the Clinton ad"), organisations ("the White
 * House") and pronouns. A shallow chunker over tokens: news attributions are short and regular enough
 * that a phrase is found by walking left from a cue verb (or right from an inverted one) over words that
 * can sit inside a noun phrase, stopping at verbs, punctuation and most function words.
 */

import { cueForm } from "./cues.ts";
import {
  canBeNoun,
  firstNameGender,
  type Gender,
  hasTag,
  honorificGender,
  isAdjective,
  isAdverbLike,
  isCommonVocabulary,
  isDateWord,
  isFiniteVerb,
  isFirstName,
  isFunctionWord,
  isKnownWord,
  isLastName,
  isOrganizationName,
  isOrgWord,
  isPlaceWord,
  isRoleWord,
  isVerbish,
  nameGender,
  roleGender,
} from "./lexicon.ts";
import { NAME_PARTICLES } from "./name-particles.ts";
import { isGenerationalSuffix } from "./name-words.ts";
import { isSourceLink, SOURCE_LINKS } from "./source-links.ts";
import type { Token } from "./tokens.ts";

export const PRONOUNS: Record<string, "male" | "female" | "thing" | "plural"> = Object.assign(
  Object.create(null),
  {
    he: "male",
    she: "female",
    it: "thing",
    they: "plural",
  },
);

/** Lower-case words allowed inside a noun phrase before its head ("press secretary", "news agency"). */
const MODIFIERS = new Set(
  (
    "former deputy acting interim senior chief top vice assistant press foreign affairs national " +
    "security campaign communications tax panel party ranking state federal local city county " +
    "then-candidate then-president news agency defense defence finance interior justice health " +
    "education energy trade economic political policy military intelligence police government " +
    "presidential vice-presidential congressional executive general public spokesman official " +
    "nonpartisan bipartisan independent conservative liberal progressive prime first managing " +
    "majority minority house senate opposition union business human rights civil legal medical " +
    "retired outgoing incoming embattled jailed ousted disgraced elected appointed longtime veteran"
  ).split(" "),
);

const DETERMINERS = new Set([
  "the",
  "a",
  "an",
  "his",
  "her",
  "their",
  "its",
  "our",
  "my",
  "your",
  "another",
  "one",
  "two",
  "three",
  "several",
  "some",
  "many",
]);

/** Words that are clause boundaries on the left of a subject. */
export const CLAUSE_OPENERS = new Set(
  (
    "and but or that while as because so when if after before since though although where whereas " +
    "yet meanwhile however also then once until unless whether"
  ).split(" "),
);

/** Country abbreviations and compass regions, which look like acronyms or names but are places. */
/** The fifty states, by name: "Cedar Rapids, Iowa" names a town by its state. */
const US_STATES = new Set(
  (
    "alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho " +
    "illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota " +
    "mississippi missouri montana nebraska nevada new_hampshire new_jersey new_mexico new_york " +
    "north_carolina north_dakota ohio oklahoma oregon pennsylvania rhode_island south_carolina south_dakota " +
    "tennessee texas utah vermont virginia washington west_virginia wisconsin wyoming"
  ).split(" "),
);

/** Whether a US state's name or AP abbreviation stands alone at token `k` (nothing after it but punctuation). */
function stateAt(tokens: Token[], k: number): boolean {
  const t = tokens[k];
  if (t?.kind !== "word" || !t.cap || t.quote >= 0) return false;
  const ends = (at: number) => tokens[at] === undefined || tokens[at]!.kind !== "word";
  if (US_STATES.has(t.lower) || (t.lower.endsWith(".") && PLACE_ABBREVIATIONS.has(t.lower)))
    return ends(k + 1);
  const next = tokens[k + 1];
  return next?.kind === "word" && next.cap && US_STATES.has(`${t.lower}_${next.lower}`) && ends(k + 2);
}

const PLACE_ABBREVIATIONS = new Set(
  (
    "u.s. us u.s.a. usa u.k. uk uae u.a.e. drc prc dprk north south east west midwest " +
    // AP state abbreviations ("of Ashton, Md."); "Del." and "Miss." are titles before a name, places alone.
    "ala. ariz. ark. calif. colo. conn. del. fla. ga. ill. ind. kan. ky. la. md. mass. mich. minn. miss. " +
    "mo. mont. neb. nev. n.h. n.j. n.m. n.y. n.c. n.d. okla. ore. pa. r.i. s.c. s.d. tenn. vt. va. wash. " +
    "w.va. wis. wyo. d.c."
  ).split(" "),
);

/** A lower-case word that can stand before a title or name: "former", "press", "campaign". */
export function isModifier(lower: string): boolean {
  return MODIFIERS.has(lower);
}

export function isParticle(token: Token | undefined): boolean {
  return token !== undefined && NAME_PARTICLES.has(token.lower);
}

function _isInitial(token: Token): boolean {
  return /^\p{Lu}\.$/u.test(token.text) || /^(?:\p{Lu}\.){2,}$/u.test(token.text);
}

/**
 * A month that is someone's name: "columnist Ai Jun", "Governor Jan Brewer", "April Ryan of …". Only
 * right after a capitalised name word ("Ai Jun"), or between a title and a capitalised word ("governor
 * Jan Brewer"); "In May Trump said" and "on June 5" stay dates.
 */
export function monthAsName(tokens: Token[], index: number): boolean {
  const token = tokens[index]!;
  if (!hasTag(token.lower, "Month") || token.text.endsWith(".")) return false;
  const nameWord = (t: Token | undefined): boolean =>
    t !== undefined &&
    t.kind === "word" &&
    t.cap &&
    t.quote < 0 &&
    !isDateWord(t.lower) &&
    !isFunctionWord(t.lower) &&
    !/^\d/.test(t.text);
  const before = tokens[index - 1];
  if (nameWord(before) && !isRoleWord(before!.lower) && before!.end + 1 === token.start) return true;
  // "Spokesman April Ryan", "Amnesty International's Jan Shaw": after a title or an owner, a name.
  return (
    before !== undefined &&
    ((before.kind === "word" && isRoleWord(before.lower)) || before.kind === "poss") &&
    nameWord(tokens[index + 1])
  );
}

/**
 * A capitalised word that can belong to a name. At a sentence start "The", "But", "Speaking" are
 * ordinary words: those the lexicon knows as grammar or common vocabulary are refused there.
 */
export function isNameToken(tokens: Token[], index: number, sentenceStart: boolean): boolean {
  const token = tokens[index];
  if (token?.kind !== "word" || !token.cap) return false;
  if (token.lower === "i") return false;
  if (isDateWord(token.lower) && !monthAsName(tokens, index)) return false;
  if (sentenceStart && !isFirstName(token.text) && !isLastName(token.text)) {
    if (isFunctionWord(token.lower) || (isCommonVocabulary(token.lower) && !isRoleWord(token.lower))) {
      // "Republican", "Police", "Democrats" open sentences as names of groups; keep capitalised plural
      // groups and adjectives of affiliation, drop verbs, adverbs and grammar.
      if (isFunctionWord(token.lower) || isVerbish(token.lower)) return false;
      if (!isAdjective(token.lower) && !hasTag(token.lower, "Plural") && !isOrgWord(token.lower))
        return false;
    }
  }
  return true;
}

export interface NounPhrase {
  /** Token range of the whole phrase, determiner and description included. */
  first: number;
  last: number;
  /** The proper name inside it (e.g. "Dmitry Peskov"), or -1. */
  nameFirst: number;
  nameLast: number;
  /** The noun the phrase is about: the name's last word, or the role/organisation noun. */
  head: number;
  kind: "name" | "pronoun" | "description";
  determiner?: string;
  /** "X's spokesman": the possessor's token range. */
  possessor?: [number, number];
  /** Where the capitalised run holding the name starts, titles included ("Mr." in "Mr. Obama"). */
  runFirst?: number;
  /** "John Smith and Jane Doe": names joined by "and", who speak together. */
  joint?: boolean;
}

function npWord(tokens: Token[], index: number): boolean {
  const token = tokens[index];
  if (token?.kind !== "word") return false;
  if (token.quote >= 0) return false;
  if (NAME_PARTICLES.has(token.lower)) return true;
  if (token.cap) {
    if (isDateWord(token.lower) && !monthAsName(tokens, index)) return false;
    // "When Clinton noted …": a capitalised "When" opens a clause, it does not name anyone.
    if (
      isFunctionWord(token.lower) &&
      !isFirstName(token.text) &&
      !isLastName(token.text) &&
      !DETERMINERS.has(token.lower) &&
      !modalAsFirstName(tokens, index)
    )
      return false;
    return true;
  }
  if (NAME_PARTICLES.has(token.lower)) return true;
  if (MODIFIERS.has(token.lower) || isRoleWord(token.lower) || isOrgWord(token.lower)) return true;
  if (isFunctionWord(token.lower)) return false;
  // "to the guards", "the reports": straight after an article a word is a noun, whatever else it can be.
  const afterArticle =
    /^(?:the|a|an)$/.test(tokens[index - 1]?.lower ?? "") && tokens[index - 1]!.kind === "word";
  if (!afterArticle && isVerbish(token.lower) && !(canBeNoun(token.lower) && !isFiniteVerb(token.lower)))
    return false;
  if (isAdverbLike(token.lower)) return false;
  // Other lower-case nouns and adjectives: "the nonpartisan commission", "show insiders". Words the
  // lexicon does not know are mostly nouns ("statement"), unless they look like verb forms.
  if (!isKnownWord(token.lower)) return !/(?:ed|ing)$/.test(token.lower);
  return (
    isAdjective(token.lower) ||
    hasTag(token.lower, "Singular") ||
    hasTag(token.lower, "Plural") ||
    hasTag(token.lower, "Noun") ||
    hasTag(token.lower, "Uncountable") ||
    canBeNoun(token.lower)
  );
}

/**
 * "said Will Hurd", "“…,” Will Doyle said": inside a sentence, a capitalised "Will" before another
 * capitalised word is a first name, not the modal that opens a question ("Will Trump …?"); before an
 * inflected speech verb it is a name anywhere.
 */
export function modalAsFirstName(tokens: Token[], index: number): boolean {
  const before = tokens[index - 1];
  const next = tokens[index + 1];
  if (tokens[index]!.lower !== "will" || next?.kind !== "word" || next.quote >= 0) return false;
  // "“…,” Will wrote", "While Will acknowledges …": a modal takes a bare verb, never "wrote" or
  // "acknowledges", so before an inflected speech verb "Will" is someone's name.
  const cue = cueForm(next.lower);
  if (cue && cue.lemma !== next.lower) return true;
  return (
    next.cap &&
    before !== undefined &&
    !/^[.?!:;]$/.test(before.text) &&
    !(before.kind === "quote" && /[.?!]/.test(tokens[index - 2]?.text ?? ""))
  );
}

/**
 * `connector` ("for", "to", "of") joins a role noun to whom the role serves: "a lawyer for the
 * family", "Aides to Clinton", "the head of the agency". The role is lower case, or opens the clause.
 */
function roleComplement(tokens: Token[], connector: number, floor: number): boolean {
  const link = tokens[connector];
  const role = tokens[connector - 1];
  if (link?.kind !== "word" || !/^(?:for|to|of)$/.test(link.lower)) return false;
  if (role?.kind !== "word" || role.quote >= 0 || connector - 1 < floor || !isRoleWord(role.lower))
    return false;
  return !role.cap || connector - 1 === floor;
}

/**
 * The noun phrase that ends at token `end` (inclusive), walking left no further than `floor`.
 * Returns undefined when `end` cannot end a phrase.
 */
const phrasesEnding = new WeakMap<Token[], Map<number, NounPhrase | null>>();

/** Memoised: the same phrase is asked for by registration, salience and attribution. */
export function phraseEndingAt(tokens: Token[], end: number, floor: number): NounPhrase | undefined {
  let cache = phrasesEnding.get(tokens);
  if (!cache) {
    cache = new Map();
    phrasesEnding.set(tokens, cache);
  }
  const key = end * 100_000 + floor;
  const known = cache.get(key);
  if (known !== undefined) return known ?? undefined;
  const phrase = readPhraseEndingAt(tokens, end, floor);
  cache.set(key, phrase ?? null);
  return phrase;
}

function readPhraseEndingAt(tokens: Token[], end: number, floor: number): NounPhrase | undefined {
  let last = end;
  // A party-state tag after a name: "Sen. Ted Cruz (R-Tex)".
  if (tokens[last]?.text === ")") {
    let open = last - 1;
    while (open > floor && tokens[open]!.text !== "(" && last - open < 8) open--;
    if (tokens[open]?.text === "(") last = open - 1;
  }
  const lastToken = tokens[last];
  if (!lastToken || lastToken.quote >= 0) return undefined;
  if (lastToken.kind === "word" && PRONOUNS[lastToken.lower] !== undefined) {
    return { first: last, last: end, nameFirst: -1, nameLast: -1, head: last, kind: "pronoun" };
  }
  if (!npWord(tokens, last)) return undefined;
  let first = last;
  let determiner: string | undefined;
  let possessor: [number, number] | undefined;
  let headOverride = -1;
  let affiliated = false;
  for (let i = last - 1; i >= floor && last - i < 14; i--) {
    const token = tokens[i]!;
    if (token.kind === "poss") {
      // "Russia's President …", "the panel's ranking Democrat": the possessor joins the phrase.
      const owner = i - 1;
      if (owner >= floor && npWord(tokens, owner)) {
        if (!possessor) possessor = [owner, owner];
        first = owner;
        let k = owner - 1;
        while (k >= floor && tokens[k]!.cap && tokens[k]!.kind === "word" && tokens[k]!.quote < 0) {
          first = k;
          possessor = [k, possessor[1]];
          k--;
        }
        if (headOverride < 0 && k > floor && roleComplement(tokens, k, floor)) {
          // "a spokeswoman for Germany's foreign ministry": the role heads the phrase, the
          // possessor's noun says whom the role serves.
          headOverride = k - 1;
          first = k;
          i = k;
          possessor = undefined;
          continue;
        }
        if (k >= floor && DETERMINERS.has(tokens[k]!.lower)) {
          determiner = tokens[k]!.lower;
          first = k;
        } else {
          // "The prime minister's official spokesman": a described possessor, lower-case words after
          // its determiner, joins the phrase too (only when that determiner is there).
          let m = k;
          while (
            m >= floor &&
            k - m < 3 &&
            tokens[m]!.kind === "word" &&
            tokens[m]!.quote < 0 &&
            npWord(tokens, m) &&
            !DETERMINERS.has(tokens[m]!.lower)
          )
            m--;
          if (m >= floor && m < k && DETERMINERS.has(tokens[m]!.lower)) {
            determiner = tokens[m]!.lower;
            possessor = [m + 1, possessor[1]];
            first = m;
          }
        }
        break;
      }
      break;
    }
    // "Jane Smith of The Times": a capitalised article after "of" is still the affiliation's.
    const afterConnector = /^(?:of|from|at|for|in|with)$/.test(tokens[i - 1]?.lower ?? "");
    // "the Committee for a Responsible Budget": an article after a connector inside an organisation's name.
    const orgBefore = tokens[i - 2];
    if (
      token.kind === "word" &&
      DETERMINERS.has(token.lower) &&
      afterConnector &&
      tokens[i + 1]?.cap &&
      orgBefore?.cap &&
      orgBefore.kind === "word" &&
      isOrgWord(orgBefore.lower)
    ) {
      first = i - 1;
      i--;
      continue;
    }
    if (token.kind === "word" && DETERMINERS.has(token.lower) && (!token.cap || afterConnector)) {
      // "Mr. Morgan of the Sierra Club": the article belongs to the affiliation, keep walking.
      const connector = tokens[i - 1];
      const owner = tokens[i - 2];
      if (headOverride < 0 && roleComplement(tokens, i - 1, floor)) {
        // "A lawyer for the family", "the head of the agency", "advisers to the president": the role
        // heads the phrase, and what it is for says whose.
        headOverride = i - 2;
        first = i - 1;
        i--;
        continue;
      }
      if (
        token.lower === "the" &&
        connector?.kind === "word" &&
        /^(?:of|from|at)$/.test(connector.lower) &&
        owner?.cap &&
        owner.kind === "word" &&
        !isOrgWord(owner.lower) &&
        !isRoleWord(owner.lower) &&
        i - 2 >= floor
      ) {
        headOverride = i - 2;
        affiliated = true;
        first = i - 1;
        i--;
        continue;
      }
      determiner = token.lower;
      first = i;
      break;
    }
    if (
      token.kind === "word" &&
      DETERMINERS.has(token.lower) &&
      token.cap &&
      (i === floor || !tokens[i - 1]?.cap)
    ) {
      determiner = token.lower;
      first = i;
      break;
    }
    if (
      token.kind === "word" &&
      ["of", "on", "for", "in", "at", "from", "with", "to"].includes(token.lower)
    ) {
      // … but in "former secretary of state Irene Coyle" the name after the complement is the head.
      const nameAfterComplement = tokens[last]!.cap && !tokens[i + 1]?.cap && tokens[i + 1]?.lower !== "the";
      if (headOverride < 0 && roleComplement(tokens, i, floor) && !nameAfterComplement) {
        headOverride = i - 1;
        first = i;
        continue;
      }
      if (token.lower === "to") break;
      // "Secretary of State …", "Commission on Presidential Debates": a connector inside a name.
      const left = tokens[i - 1];
      const right = tokens[i + 1];
      const inName = left?.cap && right?.cap && (isOrgWord(left.lower) || isRoleWord(left.lower));
      // "a spokesman for X", "a narrator in the Clinton ad": a role noun modified by a phrase;
      // "Mr. Morgan of the Sierra Club": a name with its affiliation.
      const affiliation =
        left?.cap &&
        left.kind === "word" &&
        !isOrgWord(left.lower) &&
        !isRoleWord(left.lower) &&
        (token.lower === "of" || token.lower === "from" || token.lower === "at") &&
        (right?.cap || (right?.lower === "the" && tokens[i + 2]?.cap));
      // … but "director of telecoms research Tony Lavender": a name after the title's complement is the head.
      const nameHeads = tokens[last]!.cap && !tokens[i + 1]!.cap && tokens[i + 1]!.lower !== "the";
      const attached =
        (left && !left.cap && isRoleWord(left.lower) && left.quote < 0 && !nameHeads) || affiliation;
      // The title's complement belongs to the phrase, the name stays its head.
      const titleComplement = nameHeads && left !== undefined && !left.cap && isRoleWord(left.lower);
      if (inName || attached || titleComplement) {
        if (attached && headOverride < 0) {
          headOverride = i - 1;
          affiliated = Boolean(affiliation);
        }
        first = i;
        continue;
      }
      break;
    }
    if (!npWord(tokens, i)) break;
    first = i;
  }
  if (tokens[first]?.kind === "word" && tokens[first]!.lower === "of") return undefined;
  // Name: the run of capitalised words at the end (before any attached phrase).
  const nameEnd = headOverride >= 0 ? headOverride : last;
  let nameFirst = -1;
  let nameLast = -1;
  if (tokens[nameEnd]!.cap || isParticle(tokens[nameEnd])) {
    nameLast = nameEnd;
    nameFirst = nameEnd;
    while (
      nameFirst - 1 >= first &&
      (tokens[nameFirst - 1]!.cap ||
        isParticle(tokens[nameFirst - 1]) ||
        /^(?:of|on|for|from|at|in)$/.test(tokens[nameFirst - 1]!.lower) ||
        // "Committee for a Responsible Budget"
        (DETERMINERS.has(tokens[nameFirst - 1]!.lower) &&
          /^(?:of|for)$/.test(tokens[nameFirst - 2]?.lower ?? "") &&
          tokens[nameFirst - 3]?.cap === true)) &&
      tokens[nameFirst - 1]!.kind === "word"
    ) {
      nameFirst--;
    }
    while (nameFirst <= nameLast && (!tokens[nameFirst]!.cap || DETERMINERS.has(tokens[nameFirst]!.lower)))
      nameFirst++;
    if (nameFirst > nameLast) nameFirst = nameLast = -1;
  }
  const head = headOverride >= 0 ? headOverride : last;
  const phrase: NounPhrase = {
    first,
    last: end,
    nameFirst,
    nameLast,
    head,
    kind: nameFirst >= 0 && (headOverride < 0 || affiliated) ? "name" : "description",
  };
  if (determiner) phrase.determiner = determiner;
  if (possessor) phrase.possessor = possessor;
  if (phrase.kind === "name") {
    const run = interpretRun(tokens, nameFirst, nameLast);
    if (run.nameFirst < 0) {
      // "Russia's President", "panel Chairman", "Senator from Texas": the capitalised run is only a title.
      phrase.kind = "description";
      phrase.nameFirst = phrase.nameLast = -1;
      if (run.role >= 0) phrase.head = run.role;
    } else {
      phrase.runFirst = nameFirst;
      phrase.nameFirst = run.nameFirst;
      phrase.nameLast = run.nameLast;
    }
  }
  return phrase;
}

/**
 * The noun phrase that starts at token `start`, for inverted attributions ("said Rep. Ann Cole of
 * Utah, the committee's senior Democrat").
 */
export function phraseStartingAt(tokens: Token[], start: number, ceiling: number): NounPhrase | undefined {
  const token = tokens[start];
  if (!token || token.quote >= 0) return undefined;
  if (token.kind === "word" && PRONOUNS[token.lower] !== undefined) {
    return { first: start, last: start, nameFirst: -1, nameLast: -1, head: start, kind: "pronoun" };
  }
  let i = start;
  if (DETERMINERS.has(token.lower)) i++;
  let last = -1;
  while (i <= ceiling && i - start < 12) {
    const t = tokens[i]!;
    if (t.kind === "poss" && last >= 0) {
      i++;
      continue;
    }
    if (!npWord(tokens, i)) {
      // "former secretary of state Hillary Clinton": a role's complement runs up to the name.
      if (
        last >= 0 &&
        tokens[i]?.kind === "word" &&
        tokens[i]!.lower === "of" &&
        isRoleWord(tokens[last]!.lower) &&
        nameAfterOf(tokens, i)
      ) {
        i++;
        continue;
      }
      break;
    }
    last = i;
    i++;
  }
  if (last < 0) return undefined;
  // "a person familiar with the matter", "a source close to the campaign": the source is the role
  // noun, and what it is close to says who it is.
  if (SOURCE_LINKS.has(tokens[last]!.lower) && last > start && isRoleWord(tokens[last - 1]!.lower)) {
    const source = phraseEndingAt(tokens, last - 1, start);
    const linked = source ? withSourceLink(tokens, source, ceiling) : undefined;
    if (linked) return linked;
  }
  // "said a spokesman for the company", "said one longtime adviser to Bill Clinton": the role with
  // whom it serves ("to" only before a name: "said the senator to a cheering crowd").
  if (roleComplement(tokens, last + 1, start)) {
    const whose = phraseStartingAt(tokens, last + 2, ceiling);
    const served =
      whose && whose.kind !== "pronoun" && (tokens[last + 1]!.lower !== "to" || whose.kind === "name");
    const whole = served ? phraseEndingAt(tokens, whose.last, start) : undefined;
    if (whole && whole.first === phraseEndingAt(tokens, last, start)?.first && whole.head === last)
      return whole;
  }
  // "Rep. Elijah Cummings (D-Md.)" and "of Maryland" belong to the phrase but not to the name.
  return phraseEndingAt(tokens, last, start);
}

/** Within three words after "of", a first name opens a name ("of state Hillary Clinton"). */
function nameAfterOf(tokens: Token[], of: number): boolean {
  for (let m = of + 1; m <= of + 3 && npWord(tokens, m); m++) {
    const t = tokens[m]!;
    if (t.cap && isFirstName(t.text) && npWord(tokens, m + 1) && tokens[m + 1]!.cap) return true;
  }
  return false;
}

/**
 * The source phrase with its link: "a person" + "familiar with the matter" when the link and a noun
 * phrase follow the role noun; undefined otherwise.
 */
export function withSourceLink(tokens: Token[], source: NounPhrase, ceiling: number): NounPhrase | undefined {
  const head = tokens[source.head];
  if (source.kind !== "description" || !head || !isRoleWord(head.lower)) return undefined;
  if (!isSourceLink(tokens[source.last + 1], tokens[source.last + 2])) return undefined;
  const object = phraseStartingAt(tokens, source.last + 3, ceiling);
  if (!object || object.kind === "pronoun") return undefined;
  return { ...source, last: object.last };
}

/** What a name phrase's run reads as (a person, an organisation, a place): titles are part of the run. */
export function nameKind(tokens: Token[], phrase: NounPhrase): RunReading["kind"] {
  return interpretRun(tokens, phrase.runFirst ?? phrase.nameFirst, phrase.nameLast).kind;
}

export interface RunReading {
  /** The personal or organisation name inside the run (title words excluded), or -1. */
  nameFirst: number;
  nameLast: number;
  kind: "person" | "organization" | "place" | "unknown";
  gender?: Gender;
  /** Index of the last title/role word before the name, or -1. */
  role: number;
}

/**
 * Reads a run of capitalised tokens: which part is title ("Republican U.S. Senator"), which part is the
 * name ("John McCain"), and what the name is (a person when a first name, an honorific or a role says
 * so; an organisation when it contains "Committee", "Ministry" … or is an acronym).
 */
const readings = new WeakMap<Token[], Map<number, RunReading>>();

export function interpretRun(tokens: Token[], first: number, last: number): RunReading {
  let cache = readings.get(tokens);
  if (!cache) {
    cache = new Map();
    readings.set(tokens, cache);
  }
  const key = first * 100_000 + last;
  const known = cache.get(key);
  if (known) return known;
  const reading = readRun(tokens, first, last);
  cache.set(key, reading);
  return reading;
}

const PLACE_NOUNS = new Set(["fort", "mount", "mt.", "lake", "port", "cape", "camp"]);
const STREET_NOUNS = new Set(["avenue", "street", "boulevard", "road", "square", "plaza", "lane"]);

function readRun(tokens: Token[], first: number, last: number): RunReading {
  // "Jackson, Miss., attending …": a title alone, with no name after it, is the state.
  if (first === last && PLACE_ABBREVIATIONS.has(tokens[first]!.lower))
    return { nameFirst: first, nameLast: last, kind: "place", role: -1 };
  let role = -1;
  for (let i = first; i <= last; i++) {
    const t = tokens[i]!;
    if (!isRoleWord(t.lower) || isFirstName(t.text) || isLastName(t.text)) continue;
    // "Mr. King", "Charlie King": a role word closing a run after an honorific or a first name is a surname.
    const before = tokens[i - 1];
    const closesName = i === last || (i === last - 1 && isGenerationalSuffix(tokens[last]!.text));
    if (
      closesName &&
      i > first &&
      before &&
      (isFirstName(before.text) ||
        honorificGender(before.text) !== undefined ||
        /^(?:dr|prof)\.?$/i.test(before.text))
    ) {
      continue;
    }
    role = i;
  }
  let nameFirst = role >= 0 ? role + 1 : first;
  if (role >= 0 && tokens[nameFirst] && /^(?:of|for|from|at|in)$/.test(tokens[nameFirst]!.lower)) {
    // "Secretary of State Hillary Clinton": the role's complement runs up to a first name; with no
    // first name ("Senator from Texas") the run is only a title. A plural never titles one person:
    // "People in Fort Pierce" are a group there, not someone called Pierce.
    let k = nameFirst + 1;
    const plural = /(?:[^s]s|^people)$/.test(tokens[role]!.lower);
    while (k <= last && !(isFirstName(tokens[k]!.text) && !plural)) k++;
    nameFirst = k <= last ? k : last + 1;
  }
  if (nameFirst > last) return { nameFirst: -1, nameLast: -1, kind: "unknown", role };
  // "Joel Pollak of Breitbart California": after a full name, "of" says where the person works.
  const of = tokens.findIndex((t, k) => k > nameFirst + 1 && k < last && t.lower === "of");
  if (of > 0 && isFirstName(tokens[nameFirst]!.text)) {
    const person = tokens.slice(nameFirst, of);
    if (person.every((t) => t.cap && !isOrgWord(t.lower) && !isRoleWord(t.lower)))
      return withGender(
        { nameFirst, nameLast: of - 1, kind: "person", role },
        firstNameGender(tokens[nameFirst]!.text),
      );
  }
  let gender: Gender | undefined;
  if (role >= 0) gender = honorificGender(tokens[role]!.text) ?? roleGender(tokens[role]!.text);
  const words = tokens.slice(nameFirst, last + 1);
  const joined = words.map((t) => t.lower).join(" ");
  if (role < 0 && words.every((t) => PLACE_ABBREVIATIONS.has(t.lower) || isPlaceWord(t.lower))) {
    return { nameFirst, nameLast: last, kind: "place", role };
  }
  // "Fort Pierce", "Mount Vernon", "Lake Charles", "Pennsylvania Avenue": a place noun opening the
  // run, or a street noun closing it, names a place, even with a first name in it.
  if (
    role < 0 &&
    words.length > 1 &&
    (PLACE_NOUNS.has(words[0]!.lower) || STREET_NOUNS.has(words.at(-1)!.lower))
  ) {
    return { nameFirst, nameLast: last, kind: "place", role };
  }
  // "Cedar Rapids, Iowa", "Las Vegas, Nev.": a name that opens with no first name, then a comma and a
  // state that closes the aside, is a town ("Chuck Grassley, Iowa Republican" is not).
  if (
    role < 0 &&
    !isFirstName(words[0]!.text) &&
    tokens[last + 1]?.text === "," &&
    stateAt(tokens, last + 2)
  ) {
    return { nameFirst, nameLast: last, kind: "place", role };
  }
  // "House Republican Thomas Massie", "Senate Democrat Chris Murphy": organisation words before a first
  // name and a surname are the person's affiliation, not an organisation's name.
  const personAt = words.findIndex(
    (t, k) =>
      k > 0 &&
      k < words.length - 1 &&
      isFirstName(t.text) &&
      words[k - 1]!.lower !== "of" &&
      words.slice(0, k).some((w) => isOrgWord(w.lower) && !isFirstName(w.text)) &&
      words.slice(k).every((w) => !isOrgWord(w.lower)),
  );
  if (personAt > 0) {
    return withGender(
      { nameFirst: nameFirst + personAt, nameLast: last, kind: "person", role },
      firstNameGender(words[personAt]!.text),
    );
  }
  const hasOrgWord = words.some((t) => t.cap && isOrgWord(t.lower) && !isFirstName(t.text));
  const acronyms = words.every((t) => /^\p{Lu}[\p{Lu}\d&.-]+$/u.test(t.text) && t.text.length >= 2);
  if (hasOrgWord || acronyms || isOrganizationName(joined)) {
    return {
      nameFirst,
      nameLast: last,
      kind: role >= 0 && !hasOrgWord && !acronyms ? "person" : "organization",
      role,
    };
  }
  // "Republican Donald Trump", "Democrat Hillary Clinton": the name starts at its first name.
  const firstNameAt = words.findIndex(
    (t, k) => isFirstName(t.text) && (k < words.length - 1 || words.length === 1),
  );
  if (firstNameAt > 0) nameFirst += firstNameAt;
  const nameWords = tokens.slice(nameFirst, last + 1);
  if (nameWords.length > 1 || role >= 0) gender ??= nameGender(nameWords.map((t) => t.text));
  if (
    role < 0 &&
    (isPlaceWord(joined) || nameWords.every((t) => isPlaceWord(t.lower) || PLACE_ABBREVIATIONS.has(t.lower)))
  ) {
    return { nameFirst, nameLast: last, kind: "place", role };
  }
  if (firstNameAt >= 0 || role >= 0 || isLastName(nameWords.at(-1)!.text)) {
    return withGender({ nameFirst, nameLast: last, kind: "person", role }, gender);
  }
  // "Melezia Figueroa": unknown words that read like a name; not "Asia-Pacific Economic Cooperation",
  // whose words the lexicon knows as ordinary vocabulary.
  if (
    nameWords.length >= 2 &&
    nameWords.length <= 4 &&
    nameWords.every((t) => !isAdjective(t.lower) && !isCommonVocabulary(t.lower) && !t.text.includes("-"))
  ) {
    return withGender({ nameFirst, nameLast: last, kind: "person", role }, gender);
  }
  return withGender({ nameFirst, nameLast: last, kind: "unknown", role }, gender);
}

function withGender(reading: RunReading, gender: Gender | undefined): RunReading {
  if (gender) reading.gender = gender;
  return reading;
}

/** Text of a token range, as written. */
export function sliceText(text: string, tokens: Token[], first: number, last: number): string {
  if (first < 0 || last < first) return "";
  return text.slice(tokens[first]!.start, tokens[last]!.end);
}
