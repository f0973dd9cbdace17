import { promises as fs } from "node:fs";
import path from "node:path";
import { UserError } from "../errors.ts";
import { readJsonFile, writeFileAtomic } from "../store/atomic-fs.ts";
import { scopePaths } from "../store/scope-store.ts";
import { WriteLock } from "../store/write-lock.ts";
import type { FeedsFile } from "./types.ts";

/**
 * A scope's subscriptions, stored beside its library (`scopes/<scope>/feeds.json`): written atomically
 * (temp file, fsync, rename), so a process killed at any moment leaves the old state or the new one.
 * Every change is a read-modify-write under the scope's feed lock, which is pid-aware like the
 * library's write lock: the bot's shards, the CLI and a restarted process never interleave.
 */
export class FeedFile {
  readonly file: string;
  private readonly lock: WriteLock;

  constructor(
    dataDir: string,
    readonly scope: string,
  ) {
    const root = scopePaths(dataDir, scope).root;
    this.file = path.join(root, "feeds.json");
    this.lock = new WriteLock(path.join(root, "feeds.lock"));
  }

  /** The current state, without locking (for listing and scheduling). */
  async read(): Promise<FeedsFile> {
    let stored: FeedsFile | undefined;
    try {
      stored = await readJsonFile<FeedsFile>(this.file);
    } catch (cause) {
      throw new UserError(
        "STORAGE",
        `The feed subscriptions in ${this.file} are damaged (${(cause as Error).message}). Nothing was changed; restore the file from a backup, or delete it and add the feeds again.`,
        { cause },
      );
    }
    if (stored === undefined) return { format: 1, feeds: [] };
    if (stored.format !== 1 || !Array.isArray(stored.feeds)) {
      throw new UserError(
        "STORAGE",
        `${this.file} is not a Byline feed file this version can read (format ${JSON.stringify(stored.format)}). Nothing was changed.`,
      );
    }
    return stored;
  }

  /**
   * Runs `change` on the current state under the lock; what it leaves in the state is saved (only if
   * it returns normally). `save` lets a long change checkpoint progress on the way.
   */
  async update<T>(change: (state: FeedsFile, save: () => Promise<void>) => Promise<T>): Promise<T> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    return this.lock.run(async () => {
      const state = await this.read();
      const save = async () => {
        await writeFileAtomic(this.file, `${JSON.stringify(state, null, 1)}\n`);
      };
      const result = await change(state, save);
      await save();
      return result;
    });
  }
}
