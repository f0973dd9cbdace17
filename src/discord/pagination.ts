import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type ButtonInteraction,
  ButtonStyle,
  ComponentType,
  type RepliableInteraction,
} from "discord.js";
import type { Logger } from "../library/log.ts";
import type { FeedbackPassage, FeedbackStore } from "./feedback.ts";
import { fitEmbeds } from "./limits.ts";
import { editOptions, ephemeral, sendEphemeral } from "./reply.ts";
import { type Clock, SessionMap } from "./sessions.ts";

export interface Page {
  embeds: APIEmbed[];
  /** The passages this page shows, recorded with a 👍/👎 vote. */
  passages?: FeedbackPassage[];
}

export interface PagedReply {
  /** The command's name, for "run /ask yourself". */
  command: string;
  /** Only this user may turn the pages. */
  ownerId: string;
  pages: Page[];
  /** When set, the reply carries 👍/👎 buttons and votes are stored with this context. */
  feedback?: { question: string; answered: boolean; method: string };
  /** Label of the forward button. Default "More results". */
  moreLabel?: string;
}

interface PagedSession extends PagedReply {
  createdAt: number;
  current: number;
  guildId: string | null;
  channelId: string | null;
  votes: Map<string, "up" | "down">;
}

/** Paging buttons work for 5 minutes; after that they are removed (and refuse if pressed anyway). */
export const PAGE_TTL_MS = 5 * 60_000;
/** Votes stay possible for a day (the state is small; the map is bounded). */
const SESSION_TTL_MS = 24 * 3600_000;

type Row = APIActionRowComponent<APIButtonComponent>;

/**
 * Multi-page replies ("More results") and answer feedback (👍/👎). Pages are rendered up front (each
 * within every embed limit), kept in memory and swapped in place when the asker presses a button.
 */
export class Paginator {
  readonly sessions: SessionMap<PagedSession>;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly feedback: FeedbackStore,
  ) {
    this.sessions = new SessionMap(clock, SESSION_TTL_MS, 2000);
  }

  /** Shows page 1 of `reply` in the (deferred) interaction's reply, with its buttons. */
  async send(interaction: RepliableInteraction, reply: PagedReply): Promise<void> {
    const first = reply.pages[0] ?? { embeds: [] };
    const paged = reply.pages.length > 1;
    if (!paged && !reply.feedback) {
      await interaction.editReply(editOptions({ embeds: fitEmbeds(first.embeds), components: [] }));
      return;
    }
    const session: PagedSession = {
      ...reply,
      createdAt: this.clock.now(),
      current: 0,
      guildId: interaction.guildId,
      channelId: interaction.channelId,
      votes: new Map(),
    };
    const id = this.sessions.create(session);
    await interaction.editReply(
      editOptions({ embeds: fitEmbeds(first.embeds), components: this.rows(id, session, true) }),
    );
    if (paged) this.scheduleExpiry(interaction, id, session);
  }

  /** `page:<id>:<index>` */
  async onPage(interaction: ButtonInteraction, args: string[]): Promise<void> {
    const [id = "", indexText = ""] = args;
    const session = this.sessions.get(id);
    if (!session) {
      await sendEphemeral(interaction, "These results have expired. Run the command again.");
      return;
    }
    if (interaction.user.id !== session.ownerId) {
      await sendEphemeral(
        interaction,
        `Only <@${session.ownerId}> can page through these results. Run /${session.command} yourself to get your own.`,
      );
      return;
    }
    if (this.clock.now() >= session.createdAt + PAGE_TTL_MS) {
      await interaction.update(editOptions({ components: this.rows(id, session, false) }));
      await interaction.followUp(
        ephemeral(`These results have expired (after 5 minutes). Run /${session.command} again.`),
      );
      return;
    }
    const index = Number(indexText);
    const page = session.pages[index];
    if (!Number.isInteger(index) || !page) {
      throw new Error(`page button for a missing page ${indexText} of ${session.pages.length}`);
    }
    session.current = index;
    await interaction.update(
      editOptions({ embeds: fitEmbeds(page.embeds), components: this.rows(id, session, true) }),
    );
  }

  /** `fb:<id>:up|down` — anyone who sees the answer may vote; one vote per person, changeable. */
  async onFeedback(interaction: ButtonInteraction, args: string[]): Promise<void> {
    const [id = "", vote] = args;
    const session = this.sessions.get(id);
    if (!session?.feedback) {
      await sendEphemeral(interaction, "This answer is too old to rate now. Thanks anyway!");
      return;
    }
    if (vote !== "up" && vote !== "down") throw new Error(`unknown feedback vote ${vote}`);
    const emoji = vote === "up" ? "👍" : "👎";
    if (session.votes.get(interaction.user.id) === vote) {
      await sendEphemeral(interaction, `Your ${emoji} is already recorded. Thanks!`);
      return;
    }
    session.votes.set(interaction.user.id, vote);
    const page = session.pages[session.current];
    await this.feedback.append({
      at: new Date(this.clock.now()).toISOString(),
      guildId: session.guildId,
      channelId: session.channelId,
      askerId: session.ownerId,
      userId: interaction.user.id,
      vote,
      question: session.feedback.question,
      answered: session.feedback.answered,
      method: session.feedback.method,
      page: session.current + 1,
      passages: page?.passages ?? [],
    });
    this.logger.info(
      { guildId: session.guildId, userId: interaction.user.id, vote },
      "answer feedback recorded",
    );
    await sendEphemeral(
      interaction,
      `Thanks, your ${emoji} was recorded with the question and the passages shown.`,
    );
  }

  /** Stops the expiry timers (shutdown). */
  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private rows(id: string, session: PagedSession, paging: boolean): Row[] {
    const buttons: APIButtonComponent[] = [];
    if (paging && session.pages.length > 1) {
      const at = session.current;
      buttons.push(
        button(`page:${id}:${at - 1}`, "◀ Back", at === 0),
        button(`page:${id}:${at + 1}`, session.moreLabel ?? "More results", at >= session.pages.length - 1),
      );
    }
    if (session.feedback) {
      buttons.push(button(`fb:${id}:up`, "👍"), button(`fb:${id}:down`, "👎"));
    }
    return buttons.length > 0 ? [{ type: ComponentType.ActionRow, components: buttons }] : [];
  }

  /** After 5 minutes, remove the paging buttons (the original token lives 15 minutes). */
  private scheduleExpiry(interaction: RepliableInteraction, id: string, session: PagedSession): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      interaction
        .editReply(editOptions({ components: this.rows(id, session, false) }))
        .catch((error: unknown) =>
          this.logger.debug({ err: error }, "could not remove expired page buttons"),
        );
    }, PAGE_TTL_MS);
    timer.unref();
    this.timers.add(timer);
  }
}

function button(customId: string, label: string, disabled = false): APIButtonComponent {
  return { type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: customId, label, disabled };
}
