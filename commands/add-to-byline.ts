import { ApplicationCommandType, PermissionFlagsBits } from "discord.js";
import { addFromMessage } from "../src/discord/article-actions.ts";
import { IN_SERVERS_ONLY } from "../src/discord/availability.ts";
import type { MessageCommand } from "../src/discord/types.ts";

/**
 * Right-click a message → Apps → "Add to Byline": adds the link or file someone shared, without
 * retyping it into /article add. Moderators only, in servers only, like /article.
 */
export default {
  data: {
    type: ApplicationCommandType.Message,
    name: "Add to Byline",
    // Hidden from members without Manage Server; addFromMessage checks again.
    default_member_permissions: String(PermissionFlagsBits.ManageGuild),
    ...IN_SERVERS_ONLY,
  },
  execute: addFromMessage,
} satisfies MessageCommand;
