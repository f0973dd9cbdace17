import { parseHTML } from "linkedom";

/** Media types a page uses to advertise its feeds (`<link rel="alternate" type=…>`). */
const FEED_TYPES = new Set([
  "application/rss+xml",
  "application/atom+xml",
  "application/rdf+xml",
  "application/feed+json",
  "application/json",
]);

export interface AdvertisedFeed {
  url: string;
  title?: string;
}

/**
 * The feeds an HTML page advertises in its head (`<link rel="alternate" type="application/rss+xml"
 * href=…>`), resolved against the page's address, without duplicates, at most 10.
 */
export function advertisedFeeds(html: string, pageUrl: string): AdvertisedFeed[] {
  const { document } = parseHTML(html);
  const found = new Map<string, AdvertisedFeed>();
  for (const link of document.querySelectorAll("link[rel][href]")) {
    const rel = (link.getAttribute("rel") ?? "").toLowerCase().split(/\s+/);
    const type = (link.getAttribute("type") ?? "").toLowerCase().split(";")[0]!.trim();
    if (!rel.includes("alternate") || !FEED_TYPES.has(type)) continue;
    let url: URL;
    try {
      url = new URL(link.getAttribute("href") ?? "", pageUrl);
    } catch {
      continue;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") continue;
    const title = link.getAttribute("title")?.trim();
    if (!found.has(url.href)) found.set(url.href, title ? { url: url.href, title } : { url: url.href });
    if (found.size === 10) break;
  }
  return [...found.values()];
}
