/**
 * The per-paragraph working state extraction shares: tokens with quotation pieces marked, units, and
 * the capitalised runs that may name someone.
 */
import type { Paragraph } from "../types.ts";
import { interpretRun, isNameToken, isParticle, type RunReading } from "./noun-phrases.ts";
import { findQuotations, type Quotation } from "./quote-spans.ts";
import { splitUnits, type Token, tokenize, type Unit } from "./tokens.ts";

export interface PieceRef {
  quotation: number;
  piece: number;
  /** Token range, marks included. */
  first: number;
  last: number;
}

export interface ParagraphState {
  index: number;
  n: number;
  kind: Paragraph["kind"];
  text: string;
  tokens: Token[];
  units: Unit[];
  /** First token after the dateline. */
  start: number;
  /** Indexed like Token.quote; a piece with no tokens has first = -1. */
  pieces: PieceRef[];
}

export interface NameRun {
  first: number;
  last: number;
  reading: RunReading;
  unit: number;
}

export interface ArticleText {
  paragraphs: ParagraphState[];
  quotations: Quotation[];
}

export function prepare(paragraphs: Paragraph[]): ArticleText {
  const texts = paragraphs.map((p) => p.text);
  const include = paragraphs.map((p) => p.kind === "body");
  const quotations = findQuotations(texts, include);
  const byParagraph = new Map<number, { quotation: number; piece: number; outer: [number, number] }[]>();
  quotations.forEach((quotation, q) => {
    quotation.pieces.forEach((piece, k) => {
      const list = byParagraph.get(piece.paragraph) ?? [];
      list.push({ quotation: q, piece: k, outer: [piece.outerStart, piece.outerEnd] });
      byParagraph.set(piece.paragraph, list);
    });
  });
  const states = paragraphs.map((paragraph, index): ParagraphState => {
    const list = (byParagraph.get(index) ?? []).sort((a, b) => a.outer[0] - b.outer[0]);
    const tokens = tokenize(
      paragraph.text,
      list.map((p) => p.outer),
    );
    const pieces: PieceRef[] = list.map((p, k) => {
      let first = -1;
      let last = -1;
      tokens.forEach((t, i) => {
        if (t.quote === k) {
          if (first < 0) first = i;
          last = i;
        }
      });
      return { quotation: p.quotation, piece: p.piece, first, last };
    });
    let start = 0;
    if (paragraph.dateline) {
      const end = paragraph.dateline.span.end;
      while (start < tokens.length && tokens[start]!.start < end) start++;
    }
    return {
      index,
      n: paragraph.n,
      kind: paragraph.kind,
      text: paragraph.text,
      tokens,
      units: splitUnits(paragraph.text, tokens),
      start,
      pieces,
    };
  });
  return { paragraphs: states, quotations };
}

const runsCache = new WeakMap<ParagraphState, NameRun[]>();

/** Capitalised runs (names, titles, organisations) in a paragraph, quotations included. */
export function nameRuns(state: ParagraphState): NameRun[] {
  let runs = runsCache.get(state);
  if (!runs) {
    runs = readNameRuns(state);
    runsCache.set(state, runs);
  }
  return runs;
}

function readNameRuns(state: ParagraphState): NameRun[] {
  const runs: NameRun[] = [];
  const { tokens } = state;
  state.units.forEach((unit, u) => {
    let i = Math.max(unit.first, state.start);
    while (i <= unit.last) {
      const sentenceStart =
        i === Math.max(unit.first, state.start) ||
        (tokens[i - 1]?.kind === "quote" && tokens[i - 1]!.quote !== tokens[i]!.quote) ||
        tokens[i - 1]?.text === ":" ||
        (tokens[i - 1]?.kind === "quote" &&
          tokens[i]!.quote >= 0 &&
          tokens[i - 1]!.quote === tokens[i]!.quote &&
          i - 1 === firstOfQuote(tokens, i));
      if (!isNameToken(tokens, i, sentenceStart)) {
        i++;
        continue;
      }
      let last = i;
      let k = i + 1;
      while (k <= unit.last) {
        const t = tokens[k]!;
        if (t.quote !== tokens[i]!.quote) break;
        if (isNameToken(tokens, k, false)) {
          last = k;
          k++;
          continue;
        }
        // "Bill de Blasio", "Mohammed bin Salman", "Commission on Presidential Debates".
        const joins =
          (isParticle(t) || (t.kind === "word" && /^(?:of|on|for)$/.test(t.lower))) &&
          isNameToken(tokens, k + 1, false);
        if (joins) {
          k++;
          continue;
        }
        break;
      }
      runs.push({ first: i, last, reading: interpretRun(tokens, i, last), unit: u });
      i = last + 1;
    }
  });
  return runs;
}

function firstOfQuote(tokens: Token[], i: number): number {
  const q = tokens[i]!.quote;
  let k = i;
  while (k > 0 && tokens[k - 1]!.quote === q) k--;
  return k;
}
