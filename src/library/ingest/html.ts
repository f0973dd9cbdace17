/**
 * HTML → ArticleDraft. @mozilla/readability (Firefox Reader View's extractor) finds the article among
 * the navigation, ads and comments; linkedom gives it a DOM without jsdom's weight (no layout, no
 * script execution, which is exactly what we want for untrusted pages).
 */
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { isUserError, quoteValue, UserError } from "../errors.ts";
import type { ArticleDraft, ArticleSource } from "../types.ts";
import { cleanText, normalizeForComparison } from "./clean.ts";
import { blocksFromDom, type HtmlBlock } from "./html-blocks.ts";
import { type MetaDocument, normalizeDate, type PageMetadata, readMetadata } from "./metadata.ts";
import { structureArticle } from "./structure.ts";

export interface ParseHtmlOptions {
  /** The page's URL (after redirects): resolves relative canonical links; the canonical URL when the page names none. */
  url?: string;
  /** A headline that overrides the page's own. */
  title?: string;
  source: ArticleSource;
}

/** Page furniture the body fallback leaves out (Readability drops it by itself). */
const FALLBACK_SKIP = new Set(["header", "footer", "aside"]);
const FALLBACK_ROLES =
  '[role="navigation"], [role="banner"], [role="contentinfo"], [role="complementary"], [role="search"]';

/**
 * Extracts the article from a page: headline, paragraphs (figcaptions kept but flagged as captions),
 * publication date, byline and canonical URL (tracking parameters and fragment removed). Script, style,
 * iframe, noscript, form and nav content is never read as text.
 */
export function parseHtml(html: string, options: ParseHtmlOptions): ArticleDraft {
  const page = loadDocument(html);
  // Metadata first: the body fallback below removes elements from this document.
  const metadata = readMetadata(page as unknown as MetaDocument, options.url);
  const extracted = extractWithReadability(html);
  let blocks = extracted?.blocks ?? [];
  if (!blocks.some((block) => hasWords(block.text))) blocks = extractFromBody(page);

  const title = options.title?.trim() || chooseTitle(metadata, extracted?.title);
  const byline = cleanByline(extracted?.byline ?? metadata.byline);
  blocks = dropRepeatedHeader(blocks, title, byline);

  const source: ArticleSource = { ...options.source };
  if (metadata.canonicalUrl) source.canonicalUrl = metadata.canonicalUrl;
  const publishedAt = metadata.publishedAt ?? normalizeDate(extracted?.publishedTime);
  let draft: ArticleDraft;
  try {
    draft = structureArticle({
      title,
      blocks: blocks.map((block) => block.text),
      source,
      publishedAt,
      byline,
      entities: "repair",
    });
  } catch (error) {
    if (isUserError(error) && (error.code === "NO_CONTENT" || error.code === "EMPTY_INPUT")) {
      const named = title ? `The page ${quoteValue(title)}` : "The page";
      throw new UserError(
        "NO_CONTENT",
        `${named} has no article text Byline could find. Pages that build their text with JavaScript, or sit behind a login, can't be read: copy the article text into a .txt file and add that instead.`,
        { cause: error },
      );
    }
    throw error;
  }
  flagCaptions(draft, blocks, title);
  return draft;
}

/**
 * linkedom only builds <html>/<head>/<body> when the markup has them; a fragment ("<p>…</p>") would
 * become a document without a body. Wrap fragments so every document has the usual shape.
 */
function loadDocument(html: string) {
  const { document } = parseHTML(html);
  if (document.documentElement?.localName === "html") return document;
  return parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`).document;
}

interface Extracted {
  blocks: HtmlBlock[];
  title?: string;
  byline?: string;
  publishedTime?: string;
}

/**
 * Readability over linkedom slows down with roughly the cube of nesting depth (0.9 s at 300 levels,
 * 4.6 s at 500, minutes at 5,000). Article pages nest 20–60 deep; anything past this limit is read by
 * the body fallback, which is linear.
 */
const MAX_READABILITY_DEPTH = 150;

function extractWithReadability(html: string): Extracted | undefined {
  // Readability rewrites the document it is given, so it gets its own copy.
  const document = loadDocument(html);
  if (deeperThan(document.documentElement as unknown as DomNode, MAX_READABILITY_DEPTH)) return undefined;
  let article: ReturnType<Readability<unknown>["parse"]>;
  try {
    // serializer returns the content element itself, so we walk a DOM instead of re-parsing HTML.
    article = new Readability<unknown>(document as never, { serializer: (node) => node }).parse();
  } catch {
    // Readability throws on some malformed documents; the body fallback still reads them.
    return undefined;
  }
  if (!article) return undefined;
  const extracted: Extracted = {
    blocks: article.content ? blocksFromDom(article.content as Parameters<typeof blocksFromDom>[0]) : [],
  };
  if (article.title) extracted.title = article.title;
  if (article.byline) extracted.byline = article.byline;
  if (article.publishedTime) extracted.publishedTime = article.publishedTime;
  return extracted;
}

interface DomNode {
  nodeType: number;
  childNodes: ArrayLike<DomNode>;
}

/** True when elements nest more than `limit` deep (iterative: the point is surviving deep trees). */
function deeperThan(root: DomNode, limit: number): boolean {
  const stack: Array<[DomNode, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > limit) return true;
    const children = node.childNodes;
    for (let index = 0; index < children.length; index++) {
      const child = children[index];
      if (child?.nodeType === 1) stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** When Readability finds nothing: the page's own block elements, minus headers, footers and navigation. */
function extractFromBody(document: ReturnType<typeof loadDocument>): HtmlBlock[] {
  for (const element of [...document.querySelectorAll(FALLBACK_ROLES)]) element.remove();
  return blocksFromDom(document.documentElement as unknown as Parameters<typeof blocksFromDom>[0], {
    skip: FALLBACK_SKIP,
  });
}

/** og:title, then Readability's title, then <title>, then the first <h1>; site-name suffixes removed. */
function chooseTitle(metadata: PageMetadata, readabilityTitle: string | undefined): string | undefined {
  const candidates = [metadata.ogTitle, readabilityTitle, metadata.documentTitle, metadata.firstHeading];
  for (const candidate of candidates) {
    const title = candidate?.replace(/\s+/g, " ").trim();
    if (title) return stripSiteName(title, metadata);
  }
  return undefined;
}

const SITE_SEPARATOR = /\s+(?:\||·|•|»|::|[-–—])\s+/g;

/**
 * "Putin wins | Reuters" → "Putin wins". A trailing (or leading) part is dropped when it is the site's
 * name, looks like a domain, or — after "|", "·", "•", "»" or "::" — is short; a dash alone is not enough
 * ("Trump - Putin call" is a headline).
 */
export function stripSiteName(
  title: string,
  metadata: Pick<PageMetadata, "siteName" | "canonicalUrl">,
): string {
  const site = metadata.siteName ? simplify(metadata.siteName) : undefined;
  const host = hostWords(metadata.canonicalUrl);
  const isSite = (text: string) => {
    const simple = simplify(text);
    return simple !== "" && (simple === site || host.has(simple) || /^[\w-]+(?:\.[\w-]+)+$/.test(text));
  };
  let current = title;
  // "Story | Section | Site" takes two passes.
  for (let pass = 0; pass < 3; pass++) {
    const separators = [...current.matchAll(SITE_SEPARATOR)];
    const first = separators[0];
    const last = separators.at(-1);
    if (!first || !last) break;
    const beforeLast = current.slice(0, last.index).trim();
    const tail = current.slice(last.index + last[0].length).trim();
    const byDash = /^[-–—]$/.test(last[0].trim());
    if (isSite(tail) || (!byDash && wordCount(tail) <= 4 && wordCount(beforeLast) >= 2)) {
      current = beforeLast;
      continue;
    }
    const head = current.slice(0, first.index).trim();
    if (isSite(head)) {
      current = current.slice(first.index + first[0].length).trim();
      continue;
    }
    break;
  }
  return current || title;
}

function simplify(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}

/** "www.nytimes.com" → {"nytimes", "nytimescom", "wwwnytimescom"}: forms a site name takes in a title. */
function hostWords(url: string | undefined): Set<string> {
  if (!url) return new Set();
  try {
    const host = new URL(url).hostname.replace(/^www\./, "");
    const labels = host.split(".");
    return new Set(
      [simplify(host), simplify(labels.slice(0, -1).join(".")), labels[0] ?? ""].filter(Boolean),
    );
  } catch {
    return new Set();
  }
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function cleanByline(byline: string | undefined): string | undefined {
  const text = byline
    ?.replace(/\s+/g, " ")
    .trim()
    .replace(/^by\s+/i, "");
  if (!text || text.length > 200 || /^https?:\/\//i.test(text)) return undefined;
  return text;
}

/**
 * Readability often keeps the headline (<h1>) and the byline line at the top of the content; as
 * paragraphs they would repeat the title and shift every ¶ number by one or two.
 */
function dropRepeatedHeader(
  blocks: HtmlBlock[],
  title: string | undefined,
  byline: string | undefined,
): HtmlBlock[] {
  const same = (a: string, b: string | undefined) =>
    b !== undefined && normalizeForComparison(cleanText(a)) === normalizeForComparison(cleanText(b));
  const result = [...blocks];
  for (let index = 0; index < Math.min(3, result.length); ) {
    const text = result[index]!.text;
    if (same(text, title) || (byline && (same(text, byline) || same(text, `By ${byline}`)))) {
      result.splice(index, 1);
    } else {
      index++;
    }
  }
  return result;
}

/**
 * structureArticle only sees strings, so it recognises captions by their wording; a <figcaption> is a
 * caption by markup. Map the draft's paragraphs back to their blocks (structure drops blocks without
 * letters or digits, and takes the first block as the title when there is none) and flag them.
 */
function flagCaptions(draft: ArticleDraft, blocks: HtmlBlock[], title: string | undefined): void {
  const kept = blocks.filter((block) => hasWords(cleanText(block.text)));
  const titleFromBlocks = cleanText(title ?? "") === "" ? 1 : 0;
  if (kept.length - titleFromBlocks !== draft.paragraphs.length) return; // structure changed its rules: don't guess
  let reflagged = false;
  draft.paragraphs.forEach((paragraph, index) => {
    if (kept[index + titleFromBlocks]?.caption && paragraph.kind === "body") {
      paragraph.kind = "caption";
      delete paragraph.dateline;
      reflagged = true;
    }
  });
  if (reflagged) restoreDateline(draft);
}

/**
 * structure looks for a dateline ("MOSCOW - …") in the first body paragraph only; when that was a
 * <figcaption> flagged above, the real first body paragraph was never checked. Ask structure about that
 * paragraph alone, so the dateline rules stay in one place.
 */
function restoreDateline(draft: ArticleDraft): void {
  const first = draft.paragraphs.find((paragraph) => paragraph.kind === "body");
  if (!first || first.dateline) return;
  const alone = structureArticle({ title: draft.title || "-", blocks: [first.text], source: draft.source });
  const dateline = alone.paragraphs[0]?.dateline;
  if (dateline) first.dateline = dateline;
}

function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}
