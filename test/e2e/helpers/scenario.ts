/**
 * Shared setup of the end-to-end specs: guild ids, users, a temp data directory, the loopback Discord
 * and the bot process started against it.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  type LoopbackDiscord,
  type LoopbackDiscordOptions,
  startLoopbackDiscord,
} from "../loopback-discord/index.ts";
import { type BotProcess, startBotProcess } from "./bot-process.ts";

/** Never a real token; the specs check it is never printed. */
export const TOKEN = "loopback.test-token.never-printed-3f9c";

/** The k-th guild: (id >> 22) = 100000000000 + k, so (id >> 22) % 2 === k % 2 picks its shard of two. */
export const guildId = (k: number) => String((100_000_000_000n + BigInt(k)) << 22n);
export const userId = (k: number) => String(900_000_000_000_000_000n + BigInt(k));
export const MODERATOR = userId(1);
export const MEMBER = userId(2);

export async function tempDataDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), "byline-e2e-"));
}

export interface Running {
  discord: LoopbackDiscord;
  bot: BotProcess;
  dataDir: string;
  stop(): Promise<void>;
}

/** Starts the stand-in and the bot, and waits for "Byline is online" (and, sharded, every shard's). */
export async function startScenario(
  options: Partial<LoopbackDiscordOptions> & { env?: Record<string, string>; online?: number } = {},
): Promise<Running> {
  const discord = await startLoopbackDiscord({ token: TOKEN, guilds: [guildId(0), guildId(1)], ...options });
  const dataDir = await tempDataDir();
  const bot = startBotProcess({ dataDir, api: discord.api, token: TOKEN, env: options.env ?? {} });
  const wanted = options.online ?? 1;
  let seen = 0;
  await bot.waitForLog(
    (line) => line.msg === "Byline is online" && ++seen >= wanted,
    "Byline is online",
    90_000,
  );
  return {
    discord,
    bot,
    dataDir,
    async stop() {
      if (bot.child.exitCode === null && bot.child.signalCode === null) bot.kill("SIGTERM");
      await bot.exited;
      await discord.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
