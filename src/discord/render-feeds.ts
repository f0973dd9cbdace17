import type { APIEmbed } from "discord.js";
import type { FeedNotice, FeedSubscription, SubscribeResult } from "../library/library.ts";
import { truncate } from "./limits.ts";
import { escapeText, linkTarget } from "./markdown.ts";
import type { Page } from "./pagination.ts";

const COLOR = 0xfee75c;
const FORMAT_NAMES = { rss: "RSS", atom: "Atom", rdf: "RDF", json: "JSON Feed" } as const;

/** /feed add's answer: what is followed, how often, what happens next. */
export function renderSubscribed(result: SubscribeResult): APIEmbed {
  const { feed } = result;
  const next =
    result.pending > 0
      ? `Its newest ${result.pending === 1 ? "story is" : `${result.pending} stories are`} being added now; new ones follow as they appear.`
      : "New stories are added as they appear.";
  const notices = feed.channelId
    ? `A notice for each new article goes to <#${feed.channelId}>.`
    : "No notices (give a channel to get one per new article).";
  return {
    title: result.outcome === "added" ? "Following a feed" : "Feed updated",
    description: `**${escapeText(truncate(feed.title, 200))}** (${FORMAT_NAMES[feed.format]}, \`${feed.id}\`)\n${urlLine(feed.url)}\n\nChecked every ${feed.intervalMinutes} min. ${next}\n${notices}`,
    color: COLOR,
  };
}

/** Feeds shown per page of /feed list (a block is up to ~900 characters; an embed holds 4,096). */
const FEEDS_PER_PAGE = 4;

/** /feed list: a block per feed with its health (paused, failing, waiting on limits), four a page. */
export function renderFeedPages(feeds: FeedSubscription[]): Page[] {
  if (feeds.length === 0) {
    return [
      {
        embeds: [
          {
            title: "Feeds",
            description: "This server follows no feeds. Add one with `/feed add`.",
            color: COLOR,
          },
        ],
      },
    ];
  }
  const count = Math.ceil(feeds.length / FEEDS_PER_PAGE);
  return Array.from({ length: count }, (_, i) => ({
    embeds: [
      {
        title: `Feeds (${feeds.length})`,
        description: feeds
          .slice(i * FEEDS_PER_PAGE, (i + 1) * FEEDS_PER_PAGE)
          .map(feedBlock)
          .join("\n\n"),
        color: COLOR,
        ...(count > 1 ? { footer: { text: `Page ${i + 1}/${count}` } } : {}),
      },
    ],
  }));
}

function feedBlock(feed: FeedSubscription): string {
  const added = feed.items.filter((i) => i.status === "added").length;
  const pending = feed.items.filter((i) => i.status === "pending");
  const waiting = pending.find((i) => i.waiting)?.waiting;
  const health = feed.paused
    ? `⏸️ **Paused**: ${escapeText(truncate(feed.paused.reason, 300))}\nAdd it again with \`/feed add\` to resume.`
    : feed.failures > 0
      ? `⚠️ ${feed.failures} failed ${feed.failures === 1 ? "check" : "checks"} in a row: ${escapeText(truncate(feed.lastError ?? "", 200))}`
      : `Next check <t:${Math.floor(Date.parse(feed.nextPollAt) / 1000)}:R>`;
  const queue =
    pending.length > 0 ? `, ${pending.length} waiting${waiting ? ` (${escapeText(waiting)})` : ""}` : "";
  const channel = feed.channelId ? ` · notices in <#${feed.channelId}>` : "";
  return `**${escapeText(truncate(feed.title, 120))}** · \`${feed.id}\` · every ${feed.intervalMinutes} min${channel}\n${urlLine(feed.url)}\n${added} added${queue}\n${health}`;
}

/** The channel notice for one new article: title, link, and how to ask about it. No mentions. */
export function renderFeedNotice(notice: FeedNotice): string {
  const link = linkTarget(notice.link);
  const title = escapeText(truncate(notice.title, 200));
  return truncate(
    `📰 New in Byline from ${escapeText(truncate(notice.feedTitle, 100))}: **${title}**${link ? `\n<${link}>` : ""}\nAsk about it with \`/ask\`.`,
    2000,
  );
}

/** Told once, when a feed is paused after failing again and again. */
export function renderPausedNotice(paused: { title: string; url: string; reason: string }): string {
  return truncate(
    `⏸️ Byline stopped checking the feed **${escapeText(truncate(paused.title, 100))}** (${escapeText(truncate(paused.url, 200))}): ${escapeText(truncate(paused.reason, 600))}\nA moderator can resume it with \`/feed add\` once the feed works again.`,
    2000,
  );
}

/** A feed's address as a link without a preview (or as text when it would not link). */
function urlLine(url: string): string {
  const target = linkTarget(url);
  return target ? `<${truncate(target, 300)}>` : escapeText(truncate(url, 300));
}
