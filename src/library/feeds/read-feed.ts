import { quoteValue, UserError } from "../errors.ts";
import { decodeDocument } from "../ingest/charset.ts";
import { type FetchOptions, fetchIfChanged, type Validators } from "../ingest/fetch-url.ts";
import type { ParsedFeed } from "./types.ts";

/** What a feed URL may be served as. HTML is accepted so a page's advertised feeds can be named. */
export const FEED_MEDIA_TYPES = [
  "application/rss+xml",
  "application/atom+xml",
  "application/rdf+xml",
  "application/feed+json",
  "application/json",
  "application/xml",
  "text/xml",
  "text/plain",
  "text/html",
  "application/xhtml+xml",
];

export type FeedRead =
  | { changed: false; finalUrl: string }
  | { changed: true; finalUrl: string; feed: ParsedFeed; validators: Validators; bytes: number };

/**
 * Fetches a feed through the same guarded path as articles (SSRF check on every hop, deadline, size
 * cap), conditionally when `validators` are given, and parses it. A page that is not a feed is a
 * NOT_A_FEED UserError naming what was found, and the feeds an HTML page advertises.
 */
export async function readFeed(
  url: string,
  validators: Validators,
  options: FetchOptions,
): Promise<FeedRead> {
  const fetched = await fetchIfChanged(url, validators, { ...options, accept: FEED_MEDIA_TYPES });
  if ("notModified" in fetched) return { changed: false, finalUrl: fetched.finalUrl };
  const what = quoteValue(fetched.finalUrl);
  const charset = fetched.charset ?? xmlDeclaredEncoding(fetched.bytes);
  const html = fetched.contentType === "text/html" || fetched.contentType === "application/xhtml+xml";
  const { text } = decodeDocument(fetched.bytes, { ...(charset ? { charset } : {}), html, what });
  // The parser (feedsmith) and the HTML reader (linkedom) load on the first feed read, not with the
  // library: every process that opens a library (each /ask's cold start, the CLI) would pay for them.
  const { parseFeedText } = await import("./parse-feed.ts");
  const feed = parseFeedText(text, fetched.finalUrl);
  if (feed) {
    return {
      changed: true,
      finalUrl: fetched.finalUrl,
      feed,
      validators: fetched.validators,
      bytes: fetched.bytes.length,
    };
  }
  throw await notAFeed(what, text, fetched.finalUrl, fetched.contentType);
}

async function notAFeed(
  what: string,
  text: string,
  finalUrl: string,
  contentType: string,
): Promise<UserError> {
  const start = text.trimStart().slice(0, 512).toLowerCase();
  const isHtml = /^(?:<!doctype html|<html|<head|<body)/.test(start) || contentType === "text/html";
  if (isHtml) {
    const { advertisedFeeds } = await import("./discover.ts");
    const feeds = advertisedFeeds(text, finalUrl);
    if (feeds.length > 0) {
      const list = feeds.map((f) => (f.title ? `${f.url} (${f.title})` : f.url)).join(", ");
      return new UserError(
        "NOT_A_FEED",
        `${what} is a web page, not a feed. This page links to these feeds: ${list}. Subscribe to one of those.`,
      );
    }
    return new UserError(
      "NOT_A_FEED",
      `${what} is a web page, not a feed, and it advertises none. Look on the site for an RSS or Atom link (often /feed, /rss or /atom.xml); to add this one story, use /article add.`,
    );
  }
  const found =
    start.startsWith("{") || start.startsWith("[")
      ? "JSON that is not a JSON Feed (no version https://jsonfeed.org/version/1.x and items)"
      : start.startsWith("<")
        ? `XML that is not RSS, Atom or RDF (it starts ${quoteValue(text.trimStart().slice(0, 60))})`
        : `${quoteValue(contentType)} text that is not a feed`;
  return new UserError(
    "NOT_A_FEED",
    `${what} is ${found}. Give the address of an RSS, Atom, RDF or JSON feed.`,
  );
}

/** The encoding an XML declaration names (`<?xml version="1.0" encoding="ISO-8859-1"?>`), if any. */
export function xmlDeclaredEncoding(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 200)).toString("latin1");
  return /^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1];
}
