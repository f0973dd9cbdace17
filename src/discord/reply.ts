import {
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  MessageFlags,
  type MessageMentionOptions,
  type RepliableInteraction,
} from "discord.js";
import { fitContent } from "./limits.ts";

/**
 * Sent with every reply (and set as the client default): article text quoting "@everyone" or "<@123>"
 * must never ping anyone, and neither must a user's own input echoed back.
 */
export const NO_MENTIONS: MessageMentionOptions = { parse: [] };

/** An ephemeral text reply (errors, refusals, confirmations only the user needs to see). */
export function ephemeral(content: string): InteractionReplyOptions & { flags: MessageFlags.Ephemeral } {
  return { content: fitContent(content), flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS };
}

/** Replies ephemerally whatever state the interaction is in (fresh, deferred, or already answered). */
export async function sendEphemeral(interaction: RepliableInteraction, content: string): Promise<void> {
  const options = ephemeral(content);
  if (!interaction.deferred && !interaction.replied) {
    await interaction.reply(options);
  } else if (interaction.deferred && !interaction.replied && interaction.ephemeral) {
    await interaction.editReply(editOptions({ content: options.content, embeds: [], components: [] }));
  } else {
    await interaction.followUp(options);
  }
}

/** Edit options with the mention guard added. */
export function editOptions(options: InteractionEditReplyOptions): InteractionEditReplyOptions {
  return { ...options, allowedMentions: NO_MENTIONS };
}
