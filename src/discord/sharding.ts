import type { ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { REST, Routes, ShardingManager } from "discord.js";
import { type Config, ConfigError } from "../config.ts";
import type { Logger } from "../library/log.ts";
import { restOptions } from "./client.ts";
import { explainLoginFailure } from "./login-errors.ts";
import { isStartupFailure, type ShardStartupFailure } from "./shard-failure.ts";
import { nextSignal } from "./signals.ts";

/** The file each shard process runs. */
export const SHARD_ENTRY = fileURLToPath(new URL("./shard.ts", import.meta.url));

/**
 * SHARDS=auto|n: discord.js's ShardingManager spawns one process per shard (Discord's recommended count
 * for "auto"), or only SHARD_LIST's shards of SHARDS when shards are spread over hosts. Each shard opens the same data directory; the library's write lock serialises their
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
  const failures = new Map<number, ShardStartupFailure>();
  manager.on("shardCreate", (shard) => {
    logger.info({ shard: shard.id, of: manager.totalShards }, "shard spawned");
    shard.on("message", (message: unknown) => {
      if (isStartupFailure(message)) failures.set(shard.id, message.bylineStartupFailure);
    });
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
  } catch (error) {
    throw await whyShardsFailed(manager, failures, error);
  } finally {
    await stopShards(manager);
  }
  return 0;
}

/**
 * A shard that cannot start (a refused token, say) makes discord.js reject the spawn with its own
 * words ("Shard 0's Client disconnected before becoming ready"), usually before the shard has said
 * why. So: no respawning (it would fail the same way, forever), let the shards that were starting
 * exit on their own (briefly), and report the reason the shard sent (shard.ts): a ConfigError when it
 * was one, so index.ts prints it as a message and exits 2.
 */
async function whyShardsFailed(
  manager: ShardingManager,
  failures: ReadonlyMap<number, ShardStartupFailure>,
  error: unknown,
): Promise<unknown> {
  manager.respawn = false;
  const starting = [...manager.shards.values()].filter((shard) => !shard.ready && shard.process);
  await Promise.all(starting.map((shard) => exitOf(shard.process!, 10_000)));
  const [failed] = [...failures.entries()];
  if (!failed) return error;
  const [id, { message, config }] = failed;
  const reason = `Shard ${id} could not start: ${message}`;
  return config ? new ConfigError(reason) : new Error(reason, { cause: error });
}

function exitOf(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
  });
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
