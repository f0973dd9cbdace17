import type { Paragraph } from "../types.ts";

export interface ChunkSpan {
  paragraph: number;
  start: number;
  end: number;
}

/**
 * Splits paragraphs into pieces the model reads whole (all-MiniLM-L6-v2 stops at 256 word pieces):
 * whole sentences are packed up to `maxTokens`; a single longer sentence is cut between words. Every
 * chunk keeps its paragraph's number, so a long paragraph is still cited as one ¶. Teasers are not
 * embedded: they are never an answer.
 */
export function chunkParagraphs(
  paragraphs: readonly Paragraph[],
  countTokens: (text: string) => number,
  maxTokens: number,
): ChunkSpan[] {
  const chunks: ChunkSpan[] = [];
  for (const paragraph of paragraphs) {
    if (paragraph.kind === "teaser") continue;
    if (countTokens(paragraph.text) <= maxTokens) {
      chunks.push({ paragraph: paragraph.n, start: 0, end: paragraph.text.length });
      continue;
    }
    let current: ChunkSpan | undefined;
    for (const sentence of splitLongSentences(paragraph, countTokens, maxTokens)) {
      if (current && countTokens(paragraph.text.slice(current.start, sentence.end)) <= maxTokens) {
        current.end = sentence.end;
      } else {
        current = { paragraph: paragraph.n, start: sentence.start, end: sentence.end };
        chunks.push(current);
      }
    }
  }
  return chunks;
}

function splitLongSentences(
  paragraph: Paragraph,
  countTokens: (text: string) => number,
  maxTokens: number,
): { start: number; end: number }[] {
  const sentences =
    paragraph.sentences.length > 0 ? paragraph.sentences : [{ start: 0, end: paragraph.text.length }];
  const pieces: { start: number; end: number }[] = [];
  for (const sentence of sentences) {
    const text = paragraph.text.slice(sentence.start, sentence.end);
    if (countTokens(text) <= maxTokens) {
      pieces.push(sentence);
      continue;
    }
    // Word-level packing; word pieces per word vary, so measure as we go.
    let start = sentence.start;
    let end = start;
    for (const match of text.matchAll(/\S+/g)) {
      const wordEnd = sentence.start + match.index + match[0].length;
      if (end > start && countTokens(paragraph.text.slice(start, wordEnd)) > maxTokens) {
        pieces.push({ start, end });
        start = sentence.start + match.index;
      }
      end = wordEnd;
    }
    if (end > start) pieces.push({ start, end });
  }
  return pieces;
}
