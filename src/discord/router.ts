import type {
  AutocompleteInteraction,
  BaseInteraction,
  ButtonInteraction,
  ModalSubmitInteraction,
  RepliableInteraction,
} from "discord.js";
import { isUserError } from "../library/errors.ts";
import type { Logger } from "../library/log.ts";
import { sendEphemeral } from "./reply.ts";
import { type AnyCommand, type BotContext, type Command, isMessageCommand } from "./types.ts";

/** The user-facing text for a bug: short, and no internals (those go to the log). */
export const GENERIC_ERROR =
  "Something went wrong on our side and it has been logged. Please try again in a moment.";

/**
 * Dispatches every interaction: slash commands, message commands and autocomplete to their command
 * module, buttons and
 * modal submits to the helper named by the custom_id prefix. Every failure ends in `reportError`, the
 * one place that decides what the user sees.
 */
export function createRouter(commands: ReadonlyMap<string, AnyCommand>, ctx: BotContext) {
  const slash = (name: string): Command | undefined => {
    const command = commands.get(name);
    return command && !isMessageCommand(command) ? command : undefined;
  };
  const buttons: Record<string, (interaction: ButtonInteraction, args: string[]) => Promise<void>> = {
    page: (i, args) => ctx.pages.onPage(i, args),
    fb: (i, args) => ctx.pages.onFeedback(i, args),
    confirm: (i, args) => ctx.confirmations.onButton(i, args),
  };
  const modals: Record<string, (interaction: ModalSubmitInteraction, args: string[]) => Promise<void>> = {
    modal: (i, args) => ctx.modals.onSubmit(i, args),
  };

  return async function route(interaction: BaseInteraction): Promise<void> {
    const started = performance.now();
    try {
      if (interaction.isChatInputCommand()) {
        const command = slash(interaction.commandName);
        if (!command)
          throw new Error(`no handler for /${interaction.commandName} (deploy-commands out of date?)`);
        await command.execute(interaction, ctx);
      } else if (interaction.isMessageContextMenuCommand()) {
        const command = commands.get(interaction.commandName);
        if (!command || !isMessageCommand(command))
          throw new Error(`no handler for the message command "${interaction.commandName}"`);
        await command.execute(interaction, ctx);
      } else if (interaction.isAutocomplete()) {
        const command = slash(interaction.commandName);
        if (!command?.autocomplete) {
          await interaction.respond([]);
          return;
        }
        await command.autocomplete(interaction, ctx);
      } else if (interaction.isButton()) {
        const [prefix = "", ...args] = interaction.customId.split(":");
        const handler = buttons[prefix];
        if (!handler) throw new Error(`no handler for button ${interaction.customId}`);
        await handler(interaction, args);
      } else if (interaction.isModalSubmit()) {
        const [prefix = "", ...args] = interaction.customId.split(":");
        const handler = modals[prefix];
        if (!handler) throw new Error(`no handler for modal ${interaction.customId}`);
        await handler(interaction, args);
      }
      ctx.logger.debug(
        {
          command: describeInteraction(interaction),
          guildId: interaction.guildId,
          userId: interaction.user.id,
          ms: Math.round(performance.now() - started),
        },
        "interaction handled",
      );
    } catch (error) {
      await reportError(interaction, error, ctx.logger);
    }
  };
}

/** What the log says the interaction was: "/article add", "button page:…", "modal modal:…". */
export function describeInteraction(interaction: BaseInteraction): string {
  if (interaction.isChatInputCommand() || interaction.isAutocomplete()) {
    const sub = interaction.options.getSubcommand(false);
    return `/${interaction.commandName}${sub ? ` ${sub}` : ""}${interaction.isAutocomplete() ? " (autocomplete)" : ""}`;
  }
  if (interaction.isMessageContextMenuCommand()) return `message command "${interaction.commandName}"`;
  if (interaction.isButton()) return `button ${interaction.customId}`;
  if (interaction.isModalSubmit()) return `modal ${interaction.customId}`;
  return `interaction type ${interaction.type}`;
}

/**
 * The central error handler. A UserError (bad URL, too large, not a moderator, nothing found, slow
 * down) is shown as written; anything else is a bug: logged with its stack and context, and the user
 * gets GENERIC_ERROR. Either way the message is ephemeral, sent in whatever way the interaction's state
 * allows (reply, edit of an ephemeral deferral, or a follow-up after removing a public "thinking…").
 */
export async function reportError(
  interaction: BaseInteraction,
  error: unknown,
  logger: Logger,
): Promise<void> {
  const context = {
    command: describeInteraction(interaction),
    guildId: interaction.guildId,
    userId: interaction.user.id,
  };
  if (isUserError(error)) {
    logger.info({ ...context, code: error.code }, `refused: ${error.message}`);
  } else {
    logger.error({ ...context, err: error }, "interaction failed");
  }
  try {
    if (interaction.isAutocomplete()) {
      await answerEmptyAutocomplete(interaction);
      return;
    }
    if (!interaction.isRepliable()) return;
    const message = isUserError(error) ? error.message : GENERIC_ERROR;
    await showError(interaction, message);
  } catch (replyError) {
    // The token may have expired (15 min) or the message been deleted: nothing more to tell the user.
    logger.warn({ ...context, err: replyError }, "could not tell the user about an error");
  }
}

async function answerEmptyAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
  if (!interaction.responded) await interaction.respond([]);
}

async function showError(interaction: RepliableInteraction, message: string): Promise<void> {
  const publicDeferral =
    interaction.deferred &&
    !interaction.replied &&
    !interaction.ephemeral &&
    !interaction.isMessageComponent();
  if (publicDeferral) {
    // A public "Byline is thinking…" can't become ephemeral: remove it, then answer privately.
    await interaction.deleteReply().catch(() => {});
  }
  await sendEphemeral(interaction, message);
}
