import type { BaseInteraction } from "discord.js";

/**
 * The library scope a message is answered from. A server's articles are its own (scope = guild id); in
 * DMs the scope "dm" holds nothing and is never written, so only the shared samples are searched.
 */
export const DM_SCOPE = "dm";

export function scopeOf(interaction: BaseInteraction): string {
  return interaction.guildId ?? DM_SCOPE;
}
