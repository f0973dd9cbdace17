import type { Validators } from "../ingest/fetch-url.ts";

/** The syndication formats Byline reads. */
export type FeedFormat = "rss" | "atom" | "rdf" | "json";

/** One story a feed lists, as parsed (before Byline has looked at it). */
export interface FeedEntry {
  /** The item's own id (RSS guid, Atom id, JSON Feed id), if it has one. */
  guid?: string;
  /** The story's link, absolute (resolved against the feed's address). */
  link?: string;
  title?: string;
  /** ISO 8601, when the feed gave a date that parses. */
  publishedAt?: string;
  /** sha256 of the item's title and summary: the same story under a new id and link is still seen. */
  contentHash: string;
}

export interface ParsedFeed {
  format: FeedFormat;
  title?: string;
  /** Newest first, as feeds list them (the order is the feed's own). */
  entries: FeedEntry[];
}

export type ItemStatus =
  /** Seen, not added yet: it is added on this or a later poll (it waits while the library is full). */
  | "pending"
  /** Added to the library (`articleId`). */
  | "added"
  /** The library already had it (same text or same canonical link): nothing added. */
  | "duplicate"
  /** Listed before the subscription began, beyond the backfill: never added. */
  | "skipped"
  /** Could not be added (`error`), after retries for errors that may pass. */
  | "failed";

/** What Byline knows of one feed item: keyed by guid, canonical link and content hash. */
export interface FeedItemState {
  guid?: string;
  /** The canonical form of the item's link (tracking parameters and fragment dropped). */
  url?: string;
  /** The link as the feed gave it: what is fetched. */
  link?: string;
  contentHash: string;
  title: string;
  publishedAt?: string;
  firstSeenAt: string;
  status: ItemStatus;
  attempts: number;
  articleId?: string;
  addedAt?: string;
  error?: string;
  /** Why a pending item is waiting (the library is full, the hourly limit), for `feed list`. */
  waiting?: string;
}

/** One subscription of one scope (a server) to one feed. */
export interface FeedSubscription {
  /** Short and stable: derived from the feed's canonical address. */
  id: string;
  url: string;
  title: string;
  format: FeedFormat;
  /** Where a notice goes for each new article (a Discord channel id); none: no notices. */
  channelId?: string;
  addedBy: string;
  addedAt: string;
  intervalMinutes: number;
  validators: Validators;
  lastPolledAt?: string;
  nextPollAt: string;
  /** Failed polls in a row (0 after a success). */
  failures: number;
  lastError?: string;
  /** Set after FEED_MAX_FAILURES failed polls in a row; polling stops until the feed is added again. */
  paused?: { at: string; reason: string };
  items: FeedItemState[];
}

/** `scopes/<scope>/feeds.json`. */
export interface FeedsFile {
  format: 1;
  feeds: FeedSubscription[];
}
