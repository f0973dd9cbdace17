import type { Span } from "../types.ts";

const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });

/** Titles that are never the end of a sentence ("Mr. Smith", "Sen. McCain", "Gen. Mattis"), and "v." in case names. */
const TITLES = new Set(
  "mr mrs ms mx dr prof sen rep gov gen col lt sgt capt cmdr adm maj rev st hon pres supt det insp mt ft messrs vs v no nos".split(
    " ",
  ),
);
/** Month abbreviations, which end a sentence only when no day number follows ("Jan. 5"). */
const MONTHS = new Set("jan feb mar apr jun jul aug sep sept oct nov dec".split(" "));
/** Words that typically open a new sentence: after "U.S." they mean the sentence really ended. */
const SENTENCE_OPENERS = new Set(
  (
    "the a an he she it they we i you but and or so in on at for this that these those there then his her " +
    "their its our my your mr ms mrs dr when while after before if as since although though however meanwhile " +
    "still yet also what who why how where one some many most all no not"
  ).split(" "),
);

/**
 * Splits a paragraph into sentences with Intl.Segmenter, then re-joins the breaks ICU makes after
 * abbreviations: titles ("Mr.", "Sen."), initials ("John F. Kennedy"), initialisms ("U.S. Senate",
 * "p.m. Monday") and month abbreviations before a day ("Jan. 5").
 */
export function splitSentences(text: string): Span[] {
  const raw: Span[] = [];
  for (const { segment, index } of segmenter.segment(text)) {
    const start = index + (segment.length - segment.trimStart().length);
    const end = index + segment.trimEnd().length;
    if (end > start) raw.push({ start, end });
  }
  const merged: Span[] = [];
  for (const span of raw) {
    const previous = merged.at(-1);
    if (previous && !text.slice(previous.end, span.start).includes("\n") && continues(text, previous, span)) {
      previous.end = span.end;
    } else {
      merged.push({ ...span });
    }
  }
  return merged;
}

function continues(text: string, previous: Span, next: Span): boolean {
  const before = text.slice(previous.start, previous.end);
  const after = text.slice(next.start, next.end);
  const lastWord = /(?:^|[\s("“'‘])([A-Za-z][A-Za-z.]*)\.$/.exec(before)?.[1];
  if (!lastWord) return false;
  const firstWord = /^[("“'‘]?([\p{L}\d]+)/u.exec(after)?.[1] ?? "";
  const lower = lastWord.toLowerCase();
  if (TITLES.has(lower)) return true;
  if (MONTHS.has(lower)) return /^\d/.test(firstWord);
  // A single capital initial: "John F. Kennedy".
  if (/^[A-Z]$/.test(lastWord))
    return /^\p{Lu}/u.test(firstWord) && !SENTENCE_OPENERS.has(firstWord.toLowerCase());
  // Initialisms with inner dots: "U.S.", "D.C.", "p.m.".
  if (/^(?:[A-Za-z]\.)+[A-Za-z]$/.test(lastWord)) {
    if (!firstWord) return false;
    if (/^[\p{Ll}\d]/u.test(firstWord)) return true;
    return !SENTENCE_OPENERS.has(firstWord.toLowerCase());
  }
  return false;
}
