/**
 * Event-ordered waiting: a list that tests can await entries of. `waitFor` resolves with the first
 * entry (already there or yet to come) that matches, or rejects after `timeoutMs` naming what it
 * waited for, so a scenario never sleeps "long enough".
 */
export class Watched<T> {
  readonly items: T[] = [];
  private waiters = new Set<{ match(item: T): boolean; resolve(item: T): void }>();

  push(item: T): void {
    this.items.push(item);
    for (const waiter of [...this.waiters]) {
      if (waiter.match(item)) {
        this.waiters.delete(waiter);
        waiter.resolve(item);
      }
    }
  }

  waitFor<S extends T>(
    match: (item: T) => item is S,
    what: string,
    timeoutMs?: number,
    from?: number,
  ): Promise<S>;
  waitFor(match: (item: T) => boolean, what: string, timeoutMs?: number, from?: number): Promise<T>;
  waitFor(match: (item: T) => boolean, what: string, timeoutMs = 15_000, from = 0): Promise<T> {
    const found = this.items.slice(from).find(match);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const waiter = {
        match,
        resolve: (item: T) => {
          clearTimeout(timer);
          resolve(item);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }
}
