import { UserError } from "../errors.ts";
import type { ArticleDraft, ArticleSource, Paragraph, ParagraphKind } from "../types.ts";
import { cleanText } from "./clean.ts";
import { splitSentences } from "./sentences.ts";

/** Limits that keep one article from swamping a library (and Discord replies). */
export const ARTICLE_LIMITS = {
  /** Characters in one paragraph. Real paragraphs are well under 5,000; 50,000 leaves room for odd ones. */
  paragraphChars: 50_000,
  /** Characters in the whole article text. */
  articleChars: 1_000_000,
  /** Paragraphs in one article. */
  paragraphs: 5_000,
  /** Characters in a headline. */
  titleChars: 300,
} as const;

export interface StructureInput {
  /** The headline, or undefined to take it from the first block. */
  title?: string;
  /** Paragraph texts in order (uncleaned). Empty blocks are skipped. */
  blocks: string[];
  source: ArticleSource;
  publishedAt?: string;
  byline?: string;
  /**
   * "decode" (default) decodes HTML entities in plain text and Markdown; "repair" is for text an HTML
   * parser already decoded: only mangled forms such as "&39;" are fixed.
   */
  entities?: "decode" | "repair";
}

/**
 * Turns a headline and raw paragraph blocks into a structured article: cleaned text, ¶ numbers from 1,
 * sentences, and captions, datelines and related-link teasers recognised and flagged (never dropped,
 * so the ¶ numbers match what readers see in the original).
 */
export function structureArticle(input: StructureInput): ArticleDraft {
  const clean = (text: string) => cleanText(text, input.entities);
  const cleaned = input.blocks.map(clean).filter((block) => /[\p{L}\p{N}]/u.test(block));
  const total = cleaned.reduce((sum, block) => sum + block.length, 0);
  if (total > ARTICLE_LIMITS.articleChars) {
    throw new UserError(
      "TOO_LARGE",
      `The article has ${total.toLocaleString("en-US")} characters of text; the limit is ${ARTICLE_LIMITS.articleChars.toLocaleString("en-US")}. Split it into several articles.`,
    );
  }
  let title = input.title === undefined ? undefined : clean(input.title).replace(/\s+/g, " ");
  if (!title) title = (cleaned.shift() ?? "").replace(/\s+/g, " ");
  if (!title && cleaned.length === 0) {
    throw new UserError("EMPTY_INPUT", "The article is empty: there is no text to add.");
  }
  if (cleaned.length === 0) {
    throw new UserError(
      "NO_CONTENT",
      `The article ${JSON.stringify(shorten(title, 80))} has a headline but no paragraphs: add the body text after a blank line.`,
    );
  }
  if (cleaned.length > ARTICLE_LIMITS.paragraphs) {
    throw new UserError(
      "TOO_LARGE",
      `The article has ${cleaned.length} paragraphs; the limit is ${ARTICLE_LIMITS.paragraphs}.`,
    );
  }
  const paragraphs = cleaned.map((text, index): Paragraph => {
    if (text.length > ARTICLE_LIMITS.paragraphChars) {
      throw new UserError(
        "TOO_LARGE",
        `Paragraph ${index + 1} has ${text.length.toLocaleString("en-US")} characters; the limit is ${ARTICLE_LIMITS.paragraphChars.toLocaleString("en-US")}. Is the text missing its paragraph breaks (blank lines)?`,
      );
    }
    return { n: index + 1, text, kind: "body", sentences: splitSentences(text) };
  });
  flagParagraphs(paragraphs);
  const draft: ArticleDraft = {
    title: shorten(title, ARTICLE_LIMITS.titleChars),
    paragraphs,
    source: input.source,
  };
  if (input.publishedAt) draft.publishedAt = input.publishedAt;
  if (input.byline) draft.byline = input.byline;
  return draft;
}

/**
 * Plain text: the first non-empty line is the headline (replaced by `title` when given), paragraphs are
 * separated by blank lines. A text
 * with no blank lines at all (one paragraph per line) is split on lines instead.
 */
export function parsePlainText(text: string, source: ArticleSource, title?: string): ArticleDraft {
  const normalised = text.replace(/\r\n?/g, "\n");
  const lines = normalised.split("\n");
  const firstLine = lines.findIndex((line) => line.trim() !== "");
  if (firstLine < 0) throw new UserError("EMPTY_INPUT", "The article is empty: there is no text to add.");
  const headline = lines[firstLine]!;
  const body = lines.slice(firstLine + 1).join("\n");
  const blocks = /\n[^\S\n]*\n/.test(body) ? body.split(/\n[^\S\n]*\n/) : body.split("\n");
  return structureArticle({ title: title ?? headline, blocks, source });
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

const TEASER =
  /^(?:read|read more|also read|related|related stories|related story|related coverage|see also|watch|listen|more|click here|recommended|further reading)\s*[:|]/i;
const TEASER_SENTENCE = /^(?:read (?:the rest|more|the full story)|click here|continue reading)\b.{0,80}$/i;
const CAPTION_POSITION =
  /\((?:L|R|C|left|right|centre|center|front|back|top|bottom|\d(?:st|nd|rd|th) (?:L|R|left|right)|L-R|R-L)\)/;
/**
 * Photo credits. Agency credits are upper case ("REUTERS/Jonathan Ernst"); matching them without case
 * would take a poll ("a Reuters/Ipsos poll found…") for a caption.
 */
const PHOTO_CREDIT =
  /(?:\b(?:REUTERS|AFP|AP Photo|Getty Images|EPA|XINHUA|SPUTNIK|POOL)\s*\/\s*[A-Z]|\((?:AP|AFP|Reuters)(?: Photo)?(?:\/[^)]*)?\)\s*$|^(?:FILE )?PHOTO:|^Image (?:copyright|caption)\b|\b[Pp]hoto(?:graph)?:\s|\b[Ff]ile [Pp]hoto\b)/;
const TRAILING_DATE =
  /,?\s(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.)\s\d{1,2},\s\d{4}\.?$/;
const DATELINE =
  /^((?:[A-Z][A-Z'.]*(?:[ -][A-Z][A-Z'.]*){0,3}))(?:,\s+[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?(?:,\s+\w{3,9}\.? \d{1,2})?(?:\s*\((?:[A-Z][A-Za-z.]*)(?: [A-Z][A-Za-z.]*)*\))?\s*[-–—]{1,2}\s+(?=\S)/;

/** "Mexico City (AFP) – …": a place in ordinary capitals is a dateline when a wire agency follows it. */
const AGENCY_DATELINE =
  /^([A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})\s*\((?:[A-Z]{2,5}|Reuters)\)\s*[-–—]{1,2}\s+(?=\S)/;

/** Captions sit before the dateline and read like "X (L) chats with Y … in Danang, November 11, 2017." */
function flagParagraphs(paragraphs: Paragraph[]): void {
  let seenBody = false;
  for (const paragraph of paragraphs) {
    const kind = classify(paragraph.text, seenBody);
    paragraph.kind = kind;
    if (kind === "body") {
      if (!seenBody) {
        const capitals = DATELINE.exec(paragraph.text);
        const match =
          capitals?.[1] && capitals[1].replace(/[^A-Z]/g, "").length >= 2
            ? capitals
            : AGENCY_DATELINE.exec(paragraph.text);
        if (match?.[1]) {
          paragraph.dateline = { place: match[1], span: { start: 0, end: match[0].length } };
        }
      }
      seenBody = true;
    }
  }
}

function classify(text: string, seenBody: boolean): ParagraphKind {
  const oneLine = text.replace(/\s+/g, " ");
  if (oneLine.length <= 300 && (TEASER.test(oneLine) || TEASER_SENTENCE.test(oneLine))) return "teaser";
  if (oneLine.length <= 600) {
    if (PHOTO_CREDIT.test(oneLine)) return "caption";
    // "(L)" marks a photo position only beside a photo's date: "Sen. John McCain (R) said" is a party.
    const photoDate = TRAILING_DATE.test(oneLine) && !DATELINE.test(oneLine) && !/["“”]/.test(oneLine);
    if (photoDate && (CAPTION_POSITION.test(oneLine) || !seenBody)) return "caption";
  }
  return "body";
}
