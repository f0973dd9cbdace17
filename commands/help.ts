import { MessageFlags, type RESTPostAPIApplicationCommandsJSONBody } from "discord.js";
import { IN_SERVERS_AND_DMS } from "../src/discord/availability.ts";
import { renderHelp } from "../src/discord/render-info.ts";
import { NO_MENTIONS } from "../src/discord/reply.ts";
import type { Command } from "../src/discord/types.ts";

const data = {
  name: "help",
  description: "What Byline does and how to use its commands.",
  ...IN_SERVERS_AND_DMS,
} as const satisfies RESTPostAPIApplicationCommandsJSONBody;

export default {
  data,
  async execute(interaction) {
    // Static text, no I/O: replying directly is well within 3 s, so no defer.
    await interaction.reply({
      embeds: [renderHelp()],
      flags: MessageFlags.Ephemeral,
      allowedMentions: NO_MENTIONS,
    });
  },
} satisfies Command;
