/**
 * Markdown → ArticleDraft with marked's lexer (a maintained CommonMark/GFM tokenizer): we need the
 * document's structure (headings, paragraphs, list items, quotes, tables), not rendered HTML, and
 * re-deriving that with regexes would get nesting, code spans and escapes wrong.
 */
import { Lexer, type Token, type Tokens } from "marked";
import { UserError } from "../errors.ts";
import type { ArticleDraft, ArticleSource } from "../types.ts";
import { type FrontMatter, firstField, splitFrontMatter } from "./front-matter.ts";
import { blocksFromHtmlFragment } from "./html-blocks.ts";
import { normalizeDate } from "./metadata.ts";
import { structureArticle } from "./structure.ts";
import { canonicalizeUrl } from "./urls.ts";

interface MarkdownBlock {
  text: string;
  heading?: { depth: number };
}

/** Raw inline HTML whose content is never text (the tags themselves are always dropped). */
const SKIPPED_INLINE_HTML = /^<(script|style|iframe|noscript|template|textarea|select|svg)\b/i;

/**
 * Parses a Markdown article. The headline is, in order: `title`, the front matter's `title`, the first
 * heading (when the document opens with one, or it is the first level-1 heading), else the first line.
 * Paragraphs come from paragraphs, headings, blockquotes, list items, code blocks and table rows, with
 * inline Markdown removed (links become their text; images, HTML tags and emphasis marks are dropped).
 * Front matter is read for title, date, author and canonical URL, and never stored as text.
 */
export function parseMarkdown(md: string, source: ArticleSource, title?: string): ArticleDraft {
  const matter = splitFrontMatter(md);
  const body = matter ? matter.body : md;
  refuseDeepNesting(body);
  const blocks: MarkdownBlock[] = [];
  try {
    collectBlocks(Lexer.lex(body, { gfm: true }), blocks);
  } catch (error) {
    // Backstop for nesting the line check misses: marked and collectBlocks recurse per level.
    if (error instanceof RangeError) throw tooDeep(error);
    throw error;
  }

  const slot = headlineSlot(blocks, Boolean(firstField(matter, ["title"])));
  const texts = blocks.map((block) => block.text);
  let headline: string | undefined;
  if (slot?.kind === "heading") {
    headline = texts.splice(slot.index, 1)[0];
  } else if (slot?.kind === "first-line") {
    const [line = "", ...rest] = texts[0]!.split("\n");
    headline = line;
    texts[0] = rest.join("\n");
  }

  const finalSource: ArticleSource = { ...source };
  const canonical = firstField(matter, ["canonical_url", "canonicalurl", "canonical"]);
  const canonicalUrl = canonical ? canonicalizeUrl(canonical) : undefined;
  if (canonicalUrl && !finalSource.canonicalUrl) finalSource.canonicalUrl = canonicalUrl;

  return structureArticle({
    title: title?.trim() || firstField(matter, ["title"]) || headline,
    blocks: texts,
    source: finalSource,
    publishedAt: frontMatterDate(matter),
    byline: firstField(matter, ["author", "byline", "authors"]),
  });
}

/**
 * marked's time grows with roughly the cube of list nesting (0.8 s at 400 levels, 71 s at 2,000) and
 * deep blockquotes overflow the stack. No article nests 100 levels deep, so such input is refused
 * up front: a line whose leading run of indentation and ">" markers is over 200 characters.
 */
const MAX_LEAD = 200;

function refuseDeepNesting(md: string): void {
  const lead = new RegExp(`^[ \\t>]{${MAX_LEAD + 1}}`, "m");
  if (lead.test(md)) throw tooDeep();
}

function tooDeep(cause?: unknown): UserError {
  return new UserError(
    "UNSUPPORTED_CONTENT",
    "The Markdown is nested too deeply (lists or quotes more than 100 levels deep) to be an article: add it as plain text (.txt) instead.",
    { cause },
  );
}

type Slot = { kind: "heading"; index: number } | { kind: "first-line" } | undefined;

/**
 * Which block holds the headline. A heading that opens the document, or the first level-1 heading;
 * a later "## Background" is a section heading, not a headline. Without one, the first line (as in a
 * plain-text article) — unless the front matter already names the title.
 */
function headlineSlot(blocks: MarkdownBlock[], frontMatterTitle: boolean): Slot {
  if (blocks[0]?.heading) return { kind: "heading", index: 0 };
  const h1 = blocks.findIndex((block) => block.heading?.depth === 1);
  if (h1 >= 0) return { kind: "heading", index: h1 };
  if (frontMatterTitle || blocks.length === 0) return undefined;
  return { kind: "first-line" };
}

function frontMatterDate(matter: FrontMatter | undefined): string | undefined {
  return normalizeDate(
    firstField(matter, ["date", "published", "publishedat", "published_at", "datepublished", "pubdate"]),
  );
}

function collectBlocks(tokens: Token[], blocks: MarkdownBlock[]): void {
  for (const token of tokens) {
    switch (token.type) {
      case "heading": {
        const heading = token as Tokens.Heading;
        blocks.push({ text: inlineText(heading.tokens), heading: { depth: heading.depth } });
        break;
      }
      case "paragraph":
        blocks.push({ text: inlineText((token as Tokens.Paragraph).tokens) });
        break;
      case "text": {
        // Block-level text: the content of a tight list item.
        const text = token as Tokens.Text;
        blocks.push({ text: text.tokens ? inlineText(text.tokens) : softBreaks(text.text) });
        break;
      }
      case "blockquote":
        collectBlocks((token as Tokens.Blockquote).tokens, blocks);
        break;
      case "list":
        for (const item of (token as Tokens.List).items) collectBlocks(item.tokens, blocks);
        break;
      case "code":
        // A code block in a news article is usually preformatted text (a statement, a transcript): keep it.
        blocks.push({ text: (token as Tokens.Code).text });
        break;
      case "table":
        blocks.push(...tableRows(token as Tokens.Table));
        break;
      case "html":
        for (const block of blocksFromHtmlFragment((token as Tokens.HTML).text))
          blocks.push({ text: block.text });
        break;
      default:
        // space, hr, def (link reference definitions) and unknown extension tokens carry no prose.
        break;
    }
  }
}

/** One paragraph per table row, "Header: value; Header: value", so a row reads (and cites) on its own. */
function tableRows(table: Tokens.Table): MarkdownBlock[] {
  const headers = table.header.map((cell) => inlineText(cell.tokens).trim());
  return table.rows.map((row) => ({
    text: row
      .map((cell, index) => {
        const value = inlineText(cell.tokens).trim();
        const header = headers[index];
        return header && value ? `${header}: ${value}` : value;
      })
      .filter(Boolean)
      .join("; "),
  }));
}

/** The plain text of inline tokens: marks removed, links as their text, images and HTML tags dropped. */
function inlineText(tokens: Token[] | undefined): string {
  let text = "";
  let skippingUntil: string | undefined;
  for (const token of tokens ?? []) {
    if (skippingUntil) {
      if (token.type === "html" && new RegExp(`^</${skippingUntil}\\s*>`, "i").test(token.raw))
        skippingUntil = undefined;
      continue;
    }
    switch (token.type) {
      case "text": {
        const inner = token as Tokens.Text;
        text += inner.tokens ? inlineText(inner.tokens) : softBreaks(inner.text);
        break;
      }
      case "escape":
      case "codespan":
        text += (token as Tokens.Escape | Tokens.Codespan).text;
        break;
      case "strong":
      case "em":
      case "del":
      case "link":
        text += inlineText((token as Tokens.Strong | Tokens.Em | Tokens.Del | Tokens.Link).tokens);
        break;
      case "br":
        text += "\n";
        break;
      case "html": {
        const raw = token.raw;
        if (/^<br\s*\/?>$/i.test(raw)) text += "\n";
        const skipped = SKIPPED_INLINE_HTML.exec(raw)?.[1];
        if (skipped && !new RegExp(`</${skipped}\\s*>\\s*$`, "i").test(raw)) skippingUntil = skipped;
        break;
      }
      default:
        // image, checkbox and anything unknown: not prose.
        break;
    }
  }
  return text;
}

/** Inside a Markdown paragraph a single newline is a space (a hard break is a separate "br" token). */
function softBreaks(text: string): string {
  return text.replace(/[^\S\n]*\n[^\S\n]*/g, " ");
}
