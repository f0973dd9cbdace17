import {
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type MessageContextMenuCommandInteraction,
  MessageFlags,
  type ModalSubmitInteraction,
  type RepliableInteraction,
} from "discord.js";
import { UserError } from "../library/errors.ts";
import type { IngestInput } from "../library/library.ts";
import { SAMPLES_SCOPE } from "../library/library.ts";
import type { AttachmentLike } from "./attachments.ts";
import { audit } from "./audit.ts";
import { respondWithin } from "./autocomplete.ts";
import { truncate } from "./limits.ts";
import { escapeText } from "./markdown.ts";
import { isModerator, requireModerator } from "./moderators.ts";
import { renderAdded, renderArticlePages, renderListPages } from "./render-articles.ts";
import { editOptions } from "./reply.ts";
import { scopeOf } from "./scope.ts";
import type { BotContext } from "./types.ts";

/**
 * The /article subcommands' orchestration. Every entry point is moderator-only and guild-only
 * (requireModerator); replies are ephemeral, since they are management chatter.
 */

export async function addArticle(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const guildId = requireModerator(interaction, ctx.config.MODERATOR_ROLE_ID);
  const url = interaction.options.getString("url")?.trim() || undefined;
  const file = interaction.options.getAttachment("file");
  const title = interaction.options.getString("title")?.trim() || undefined;
  if (url && file) throw new UserError("BAD_USAGE", "Give a URL or a file, not both.");
  if (!url && !file) {
    // Nothing to fetch: open the paste form. Showing a modal is itself the response, so no defer.
    await ctx.modals.show(interaction, {
      ownerId: interaction.user.id,
      title: "Paste an article",
      onSubmit: (modal, values) =>
        addPasted(modal, ctx, { kind: "text", text: values.text }, values.title || title),
    });
    return;
  }
  await addFromSource(interaction, ctx, guildId, file ? { file } : { url: url! }, title);
}

/**
 * "Add to Byline" (right-click a message → Apps): adds the message's first link, or if it has none its
 * first attachment, exactly as /article add would add that URL or file (same checks, limits, audit
 * line and reply). The message comes with the interaction, so no message-content intent is needed.
 */
export async function addFromMessage(
  interaction: MessageContextMenuCommandInteraction,
  ctx: BotContext,
): Promise<void> {
  const guildId = requireModerator(interaction, ctx.config.MODERATOR_ROLE_ID);
  const message = interaction.targetMessage;
  const url = firstLink(message.content);
  const file = message.attachments.first();
  if (!url && !file) {
    throw new UserError(
      "BAD_USAGE",
      "That message has no link or attached file to add. Use /article add to paste the text instead.",
    );
  }
  await addFromSource(interaction, ctx, guildId, url ? { url } : { file: file! });
}

/** The first http(s) link in message text: bare, in <…> (embed suppressed) or as [text](link). */
export function firstLink(content: string): string | undefined {
  const match = /https?:\/\/[^\s<>]+/i.exec(content);
  if (!match) return undefined;
  let url = match[0];
  // Trailing punctuation ends the sentence, not the URL (nor do Markdown's **, ~~ and ||spoiler||
  // marks); a ")" closes Markdown's [text](link) unless
  // the URL opened it (".../Harbour_(ferry)").
  for (;;) {
    const trimmed = url.replace(/[.,;:!?'"\]|*~]+$/, "");
    const unbalanced = trimmed.endsWith(")") && count(trimmed, "(") < count(trimmed, ")");
    const next = unbalanced ? trimmed.slice(0, -1) : trimmed;
    if (next === url) return url;
    url = next;
  }
}

const count = (text: string, char: string) => text.split(char).length - 1;

/** The steps an add from a URL or a file takes, whichever command asked: limits, defer, fetch, add. */
async function addFromSource(
  interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction,
  ctx: BotContext,
  guildId: string,
  source: { url: string } | { file: AttachmentLike },
  title?: string,
): Promise<void> {
  ctx.addLimits.takeAdd(guildId);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  await ctx.addLimits.assertRoom(ctx.library, guildId);
  const input: IngestInput =
    "file" in source ? await ctx.downloadAttachment(source.file) : { kind: "url", url: source.url };
  await addAndReport(interaction, ctx, guildId, input, title);
}

async function addPasted(
  modal: ModalSubmitInteraction,
  ctx: BotContext,
  input: IngestInput,
  title: string | undefined,
): Promise<void> {
  // Permissions may have changed while the form was open.
  const guildId = requireModerator(modal, ctx.config.MODERATOR_ROLE_ID);
  ctx.addLimits.takeAdd(guildId);
  await modal.deferReply({ flags: MessageFlags.Ephemeral });
  await ctx.addLimits.assertRoom(ctx.library, guildId);
  await addAndReport(modal, ctx, guildId, input, title);
}

async function addAndReport(
  interaction: RepliableInteraction,
  ctx: BotContext,
  guildId: string,
  input: IngestInput,
  title: string | undefined,
): Promise<void> {
  const result = await ctx.library.add(guildId, { input, title, addedBy: interaction.user.id });
  audit(ctx.logger, {
    action: result.duplicate ? "article.add.duplicate" : "article.add",
    guildId,
    userId: interaction.user.id,
    articleId: result.articleId,
    title: result.title,
    source: result.source,
  });
  await interaction.editReply(editOptions({ embeds: [renderAdded(result)] }));
}

export async function listArticles(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const guildId = requireModerator(interaction, ctx.config.MODERATOR_ROLE_ID);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const articles = await ctx.library.list(guildId);
  await ctx.pages.send(interaction, {
    command: "article list",
    ownerId: interaction.user.id,
    pages: renderListPages(articles),
    moreLabel: "Next ▶",
  });
}

export async function showArticle(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const guildId = requireModerator(interaction, ctx.config.MODERATOR_ROLE_ID);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const article = await ctx.library.get(guildId, interaction.options.getString("article", true));
  await ctx.pages.send(interaction, {
    command: "article show",
    ownerId: interaction.user.id,
    pages: renderArticlePages(article),
    moreLabel: "Next ▶",
  });
}

export async function removeArticle(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
): Promise<void> {
  const guildId = requireModerator(interaction, ctx.config.MODERATOR_ROLE_ID);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const article = await ctx.library.get(guildId, interaction.options.getString("article", true));
  if (article.scope === SAMPLES_SCOPE) {
    throw new UserError(
      "READ_ONLY",
      "That is a bundled sample, shared by every server; it can't be removed.",
    );
  }
  const title = escapeText(truncate(article.title, 200));
  await ctx.confirmations.ask(interaction, {
    ownerId: interaction.user.id,
    confirmLabel: "Remove it",
    prompt: {
      title: "Remove this article?",
      description: `**${title}**\n\`${article.id}\` · ${article.paragraphs.length} ¶\n\nIt stops being searched at once. This can't be undone (add it again to restore it).`,
      color: 0xed4245,
    },
    run: async (button) => {
      requireModerator(button, ctx.config.MODERATOR_ROLE_ID);
      const removed = await ctx.library.remove(guildId, article.id, button.user.id);
      audit(ctx.logger, {
        action: "article.remove",
        guildId,
        userId: button.user.id,
        articleId: removed.id,
        title: removed.title,
      });
      await button.editReply(
        editOptions({
          content: `Removed **${escapeText(truncate(removed.title, 200))}** (\`${removed.id}\`).`,
          embeds: [],
          components: [],
        }),
      );
    },
  });
}

export async function exportFeedback(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
): Promise<void> {
  const guildId = requireModerator(interaction, ctx.config.MODERATOR_ROLE_ID);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const { jsonl, count } = await ctx.feedback.exportGuild(guildId);
  if (count === 0) {
    await interaction.editReply(editOptions({ content: "No 👍/👎 feedback on answers in this server yet." }));
    return;
  }
  await interaction.editReply(
    editOptions({
      content: `${count} vote${count === 1 ? "" : "s"} on /ask answers, one JSON object a line (question, passages shown, vote, user id).`,
      files: [{ attachment: Buffer.from(jsonl, "utf8"), name: `byline-feedback-${guildId}.jsonl` }],
    }),
  );
}

/** Article choices for show (this server's and the samples) and remove (this server's own only). */
export async function suggestArticles(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const guildId = interaction.guildId;
  if (!guildId || !isModerator(interaction, ctx.config.MODERATOR_ROLE_ID)) {
    await interaction.respond([]);
    return;
  }
  const ownOnly = interaction.options.getSubcommand(false) === "remove";
  const typed = interaction.options.getFocused().trim().toLowerCase();
  const choices = ctx.library.list(scopeOf(interaction)).then((articles) =>
    articles
      .filter((a) => !ownOnly || a.scope === guildId)
      .filter((a) => !typed || a.title.toLowerCase().includes(typed) || a.articleId.startsWith(typed))
      .map((a) => ({
        name: `${truncate(a.title, 80)} · ${a.articleId}${a.scope === SAMPLES_SCOPE ? " (sample)" : ""}`,
        value: a.articleId,
      })),
  );
  await respondWithin(interaction, choices);
}
