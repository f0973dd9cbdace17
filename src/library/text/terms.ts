import { stemmer } from "stemmer";

/**
 * Words that carry no topic: dropped from keyword matching and lexical coverage. Question words are
 * here too: "who"/"when" shape the question, they are not what it is about.
 */
export const STOP_WORDS = new Set(
  (
    "a about above after again against all am an and any are aren't as at be because been before being below " +
    "between both but by can cannot could couldn't did didn't do does doesn't doing don't down during each few " +
    "for from further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself " +
    "him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most " +
    "mustn't my myself no nor not of off on once only or other ought our ours ourselves out over own same shan't " +
    "she she'd she'll she's should shouldn't so some such than that that's the their theirs them themselves then " +
    "there there's these they they'd they'll they're they've this those through to too under until up very was " +
    "wasn't we we'd we'll we're we've were weren't what what's when when's where where's which while who who's " +
    "whom why why's with won't would wouldn't you you'd you'll you're you've your yours yourself yourselves " +
    "s t also just will may might must shall us"
  ).split(" "),
);

/** Word tokens: letters and digits, keeping inner apostrophes, dots (U.S.) and hyphens (re-election). */
const WORD = /[\p{L}\p{N}]+(?:[''’.-][\p{L}\p{N}]+)*/gu;

export interface Token {
  /** The word as written. */
  raw: string;
  /** Lower-cased, apostrophes unified, possessive 's and dots removed. */
  norm: string;
  start: number;
  end: number;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const raw = match[0];
    tokens.push({ raw, norm: normalizeWord(raw), start: match.index, end: match.index + raw.length });
  }
  return tokens;
}

/**
 * The parts of a hyphenated word that also stand alone as words: "R-Utah" → Utah, "anti-Trump" →
 * anti, Trump, "Kremlin-backed" → Kremlin, backed. A part with a digit makes the whole a code ("EB-5",
 * "COVID-19", "9-11"): no parts then. Single letters ("R-") are party tags, not words.
 */
export function hyphenParts(raw: string): string[] {
  if (!raw.includes("-")) return [];
  const parts = raw.split("-");
  if (parts.some((part) => /\d/.test(part))) return [];
  return parts.filter((part) => part.length >= 2);
}

export function normalizeWord(word: string): string {
  return word
    .toLowerCase()
    .replace(/[’']/g, "'")
    .replace(/'s$/, "")
    .replace(/\.(?=.)/g, "")
    .replace(/\.$/, "");
}

/**
 * Tables looked up with words from articles and questions have no prototype: "constructor" or
 * "toString" must not find Object's methods.
 *
 * Upper-case abbreviations that would otherwise read as stop words ("US" is not "us") or lose their
 * dots ("U.S." and "US" must meet).
 */
const ABBREVIATIONS: Record<string, string> = Object.assign(Object.create(null), {
  US: "usa",
  "U.S": "usa",
  "U.S.": "usa",
  USA: "usa",
  "U.S.A.": "usa",
  "U.S.A": "usa",
  UK: "uk",
  "U.K": "uk",
  "U.K.": "uk",
  UN: "un",
  "U.N": "un",
  "U.N.": "un",
  EU: "eu",
  "E.U": "eu",
  "E.U.": "eu",
});

/** The keyword form of a word: normalised and stemmed ("sacked" → "sack"), or null for a stop word. */
export function keywordTerm(word: string): string | null {
  const abbreviation = ABBREVIATIONS[word];
  if (abbreviation) return abbreviation;
  const norm = normalizeWord(word);
  if (norm.length === 0 || STOP_WORDS.has(norm)) return null;
  if (/^\d/.test(norm)) return norm;
  return stemmer(norm.replace(/'/g, ""));
}

/** Content terms of a text, in order, stop words removed, stemmed. */
export function keywordTerms(text: string): string[] {
  const terms: string[] = [];
  for (const token of tokenize(text)) {
    const term = keywordTerm(token.raw);
    if (term) terms.push(term);
  }
  return terms;
}
