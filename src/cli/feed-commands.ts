import { UserError } from "../library/errors.ts";
import type { FeedSubscription, Library, PollResult } from "../library/library.ts";

/** `feed add|list|remove|poll`: the CLI side of feed subscriptions (the bot's /feed, per scope). */
export interface FeedArgs {
  scope: string;
  args: string[];
  channel?: string;
  every?: number;
}

export interface FeedOutput {
  json: unknown;
  text: string;
  status: number;
}

export async function runFeedCommand(library: Library, p: FeedArgs): Promise<FeedOutput> {
  const [verb, ...rest] = p.args;
  switch (verb) {
    case "add": {
      if (rest.length !== 1) throw usage("feed add takes one feed address.");
      const result = await library.feeds.subscribe(p.scope, {
        url: rest[0]!,
        addedBy: "cli",
        ...(p.channel ? { channelId: p.channel } : {}),
        ...(p.every !== undefined ? { intervalMinutes: p.every } : {}),
      });
      const verbText = result.outcome === "added" ? "Subscribed to" : "Updated";
      return {
        json: { outcome: result.outcome, feed: feedJson(result.feed), pending: result.pending },
        text: `${verbText} "${result.feed.title}" [${result.feed.id}] (${result.feed.format}, every ${result.feed.intervalMinutes} min): ${result.pending} ${result.pending === 1 ? "story" : "stories"} to add; run "feed poll" to add them now.`,
        status: 0,
      };
    }
    case "list": {
      if (rest.length !== 0) throw usage("feed list takes no arguments.");
      const feeds = await library.feeds.list(p.scope);
      return {
        json: { feeds: feeds.map(feedJson) },
        text:
          feeds.length === 0 ? "No feeds yet: add one with feed add <url>." : feeds.map(feedLine).join("\n"),
        status: 0,
      };
    }
    case "remove": {
      if (rest.length !== 1) throw usage("feed remove takes a feed id or address.");
      const removed = await library.feeds.unsubscribe(p.scope, rest[0]!);
      return {
        json: { feedId: removed.id, url: removed.url, removed: true },
        text: `Stopped following "${removed.title}" [${removed.id}]; the articles it added stay.`,
        status: 0,
      };
    }
    case "poll": {
      if (rest.length > 1) throw usage("feed poll takes at most one feed id.");
      const feeds = await library.feeds.list(p.scope);
      const chosen = rest[0] ? feeds.filter((f) => f.id === rest[0] || f.url === rest[0]) : feeds;
      if (rest[0] && chosen.length === 0)
        throw new UserError(
          "NOT_FOUND",
          `No feed ${JSON.stringify(rest[0])} in this library; see feed list.`,
        );
      const polls: PollResult[] = [];
      for (const feed of chosen) polls.push(await library.feeds.poll(p.scope, feed.id, { force: true }));
      return {
        json: { polls: polls.map(pollJson) },
        text: polls.length === 0 ? "No feeds to poll." : polls.map(pollLine).join("\n"),
        status: polls.some((r) => r.fetch === "failed") ? 1 : 0,
      };
    }
    default:
      throw usage(`feed needs add, list, remove or poll${verb ? `, not "${verb}"` : ""}.`);
  }
}

function feedJson(feed: FeedSubscription) {
  const count = (status: string) => feed.items.filter((i) => i.status === status).length;
  const waiting = feed.items.find((i) => i.status === "pending" && i.waiting)?.waiting;
  return {
    id: feed.id,
    url: feed.url,
    title: feed.title,
    format: feed.format,
    intervalMinutes: feed.intervalMinutes,
    ...(feed.channelId ? { channelId: feed.channelId } : {}),
    ...(feed.lastPolledAt ? { lastPolledAt: feed.lastPolledAt } : {}),
    nextPollAt: feed.nextPollAt,
    failures: feed.failures,
    ...(feed.lastError ? { lastError: feed.lastError } : {}),
    ...(feed.paused ? { paused: feed.paused } : {}),
    items: {
      pending: count("pending"),
      added: count("added"),
      duplicate: count("duplicate"),
      failed: count("failed"),
      skipped: count("skipped"),
    },
    ...(waiting ? { waiting } : {}),
  };
}

function feedLine(feed: FeedSubscription): string {
  const j = feedJson(feed);
  const state = feed.paused
    ? `PAUSED: ${feed.paused.reason}`
    : feed.lastError
      ? `failing (${feed.failures}): ${feed.lastError}`
      : `next poll ${feed.nextPollAt}`;
  return `[${feed.id}] ${feed.title} (${feed.format}, every ${feed.intervalMinutes} min) ${feed.url}\n  ${j.items.added} added, ${j.items.pending} pending${j.waiting ? ` (${j.waiting})` : ""}, ${j.items.failed} failed; ${state}`;
}

function pollJson(r: PollResult) {
  return {
    feedId: r.feedId,
    fetch: r.fetch,
    newItems: r.newItems,
    added: r.added.map((a) => ({ articleId: a.articleId, title: a.title, link: a.link })),
    duplicates: r.duplicates,
    failed: r.failed,
    waiting: r.waiting,
    ...(r.error ? { error: r.error } : {}),
    ...(r.pausedNow ? { paused: r.pausedNow.reason } : {}),
  };
}

function pollLine(r: PollResult): string {
  if (r.fetch === "failed") return `[${r.feedId}] failed: ${r.error}${r.pausedNow ? " (now paused)" : ""}`;
  const added = r.added.map((a) => `\n  + "${a.title}" [${a.articleId}] ${a.link}`).join("");
  const fetched = r.fetch === "not-modified" ? "unchanged (304)" : `${r.newItems} new`;
  return `[${r.feedId}] ${fetched}; ${r.added.length} added, ${r.duplicates} already known, ${r.failed} failed, ${r.waiting} waiting${added}`;
}

function usage(message: string): UserError {
  return new UserError("BAD_USAGE", message);
}
