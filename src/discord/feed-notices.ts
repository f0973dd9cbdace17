import { type Client, Routes } from "discord.js";
import type { PollResult } from "../library/library.ts";
import type { Logger } from "../library/log.ts";
import { audit } from "./audit.ts";
import { renderFeedNotice, renderPausedNotice } from "./render-feeds.ts";
import { NO_MENTIONS } from "./reply.ts";

/**
 * What a poll's outcome becomes on Discord: an audit line per article a feed added (as /article add
 * writes), one short notice per new article in the feed's channel, and the one-time notice when a
 * failing feed is paused. A notice that cannot be sent (channel deleted, permission removed) is logged
 * with the server and channel; the article stays added.
 */
export function feedNotifier(client: Client, logger: Logger): (result: PollResult) => Promise<void> {
  const send = async (guildId: string, channelId: string, content: string) => {
    try {
      // Straight to REST: the channel need not be cached (nor its server), and one request is enough.
      await client.rest.post(Routes.channelMessages(channelId), {
        body: { content, allowed_mentions: NO_MENTIONS },
      });
    } catch (error) {
      logger.warn({ err: error, guildId, channelId }, "could not post a feed notice");
    }
  };
  return async (result) => {
    for (const added of result.added) {
      audit(logger, {
        action: "feed.article.add",
        guildId: result.scope,
        userId: `feed:${result.feedId}`,
        feedId: result.feedId,
        articleId: added.articleId,
        title: added.title,
        source: added.link,
      });
      if (added.channelId) await send(result.scope, added.channelId, renderFeedNotice(added));
    }
    if (result.pausedNow) {
      logger.warn(
        { guildId: result.scope, feedId: result.feedId, reason: result.pausedNow.reason },
        "feed paused",
      );
      if (result.pausedNow.channelId) {
        await send(result.scope, result.pausedNow.channelId, renderPausedNotice(result.pausedNow));
      }
    }
  };
}

/** The shard a server's events go to: Discord's rule, `(guild_id >> 22) % shard_count`. */
export function shardOfGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}
