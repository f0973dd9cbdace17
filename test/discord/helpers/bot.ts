import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Client } from "discord.js";
import { type Bot, createBot } from "../../../src/discord/bot.ts";
import { createClient } from "../../../src/discord/client.ts";
import { loadCommands } from "../../../src/discord/loader.ts";
import type { BotConfig, Command } from "../../../src/discord/types.ts";
import { Library, type LibraryOptions } from "../../../src/library/library.ts";
import type { Logger } from "../../../src/library/log.ts";
import { bundledEmbedder } from "../../helpers/library.ts";
import { type DiscordStub, type RecordedRequest, startDiscordStub } from "./discord-stub.ts";

export interface LogEntry {
  level: "debug" | "info" | "warn" | "error";
  context: Record<string, unknown>;
  message: string;
}

/** A Logger that keeps what it is told, for asserting on error and audit lines. */
export function recordingLogger(
  entries: LogEntry[] = [],
  bindings: Record<string, unknown> = {},
): Logger & {
  entries: LogEntry[];
} {
  const log =
    (level: LogEntry["level"]) =>
    (first: object | string, second?: string): void => {
      if (typeof first === "string") entries.push({ level, context: { ...bindings }, message: first });
      else entries.push({ level, context: { ...bindings, ...first }, message: second ?? "" });
    };
  return {
    entries,
    debug: log("debug"),
    info: log("info"),
    warn: log("warn"),
    error: log("error"),
    child: (more) => recordingLogger(entries, { ...bindings, ...more }),
  };
}

export class TestClock {
  constructor(public time = Date.parse("2026-01-01T12:00:00Z")) {}
  now = () => this.time;
  advance(ms: number): void {
    this.time += ms;
  }
}

/** A temp data directory that lives for a whole test file (the shared helper's is per test). */
export async function fileTempDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), "byline-discord-"));
}

/** A real library with the bundled model; samples on, private URLs allowed (loopback test servers). */
export async function openBotLibrary(
  dataDir: string,
  options: Partial<LibraryOptions> = {},
): Promise<Library> {
  return Library.open({
    dataDir,
    samples: true,
    loadEmbedder: () => bundledEmbedder(),
    ingest: { fetch: { allowPrivate: true, timeoutMs: 5000 } },
    ...options,
  });
}

export function botConfig(dataDir: string, overrides: Partial<BotConfig> = {}): BotConfig {
  return {
    DATA_DIR: dataDir,
    MODERATOR_ROLE_ID: undefined,
    ASK_COOLDOWN_SECONDS: 0,
    QUOTES_COOLDOWN_SECONDS: 0,
    GUILD_MAX_ARTICLES: 500,
    GUILD_ADDS_PER_HOUR: 30,
    MAX_ARTICLE_BYTES: 5 * 1024 * 1024,
    FETCH_TIMEOUT_MS: 5000,
    ...overrides,
  };
}

export interface TestBot {
  stub: DiscordStub;
  client: Client;
  bot: Bot;
  logger: ReturnType<typeof recordingLogger>;
  clock: TestClock;
  library: Library;
  /** Injects a raw interaction and waits until the bot has finished handling it; returns its requests. */
  inject(raw: object): Promise<RecordedRequest[]>;
  close(): Promise<void>;
}

export async function createTestBot(options: {
  library: Library;
  dataDir: string;
  config?: Partial<BotConfig>;
  commands?: ReadonlyMap<string, Command>;
}): Promise<TestBot> {
  const stub = await startDiscordStub();
  const client = createClient({ rest: { api: stub.api } });
  client.rest.setToken("x");
  const logger = recordingLogger();
  const clock = new TestClock();
  const bot = createBot({
    client,
    library: options.library,
    config: botConfig(options.dataDir, options.config),
    logger,
    commands: options.commands ?? (await loadCommands()),
    clock,
    attachments: { hosts: ["127.0.0.1"], allowHttp: true },
  });
  // The gateway's path into discord.js: the same action a real INTERACTION_CREATE dispatch runs.
  const actions = (client as unknown as { actions: { InteractionCreate: { handle(raw: object): void } } })
    .actions;
  return {
    stub,
    client,
    bot,
    logger,
    clock,
    library: options.library,
    async inject(raw) {
      const before = stub.requests.length;
      actions.InteractionCreate.handle(raw);
      await bot.idle();
      return stub.requests.slice(before);
    },
    async close() {
      await bot.stop(1000);
      await stub.close();
    },
  };
}
