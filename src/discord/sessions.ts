import { randomBytes } from "node:crypto";

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/**
 * In-memory state behind buttons and modals (pages, pending confirmations, pasted-text modals), keyed by
 * a short random id that goes into the component's custom_id. Entries expire after `ttlMs` and the map
 * never holds more than `maxEntries` (oldest dropped first), so a busy server can't grow it without
 * bound. State is per process: with sharding, a guild's interactions always reach the same shard.
 */
export class SessionMap<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs: number,
    private readonly maxEntries = 1000,
  ) {}

  create(value: V): string {
    this.sweep();
    let id = newId();
    while (this.entries.has(id)) id = newId();
    this.entries.set(id, { value, expiresAt: this.clock.now() + this.ttlMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return id;
  }

  /** The value, or undefined when unknown or expired. */
  get(id: string): V | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.clock.now()) {
      this.entries.delete(id);
      return undefined;
    }
    return entry.value;
  }

  delete(id: string): void {
    this.entries.delete(id);
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }

  private sweep(): void {
    const now = this.clock.now();
    for (const [id, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(id);
  }
}

/** 8 URL-safe characters: short enough for custom_id (100 max), unguessable enough for state lookup. */
function newId(): string {
  return randomBytes(6).toString("base64url");
}
