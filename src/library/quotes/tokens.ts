/**
 * Word tokens with offsets, and "units": sentences of the writer's own text in which every quotation is
 * one opaque block. Paragraph sentence splits cut inside quotations ("It doesn't make any sense. The
 * insurance model…," Clinton said.), which would separate a quote from its attribution, so attribution
 * works on units instead.
 */

export type TokenKind = "word" | "punct" | "poss" | "quote";

export interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
  kind: TokenKind;
  /** Starts with an upper-case letter. */
  cap: boolean;
  /** Index of the quotation piece covering this token within the paragraph, or -1. */
  quote: number;
}

/** Abbreviations whose period is part of the word ("Sen. Warren", "U.S. Senate", "D-N.C."). */
const ABBREVIATIONS = new Set(
  (
    "mr mrs ms mx dr prof sen sens rep reps gov govs gen lt col sgt capt cmdr adm maj rev st hon pres supt " +
    "det insp jr sr inc co corp ltd no nos vs mt ft atty dep del ave sept oct nov dec jan feb aug apr " +
    "mich calif tex fla ill mass penn pa ky la md mo mont nev okla ore tenn va wash wis wyo ariz ark colo " +
    "conn ga ind kan minn miss neb wva vt nc sc nd sd ny nj nm nh ri dc u.s u.k u.n e.u a.m p.m"
  ).split(" "),
);

// A number with thousands separators ("2,093", "1,000,000.5") is one word, so its commas are not clause breaks.
const WORD =
  /\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\/\d+)+|[\p{L}\p{N}]+(?:[’'\-.&][\p{L}\p{N}]+)*\.?|\S/gu;

/** Tokenises text[start, end); quote ranges (outer, with marks) tag their tokens. */
export function tokenize(text: string, quoteRanges: [number, number][] = []): Token[] {
  const tokens: Token[] = [];
  WORD.lastIndex = 0;
  for (let match = WORD.exec(text); match; match = WORD.exec(text)) {
    let value = match[0];
    let start = match.index;
    const isWord = /[\p{L}\p{N}]/u.test(value[0]!);
    if (isWord && value.endsWith(".")) {
      const bare = value.slice(0, -1);
      const lower = bare.toLowerCase();
      const abbreviation = ABBREVIATIONS.has(lower) || /^\p{L}$/u.test(bare) || /\.\p{L}$/u.test(bare);
      if (!abbreviation) {
        value = bare;
        WORD.lastIndex = start + value.length;
      }
    }
    if (isWord) {
      // "Russia's", "Trump’s": the possessive is its own token so names stay clean.
      const poss = /['’]s$/i.exec(value);
      if (poss && value.length > 2) {
        const stem = value.slice(0, -2);
        tokens.push(makeToken(stem, start, "word"));
        start += stem.length;
        value = value.slice(-2);
        tokens.push(makeToken(value, start, "poss"));
        continue;
      }
      tokens.push(makeToken(value, start, "word"));
      continue;
    }
    // Wire copy writes a double mark as two singles ('' or ’’ or ``): each half is a quote mark too.
    const doubled =
      /^['’‘`]$/.test(value) && /['’‘`]/.test(`${text[start - 1] ?? ""}${text[start + 1] ?? ""}`);
    const kind: TokenKind = /["“”„‟«»″]/.test(value) || doubled ? "quote" : "punct";
    tokens.push(makeToken(value, start, kind));
  }
  if (quoteRanges.length > 0) {
    // Ranges are sorted and disjoint: one sweep.
    let r = 0;
    for (const token of tokens) {
      while (r < quoteRanges.length && quoteRanges[r]![1] <= token.start) r++;
      const range = quoteRanges[r];
      token.quote = range && token.start >= range[0] && token.end <= range[1] ? r : -1;
    }
  }
  // "Sanders’ spokesman": an apostrophe straight after a word in -s, closing no quotation, is a
  // possessive like "Trump’s".
  for (let k = 1; k < tokens.length; k++) {
    const t = tokens[k]!;
    const before = tokens[k - 1]!;
    if (
      t.kind === "punct" &&
      t.quote < 0 &&
      /^['’]$/.test(t.text) &&
      before.kind === "word" &&
      before.end === t.start &&
      /s$/i.test(before.text) &&
      /\s/.test(text[t.end] ?? "")
    )
      t.kind = "poss";
  }
  return tokens;
}

function makeToken(text: string, start: number, kind: TokenKind): Token {
  const lower = text.toLowerCase();
  const first = text.charAt(0);
  return {
    text,
    lower: lower.includes("’") ? lower.replace(/’/g, "'") : lower,
    start,
    end: start + text.length,
    kind,
    // Upper case: the first character changes when lower-cased ("É", "Ж", "A"), digits do not.
    cap: first !== lower.charAt(0),
    quote: -1,
  };
}

/** A sentence of the writer's text: [first, last] token indexes, quotations inside it whole. */
export interface Unit {
  first: number;
  last: number;
}

/**
 * Splits tokens into units. A unit ends at . ! ? outside quotations when a capitalised word, a quote or
 * the end follows; at a closing mark whose quotation ended a sentence ("…arms race.” The White House…");
 * and at line breaks.
 */
export function splitUnits(text: string, tokens: Token[]): Unit[] {
  const units: Unit[] = [];
  let first = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const next = tokens[i + 1];
    if (!next) break;
    const newline = text.slice(token.end, next.start).includes("\n");
    let boundary = newline;
    if (!boundary && token.quote < 0 && token.kind === "punct" && /^[.!?…]$/.test(token.text)) {
      boundary = next.cap || next.kind === "quote" || /^\d/.test(next.text);
    }
    // "… said Sen. Ann Cole, R-S.C. “But this is not the way.”": a party and state's point ends the sentence
    // when a quotation opens straight after it.
    if (
      !boundary &&
      token.quote < 0 &&
      token.kind === "word" &&
      /^[RDI]-\S+\.$/.test(token.text) &&
      next.kind === "quote" &&
      next.quote >= 0 &&
      tokens[i + 2]?.quote === next.quote
    )
      boundary = true;
    if (!boundary && token.quote >= 0 && next.quote !== token.quote) {
      // The last token of a quotation: a sentence-final mark inside it and a capital after it.
      const inner = tokens[i - 1];
      const endsSentence = inner !== undefined && inner.quote === token.quote && /^[.!?…]$/.test(inner.text);
      if (endsSentence && token.kind === "quote" && (next.cap || next.kind === "quote")) boundary = true;
    }
    if (boundary) {
      units.push({ first, last: i });
      first = i + 1;
    }
  }
  if (first < tokens.length) units.push({ first, last: tokens.length - 1 });
  return units;
}
