/** Article metadata from an HTML <head> (and JSON-LD), and date normalisation shared with Markdown. */
import { canonicalizeUrl } from "./urls.ts";

/** The minimal DOM a metadata reader needs (a linkedom document has it). */
export interface MetaDocument {
  querySelector(selector: string): MetaElement | null;
  querySelectorAll(selector: string): ArrayLike<MetaElement> & Iterable<MetaElement>;
}

export interface MetaElement {
  getAttribute(name: string): string | null;
  textContent: string | null;
}

export interface PageMetadata {
  /** Headline candidates in order of trust: og:title, then <title>, then the first <h1>. */
  ogTitle?: string;
  documentTitle?: string;
  firstHeading?: string;
  siteName?: string;
  publishedAt?: string;
  canonicalUrl?: string;
  byline?: string;
}

/**
 * Reads what the page says about itself. Must run before Readability, which removes <script> elements
 * (and with them the JSON-LD).
 */
export function readMetadata(document: MetaDocument, pageUrl: string | undefined): PageMetadata {
  const jsonLd = readJsonLd(document);
  const metadata: PageMetadata = {};
  const set = <K extends keyof PageMetadata>(key: K, value: string | undefined) => {
    const text = value?.replace(/\s+/g, " ").trim();
    if (text) metadata[key] = text;
  };
  set("ogTitle", meta(document, 'meta[property="og:title"]') ?? meta(document, 'meta[name="twitter:title"]'));
  set("documentTitle", document.querySelector("title")?.textContent ?? undefined);
  set("firstHeading", document.querySelector("h1")?.textContent ?? undefined);
  set("siteName", meta(document, 'meta[property="og:site_name"]') ?? jsonLd.publisher);
  set("publishedAt", firstDate(publishedCandidates(document, jsonLd)));
  set("byline", meta(document, 'meta[name="author"]') ?? jsonLd.author);
  const canonical = [
    document.querySelector('link[rel~="canonical"]')?.getAttribute("href"),
    meta(document, 'meta[property="og:url"]'),
  ]
    .filter((href): href is string => Boolean(href))
    .map((href) => canonicalizeUrl(href, pageUrl))
    .find(Boolean);
  set("canonicalUrl", canonical ?? (pageUrl ? canonicalizeUrl(pageUrl) : undefined));
  return metadata;
}

/**
 * An ISO 8601 date from the forms pages use. ISO strings are kept as written (with their offset);
 * other parseable dates ("Tue, 20 Mar 2018 10:00:00 GMT", "March 20, 2018") become UTC ISO strings.
 * Undefined for anything without a plausible four-digit year.
 */
export function normalizeDate(value: string | undefined | null): string | undefined {
  const text = value?.trim();
  if (!text || text.length > 100) return undefined;
  const year = /\b(1[89]\d\d|2[01]\d\d)\b/.exec(text)?.[1];
  if (!year) return undefined;
  const time = Date.parse(text);
  if (Number.isNaN(time)) return undefined;
  if (/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i.test(text)) {
    return text.replace(" ", "T");
  }
  return new Date(time).toISOString();
}

function publishedCandidates(document: MetaDocument, jsonLd: JsonLdFacts): Array<string | null | undefined> {
  const times = [...document.querySelectorAll("time[datetime]")];
  const marked = times.find(
    (time) => time.getAttribute("pubdate") !== null || time.getAttribute("itemprop") === "datePublished",
  );
  return [
    meta(document, 'meta[property="article:published_time"]'),
    jsonLd.datePublished,
    meta(document, 'meta[itemprop="datePublished"]'),
    marked?.getAttribute("datetime"),
    times[0]?.getAttribute("datetime"),
    meta(document, 'meta[name="date"]'),
    meta(document, 'meta[name="pubdate"]'),
    meta(document, 'meta[name="publishdate"]'),
    meta(document, 'meta[name="dc.date"]'),
    meta(document, 'meta[name="DC.date"]'),
    meta(document, 'meta[name="dc.date.issued"]'),
    meta(document, 'meta[name="DC.date.issued"]'),
    meta(document, 'meta[name="dcterms.date"]'),
  ];
}

function firstDate(candidates: Array<string | null | undefined>): string | undefined {
  for (const candidate of candidates) {
    const date = normalizeDate(candidate);
    if (date) return date;
  }
  return undefined;
}

function meta(document: MetaDocument, selector: string): string | undefined {
  return document.querySelector(selector)?.getAttribute("content")?.trim() || undefined;
}

interface JsonLdFacts {
  datePublished?: string;
  author?: string;
  publisher?: string;
}

const ARTICLE_TYPE = /(?:Article|BlogPosting|Report|NewsArticle)$/;

/**
 * The article facts in the page's JSON-LD (schema.org). Pages put several objects there (breadcrumbs,
 * the site, the article) at any depth of @graph; the article-typed one wins.
 */
function readJsonLd(document: MetaDocument): JsonLdFacts {
  const objects: Record<string, unknown>[] = [];
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      collectObjects(JSON.parse(script.textContent ?? ""), objects, 0);
    } catch {
      // Broken JSON-LD is common and harmless: the other sources of metadata still apply.
    }
  }
  const isArticle = (object: Record<string, unknown>) =>
    [object["@type"]].flat().some((type) => typeof type === "string" && ARTICLE_TYPE.test(type));
  const ordered = [...objects.filter(isArticle), ...objects.filter((object) => !isArticle(object))];
  const facts: JsonLdFacts = {};
  for (const object of ordered) {
    if (!facts.datePublished && typeof object.datePublished === "string")
      facts.datePublished = object.datePublished;
    facts.author ??= names(object.author);
    facts.publisher ??= names(object.publisher);
  }
  return facts;
}

function collectObjects(value: unknown, into: Record<string, unknown>[], depth: number): void {
  if (depth > 8 || into.length > 200) return;
  if (Array.isArray(value)) {
    for (const item of value) collectObjects(item, into, depth + 1);
  } else if (value && typeof value === "object") {
    const object = value as Record<string, unknown>;
    into.push(object);
    if (object["@graph"]) collectObjects(object["@graph"], into, depth + 1);
  }
}

/** "Jane Doe" from a schema.org Person/Organization, a list of them, or a plain string. */
function names(value: unknown): string | undefined {
  const list = [value]
    .flat()
    .map((item) =>
      typeof item === "string"
        ? item
        : item && typeof item === "object"
          ? (item as { name?: unknown }).name
          : undefined,
    )
    .filter((name): name is string => typeof name === "string" && name.trim() !== "");
  return list.length > 0 ? list.join(", ") : undefined;
}
