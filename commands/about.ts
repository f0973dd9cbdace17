import { MessageFlags, type RESTPostAPIApplicationCommandsJSONBody } from "discord.js";
import { IN_SERVERS_AND_DMS } from "../src/discord/availability.ts";
import { renderAbout } from "../src/discord/render-info.ts";
import { editOptions } from "../src/discord/reply.ts";
import { scopeOf } from "../src/discord/scope.ts";
import type { Command } from "../src/discord/types.ts";

const data = {
  name: "about",
  description: "How many articles Byline knows here, which model it uses, and its version.",
  ...IN_SERVERS_AND_DMS,
} as const satisfies RESTPostAPIApplicationCommandsJSONBody;

export default {
  data,
  async execute(interaction, ctx) {
    // Naming the model may load it (seconds on a cold start).
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const stats = await ctx.library.stats(scopeOf(interaction));
    const model = await ctx.library.model().catch(() => undefined);
    const embed = renderAbout({
      ...stats,
      model,
      version: ctx.version,
      inGuild: interaction.guildId !== null,
    });
    await interaction.editReply(editOptions({ embeds: [embed] }));
  },
} satisfies Command;
