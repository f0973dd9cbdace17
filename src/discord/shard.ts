/**
 * Entry of one shard process, spawned by the ShardingManager (sharding.ts). discord.js sets SHARDS (this
 * shard's id), SHARD_COUNT and DISCORD_TOKEN in its environment.
 */
import "../load-env.ts";
import { ConfigError, loadConfig } from "../config.ts";
import { createLogger } from "../logger.ts";
import { runBot } from "./run.ts";
import { reportStartupFailure } from "./shard-failure.ts";

// In a shard, SHARDS is discord.js's shard id, not Byline's setting: drop it before validating the rest.
const { SHARDS: shardId, ...environment } = process.env;
const config = loadConfig(environment);
const logger = createLogger({ level: config.LOG_LEVEL }).child({ shard: shardId });

runBot(config, logger, { sharded: true })
  .then((status) => process.exit(status))
  .catch(async (error: unknown) => {
    const config = error instanceof ConfigError;
    // A setting to fix is logged as its message; anything else with its stack.
    if (config) logger.error(`shard failed to start: ${error.message}`);
    else logger.error({ err: error }, "shard failed to start");
    await reportStartupFailure({ message: (error as Error)?.message ?? String(error), config });
    process.exit(config ? 2 : 1);
  });
