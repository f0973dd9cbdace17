/** When feeds are polled: intervals, backoff after errors, and when a feed is paused. */

/** Default minutes between polls of one feed. */
export const DEFAULT_INTERVAL_MINUTES = 15;
/** No feed is polled more often than this (politeness to the publisher). */
export const MIN_INTERVAL_MINUTES = 5;
/** Nor less often than once a day. */
export const MAX_INTERVAL_MINUTES = 24 * 60;
/** Failed polls in a row after which a feed is paused and its moderators are told. */
export const MAX_FAILURES = 5;
/** The longest wait between retries of a failing feed. */
const MAX_BACKOFF_MS = 6 * 3600_000;

const MINUTE_MS = 60_000;

/**
 * The next poll after a successful one: the interval, spread by ±10% so feeds added together (or a
 * whole shard restarting) do not all poll in the same second.
 */
export function nextPollAfterSuccess(now: number, intervalMinutes: number, random: () => number): number {
  const interval = intervalMinutes * MINUTE_MS;
  return now + Math.round(interval * (0.9 + 0.2 * random()));
}

/**
 * The next poll after the `failures`-th failure in a row: exponential backoff from the feed's interval
 * (×2 per failure, at most 6 h) with "full jitter" in the upper half, so a publisher that is down is
 * not hit by every subscriber at once when it comes back.
 */
export function nextPollAfterFailure(
  now: number,
  intervalMinutes: number,
  failures: number,
  random: () => number,
): number {
  const base = Math.min(intervalMinutes * MINUTE_MS * 2 ** Math.max(0, failures - 1), MAX_BACKOFF_MS);
  return now + Math.round(base * (0.5 + 0.5 * random()));
}
