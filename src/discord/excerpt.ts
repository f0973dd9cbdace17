import type { Span } from "../library/types.ts";
import { safeCut } from "./limits.ts";
import { escapeText } from "./markdown.ts";

const ELLIPSIS = "…";
const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });

/**
 * A paragraph as Discord Markdown within `budget` characters: article text escaped, the highlighted
 * sentence(s) in bold. When the paragraph is too long, the excerpt keeps whole sentences around the
 * highlight and marks the cuts with "…"; a single sentence longer than the budget (a 30,000-character
 * run-on) is cut at a word.
 *
 * Sentences are escaped one at a time (escaping is local, so their concatenation is the escaped
 * window) and only those considered, so a 30,000-character paragraph costs one window, not the whole.
 */
export function renderExcerpt(text: string, highlights: readonly Span[], budget: number): string {
  const spans = normaliseSpans(highlights, text.length);
  if (text.length <= budget) {
    const whole = renderRange(text, spans, 0, text.length);
    if (whole.length <= budget) return whole;
  }
  const sentences = sentenceSpans(text);
  const cache = new Map<number, string>();
  const piece = (i: number): string => {
    let rendered = cache.get(i);
    if (rendered === undefined) {
      rendered = renderRange(text, spans, sentences[i]!.start, sentences[i]!.end);
      cache.set(i, rendered);
    }
    return rendered;
  };
  const anchor = Math.max(
    0,
    sentences.findIndex((s) => spans.some((h) => h.start < s.end && h.end > s.start)),
  );
  // An upper bound of the excerpt's length: trimming only shortens it.
  const cost = (first: number, last: number, body: number) =>
    body + (first > 0 ? 2 : 0) + (last < sentences.length - 1 ? 2 : 0);
  let first = anchor;
  let last = anchor;
  let body = piece(anchor).length;
  if (cost(first, last, body) > budget) return hardCut(text, spans, sentences[anchor]!, budget);
  // Grow the window a sentence at a time, after the highlight first (it usually explains it).
  let grew = true;
  while (grew) {
    grew = false;
    if (last + 1 < sentences.length && cost(first, last + 1, body + piece(last + 1).length) <= budget) {
      body += piece(++last).length;
      grew = true;
    }
    if (first > 0 && cost(first - 1, last, body + piece(first - 1).length) <= budget) {
      body += piece(--first).length;
      grew = true;
    }
  }
  let excerpt = "";
  for (let i = first; i <= last; i++) excerpt += piece(i);
  excerpt = excerpt.trim();
  return `${first > 0 ? `${ELLIPSIS} ` : ""}${excerpt}${last < sentences.length - 1 ? ` ${ELLIPSIS}` : ""}`;
}

/** Sentence boundaries covering the whole text (Intl.Segmenter; good enough to choose cut points). */
export function sentenceSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const { index, segment } of segmenter.segment(text)) {
    spans.push({ start: index, end: index + segment.length });
  }
  return spans.length > 0 ? spans : [{ start: 0, end: text.length }];
}

/**
 * Renders text[start, end) escaped, with highlighted parts in bold. Whitespace stays outside the
 * markers: Discord does not render `** text**` as bold.
 */
export function renderRange(text: string, spans: readonly Span[], start: number, end: number): string {
  let out = "";
  let at = start;
  for (const span of spans) {
    const s = Math.max(span.start, start);
    const e = Math.min(span.end, end);
    if (e <= s) continue;
    if (s > at) out += escapeText(text.slice(at, s));
    out += bold(text.slice(s, e));
    at = e;
  }
  if (at < end) out += escapeText(text.slice(at, end));
  return out;
}

function bold(raw: string): string {
  const lead = raw.match(/^\s*/)![0];
  const trail = raw.slice(lead.length).match(/\s*$/)![0];
  const core = raw.slice(lead.length, raw.length - trail.length);
  return core ? `${lead}**${escapeText(core)}**${trail}` : raw;
}

/**
 * One sentence is longer than the budget: show its start (or the highlight's start) up to a word
 * boundary, found by binary search because escaping changes lengths.
 */
function hardCut(text: string, spans: readonly Span[], sentence: Span, budget: number): string {
  const highlight = spans.find((h) => h.start < sentence.end && h.end > sentence.start);
  const start = Math.max(sentence.start, highlight?.start ?? sentence.start);
  const prefix = start > 0 ? `${ELLIPSIS} ` : "";
  const room = budget - prefix.length - ELLIPSIS.length - 1;
  const end = wordCut(text, start, sentence.end, room, (a, b) => renderRange(text, spans, a, b).trimEnd());
  const body = renderRange(text, spans, start, end).trimEnd();
  return `${prefix}${body} ${ELLIPSIS}`;
}

/**
 * The furthest index after `start` (at most `end`) whose rendering fits `budget`, moved back to a space
 * when one is near. Always moves forward, so callers cutting a run into pieces finish.
 */
export function wordCut(
  text: string,
  start: number,
  end: number,
  budget: number,
  render: (start: number, end: number) => string = (a, b) => escapeText(text.slice(a, b)),
): number {
  let lo = start + 1;
  let hi = Math.min(end, start + budget);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (render(start, mid).length <= budget) lo = mid;
    else hi = mid - 1;
  }
  if (lo >= end) return end;
  const space = text.lastIndexOf(" ", lo);
  const cut = space > start + (lo - start) * 0.7 ? space : lo;
  return Math.max(start + 1, safeCut(text, cut));
}

function normaliseSpans(spans: readonly Span[], length: number): Span[] {
  return spans
    .map((s) => ({ start: Math.max(0, s.start), end: Math.min(length, s.end) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
}
