import { type BaseInteraction, GuildMember, PermissionFlagsBits } from "discord.js";
import { UserError } from "../library/errors.ts";

/**
 * Article management is for moderators. Discord already hides the commands from members without
 * Manage Server (`default_member_permissions` in the command data), but server admins can override
 * that per command, so the bot checks again on every use: Manage Server (Administrator implies it) or
 * the optional MODERATOR_ROLE_ID. Returns the guild id the command runs in.
 */
export function requireModerator(
  interaction: BaseInteraction,
  moderatorRoleId: string | undefined,
  what: "articles" | "feeds" = "articles",
): string {
  const guildId = interaction.guildId;
  if (!guildId || !interaction.member) {
    const name = what === "articles" ? "Article" : "Feed";
    throw new UserError("FORBIDDEN", `${name} management works only inside a server.`);
  }
  if (isModerator(interaction, moderatorRoleId)) return guildId;
  const role = moderatorRoleId ? " or the moderator role" : "";
  throw new UserError(
    "FORBIDDEN",
    `Only moderators can manage ${what}: you need the Manage Server permission${role}.`,
  );
}

export function isModerator(interaction: BaseInteraction, moderatorRoleId: string | undefined): boolean {
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return true;
  if (!moderatorRoleId) return false;
  const member = interaction.member;
  // A cached guild gives a GuildMember; otherwise the raw API member, whose roles are an id array.
  if (member instanceof GuildMember) return member.roles.cache.has(moderatorRoleId);
  return Array.isArray(member?.roles) && member.roles.includes(moderatorRoleId);
}
