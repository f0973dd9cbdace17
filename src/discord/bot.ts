import { type BaseInteraction, type Client, Events } from "discord.js";
import { openLibrary } from "../app.ts";
import type { Config } from "../config.ts";
import { FeedScheduler, type Library } from "../library/library.ts";
import type { Logger } from "../library/log.ts";
import { attachmentSources, type DownloadOptions, downloadAttachment } from "./attachments.ts";
import { type ClientSetup, createClient, restOptions } from "./client.ts";
import { Confirmations } from "./confirm.ts";
import { Cooldowns } from "./cooldowns.ts";
import { feedNotifier, shardOfGuild } from "./feed-notices.ts";
import { FeedbackStore } from "./feedback.ts";
import { GuildAddLimits } from "./guild-limits.ts";
import { loadCommands } from "./loader.ts";
import { explainLoginFailure } from "./login-errors.ts";
import { TextModals } from "./modal.ts";
import { Paginator } from "./pagination.ts";
import { sendEphemeral } from "./reply.ts";
import { createRouter } from "./router.ts";
import { type Clock, systemClock } from "./sessions.ts";
import type { AnyCommand, BotConfig, BotContext } from "./types.ts";
import { appVersion } from "./version.ts";

export interface BotOptions {
  client: Client;
  library: Library;
  config: BotConfig;
  logger: Logger;
  commands: ReadonlyMap<string, AnyCommand>;
  clock?: Clock;
  /** Where attachments may be downloaded from (tests: their loopback server). */
  attachments?: Pick<DownloadOptions, "hosts" | "allowHttp">;
}

export interface Bot {
  client: Client;
  context: BotContext;
  /** Handles one interaction (the client's InteractionCreate listener calls this). */
  handle(interaction: BaseInteraction): Promise<void>;
  /** Resolves when no interaction is being handled. */
  idle(): Promise<void>;
  /** Stops taking interactions, lets running ones finish (up to `graceMs`), then destroys the client. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Wires a client to the router. Does not log in: `startBot` does, and tests inject raw interactions
 * into a client that never connects.
 */
export function createBot(options: BotOptions): Bot {
  const { client, library, config, logger } = options;
  const clock = options.clock ?? systemClock;
  const feedback = FeedbackStore.inDataDir(config.DATA_DIR);
  const context: BotContext = {
    library,
    config,
    logger,
    clock,
    version: appVersion(),
    cooldowns: new Cooldowns(clock),
    addLimits: new GuildAddLimits(clock, config.GUILD_ADDS_PER_HOUR, config.GUILD_MAX_ARTICLES),
    pages: new Paginator(clock, logger, feedback),
    confirmations: new Confirmations(clock),
    modals: new TextModals(clock),
    feedback,
    downloadAttachment: (attachment) =>
      downloadAttachment(attachment, {
        maxBytes: config.MAX_ARTICLE_BYTES,
        timeoutMs: config.FETCH_TIMEOUT_MS,
        ...options.attachments,
      }),
  };
  const route = createRouter(options.commands, context);
  const running = new Set<Promise<void>>();
  let stopping = false;

  const handle = (interaction: BaseInteraction): Promise<void> => {
    if (stopping) {
      // Shutting down: say so rather than leave "The application did not respond".
      const refusal =
        interaction.isRepliable() && !interaction.isAutocomplete()
          ? sendEphemeral(interaction, "Byline is restarting; try again in a minute.")
          : Promise.resolve();
      return refusal.catch(() => {});
    }
    const work = route(interaction).finally(() => running.delete(work));
    running.add(work);
    return work;
  };

  client.on(Events.InteractionCreate, (interaction) => {
    void handle(interaction);
  });
  client.on(Events.Error, (error) => logger.error({ err: error }, "discord client error"));
  client.on(Events.Warn, (message) => logger.warn(message));
  // While stopping, destroying the client closes the connection on purpose (and discord.js reports
  // that as "reconnecting"): not worth a line that reads like trouble.
  client.on(Events.ShardDisconnect, (event, shardId) => {
    if (!stopping) logger.warn({ shardId, code: event.code }, "gateway disconnected");
  });
  client.on(Events.ShardReconnecting, (shardId) => {
    if (!stopping) logger.info({ shardId }, "gateway reconnecting");
  });

  const idle = async () => {
    while (running.size > 0) await Promise.allSettled([...running]);
  };

  return {
    client,
    context,
    handle,
    idle,
    async stop(graceMs = 10_000) {
      stopping = true;
      // A poll in progress finishes the article it is adding; the rest stay pending for the next start.
      await context.feedScheduler?.stop();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<"timeout">((resolve) => {
        timer = setTimeout(() => resolve("timeout"), graceMs);
      });
      const outcome = await Promise.race([idle().then(() => "idle" as const), timeout]);
      clearTimeout(timer);
      if (outcome === "timeout")
        logger.warn({ running: running.size }, "shutting down with interactions still running");
      context.pages.dispose();
      await client.destroy();
    },
  };
}

export interface StartBotOptions {
  /** Set by the shard entry: this process is one shard of a ShardingManager. */
  sharded?: boolean;
  rest?: ClientSetup["rest"];
}

/**
 * One bot process (or one shard): opens the library, loads the commands, logs in. The caller owns
 * shutdown (run.ts): `bot.stop()` then `library.close()`.
 */
export async function startBot(config: Config, logger: Logger, options: StartBotOptions = {}): Promise<Bot> {
  if (!config.DISCORD_TOKEN) throw new Error("startBot needs DISCORD_TOKEN");
  const library = await openLibrary(config, logger);
  const commands = await loadCommands();
  const rest = options.rest ?? restOptions(config);
  const client = createClient({ sharded: options.sharded, ...(rest ? { rest } : {}) });
  const bot = createBot({
    client,
    library,
    config,
    logger,
    commands,
    attachments: attachmentSources(config),
  });
  if (config.FEEDS) {
    bot.context.feedScheduler = new FeedScheduler({
      feeds: library.feeds,
      owns: (scope) => servesGuild(client, scope),
      onPolled: feedNotifier(client, logger),
      logger,
    });
  }

  client.once(Events.ClientReady, (ready) => {
    logger.info(
      {
        user: ready.user.tag,
        guilds: ready.guilds.cache.size,
        shards: ready.shard?.ids ?? [0],
        commands: [...commands.keys()],
      },
      "Byline is online",
    );
    // Warm the model so the first /ask doesn't pay for loading it.
    library.model().catch((error: unknown) => logger.warn({ err: error }, "could not preload the model"));
    bot.context.feedScheduler?.start();
  });

  try {
    await client.login(config.DISCORD_TOKEN);
  } catch (error) {
    await client.destroy().catch(() => {});
    await library.close();
    throw explainLoginFailure(error);
  }
  return bot;
}

/**
 * Whether this process serves a server: it is one of this client's shards' (Discord's rule, so each
 * server's feeds are polled by exactly one shard) and the server is in its cache (the bot is in it).
 */
export function servesGuild(client: Client, scope: string): boolean {
  if (!/^\d{17,20}$/.test(scope)) return false; // "local" (the CLI's) and other non-server scopes
  const shards = client.options.shards;
  const count = client.options.shardCount ?? 1;
  const mine = Array.isArray(shards) ? shards : [0];
  return mine.includes(shardOfGuild(scope, count)) && client.guilds.cache.has(scope);
}
