import { ApplicationCommandOptionType, type RESTPostAPIApplicationCommandsJSONBody } from "discord.js";
import { IN_SERVERS_AND_DMS } from "../src/discord/availability.ts";
import { ASK_TOP, renderAskPages } from "../src/discord/render-ask.ts";
import { scopeOf } from "../src/discord/scope.ts";
import type { Command } from "../src/discord/types.ts";
import { MAX_QUESTION_CHARS } from "../src/library/library.ts";

const data = {
  name: "ask",
  description: "Ask about the news articles: get the passage that answers, with its ¶ citation.",
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: "question",
      description: "Your question, e.g. “what did McCain say?”",
      required: true,
      max_length: MAX_QUESTION_CHARS,
    },
  ],
  ...IN_SERVERS_AND_DMS,
} as const satisfies RESTPostAPIApplicationCommandsJSONBody;

export default {
  data,
  async execute(interaction, ctx) {
    // In-memory and instant, so it can answer before the defer, ephemerally.
    ctx.cooldowns.take("ask", interaction.user.id, ctx.config.ASK_COOLDOWN_SECONDS);
    // The first question may load the model: claim the 15-minute window before any work.
    await interaction.deferReply();
    const question = interaction.options.getString("question", true);
    const result = await ctx.library.ask(scopeOf(interaction), question, { top: ASK_TOP });
    const model = await ctx.library.model().catch(() => undefined);
    await ctx.pages.send(interaction, {
      command: "ask",
      ownerId: interaction.user.id,
      pages: renderAskPages(result, model),
      feedback:
        result.results.length > 0
          ? { question: result.question, answered: result.answered, method: result.method }
          : undefined,
    });
  },
} satisfies Command;
