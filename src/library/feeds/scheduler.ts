import { isUserError } from "../errors.ts";
import { type Logger, silentLogger } from "../log.ts";
import type { FeedService, PollResult } from "./feed-service.ts";

export interface FeedSchedulerOptions {
  feeds: FeedService;
  /**
   * Whether this process polls a scope's feeds. With shards, each polls only the servers it owns, so
   * nothing is polled twice (the feed lock and the library's duplicate check also hold if two do).
   */
  owns: (scope: string) => boolean;
  /** Called after every poll (notices for new articles, the one-time pause notice). */
  onPolled?: (result: PollResult) => Promise<void> | void;
  logger?: Logger;
  /** How often due feeds (and subscriptions made by other processes) are looked for. Default 30 s. */
  tickMs?: number;
  /** Feeds polled at once. Default 2 (the embedding of new stories is the costly part, and CPU-bound). */
  concurrency?: number;
}

/**
 * Polls every due feed of the scopes this process owns, on each feed's own schedule (stored in the
 * feed file, so a restart keeps it). Runs until `stop`, which lets polls in progress finish their
 * current article and keeps the rest pending for the next start.
 */
export class FeedScheduler {
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;
  private ticking: Promise<void> | undefined;
  private again = false;
  private readonly logger: Logger;
  private readonly tickMs: number;
  private readonly concurrency: number;
  private readonly warned = new Set<string>();

  constructor(private readonly options: FeedSchedulerOptions) {
    this.logger = options.logger ?? silentLogger;
    this.tickMs = options.tickMs ?? 30_000;
    this.concurrency = options.concurrency ?? 2;
  }

  start(): void {
    this.schedule(0);
  }

  /** Looks for due feeds now (after `/feed add`, so its backfill arrives without waiting a tick). */
  wake(): void {
    if (!this.stopping) this.schedule(0);
  }

  /** Resolves when the current pass (if any) is over. */
  async idle(): Promise<void> {
    while (this.ticking) await this.ticking;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    await this.idle();
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.ticking) {
      this.again = true; // a wake during a pass: one more pass right after it
      return;
    }
    if (this.stopping) return;
    this.ticking = this.pass().finally(() => {
      this.ticking = undefined;
    });
    await this.ticking;
    if (this.stopping) return;
    const again = this.again;
    this.again = false;
    this.schedule(again ? 0 : this.tickMs);
  }

  /** One pass: every due feed of every owned scope, `concurrency` at a time. */
  private async pass(): Promise<void> {
    const queue: { scope: string; feedId: string }[] = [];
    try {
      for (const scope of await this.options.feeds.scopes()) {
        if (!this.options.owns(scope)) continue;
        try {
          for (const feed of await this.options.feeds.due(scope)) queue.push({ scope, feedId: feed.id });
        } catch (error) {
          this.warnOnce(scope, error, "could not read this server's feeds");
        }
      }
    } catch (error) {
      this.logger.error({ err: error }, "feed scheduler could not list scopes");
      return;
    }
    const workers = Array.from({ length: Math.min(this.concurrency, queue.length) }, async () => {
      for (let next = queue.shift(); next && !this.stopping; next = queue.shift()) {
        await this.pollOne(next.scope, next.feedId);
      }
    });
    await Promise.all(workers);
  }

  private async pollOne(scope: string, feedId: string): Promise<void> {
    let result: PollResult;
    try {
      result = await this.options.feeds.poll(scope, feedId, { shouldStop: () => this.stopping });
    } catch (error) {
      this.warnOnce(`${scope}/${feedId}`, error, "feed poll failed");
      return;
    }
    if (result.fetch === "skipped") return;
    this.logger.debug({ ...result, added: result.added.length }, "feed polled");
    try {
      await this.options.onPolled?.(result);
    } catch (error) {
      this.logger.error({ err: error, scope, feedId }, "feed notice failed");
    }
  }

  /** A damaged or locked feed file is reported once per process, not every 30 s. */
  private warnOnce(key: string, error: unknown, message: string): void {
    if (!isUserError(error)) {
      this.logger.error({ err: error, key }, message);
      return;
    }
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.logger.warn({ key, reason: error.message }, message);
  }
}
