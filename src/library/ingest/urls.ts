/** URL parsing and canonicalisation shared by the fetcher, the HTML parser and the ingest entry point. */
import { quoteValue, UserError } from "../errors.ts";

/**
 * Query parameters that only say how a reader arrived (campaign tags, click ids). Two links to the same
 * story that differ only in these are the same article for duplicate detection.
 */
const TRACKING_PARAM = /^(?:utm_\w+|fbclid|gclid|gclsrc|dclid|msclkid|mc_cid|mc_eid|igshid|yclid)$/i;

/**
 * Parses a user-supplied http(s) URL, with a UserError for anything else. Credentials in the URL are
 * refused: they would end up stored as the article's source and shown to everyone.
 */
export function parseHttpUrl(raw: string, context = "The link"): URL {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch (cause) {
    throw new UserError(
      "BAD_URL",
      `${context} ${quoteValue(text)} is not a valid URL: give a full web address such as "https://example.com/news/story".`,
      { cause },
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UserError(
      "BAD_URL",
      `${context} ${quoteValue(text)} uses "${url.protocol}", which Byline does not fetch: only http:// and https:// web pages can be added (save other documents as .txt, .md or .html and add the file).`,
    );
  }
  if (url.username || url.password) {
    throw new UserError(
      "BAD_URL",
      `${context} ${quoteValue(text)} contains a user name or password: give the article's public address without credentials.`,
    );
  }
  return url;
}

/**
 * The canonical form of an http(s) URL: resolved against `base`, without fragment, credentials or
 * tracking parameters. Undefined when `raw` is not an http(s) URL.
 */
export function canonicalizeUrl(raw: string, base?: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim(), base);
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  url.hash = "";
  url.username = "";
  url.password = "";
  const tracking = [...url.searchParams.keys()].filter((key) => TRACKING_PARAM.test(key));
  // Only rewrite the query when there is something to drop: URLSearchParams re-encodes what it touches.
  for (const key of tracking) url.searchParams.delete(key);
  return url.href;
}

/** A URL without fragment, for comparing redirect hops. */
export function withoutFragment(url: URL): string {
  const copy = new URL(url.href);
  copy.hash = "";
  return copy.href;
}
