/**
 * Pairs quote marks into quotations. News copy mixes straight and curly marks (“…" and "…” both occur),
 * leaves a paragraph's quote unclosed when the quotation runs on ("…\n\n"…"), and scrapers sometimes run
 * several paragraphs into one block. So a mark's role comes from what surrounds it (a mark before a word
 * opens, a mark after one closes) and the glyph only breaks ties; a quotation still open at a line end
 * continues when the next line opens with a mark, and is cut off there otherwise. Malformed input yields
 * shorter or fewer quotations, never an exception.
 */

/** One piece of a quotation, as character offsets into one line of one paragraph. */
export interface QuotePiece {
  /** Index into the paragraph array given to findQuotations (not the ¶ number). */
  paragraph: number;
  /** Content, inside the marks, trimmed. */
  start: number;
  end: number;
  /** Including the marks (when present). */
  outerStart: number;
  outerEnd: number;
}

export interface Quotation {
  pieces: QuotePiece[];
  /** The last piece ended with a closing mark (false: cut off at a line end or at the article's end). */
  closed: boolean;
  /** Single marks ('…' or ‘…’) rather than double. */
  single: boolean;
}

const DOUBLE_MARKS = new Set(['"', "“", "”", "„", "‟", "«", "»", "″"]);
const OPENING_GLYPHS = new Set(["“", "„", "‟", "«"]);
const CLOSING_GLYPHS = new Set(["”", "»", "″"]);
const SINGLE_MARKS = new Set(["'", "‘", "’", "‚", "‛"]);

type Role = "open" | "close" | "either";

const MARK = /["“”„‟«»″'‘’‚‛`]/g;
const SINGLE = /['‘’‚‛]/g;

function isSpace(ch: string | undefined): boolean {
  return ch === undefined || ch === "" || /\s/.test(ch);
}

/**
 * The double mark at `index`, if any, and its length: wire copy writes ’’ or '' (and ``) for a double
 * mark, so two single marks in a row count as one double.
 */
function doubleMarkAt(text: string, index: number): number {
  const ch = text[index];
  if (ch === undefined) return 0;
  if (DOUBLE_MARKS.has(ch)) return 1;
  const next = text[index + 1];
  if ((SINGLE_MARKS.has(ch) || ch === "`") && next !== undefined && (SINGLE_MARKS.has(next) || next === "`"))
    return 2;
  return 0;
}

/** Context decides; the glyph only breaks ties ("either"). */
function roleOf(text: string, index: number, length = 1): Role {
  const prev = text[index - 1];
  const next = text[index + length];
  const before =
    isSpace(prev) || /[([{\u2014\u2013\-/]/.test(prev!) || DOUBLE_MARKS.has(prev!) || SINGLE_MARKS.has(prev!);
  const after = isSpace(next) || /[.,;:!?)\]}\u2014\u2013…]/.test(next!) || DOUBLE_MARKS.has(next!);
  if (before && !after) return "open";
  if (after && !before) return "close";
  return "either";
}

function glyphRole(mark: string, insideQuote: boolean): "open" | "close" {
  if (OPENING_GLYPHS.has(mark)) return "open";
  if (CLOSING_GLYPHS.has(mark)) return "close";
  return insideQuote ? "close" : "open";
}

interface Line {
  paragraph: number;
  start: number;
  end: number;
}

function linesOf(texts: string[], include: boolean[]): Line[] {
  const lines: Line[] = [];
  texts.forEach((text, paragraph) => {
    if (!include[paragraph]) return;
    let start = 0;
    for (let i = 0; i <= text.length; i++) {
      if (i === text.length || text[i] === "\n") {
        if (i > start) lines.push({ paragraph, start, end: i });
        start = i + 1;
      }
    }
  });
  return lines;
}

function trimmed(text: string, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  return [s, e];
}

/**
 * Finds double-mark quotations across the given paragraphs (only those with include[i] true take part;
 * others are skipped as if absent, so a caption or teaser between two paragraphs of one quotation does
 * not break it), then single-mark ones outside them.
 */
export function findQuotations(texts: string[], include: boolean[]): Quotation[] {
  const quotations: Quotation[] = [];
  let current: Quotation | undefined;
  let pieceStart = -1;
  let pieceOuter = -1;
  let piecePara = -1;
  let nested = 0;

  const closePiece = (end: number, outerEnd: number, closed: boolean): void => {
    if (!current) return;
    const text = texts[piecePara]!;
    const [s, e] = trimmed(text, pieceStart, end);
    if (e > s && /[\p{L}\p{N}]/u.test(text.slice(s, e))) {
      current.pieces.push({ paragraph: piecePara, start: s, end: e, outerStart: pieceOuter, outerEnd });
    }
    current.closed = closed;
  };
  const finish = (): void => {
    if (current && current.pieces.length > 0) quotations.push(current);
    current = undefined;
    nested = 0;
  };
  const openPiece = (paragraph: number, markIndex: number, markLength: number): void => {
    piecePara = paragraph;
    pieceOuter = markIndex;
    pieceStart = markIndex + markLength;
  };

  for (const line of linesOf(texts, include)) {
    const text = texts[line.paragraph]!;
    let i = line.start;
    if (current) {
      // A quotation left open at the end of the previous line continues only if this line opens with a mark.
      while (i < line.end && /\s/.test(text[i]!)) i++;
      const length = doubleMarkAt(text, i);
      if (length > 0 && roleOf(text, i, length) !== "close") {
        openPiece(line.paragraph, i, length);
        i += length;
      } else {
        finish();
      }
    }
    for (; i < line.end; i++) {
      // Jump to the next character that can be a mark: most of a paragraph is not.
      MARK.lastIndex = i;
      const found = MARK.exec(text);
      if (!found || found.index >= line.end) break;
      i = found.index;
      const ch = text[i]!;
      const length = doubleMarkAt(text, i);
      if (length === 0) continue;
      let role = roleOf(text, i, length);
      if (role === "either")
        role =
          length === 2
            ? ch === "‘" || ch === "`"
              ? "open"
              : current
                ? "close"
                : "open"
            : glyphRole(ch, current !== undefined);
      if (!current) {
        if (role === "open") {
          current = { pieces: [], closed: false, single: false };
          openPiece(line.paragraph, i, length);
        }
        i += length - 1;
        continue;
      }
      if (role === "close") {
        if (nested > 0) {
          nested--;
          i += length - 1;
          continue;
        }
        closePiece(i, i + length, true);
        finish();
        i += length - 1;
        continue;
      }
      // An opening mark inside an open quotation: after a sentence end it starts the next paragraph of
      // the same quotation (blocks that ran paragraphs together); otherwise it is a quote within a quote.
      const before = text.slice(pieceStart, i).trimEnd();
      if (/[.!?…:;,\u2014-]$/.test(before) || before.length === 0) {
        closePiece(i, i, false);
        openPiece(line.paragraph, i, length);
      } else {
        nested++;
      }
      i += length - 1;
    }
    if (current) closePiece(line.end, line.end, false);
  }
  finish();
  const singles = findSingleQuotations(texts, include, quotations);
  return [...quotations, ...singles].sort(
    (a, b) => a.pieces[0]!.paragraph - b.pieces[0]!.paragraph || a.pieces[0]!.start - b.pieces[0]!.start,
  );
}

/**
 * Single marks outside double quotations: ‘…’ (or '…') paired within one line. An apostrophe between
 * letters ("Sunday’s", "Lyin' Ted") is never a mark; an opener must precede a letter.
 */
function findSingleQuotations(texts: string[], include: boolean[], doubles: Quotation[]): Quotation[] {
  const covered = new Map<number, [number, number][]>();
  for (const q of doubles) {
    for (const p of q.pieces) {
      const list = covered.get(p.paragraph) ?? [];
      list.push([p.outerStart, p.outerEnd]);
      covered.set(p.paragraph, list);
    }
  }
  const result: Quotation[] = [];
  for (const line of linesOf(texts, include)) {
    const text = texts[line.paragraph]!;
    const ranges = covered.get(line.paragraph) ?? [];
    const inside = (i: number): boolean => ranges.some(([s, e]) => i >= s && i < e);
    let openAt = -1;
    for (let i = line.start; i < line.end; i++) {
      SINGLE.lastIndex = i;
      const found = SINGLE.exec(text);
      if (!found || found.index >= line.end) break;
      i = found.index;
      const ch = text[i]!;
      if (inside(i)) continue;
      const prev = text[i - 1];
      const next = text[i + 1];
      const letterBefore = prev !== undefined && /[\p{L}\p{N}]/u.test(prev);
      const letterAfter = next !== undefined && /[\p{L}\p{N}]/u.test(next);
      if (letterBefore && letterAfter) continue; // apostrophe
      if (openAt < 0) {
        const opener =
          ch !== "’" &&
          (isSpace(prev) || /[([{\u2014\u2013\-/]/.test(prev!)) &&
          next !== undefined &&
          /\p{L}/u.test(next);
        if (opener) openAt = i;
        continue;
      }
      const closer =
        ch !== "‘" && !isSpace(prev) && (isSpace(next) || /[.,;:!?)\]\u2014\u2013…]/.test(next!));
      if (!closer) continue;
      const [s, e] = trimmed(text, openAt + 1, i);
      if (e > s && /\p{L}/u.test(text.slice(s, e))) {
        result.push({
          pieces: [{ paragraph: line.paragraph, start: s, end: e, outerStart: openAt, outerEnd: i + 1 }],
          closed: true,
          single: true,
        });
      }
      openAt = -1;
    }
  }
  return result;
}
