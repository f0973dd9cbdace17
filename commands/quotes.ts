import { ApplicationCommandOptionType, type RESTPostAPIApplicationCommandsJSONBody } from "discord.js";
import { respondWithin } from "../src/discord/autocomplete.ts";
import { IN_SERVERS_AND_DMS } from "../src/discord/availability.ts";
import { renderQuotePages } from "../src/discord/render-quotes.ts";
import { scopeOf } from "../src/discord/scope.ts";
import type { Command } from "../src/discord/types.ts";

const data = {
  name: "quotes",
  description: "What a person or organisation said in the articles: direct quotes and reported speech.",
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: "speaker",
      description: "Who, e.g. Putin, John McCain, the Kremlin",
      required: true,
      max_length: 100,
      autocomplete: true,
    },
  ],
  ...IN_SERVERS_AND_DMS,
} as const satisfies RESTPostAPIApplicationCommandsJSONBody;

export default {
  data,
  async execute(interaction, ctx) {
    ctx.cooldowns.take("quotes", interaction.user.id, ctx.config.QUOTES_COOLDOWN_SECONDS);
    await interaction.deferReply();
    const speaker = interaction.options.getString("speaker", true);
    const result = await ctx.library.quotes(scopeOf(interaction), speaker);
    await ctx.pages.send(interaction, {
      command: "quotes",
      ownerId: interaction.user.id,
      pages: renderQuotePages(result),
    });
  },
  async autocomplete(interaction, ctx) {
    const typed = interaction.options.getFocused();
    const choices = ctx.library.speakers(scopeOf(interaction), typed, 25).then((speakers) =>
      speakers.map((s) => ({
        name: `${s.name} (${s.direct} quoted, ${s.reported} reported)`,
        value: s.name,
      })),
    );
    await respondWithin(interaction, choices);
  },
} satisfies Command;
