import { Client, type ClientOptions, GatewayIntentBits, type RESTOptions } from "discord.js";
import type { Config } from "../config.ts";
import { NO_MENTIONS } from "./reply.ts";

/**
 * The REST settings from the configuration: discord.com unless DISCORD_API_URL (tests only) points
 * elsewhere. The gateway URL is not configured: discord.js asks the API for it (GET /gateway/bot),
 * as in production.
 */
export function restOptions(config: Pick<Config, "DISCORD_API_URL">): Partial<RESTOptions> | undefined {
  return config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : undefined;
}

export interface ClientSetup {
  /** REST overrides (tests point `api` at a loopback server). */
  rest?: Partial<RESTOptions>;
  /**
   * True in a process spawned by the ShardingManager: discord.js then reads its shard id and count
   * from the environment the manager set. Otherwise the shard is pinned to 0 of 1, because discord.js
   * also reads a `SHARDS` environment variable, which is Byline's own setting ("auto", a number or
   * empty, as in .env.example) and would crash `JSON.parse` or pick the wrong shard.
   */
  sharded?: boolean;
}

/**
 * The Discord client. Slash commands need only the Guilds intent (no message content, no members:
 * interactions carry the member and their permissions). Mentions are off by default for every message
 * the client sends, on top of the explicit `allowedMentions` on each reply.
 */
export function createClient(setup: ClientSetup = {}): Client {
  const options: ClientOptions = {
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: NO_MENTIONS,
  };
  if (setup.rest) options.rest = setup.rest;
  if (!setup.sharded) {
    options.shards = [0];
    options.shardCount = 1;
  }
  return new Client(options);
}
