import type { Span } from "../types.ts";
import type { ScoredCandidate } from "./ask.ts";
import { isAskedSpeaker, type PreparedQuestion, sentenceTopic } from "./features.ts";

/** At most this many sentences are highlighted: a highlight points at the answer, it is not the paragraph. */
const MAX_HIGHLIGHT_SENTENCES = 3;

/**
 * The best sentence; for "what did X say", the sentences holding X's words in this paragraph instead
 * (a quotation often runs past the sentence that names its speaker: 'Ms Hale said: "The point is
 * … So they would rather pay the fine than change the plan."'). Adjacent sentences merge
 * into one span.
 */
export function highlightOf(c: ScoredCandidate, prepared: PreparedQuestion): Span[] {
  const { text, sentences } = c.paragraph;
  const best = sentences[c.bestSentence] ?? { start: 0, end: text.length };
  if (!prepared.speaker || c.features.speaker < 1 || !c.quotes) return [{ start: best.start, end: best.end }];
  const speakers = new Map(c.quotes.speakers.map((s) => [s.id, s]));
  const words: Span[] = [];
  for (const quote of c.quotes.quotes) {
    const speaker = speakers.get(quote.speakerId);
    if (!speaker || !isAskedSpeaker(prepared, c, speaker)) continue;
    for (const part of quote.parts ?? [{ paragraph: quote.paragraph, span: quote.span }]) {
      if (part.paragraph === c.paragraph.n) words.push(part.span);
    }
  }
  const theirs = sentences.filter((s) => words.some((w) => w.start < s.end && w.end > s.start));
  if (theirs.length === 0) return [{ start: best.start, end: best.end }];
  // Too many to show: the ones around the sentence of theirs most about the question's topic.
  let at = 0;
  let top = -1;
  theirs.forEach((sentence, k) => {
    const topic =
      sentenceTopic(prepared, c.paragraph, sentences.indexOf(sentence)) + (sentence === best ? 0.01 : 0);
    if (topic > top) {
      top = topic;
      at = k;
    }
  });
  const from = Math.max(0, Math.min(at - 1, theirs.length - MAX_HIGHLIGHT_SENTENCES));
  const chosen = theirs.slice(from, from + MAX_HIGHLIGHT_SENTENCES);
  const spans: Span[] = [];
  for (const sentence of chosen) {
    const last = spans.at(-1);
    if (last && /^\s*$/.test(text.slice(last.end, sentence.start))) last.end = sentence.end;
    else spans.push({ start: sentence.start, end: sentence.end });
  }
  return spans;
}
