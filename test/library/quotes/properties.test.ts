/**
 * Extraction runs on whatever users add, so it must hold up on any text: it never throws (the strict
 * entry point, without the production safety net, is what is tested) and never returns a span outside
 * its paragraph, whatever mix of quote marks, names and cue words comes in.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UserError } from "../../../src/library/errors.ts";
import { parsePlainText } from "../../../src/library/ingest/structure.ts";
import { extractQuotesStrict } from "../../../src/library/quotes/extract.ts";
import { allQuotes, listSpeakers, lookupQuotes } from "../../../src/library/quotes/lookup.ts";
import type { ArticleQuotes } from "../../../src/library/quotes/types.ts";
import type { Paragraph } from "../../../src/library/types.ts";

const MARKS = ['"', "“", "”", "‘", "’", "'", "«", "»", "„", "″"];
const WORDS = [
  "said",
  "says",
  "told",
  "reporters",
  "according",
  "to",
  "adding",
  "saying",
  "he",
  "she",
  "they",
  "it",
  "the",
  "a",
  "that",
  "and",
  "Trump",
  "Mr.",
  "Sen.",
  "John",
  "McCain",
  "Kremlin",
  "White",
  "House",
  "spokesman",
  "president",
  "of",
  "who",
  "not",
  "called",
  "warned",
  "in",
  "a statement",
  "(R-Ariz.)",
  "U.S.",
  "de",
  "Blasio",
  "READ:",
  "―",
  "—",
  "...",
  "…",
  "9/11",
  "$12-an-hour",
];

const token = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 3, arbitrary: fc.constantFrom(...MARKS) },
  { weight: 2, arbitrary: fc.constantFrom(",", ".", ":", ";", "?", "!", "(", ")", "\n") },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);
const separator = fc.constantFrom(" ", "", "  ", "\u00a0");
const paragraphText = fc
  .array(fc.tuple(token, separator), { maxLength: 40 })
  .map((parts) => parts.map(([t, s]) => t + s).join(""));

function checkResult(result: ArticleQuotes, paragraphs: Paragraph[]): void {
  const byN = new Map(paragraphs.map((p) => [p.n, p]));
  const ids = new Set(result.speakers.map((s) => s.id));
  expect(ids.size).toBe(result.speakers.length);
  for (const quote of result.quotes) {
    const parts = quote.parts ?? [{ paragraph: quote.paragraph, span: quote.span }];
    for (const part of [{ paragraph: quote.paragraph, span: quote.span }, ...parts]) {
      const paragraph = byN.get(part.paragraph);
      expect(paragraph, `¶${part.paragraph} exists`).toBeDefined();
      expect(paragraph!.kind).toBe("body");
      expect(part.span.start).toBeGreaterThanOrEqual(0);
      expect(part.span.end).toBeGreaterThanOrEqual(part.span.start);
      expect(part.span.end).toBeLessThanOrEqual(paragraph!.text.length);
    }
    expect(ids.has(quote.speakerId)).toBe(true);
    expect(quote.text.trim().length).toBeGreaterThan(0);
  }
}

describe("extraction properties (fast-check)", () => {
  it("never throws and keeps every span inside its paragraph, on articles parsed like the app does", () => {
    fc.assert(
      fc.property(fc.array(paragraphText, { minLength: 1, maxLength: 8 }), (texts) => {
        let draft: ReturnType<typeof parsePlainText>;
        try {
          draft = parsePlainText(`Headline\n\n${texts.join("\n\n")}`, { kind: "text" });
        } catch (error) {
          if (error instanceof UserError) return; // empty or oversized input never reaches extraction
          throw error;
        }
        checkResult(extractQuotesStrict(draft), draft.paragraphs);
      }),
      { numRuns: Number(process.env.QUOTES_FC_RUNS ?? 400) },
    );
  });

  it("never throws on raw paragraphs of any kind, including empty ones and odd ¶ numbers", () => {
    const paragraph = fc.record({
      text: fc.oneof(
        paragraphText,
        fc.string({ maxLength: 200 }),
        fc.string({ unit: "grapheme", maxLength: 120 }),
      ),
      kind: fc.constantFrom<Paragraph["kind"]>("body", "body", "body", "caption", "teaser"),
    });
    fc.assert(
      fc.property(fc.array(paragraph, { maxLength: 8 }), (items) => {
        const paragraphs: Paragraph[] = items.map((item, k) => ({
          n: k + 1,
          text: item.text,
          kind: item.kind,
          sentences: [],
        }));
        checkResult(extractQuotesStrict({ title: "t", paragraphs }), paragraphs);
      }),
      { numRuns: Number(process.env.QUOTES_FC_RUNS ?? 400) },
    );
  });

  it("answers any query over any extraction without throwing", () => {
    fc.assert(
      fc.property(
        fc.array(paragraphText, { minLength: 1, maxLength: 4 }),
        fc.string({ maxLength: 30 }),
        (texts, query) => {
          const paragraphs: Paragraph[] = texts.map((text, k) => ({
            n: k + 1,
            text,
            kind: "body",
            sentences: [],
          }));
          const quotes = extractQuotesStrict({ title: "t", paragraphs });
          const inputs = [{ articleId: "a", title: "t", quotes }];
          const result = lookupQuotes(query, inputs);
          expect(result.speaker).toBe(query);
          expect(typeof result.message).toBe("string");
          expect(listSpeakers(inputs, query).length).toBeLessThanOrEqual(25);
          expect(allQuotes(inputs)).toHaveLength(quotes.quotes.length);
        },
      ),
      { numRuns: 200 },
    );
  });
});
