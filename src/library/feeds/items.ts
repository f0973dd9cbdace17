import { canonicalizeUrl } from "../ingest/urls.ts";
import type { FeedEntry, FeedItemState, FeedSubscription } from "./types.ts";

/** Items kept per feed once they have left the feed's listing (the newest are kept). */
const KEPT_ITEMS = 1000;

/**
 * The entries not seen before, as new pending items, oldest first. An entry is the same item as a
 * known one when its guid, its canonical link or its content hash matches: feeds that re-issue guids,
 * add tracking parameters or move a story to a new address do not make it new.
 */
export function newItemsFrom(
  entries: FeedEntry[],
  known: FeedItemState[],
  feedUrl: string,
  at: string,
): FeedItemState[] {
  const guids = new Set<string>();
  const urls = new Set<string>();
  const hashes = new Set<string>();
  const remember = (item: Pick<FeedItemState, "guid" | "url" | "contentHash">) => {
    if (item.guid) guids.add(item.guid);
    if (item.url) urls.add(item.url);
    hashes.add(item.contentHash);
  };
  for (const item of known) remember(item);
  const fresh: FeedItemState[] = [];
  // Feeds list newest first; adding oldest first keeps the library (and the notices) in story order.
  for (const entry of [...entries].reverse()) {
    const link = entry.link ? canonicalizeUrl(entry.link, feedUrl) : undefined;
    const seen =
      (entry.guid !== undefined && guids.has(entry.guid)) ||
      (link !== undefined && urls.has(link)) ||
      hashes.has(entry.contentHash);
    if (seen) continue;
    const item: FeedItemState = {
      ...(entry.guid ? { guid: entry.guid } : {}),
      ...(link ? { url: link, link: new URL(entry.link!, feedUrl).href } : {}),
      contentHash: entry.contentHash,
      title: entry.title?.trim() || link || "(untitled)",
      ...(entry.publishedAt ? { publishedAt: entry.publishedAt } : {}),
      firstSeenAt: at,
      // An item with no link cannot be fetched: recorded (so it is not "new" again) but not added.
      status: link ? "pending" : "failed",
      attempts: 0,
      ...(link ? {} : { error: "the feed item has no link" }),
    };
    remember(item);
    fresh.push(item);
  }
  // The newest first, as the feed lists them (the backfill takes from the front).
  return fresh.reverse();
}

/** Pending items, oldest first (by date when the feed gives dates, else in the order first seen). */
export function pendingInOrder(items: FeedItemState[]): FeedItemState[] {
  const pending = items.filter((i) => i.status === "pending");
  return pending
    .map((item, index) => ({ item, index }))
    .sort((a, b) => {
      const ta = a.item.publishedAt ? Date.parse(a.item.publishedAt) : Number.NaN;
      const tb = b.item.publishedAt ? Date.parse(b.item.publishedAt) : Number.NaN;
      if (!Number.isNaN(ta) && !Number.isNaN(tb) && ta !== tb) return ta - tb;
      return b.index - a.index; // stored newest first: a higher index is older
    })
    .map(({ item }) => item);
}

/** Keeps the state bounded: pending items always, and the newest KEPT_ITEMS of the rest. */
export function pruneItems(feed: FeedSubscription): void {
  if (feed.items.length <= KEPT_ITEMS) return;
  let kept = 0;
  feed.items = feed.items.filter((item) => item.status === "pending" || kept++ < KEPT_ITEMS);
}
