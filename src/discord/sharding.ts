import { fileURLToPath } from "node:url";
import { ShardingManager } from "discord.js";
import type { Config } from "../config.ts";
import type { Logger } from "../library/log.ts";
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
  const manager = new ShardingManager(SHARD_ENTRY, {
    token: config.DISCORD_TOKEN,
    totalShards: config.SHARDS ?? "auto",
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
