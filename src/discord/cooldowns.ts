import { UserError } from "../library/errors.ts";
import type { Clock } from "./sessions.ts";

/**
 * Per-user cooldowns for the commands that run a search (/ask, /quotes), so one user can't keep the
 * model busy for everyone. In memory: a restart forgives, which is fine for a rate limit this short.
 */
export class Cooldowns {
  private readonly lastUse = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  /** Records a use, or throws a RATE_LIMITED UserError saying when to try again. */
  take(command: string, userId: string, seconds: number): void {
    if (seconds <= 0) return;
    const key = `${command}:${userId}`;
    const now = this.clock.now();
    const last = this.lastUse.get(key);
    const readyAt = last === undefined ? 0 : last + seconds * 1000;
    if (now < readyAt) {
      const wait = Math.max(1, Math.ceil((readyAt - now) / 1000));
      throw new UserError("RATE_LIMITED", `You're going a bit fast: try /${command} again in ${wait} s.`);
    }
    this.lastUse.set(key, now);
    if (this.lastUse.size > 10_000) this.forgetOlderThan(now - 3600_000);
  }

  private forgetOlderThan(cutoff: number): void {
    for (const [key, at] of this.lastUse) if (at < cutoff) this.lastUse.delete(key);
  }
}
