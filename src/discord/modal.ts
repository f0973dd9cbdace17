import {
  type APIModalInteractionResponseCallbackData,
  type ChatInputCommandInteraction,
  ComponentType,
  type ModalSubmitInteraction,
  TextInputStyle,
} from "discord.js";
import { LIMITS, truncate } from "./limits.ts";
import { sendEphemeral } from "./reply.ts";
import { type Clock, SessionMap } from "./sessions.ts";

export interface TextModalRequest {
  ownerId: string;
  title: string;
  /** Runs once with the submitted form. */
  onSubmit(modal: ModalSubmitInteraction, values: { title: string; text: string }): Promise<void>;
}

/** Forms stay open at most 15 minutes; pasting an article takes less. */
export const MODAL_TTL_MS = 15 * 60_000;

/**
 * The paste-an-article form of /article add: a modal with an optional headline and the text (Discord
 * caps a text input at 4,000 characters; longer articles go in as a file or URL).
 */
export class TextModals {
  private readonly pending: SessionMap<TextModalRequest>;

  constructor(clock: Clock) {
    this.pending = new SessionMap(clock, MODAL_TTL_MS, 500);
  }

  /** Shows the form. This is the interaction's response, so it must come first (no defer before it). */
  async show(interaction: ChatInputCommandInteraction, request: TextModalRequest): Promise<void> {
    const id = this.pending.create(request);
    const modal: APIModalInteractionResponseCallbackData = {
      custom_id: `modal:${id}`,
      title: truncate(request.title, LIMITS.modalTitle),
      components: [
        {
          type: ComponentType.Label,
          label: "Headline (optional)",
          description: "Leave empty to use the first line of the text.",
          component: {
            type: ComponentType.TextInput,
            custom_id: "title",
            style: TextInputStyle.Short,
            required: false,
            max_length: 200,
          },
        },
        {
          type: ComponentType.Label,
          label: "Article text",
          description: "Paste the article: headline on the first line, paragraphs separated by blank lines.",
          component: {
            type: ComponentType.TextInput,
            custom_id: "text",
            style: TextInputStyle.Paragraph,
            required: true,
            min_length: 20,
            max_length: LIMITS.textInput,
          },
        },
      ],
    };
    await interaction.showModal(modal);
  }

  /** `modal:<id>` */
  async onSubmit(interaction: ModalSubmitInteraction, args: string[]): Promise<void> {
    const [id = ""] = args;
    const request = this.pending.get(id);
    if (!request || request.ownerId !== interaction.user.id) {
      await sendEphemeral(
        interaction,
        "This form has expired; run /article add again (your text was not added).",
      );
      return;
    }
    this.pending.delete(id);
    const title = interaction.fields.getTextInputValue("title").trim();
    const text = interaction.fields.getTextInputValue("text");
    await request.onSubmit(interaction, { title, text });
  }
}
