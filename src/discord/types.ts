import {
  ApplicationCommandType,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type MessageContextMenuCommandInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from "discord.js";
import type { Config } from "../config.ts";
import type { FeedScheduler, IngestInput, Library } from "../library/library.ts";
import type { Logger } from "../library/log.ts";
import type { AttachmentLike } from "./attachments.ts";
import type { Confirmations } from "./confirm.ts";
import type { Cooldowns } from "./cooldowns.ts";
import type { FeedbackStore } from "./feedback.ts";
import type { GuildAddLimits } from "./guild-limits.ts";
import type { TextModals } from "./modal.ts";
import type { Paginator } from "./pagination.ts";
import type { Clock } from "./sessions.ts";

/** The settings the bot reads (a subset of Config, so tests can build one without an environment). */
export type BotConfig = Pick<
  Config,
  | "DATA_DIR"
  | "MODERATOR_ROLE_ID"
  | "ASK_COOLDOWN_SECONDS"
  | "QUOTES_COOLDOWN_SECONDS"
  | "GUILD_MAX_ARTICLES"
  | "GUILD_ADDS_PER_HOUR"
  | "MAX_ARTICLE_BYTES"
  | "FETCH_TIMEOUT_MS"
>;

/** Everything a command needs, built once per process (bot.ts) and passed to every handler. */
export interface BotContext {
  library: Library;
  config: BotConfig;
  logger: Logger;
  clock: Clock;
  version: string;
  cooldowns: Cooldowns;
  addLimits: GuildAddLimits;
  pages: Paginator;
  confirmations: Confirmations;
  modals: TextModals;
  feedback: FeedbackStore;
  /** The background feed poller (absent in tests that don't run one, and with FEEDS=false). */
  feedScheduler?: FeedScheduler;
  /** Checks and downloads an uploaded file for /article add. */
  downloadAttachment(attachment: AttachmentLike): Promise<IngestInput>;
}

/**
 * A slash command module (`commands/*.ts` default export). `data` is the exact JSON registered with
 * Discord (deploy-commands sends it as is); `execute` answers within 3 s by deferring before any slow
 * work; `autocomplete` answers directly (it cannot defer).
 */
export interface Command {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
}

/**
 * A message context-menu command (right-click a message → Apps → name). `data.type` is 3 (Message);
 * the interaction carries the message itself (`resolved.messages`), so no message-content intent.
 */
export interface MessageCommand {
  data: RESTPostAPIContextMenuApplicationCommandsJSONBody & { type: ApplicationCommandType.Message };
  execute(interaction: MessageContextMenuCommandInteraction, ctx: BotContext): Promise<void>;
}

/** Any module in commands/: a slash command or a message command. */
export type AnyCommand = Command | MessageCommand;

export function isMessageCommand(command: AnyCommand): command is MessageCommand {
  return command.data.type === ApplicationCommandType.Message;
}
