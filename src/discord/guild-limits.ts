import { UserError } from "../library/errors.ts";
import type { Library } from "../library/library.ts";
import type { Clock } from "./sessions.ts";

const HOUR_MS = 3600_000;

/**
 * Per-server limits on /article add: how many articles a server may keep (GUILD_MAX_ARTICLES, counted
 * from the library, so it holds across restarts and shards) and how many adds it may start per hour
 * (GUILD_ADDS_PER_HOUR; embedding is the bot's most expensive work). Size is capped by the library
 * (MAX_ARTICLE_BYTES) and, for attachments, before downloading.
 */
export class GuildAddLimits {
  private readonly recent = new Map<string, number[]>();

  constructor(
    private readonly clock: Clock,
    private readonly perHour: number,
    private readonly maxArticles: number,
  ) {}

  /** Counts one add attempt against the hourly limit, or throws a LIMIT UserError. */
  takeAdd(guildId: string): void {
    const now = this.clock.now();
    const times = (this.recent.get(guildId) ?? []).filter((t) => t > now - HOUR_MS);
    if (times.length >= this.perHour) {
      const minutes = Math.max(1, Math.ceil((times[0]! + HOUR_MS - now) / 60_000));
      throw new UserError(
        "LIMIT",
        `This server has added ${this.perHour} articles in the last hour, its limit. Try again in ${minutes} min.`,
      );
    }
    times.push(now);
    this.recent.set(guildId, times);
  }

  /** Throws a LIMIT UserError when the server already keeps its maximum number of articles. */
  async assertRoom(library: Library, guildId: string): Promise<void> {
    const own = (await library.list(guildId)).filter((a) => a.scope === guildId).length;
    if (own >= this.maxArticles) {
      throw new UserError(
        "LIMIT",
        `This server already has ${own} articles, its limit (${this.maxArticles}). Remove one with /article remove first.`,
      );
    }
  }
}
