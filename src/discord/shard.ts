/**
 * Entry of one shard process, spawned by the ShardingManager (sharding.ts). discord.js sets SHARDS (this
 * shard's id), SHARD_COUNT and DISCORD_TOKEN in its environment.
 */
import "../load-env.ts";
import { ConfigError, loadConfig } from "../config.ts";
import type { Logger } from "../library/log.ts";
import { createLogger } from "../logger.ts";
import { runBot } from "./run.ts";
import { reportStartupFailure } from "./shard-failure.ts";

// In a shard, SHARDS is discord.js's shard id, not Byline's setting, and SHARD_LIST is the manager's
// (which shards to spawn): drop both before validating the rest.
const { SHARDS: shardId, SHARD_LIST: _managersList, ...environment } = process.env;
let logger: Logger | undefined;

async function main(): Promise<number> {
  const config = loadConfig(environment);
  logger = createLogger({ level: config.LOG_LEVEL }).child({ shard: shardId });
  return runBot(config, logger, { sharded: true });
}

main()
  .then((status) => process.exit(status))
  .catch(async (error: unknown) => {
    const config = error instanceof ConfigError;
    // A setting to fix is logged as its message; anything else with its stack.
    if (!logger)
      process.stderr.write(`shard ${shardId} failed to start: ${(error as Error)?.message ?? error}\n`);
    else if (config) logger.error(`shard failed to start: ${error.message}`);
    else logger.error({ err: error }, "shard failed to start");
    await reportStartupFailure({ message: (error as Error)?.message ?? String(error), config });
    process.exit(config ? 2 : 1);
  });
