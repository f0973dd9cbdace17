import type { Config } from "../config.ts";
import type { Logger } from "../library/log.ts";
import { type StartBotOptions, startBot } from "./bot.ts";
import { runShardManager } from "./sharding.ts";
import { nextSignal } from "./signals.ts";

/** How long shutdown may take before the process exits anyway. */
const SHUTDOWN_DEADLINE_MS = 20_000;

/**
 * `npm start` with DISCORD_TOKEN: the ShardingManager when SHARDS is set ("auto" or a count), else one
 * bot process. Resolves with the exit status once the bot has shut down (SIGINT/SIGTERM).
 */
export function runDiscord(config: Config, logger: Logger): Promise<number> {
  return config.SHARDS !== undefined ? runShardManager(config, logger) : runBot(config, logger);
}

/**
 * Runs one bot (or one shard) until SIGINT/SIGTERM, then shuts down in order: stop taking interactions
 * and let running ones finish (an add in progress completes under the library's lock), disconnect the
 * client, save the library's caches.
 */
export async function runBot(config: Config, logger: Logger, options: StartBotOptions = {}): Promise<number> {
  const bot = await startBot(config, logger, options);
  const signal = await nextSignal();
  logger.info({ signal }, "shutting down");
  setTimeout(() => {
    logger.error("shutdown took too long; exiting");
    process.exit(1);
  }, SHUTDOWN_DEADLINE_MS).unref();
  try {
    await bot.stop();
    await bot.context.library.close();
    logger.info("stopped cleanly");
    return 0;
  } catch (error) {
    logger.error({ err: error }, "error during shutdown");
    return 1;
  }
}
