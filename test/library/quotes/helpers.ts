import { parsePlainText } from "../../../src/library/ingest/structure.ts";
import { extractQuotesStrict } from "../../../src/library/quotes/extract.ts";
import type { ArticleQuotes, QuoteRecord, QuoteType } from "../../../src/library/quotes/types.ts";

/** Extracts quotes from paragraphs given as strings, parsed exactly as the app stores an article. */
export function extract(...paragraphs: string[]): ArticleQuotes {
  const draft = parsePlainText(`A headline\n\n${paragraphs.join("\n\n")}`, { kind: "text" });
  return extractQuotesStrict(draft);
}

export interface Said {
  speaker: string;
  type: QuoteType;
  text: string;
  paragraph: number;
  cue: string;
  record: QuoteRecord;
}

/** Every quote as { speaker (canonical name), type, text, ¶, cue }. */
export function said(result: ArticleQuotes): Said[] {
  const names = new Map(result.speakers.map((s) => [s.id, s.name]));
  return result.quotes.map((q) => ({
    speaker: names.get(q.speakerId) ?? "?",
    type: q.type,
    text: q.text,
    paragraph: q.paragraph,
    cue: q.cue,
    record: q,
  }));
}

/** The quotes (of the given types) whose text contains `fragment`. */
export function find(
  result: ArticleQuotes,
  fragment: string,
  types: QuoteType[] = ["direct", "partial", "reported"],
): Said[] {
  return said(result).filter((q) => types.includes(q.type) && q.text.includes(fragment));
}

/** The speaker credited with the direct or partial quote containing `fragment` (undefined when none). */
export function whoSaid(result: ArticleQuotes, fragment: string): string | undefined {
  const hits = find(result, fragment, ["direct", "partial"]);
  return hits.length === 0 ? undefined : [...new Set(hits.map((h) => h.speaker))].join(" / ");
}

/** The speaker credited with the reported statement containing `fragment`. */
export function whoReported(result: ArticleQuotes, fragment: string): string | undefined {
  const hits = find(result, fragment, ["reported"]);
  return hits.length === 0 ? undefined : [...new Set(hits.map((h) => h.speaker))].join(" / ");
}

export function speaker(result: ArticleQuotes, name: string) {
  return result.speakers.find((s) => s.name === name);
}
