import { createHash } from "node:crypto";
import { decodeHTML } from "entities";
import { parseFeed } from "feedsmith";
import type { FeedEntry, FeedFormat, ParsedFeed } from "./types.ts";

/**
 * A document type declaration, with any internal subset (`<!DOCTYPE x [ <!ENTITY …> ]>`). Feeds have no
 * use for one, and it is what XXE (external entities) and "billion laughs" (nested expansion) need, so
 * it is removed before the XML parser sees the text, whatever that parser's own defences.
 */
const DOCTYPE = /<!DOCTYPE(?:[^[>]|\[[\s\S]*?\]\s*)*>/gi;
/**
 * Items read per feed: feeds list newest first, and a poll every few minutes only ever needs the top.
 * (A 50,000-item feed is still parsed whole, ~1.5 s; the size cap bounds that.)
 */
const MAX_ITEMS = 500;
/** Entity declarations outside a DOCTYPE are not XML, but strip them too rather than trust the parser. */
const ENTITY_DECLARATION = /<!ENTITY[\s\S]*?>/gi;

/**
 * Parses RSS (0.9x, 2.0), Atom, RDF (RSS 1.0) or JSON Feed text into Byline's shape, with links made
 * absolute against `feedUrl`, titles as plain text and dates as ISO strings. Undefined when the text is
 * not a feed at all (the caller says what it is instead).
 */
export function parseFeedText(text: string, feedUrl: string): ParsedFeed | undefined {
  const trimmed = text.replace(/^\uFEFF/, "").trimStart();
  let input: string | object = trimmed.replace(DOCTYPE, "").replace(ENTITY_DECLARATION, "");
  if (trimmed.startsWith("{")) {
    try {
      input = JSON.parse(trimmed) as object;
    } catch {
      return undefined;
    }
  }
  let parsed: { format: FeedFormat; feed: Record<string, unknown> };
  try {
    parsed = parseFeed(input, { maxItems: MAX_ITEMS }) as unknown as typeof parsed;
  } catch {
    return undefined; // feedsmith's DetectError / ParseError: not a feed it recognises
  }
  const { format, feed } = parsed;
  const raw = (format === "atom" ? feed.entries : feed.items) as Record<string, unknown>[] | undefined;
  const entries = (raw ?? []).map((item) => entryOf(format, item, feedUrl));
  const title = plain(format === "atom" ? textOf(feed.title) : str(feed.title));
  return { format, ...(title ? { title } : {}), entries };
}

function entryOf(format: FeedFormat, item: Record<string, unknown>, feedUrl: string): FeedEntry {
  let guid: string | undefined;
  let link: string | undefined;
  let title: string | undefined;
  let summary: string | undefined;
  let date: string | undefined;
  switch (format) {
    case "atom": {
      guid = str(item.id);
      const links = (item.links as { href?: string; rel?: string }[] | undefined) ?? [];
      link = (links.find((l) => !l.rel || l.rel === "alternate") ?? links[0])?.href;
      title = textOf(item.title);
      summary = textOf(item.summary) ?? textOf(item.content);
      date = str(item.published) ?? str(item.updated);
      break;
    }
    case "json": {
      guid = str(item.id);
      link = str(item.url) ?? str(item.external_url);
      title = str(item.title);
      summary = str(item.summary) ?? str(item.content_text) ?? str(item.content_html);
      date = str(item.date_published) ?? str(item.date_modified);
      break;
    }
    default: {
      // RSS and RDF (feedsmith maps RSS 0.9x/1.0 names to the RSS 2.0 ones).
      const g = item.guid as { value?: string; isPermaLink?: boolean } | string | undefined;
      guid = typeof g === "string" ? g : g?.value;
      link = str(item.link) ?? (typeof g === "object" && g?.isPermaLink !== false ? g?.value : undefined);
      if (format === "rdf") guid ??= str((item.rdf as { about?: string } | undefined)?.about);
      title = str(item.title);
      summary = str(item.description) ?? str((item.content as { encoded?: string } | undefined)?.encoded);
      const dc = item.dc as { dates?: string[]; date?: string } | undefined;
      date = str(item.pubDate) ?? dc?.dates?.[0] ?? str(dc?.date);
    }
  }
  const plainTitle = plain(title);
  const absolute = link ? absoluteUrl(link.trim(), feedUrl) : undefined;
  const publishedAt = isoDate(date);
  const body = plain(summary) ?? "";
  const entry: FeedEntry = {
    contentHash: createHash("sha256")
      .update(`${plainTitle ?? ""}\n${body || absolute || guid || ""}`)
      .digest("hex"),
  };
  if (guid?.trim()) entry.guid = guid.trim();
  if (absolute) entry.link = absolute;
  if (plainTitle) entry.title = plainTitle;
  if (publishedAt) entry.publishedAt = publishedAt;
  return entry;
}

/** Atom text constructs come as `{ value, type }`. */
function textOf(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && "value" in value) return str((value as { value: unknown }).value);
  return undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === "string" && value.trim()
    ? value
    : typeof value === "number"
      ? String(value)
      : undefined;
}

/** Markup and entities out, whitespace folded: titles are shown as plain text. */
function plain(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const text = decodeHTML(value.replace(/<[^>]*>/g, " "))
    .replace(/\s+/g, " ")
    .trim();
  return text || undefined;
}

function absoluteUrl(link: string, base: string): string | undefined {
  try {
    const url = new URL(link, base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function isoDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const time = Date.parse(value.trim());
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}
