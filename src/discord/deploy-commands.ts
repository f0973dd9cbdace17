/**
 * `npm run deploy-commands`: registers the slash commands with Discord in one bulk PUT (which replaces
 * the whole set, so renamed or deleted commands disappear too). With DISCORD_GUILD_ID the commands go
 * to that one server and appear at once (development); without it they are global.
 */
import { fileURLToPath } from "node:url";
import { REST, type RESTOptions, Routes } from "discord.js";
import { restOptions } from "./client.ts";
import { validateCommandSet } from "./command-schema.ts";
import { loadCommands } from "./loader.ts";
import type { AnyCommand } from "./types.ts";

export interface DeployOptions {
  token: string;
  clientId: string;
  guildId?: string;
  commands: ReadonlyMap<string, AnyCommand> | readonly AnyCommand[];
  /** REST overrides (tests point `api` at a loopback server). */
  rest?: Partial<RESTOptions>;
}

export interface DeployResult {
  scope: "guild" | "global";
  route: string;
  names: string[];
}

export async function deployCommands(options: DeployOptions): Promise<DeployResult> {
  const list = [...options.commands.values()];
  const body = list.map((command) => forScope(command.data, options.guildId !== undefined));
  const problems = validateCommandSet(body);
  if (problems.length > 0)
    throw new Error(`refusing to deploy invalid commands:\n  ${problems.join("\n  ")}`);
  const rest = new REST({ version: "10", ...options.rest }).setToken(options.token);
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.clientId, options.guildId)
    : Routes.applicationCommands(options.clientId);
  await rest.put(route, { body });
  return { scope: options.guildId ? "guild" : "global", route, names: body.map((c) => c.name) };
}

/**
 * Guild commands take no `contexts` / `integration_types` (they exist only in that server), so those
 * are dropped for a guild deploy; everything else is sent exactly as the module defines it.
 */
function forScope(data: AnyCommand["data"], guild: boolean): AnyCommand["data"] {
  if (!guild) return data;
  const { contexts: _contexts, integration_types: _types, dm_permission: _dm, ...rest } = data;
  return rest;
}

async function main(): Promise<void> {
  await import("../load-env.ts");
  const { loadConfig } = await import("../config.ts");
  const { createLogger } = await import("../logger.ts");
  const config = loadConfig();
  const logger = createLogger({ level: config.LOG_LEVEL });
  if (!config.DISCORD_TOKEN || !config.DISCORD_CLIENT_ID) {
    logger.error("Set DISCORD_TOKEN and DISCORD_CLIENT_ID in .env to deploy the commands (see README).");
    process.exitCode = 2;
    return;
  }
  const result = await deployCommands({
    token: config.DISCORD_TOKEN,
    clientId: config.DISCORD_CLIENT_ID,
    guildId: config.DISCORD_GUILD_ID,
    commands: await loadCommands(),
    rest: restOptions(config),
  });
  logger.info(
    { commands: result.names, guildId: config.DISCORD_GUILD_ID },
    result.scope === "guild"
      ? `deployed ${result.names.length} commands to server ${config.DISCORD_GUILD_ID} (available now)`
      : `deployed ${result.names.length} commands globally (may take a while to appear everywhere)`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    process.stderr.write(`deploy-commands failed: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 1;
  });
}
