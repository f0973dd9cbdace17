import {
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  MessageFlags,
  PermissionFlagsBits,
} from "discord.js";
import { UserError } from "../library/errors.ts";
import { audit } from "./audit.ts";
import { respondWithin } from "./autocomplete.ts";
import { truncate } from "./limits.ts";
import { escapeText } from "./markdown.ts";
import { isModerator, requireModerator } from "./moderators.ts";
import { renderFeedPages, renderSubscribed } from "./render-feeds.ts";
import { editOptions } from "./reply.ts";
import type { BotContext } from "./types.ts";

/**
 * The /feed subcommands: moderator-only and guild-only, like /article, with ephemeral replies and an
 * audit line for every change. Polling itself runs in the background (FeedScheduler, bot.ts).
 */

export async function addFeed(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const guildId = requireModerator(interaction, ctx.config.MODERATOR_ROLE_ID, "feeds");
  const url = interaction.options.getString("url", true).trim();
  const channel = interaction.options.getChannel("channel");
  const every = interaction.options.getInteger("every") ?? undefined;
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  if (channel) assertCanPost(interaction, channel.id);
  const result = await ctx.library.feeds.subscribe(guildId, {
    url,
    addedBy: interaction.user.id,
    ...(channel ? { channelId: channel.id } : {}),
    ...(every !== undefined ? { intervalMinutes: every } : {}),
  });
  audit(ctx.logger, {
    action: result.outcome === "added" ? "feed.add" : "feed.update",
    guildId,
    userId: interaction.user.id,
    feedId: result.feed.id,
    title: result.feed.title,
    source: result.feed.url,
  });
  ctx.feedScheduler?.wake();
  await interaction.editReply(editOptions({ embeds: [renderSubscribed(result)] }));
}

export async function listFeeds(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const guildId = requireModerator(interaction, ctx.config.MODERATOR_ROLE_ID, "feeds");
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const feeds = await ctx.library.feeds.list(guildId);
  await ctx.pages.send(interaction, {
    command: "feed list",
    ownerId: interaction.user.id,
    pages: renderFeedPages(feeds),
    moreLabel: "Next ▶",
  });
}

export async function removeFeed(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const guildId = requireModerator(interaction, ctx.config.MODERATOR_ROLE_ID, "feeds");
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const removed = await ctx.library.feeds.unsubscribe(guildId, interaction.options.getString("feed", true));
  audit(ctx.logger, {
    action: "feed.remove",
    guildId,
    userId: interaction.user.id,
    feedId: removed.id,
    title: removed.title,
    source: removed.url,
  });
  await interaction.editReply(
    editOptions({
      content: `Stopped following **${escapeText(truncate(removed.title, 200))}** (\`${removed.id}\`). The articles it added stay; remove them with \`/article remove\`.`,
    }),
  );
}

/** Feed choices for /feed remove: this server's feeds, by title, address or id. */
export async function suggestFeeds(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const guildId = interaction.guildId;
  if (!guildId || !isModerator(interaction, ctx.config.MODERATOR_ROLE_ID)) {
    await interaction.respond([]);
    return;
  }
  const typed = interaction.options.getFocused().trim().toLowerCase();
  const choices = ctx.library.feeds
    .list(guildId)
    .then((feeds) =>
      feeds
        .filter(
          (f) =>
            !typed ||
            f.title.toLowerCase().includes(typed) ||
            f.url.toLowerCase().includes(typed) ||
            f.id.startsWith(typed),
        )
        .map((f) => ({ name: `${truncate(f.title, 70)} · ${f.id}`, value: f.id })),
    );
  await respondWithin(interaction, choices);
}

/**
 * Refuses a notice channel the bot cannot post in, when the permissions are known (the bot's own
 * member is cached with the Guilds intent). Unknown permissions are not a refusal: a failed notice is
 * logged and shown in /feed list.
 */
function assertCanPost(interaction: ChatInputCommandInteraction, channelId: string): void {
  const me = interaction.guild?.members.me;
  const channel = interaction.guild?.channels.cache.get(channelId);
  if (!me || !channel) return;
  const permissions = me.permissionsIn(channel);
  const needed = [PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessages];
  if (!needed.every((flag) => permissions.has(flag))) {
    throw new UserError(
      "FORBIDDEN",
      `Byline can't post in <#${channelId}>: give it View Channel and Send Messages there, or pick another channel.`,
    );
  }
}
