import {
  ApplicationCommandOptionType,
  PermissionFlagsBits,
  type RESTPostAPIApplicationCommandsJSONBody,
} from "discord.js";
import {
  addArticle,
  exportFeedback,
  listArticles,
  removeArticle,
  showArticle,
  suggestArticles,
} from "../src/discord/article-actions.ts";
import { IN_SERVERS_ONLY } from "../src/discord/availability.ts";
import type { Command } from "../src/discord/types.ts";

const articleOption = {
  type: ApplicationCommandOptionType.String,
  name: "article",
  description: "The article (type to search titles, or give its id)",
  required: true,
  autocomplete: true,
  max_length: 100,
} as const;

const data = {
  name: "article",
  description: "Manage this server's articles (moderators).",
  // Hidden from members without Manage Server; the handlers check again (admins can change this).
  default_member_permissions: String(PermissionFlagsBits.ManageGuild),
  ...IN_SERVERS_ONLY,
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: "add",
      description: "Add an article from a URL, an attached .txt/.md/.html file, or pasted text (neither).",
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: "url",
          description: "The article's web address (http or https)",
          max_length: 2000,
        },
        {
          type: ApplicationCommandOptionType.Attachment,
          name: "file",
          description: "A .txt, .md or .html file with the article",
        },
        {
          type: ApplicationCommandOptionType.String,
          name: "title",
          description: "Headline to use instead of the article's own",
          max_length: 200,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: "list",
      description: "List this server's articles.",
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: "show",
      description: "Show an article's paragraphs with their ¶ numbers.",
      options: [articleOption],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: "remove",
      description: "Remove one of this server's articles (asks to confirm).",
      options: [articleOption],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: "feedback",
      description: "Download the 👍/👎 votes on /ask answers in this server (JSON lines).",
    },
  ],
} as const satisfies RESTPostAPIApplicationCommandsJSONBody;

const subcommands = {
  add: addArticle,
  list: listArticles,
  show: showArticle,
  remove: removeArticle,
  feedback: exportFeedback,
} as const;

export default {
  data,
  async execute(interaction, ctx) {
    const name = interaction.options.getSubcommand(true);
    const run = subcommands[name as keyof typeof subcommands];
    if (!run) throw new Error(`unknown /article subcommand ${name}`);
    await run(interaction, ctx);
  },
  autocomplete: suggestArticles,
} satisfies Command;
