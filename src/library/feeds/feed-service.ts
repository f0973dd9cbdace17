import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { isUserError, quoteValue, UserError } from "../errors.ts";
import type { FetchOptions } from "../ingest/fetch-url.ts";
import { canonicalizeUrl, parseHttpUrl } from "../ingest/urls.ts";
import { type Logger, silentLogger } from "../log.ts";
import { FeedFile } from "./feed-file.ts";
import { newItemsFrom, pendingInOrder, pruneItems } from "./items.ts";
import { readFeed } from "./read-feed.ts";
import {
  DEFAULT_INTERVAL_MINUTES,
  MAX_FAILURES,
  MAX_INTERVAL_MINUTES,
  MIN_INTERVAL_MINUTES,
  nextPollAfterFailure,
  nextPollAfterSuccess,
} from "./schedule.ts";
import type { FeedItemState, FeedSubscription } from "./types.ts";

export interface FeedServiceOptions {
  dataDir: string;
  /** Throws a UserError for a scope that cannot hold feeds (the read-only samples, a bad id). */
  checkScope?: (scope: string) => void;
  /** Adds one story to a scope (the library's add): the same path as `/article add <url>`. */
  addArticle: (scope: string, url: string, addedBy: string) => Promise<AddedArticle>;
  /** How many articles a scope keeps of its own (for `maxArticles`). */
  countArticles: (scope: string) => Promise<number>;
  /** How feeds are fetched (timeout, private addresses); `maxBytes` is `maxFeedBytes`. */
  fetch?: Omit<FetchOptions, "maxBytes" | "accept">;
  /** Largest feed document read, in bytes. Default 10 MB. */
  maxFeedBytes?: number;
  /** Articles a scope may keep (GUILD_MAX_ARTICLES): when full, new items wait. Default 500. */
  maxArticles?: number;
  /** Feed items a scope may add per hour (GUILD_ADDS_PER_HOUR), counted from the stored state. Default 30. */
  addsPerHour?: number;
  /** Items already listed when a feed is subscribed that are added (the newest). Default 3. */
  backfill?: number;
  /** Minutes between polls when a subscription names none. Default 15 (never below 5). */
  defaultIntervalMinutes?: number;
  /** Subscriptions one scope may hold. Default 20. */
  maxFeedsPerScope?: number;
  /** Items added per poll at most (the rest wait for the next poll, so a poll stays short). Default 10. */
  maxAddsPerPoll?: number;
  now?: () => number;
  random?: () => number;
  logger?: Logger;
}

export interface AddedArticle {
  articleId: string;
  title: string;
  duplicate: boolean;
}

export interface SubscribeRequest {
  url: string;
  channelId?: string;
  intervalMinutes?: number;
  addedBy: string;
}

export interface SubscribeResult {
  feed: FeedSubscription;
  /** "added": a new subscription; "updated": it existed (channel or interval changed, resumed if paused). */
  outcome: "added" | "updated";
  /** Items already listed that will be added (the backfill). */
  pending: number;
}

/** One article a poll added, with what a notice needs. */
export interface FeedNotice {
  scope: string;
  feedId: string;
  feedTitle: string;
  channelId?: string;
  articleId: string;
  title: string;
  link: string;
}

export interface PollResult {
  scope: string;
  feedId: string;
  /** "not-modified": a 304; "fetched": a new version read; "failed": the fetch or parse failed. */
  fetch: "not-modified" | "fetched" | "failed" | "skipped";
  /** Items seen for the first time in this poll. */
  newItems: number;
  added: FeedNotice[];
  duplicates: number;
  failed: number;
  /** Items still waiting (library full, hourly limit, or more than one poll's worth). */
  waiting: number;
  bytes: number;
  error?: string;
  /** Set when this poll paused the feed (the 5th failure in a row): tell its moderators, once. */
  pausedNow?: { reason: string; channelId?: string; title: string; url: string };
}

/** Error codes that will not pass by retrying: the item is marked failed at once. */
const PERMANENT = new Set([
  "BAD_URL",
  "FORBIDDEN_URL",
  "UNSUPPORTED_CONTENT",
  "TOO_LARGE",
  "NO_CONTENT",
  "EMPTY_INPUT",
  "BINARY_INPUT",
  "BAD_ENCODING",
]);
/** Attempts at an item whose errors may pass (timeouts, 5xx) before it is marked failed. */
const MAX_ITEM_ATTEMPTS = 3;
const HOUR_MS = 3600_000;

/**
 * Feed subscriptions per scope: subscribe, list, unsubscribe, poll. New items are added through the
 * library's own add (so the SSRF guard, the size cap and duplicate detection are the same as for
 * `/article add`), exactly once: an item is recorded as pending before it is added and as added after,
 * under the scope's feed lock, and the library refuses a second copy of a story it holds (same canonical
 * link or same text), so a process killed between the two writes re-finds it as a duplicate.
 */
export class FeedService {
  private readonly files = new Map<string, FeedFile>();
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly logger: Logger;
  constructor(private readonly options: FeedServiceOptions) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.logger = options.logger ?? silentLogger;
  }

  async subscribe(scope: string, request: SubscribeRequest): Promise<SubscribeResult> {
    const url = parseHttpUrl(request.url, "The feed address").href;
    const interval = this.checkedInterval(request.intervalMinutes);
    // Read it first: a page that is not a feed is refused before anything is stored.
    const read = await readFeed(url, {}, this.fetchOptions());
    if (!read.changed) throw new Error("unconditional fetch answered 304");
    const feedUrl = read.finalUrl;
    const id = feedIdOf(feedUrl);
    const now = this.now();
    return this.file(scope).update(async (state) => {
      const existing = state.feeds.find((f) => f.id === id || f.id === feedIdOf(url));
      if (existing) {
        if (request.channelId !== undefined) existing.channelId = request.channelId;
        if (request.intervalMinutes !== undefined) existing.intervalMinutes = interval;
        if (existing.paused) {
          delete existing.paused;
          existing.failures = 0;
          existing.nextPollAt = new Date(now).toISOString();
        }
        return { feed: existing, outcome: "updated" as const, pending: countPending(existing.items) };
      }
      const limit = this.options.maxFeedsPerScope ?? 20;
      if (state.feeds.length >= limit) {
        throw new UserError(
          "LIMIT",
          `This server already follows ${state.feeds.length} feeds, its limit (${limit}). Remove one first.`,
        );
      }
      const at = new Date(now).toISOString();
      const items = newItemsFrom(read.feed.entries, [], feedUrl, at);
      // The newest `backfill` stories are added; older ones were news before the subscription.
      let backfill = this.options.backfill ?? 3;
      for (const item of items) {
        if (item.link && backfill > 0) backfill--;
        else item.status = "skipped";
      }
      const feed: FeedSubscription = {
        id,
        url: feedUrl,
        title: read.feed.title?.trim() || new URL(feedUrl).hostname,
        format: read.feed.format,
        ...(request.channelId ? { channelId: request.channelId } : {}),
        addedBy: request.addedBy,
        addedAt: at,
        intervalMinutes: interval,
        validators: read.validators,
        lastPolledAt: at,
        // Due at once, so the backfill is added by the next scheduler pass, not in this command.
        nextPollAt: at,
        failures: 0,
        items,
      };
      state.feeds.push(feed);
      return { feed, outcome: "added" as const, pending: countPending(items) };
    });
  }

  async list(scope: string): Promise<FeedSubscription[]> {
    return (await this.file(scope).read()).feeds;
  }

  /** Removes a subscription by id or address; the articles it added stay in the library. */
  async unsubscribe(scope: string, idOrUrl: string): Promise<FeedSubscription> {
    const wanted = idOrUrl.trim();
    return this.file(scope).update(async (state) => {
      const canonical = canonicalizeUrl(wanted);
      const index = state.feeds.findIndex(
        (f) =>
          f.id === wanted ||
          f.url === wanted ||
          (canonical !== undefined && canonicalizeUrl(f.url) === canonical),
      );
      if (index < 0) {
        throw new UserError(
          "NOT_FOUND",
          `This server follows no feed ${quoteValue(wanted)}. See the list of feeds for their ids.`,
        );
      }
      return state.feeds.splice(index, 1)[0]!;
    });
  }

  /**
   * Takes over subscriptions exported from another host (the `import` command), with what they have
   * seen, so nothing is added again; a feed this scope already follows is kept as it is. Returns how
   * many were taken.
   */
  async adopt(scope: string, feeds: FeedSubscription[]): Promise<number> {
    if (feeds.length === 0) return 0;
    return this.file(scope).update(async (state) => {
      const known = new Set(state.feeds.map((f) => f.id));
      const fresh = feeds.filter((f) => !known.has(f.id));
      state.feeds.push(...fresh);
      return fresh.length;
    });
  }

  /** Scopes with a feed file, for the scheduler. */
  async scopes(): Promise<string[]> {
    const dir = path.join(this.options.dataDir, "scopes");
    const names = await fs.readdir(dir).catch(() => [] as string[]);
    const withFeeds = await Promise.all(
      names.map(async (name) =>
        (await fs.stat(path.join(dir, name, "feeds.json")).catch(() => undefined)) ? name : undefined,
      ),
    );
    return withFeeds.filter((name): name is string => name !== undefined).sort();
  }

  /** The feeds of `scope` due for a poll now (not paused, `nextPollAt` passed). */
  async due(scope: string): Promise<FeedSubscription[]> {
    const now = this.now();
    return (await this.list(scope)).filter((f) => !f.paused && Date.parse(f.nextPollAt) <= now);
  }

  /**
   * Polls one feed: a conditional GET, new items recorded, pending items added (oldest first, within
   * the limits). `force` polls even when not due or paused (`feed poll` from the CLI).
   */
  async poll(
    scope: string,
    feedId: string,
    options: {
      force?: boolean;
      /** Asked between articles: at shutdown a poll finishes the one it is adding, the rest stay pending. */
      shouldStop?: () => boolean;
    } = {},
  ): Promise<PollResult> {
    return this.file(scope).update(async (state, save) => {
      const feed = state.feeds.find((f) => f.id === feedId);
      const result: PollResult = {
        scope,
        feedId,
        fetch: "skipped",
        newItems: 0,
        added: [],
        duplicates: 0,
        failed: 0,
        waiting: 0,
        bytes: 0,
      };
      if (!feed) return result; // removed meanwhile
      const now = this.now();
      if (!options.force && (feed.paused || Date.parse(feed.nextPollAt) > now)) return result;
      await this.fetchInto(feed, result, now);
      const pending = pendingInOrder(feed.items);
      if (pending.length > 0) {
        // Recorded before any add: a crash from here on re-finds these items as pending. (With none,
        // update's own save at the end is the only write: a 304 round costs one write per feed.)
        await save();
        await this.addPending(scope, feed, pending, state.feeds, result, save, options.shouldStop);
      }
      pruneItems(feed);
      return result;
    });
  }

  private async fetchInto(feed: FeedSubscription, result: PollResult, now: number): Promise<void> {
    const at = new Date(now).toISOString();
    try {
      const read = await readFeed(feed.url, feed.validators, this.fetchOptions());
      feed.lastPolledAt = at;
      feed.failures = 0;
      delete feed.lastError;
      delete feed.paused;
      feed.nextPollAt = new Date(nextPollAfterSuccess(now, feed.intervalMinutes, this.random)).toISOString();
      if (!read.changed) {
        result.fetch = "not-modified";
        return;
      }
      result.fetch = "fetched";
      result.bytes = read.bytes;
      feed.validators = read.validators;
      if (read.feed.title?.trim()) feed.title = read.feed.title.trim();
      const fresh = newItemsFrom(read.feed.entries, feed.items, feed.url, at);
      result.newItems = fresh.length;
      feed.items = [...fresh, ...feed.items]; // newest first
    } catch (error) {
      if (!isUserError(error)) this.logger.error({ err: error, feed: feed.url }, "feed poll failed (a bug)");
      const message = isUserError(error) ? error.message : "an internal error (logged)";
      result.fetch = "failed";
      result.error = message;
      feed.failures += 1;
      feed.lastError = message;
      feed.lastPolledAt = at;
      feed.nextPollAt = new Date(
        nextPollAfterFailure(now, feed.intervalMinutes, feed.failures, this.random),
      ).toISOString();
      if (feed.failures >= MAX_FAILURES && !feed.paused) {
        const reason = `${feed.failures} polls in a row failed; the last: ${message}`;
        feed.paused = { at, reason };
        result.pausedNow = {
          reason,
          title: feed.title,
          url: feed.url,
          ...(feed.channelId ? { channelId: feed.channelId } : {}),
        };
      }
    }
  }

  private async addPending(
    scope: string,
    feed: FeedSubscription,
    pending: FeedItemState[],
    all: FeedSubscription[],
    result: PollResult,
    save: () => Promise<void>,
    shouldStop?: () => boolean,
  ): Promise<void> {
    let budget = this.options.maxAddsPerPoll ?? 10;
    for (const item of pending) {
      if (shouldStop?.()) break;
      const wait = budget <= 0 ? "more new stories than one poll adds" : await this.waitReason(scope, all);
      if (wait) {
        for (const rest of pendingInOrder(feed.items)) rest.waiting = wait;
        break;
      }
      budget--;
      delete item.waiting;
      await this.addItem(scope, feed, item, result);
      await save();
    }
    result.waiting = countPending(feed.items);
  }

  private async addItem(
    scope: string,
    feed: FeedSubscription,
    item: FeedItemState,
    result: PollResult,
  ): Promise<void> {
    item.attempts += 1;
    try {
      const added = await this.options.addArticle(scope, item.link!, `feed:${feed.id}`);
      item.articleId = added.articleId;
      item.addedAt = new Date(this.now()).toISOString();
      delete item.error;
      if (added.duplicate) {
        item.status = "duplicate";
        result.duplicates++;
        return;
      }
      item.status = "added";
      result.added.push({
        scope,
        feedId: feed.id,
        feedTitle: feed.title,
        ...(feed.channelId ? { channelId: feed.channelId } : {}),
        articleId: added.articleId,
        title: added.title,
        link: item.link!,
      });
    } catch (error) {
      if (!isUserError(error)) {
        this.logger.error(
          { err: error, feed: feed.url, link: item.link },
          "adding a feed item failed (a bug)",
        );
      }
      item.error = isUserError(error) ? error.message : "an internal error (logged)";
      const permanent = isUserError(error) && PERMANENT.has(error.code);
      if (permanent || item.attempts >= MAX_ITEM_ATTEMPTS) {
        item.status = "failed";
        result.failed++;
      }
    }
  }

  /** Why the next item must wait, or undefined when it may be added now (and counted). */
  private async waitReason(scope: string, feeds: FeedSubscription[]): Promise<string | undefined> {
    const maxArticles = this.options.maxArticles ?? 500;
    const own = await this.options.countArticles(scope);
    if (own >= maxArticles) {
      return `the library is full (${own} of ${maxArticles} articles); remove some and new stories are added`;
    }
    const perHour = this.options.addsPerHour ?? 30;
    const since = this.now() - HOUR_MS;
    const recent = feeds
      .flatMap((f) => f.items)
      .filter((i) => i.status === "added" && i.addedAt && Date.parse(i.addedAt) > since).length;
    if (recent >= perHour) return `the hourly limit (${perHour} adds) is reached; the rest follow`;
    return undefined;
  }

  private checkedInterval(minutes: number | undefined): number {
    const value = minutes ?? this.options.defaultIntervalMinutes ?? DEFAULT_INTERVAL_MINUTES;
    if (!Number.isInteger(value) || value < MIN_INTERVAL_MINUTES || value > MAX_INTERVAL_MINUTES) {
      throw new UserError(
        "BAD_USAGE",
        `A feed is polled every ${MIN_INTERVAL_MINUTES} to ${MAX_INTERVAL_MINUTES} minutes (whole minutes), not ${quoteValue(String(value))}.`,
      );
    }
    return value;
  }

  private fetchOptions(): FetchOptions {
    return { ...this.options.fetch, maxBytes: this.options.maxFeedBytes ?? 10 * 1024 * 1024 };
  }

  private file(scope: string): FeedFile {
    this.options.checkScope?.(scope);
    let file = this.files.get(scope);
    if (!file) {
      file = new FeedFile(this.options.dataDir, scope);
      this.files.set(scope, file);
    }
    return file;
  }
}

/** A feed's id: 8 hex digits of its canonical address's sha256 (stable across restarts and hosts). */
export function feedIdOf(url: string): string {
  return createHash("sha256")
    .update(canonicalizeUrl(url) ?? url)
    .digest("hex")
    .slice(0, 8);
}

function countPending(items: FeedItemState[]): number {
  return items.filter((i) => i.status === "pending").length;
}
