import {
  ApplicationCommandOptionType,
  ChannelType,
  PermissionFlagsBits,
  type RESTPostAPIApplicationCommandsJSONBody,
} from "discord.js";
import { IN_SERVERS_ONLY } from "../src/discord/availability.ts";
import { addFeed, listFeeds, removeFeed, suggestFeeds } from "../src/discord/feed-actions.ts";
import type { Command } from "../src/discord/types.ts";

const data = {
  name: "feed",
  description: "Follow news feeds: their new stories are added by themselves (moderators).",
  // Hidden from members without Manage Server; the handlers check again (admins can change this).
  default_member_permissions: String(PermissionFlagsBits.ManageGuild),
  ...IN_SERVERS_ONLY,
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: "add",
      description: "Follow an RSS, Atom, RDF or JSON feed (or a page that links to one).",
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: "url",
          description: "The feed's address (http or https)",
          required: true,
          max_length: 2000,
        },
        {
          type: ApplicationCommandOptionType.Channel,
          name: "channel",
          description: "Post a short notice here for each new article (optional)",
          channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
        },
        {
          type: ApplicationCommandOptionType.Integer,
          name: "every",
          description: "Minutes between checks (5 to 1440; default 15)",
          min_value: 5,
          max_value: 1440,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: "list",
      description: "The feeds this server follows, and how each is doing.",
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: "remove",
      description: "Stop following a feed (the articles it added stay).",
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: "feed",
          description: "The feed (type to search, or give its id)",
          required: true,
          autocomplete: true,
          max_length: 2000,
        },
      ],
    },
  ],
} as const satisfies RESTPostAPIApplicationCommandsJSONBody;

const subcommands = { add: addFeed, list: listFeeds, remove: removeFeed } as const;

export default {
  data,
  async execute(interaction, ctx) {
    const name = interaction.options.getSubcommand(true);
    const run = subcommands[name as keyof typeof subcommands];
    if (!run) throw new Error(`unknown /feed subcommand ${name}`);
    await run(interaction, ctx);
  },
  autocomplete: suggestFeeds,
} satisfies Command;
