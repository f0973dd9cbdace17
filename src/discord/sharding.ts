import { fileURLToPath } from "node:url";
import { REST, Routes, ShardingManager } from "discord.js";
import type { Config } from "../config.ts";
import type { Logger } from "../library/log.ts";
import { restOptions } from "./client.ts";
import { explainLoginFailure } from "./login-errors.ts";
import { nextSignal } from "./signals.ts";

/** The file each shard process runs. */
export const SHARD_ENTRY = fileURLToPath(new URL("./shard.ts", import.meta.url));

/**
 * SHARDS=auto|n: discord.js's ShardingManager spawns one process per shard (Discord's recommended count
 * for "auto"). Each shard opens the same data directory; the library's write lock serialises their
 * writes and every shard re-reads manifests before answering, so a server's articles are the same
 * whichever shard serves it. Resolves with the exit status after a SIGINT/SIGTERM has stopped every
 * shard (each shuts down gracefully on the SIGTERM passed on to it).
 */
export async function runShardManager(config: Config, logger: Logger): Promise<number> {
  if (!config.DISCORD_TOKEN) throw new Error("sharding needs DISCORD_TOKEN");
  const totalShards =
    config.SHARDS === "auto" || config.SHARDS === undefined
      ? await recommendedShardCount(config.DISCORD_TOKEN, config)
      : config.SHARDS;
  const manager = new ShardingManager(SHARD_ENTRY, {
    token: config.DISCORD_TOKEN,
    totalShards,
    // SHARD_LIST: this host runs only these shards of `totalShards` (config checks they fit).
    ...(config.SHARD_LIST ? { shardList: config.SHARD_LIST } : {}),
    // Shards are TypeScript run by tsx, like the main process.
    execArgv: ["--import", import.meta.resolve("tsx")],
    respawn: true,
  });
  manager.on("shardCreate", (shard) => {
    logger.info({ shard: shard.id, of: manager.totalShards }, "shard spawned");
    shard.on("death", () => {
      if (manager.respawn) logger.warn({ shard: shard.id }, "shard exited; respawning");
    });
  });
  const stop = nextSignal();
  try {
    // One shard is identified every ~5.5 s (Discord's identify rate limit), so spawning many takes time.
    const spawning = manager.spawn({ delay: 5_500, timeout: 60_000 });
    const first = await Promise.race([spawning.then(() => undefined), stop]);
    if (first === undefined) logger.info({ shards: manager.shards.size }, "all shards spawned");
    const signal = first ?? (await stop);
    logger.info({ signal }, "stopping shards");
  } finally {
    await stopShards(manager);
  }
  return 0;
}

/**
 * Discord's recommended shard count (GET /gateway/bot), asked through the configured REST base.
 * discord.js's own `fetchRecommendedShardCount` (what ShardingManager does for "auto") always calls
 * discord.com, ignoring DISCORD_API_URL, so "auto" is resolved here instead.
 */
export async function recommendedShardCount(
  token: string,
  config: Pick<Config, "DISCORD_API_URL">,
): Promise<number> {
  const rest = new REST({ version: "10", ...restOptions(config) }).setToken(token);
  try {
    const { shards } = (await rest.get(Routes.gatewayBot())) as { shards: number };
    return Math.max(1, shards);
  } catch (error) {
    throw (error as { status?: number }).status === 401
      ? explainLoginFailure(Object.assign(new Error("401"), { code: "TokenInvalid" }))
      : error;
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}

/** SIGTERM to every shard (each shuts down gracefully) and wait for them to exit; no respawning. */
async function stopShards(manager: ShardingManager): Promise<void> {
  manager.respawn = false;
  await Promise.all(
    [...manager.shards.values()].map(
      (shard) =>
        new Promise<void>((resolve) => {
          const child = shard.process;
          if (!child || child.exitCode !== null) {
            resolve();
            return;
          }
          child.once("exit", () => resolve());
          child.kill("SIGTERM");
        }),
    ),
  );
}
