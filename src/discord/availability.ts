import {
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";

type Availability = Pick<RESTPostAPIChatInputApplicationCommandsJSONBody, "contexts" | "integration_types">;

/**
 * Where a command can be used. Byline is installed to servers; reading commands also work in DMs
 * with the bot (they search the shared samples there), managing articles only in servers.
 */
export const IN_SERVERS_AND_DMS: Availability = {
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  integration_types: [ApplicationIntegrationType.GuildInstall],
};

export const IN_SERVERS_ONLY: Availability = {
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
};
