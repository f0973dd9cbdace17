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
 */
export function renderExcerpt(text: string, highlights: readonly Span[], budget: number): string {
  const spans = normaliseSpans(highlights, text.length);
  const whole = renderRange(text, spans, 0, text.length);
  if (whole.length <= budget) return whole;

  const sentences = sentenceSpans(text);
  const anchor = Math.max(
    0,
    sentences.findIndex((s) => spans.some((h) => h.start < s.end && h.end > s.start)),
  );
  let first = anchor;
  let last = anchor;
  const render = (a: number, b: number) => {
    const start = sentences[a]!.start;
    const end = sentences[b]!.end;
    const body = renderRange(text, spans, start, end).trim();
    return `${start > 0 ? `${ELLIPSIS} ` : ""}${body}${end < text.length ? ` ${ELLIPSIS}` : ""}`;
  };
  let best = render(first, last);
  if (best.length > budget) return hardCut(text, spans, sentences[anchor]!, budget);
  // Grow the window a sentence at a time, after the highlight first (it usually explains it).
  let grew = true;
  while (grew) {
    grew = false;
    if (last + 1 < sentences.length) {
      const candidate = render(first, last + 1);
      if (candidate.length <= budget) {
        last++;
        best = candidate;
        grew = true;
      }
    }
    if (first > 0) {
      const candidate = render(first - 1, last);
      if (candidate.length <= budget) {
        first--;
        best = candidate;
        grew = true;
      }
    }
  }
  return best;
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
  const render = (end: number) => renderRange(text, spans, start, end).trimEnd();
  let lo = start;
  let hi = Math.min(text.length, start + room);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (render(mid).length <= room) lo = mid;
    else hi = mid - 1;
  }
  let end = lo;
  const space = text.lastIndexOf(" ", end);
  if (space > start + (end - start) * 0.7) end = space;
  end = safeCut(text, end);
  const body = render(end).replace(/\\+$/, "");
  return `${prefix}${body} ${ELLIPSIS}`.slice(0, budget);
}

function normaliseSpans(spans: readonly Span[], length: number): Span[] {
  return spans
    .map((s) => ({ start: Math.max(0, s.start), end: Math.min(length, s.end) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
}
