import {
  type APIEmbed,
  type ButtonInteraction,
  ButtonStyle,
  ComponentType,
  type RepliableInteraction,
} from "discord.js";
import { fitEmbeds } from "./limits.ts";
import { editOptions, sendEphemeral } from "./reply.ts";
import { type Clock, SessionMap } from "./sessions.ts";

export interface ConfirmRequest {
  /** Only this user may confirm. */
  ownerId: string;
  prompt: APIEmbed;
  confirmLabel: string;
  /** Runs once, on "confirm", with the button interaction (already deferred as an update). */
  run(button: ButtonInteraction): Promise<void>;
}

export const CONFIRM_TTL_MS = 5 * 60_000;

/**
 * "Are you sure?" buttons for destructive actions (/article remove). The pending action lives in memory
 * for 5 minutes, runs at most once, and only for the user who asked.
 */
export class Confirmations {
  private readonly pending: SessionMap<ConfirmRequest>;

  constructor(clock: Clock) {
    this.pending = new SessionMap(clock, CONFIRM_TTL_MS, 500);
  }

  /** Shows the prompt with Confirm/Cancel in the (deferred) interaction's reply. */
  async ask(interaction: RepliableInteraction, request: ConfirmRequest): Promise<void> {
    const id = this.pending.create(request);
    await interaction.editReply(
      editOptions({
        embeds: fitEmbeds([request.prompt]),
        components: [
          {
            type: ComponentType.ActionRow,
            components: [
              {
                type: ComponentType.Button,
                style: ButtonStyle.Danger,
                custom_id: `confirm:${id}:yes`,
                label: request.confirmLabel,
              },
              {
                type: ComponentType.Button,
                style: ButtonStyle.Secondary,
                custom_id: `confirm:${id}:no`,
                label: "Cancel",
              },
            ],
          },
        ],
      }),
    );
  }

  /** `confirm:<id>:yes|no` */
  async onButton(interaction: ButtonInteraction, args: string[]): Promise<void> {
    const [id = "", answer] = args;
    const request = this.pending.get(id);
    if (!request) {
      await interaction.update(editOptions({ components: [] }));
      await sendEphemeral(
        interaction,
        "This confirmation has expired (after 5 minutes); nothing was changed.",
      );
      return;
    }
    if (interaction.user.id !== request.ownerId) {
      await sendEphemeral(interaction, "Only the moderator who asked can confirm this.");
      return;
    }
    this.pending.delete(id);
    if (answer !== "yes") {
      await interaction.update(
        editOptions({ content: "Cancelled; nothing was changed.", embeds: [], components: [] }),
      );
      return;
    }
    await interaction.deferUpdate();
    await request.run(interaction);
  }
}
