import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import os from "node:os";
import { UserError } from "../errors.ts";
import { storageError } from "./atomic-fs.ts";

export interface WriteLockOptions {
  /** How long to wait for another process's lock before giving up. Default 120 s. */
  timeoutMs?: number;
  /** How often the holder refreshes the lock's mtime. Default 2 s. */
  heartbeatMs?: number;
  /** A lock not refreshed for this long is stale even if its pid is alive (pid reuse). Default 30 s. */
  staleMs?: number;
}

interface LockOwner {
  pid: number;
  host: string;
  token: string;
  since: string;
}

/**
 * Serialises writers to one data directory: within a process through a promise queue (so concurrent
 * adds never collide), across processes (bot, CLI, shards) through an exclusive lock file.
 *
 * Why not proper-lockfile: it can only detect an abandoned lock by its age, so after a `kill -9` every
 * writer would wait out the stale period. This lock records its owner's pid and takes over at once
 * when that process is gone, and still falls back to age for owners on other hosts or reused pids.
 */
export class WriteLock {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly timeoutMs: number;
  private readonly heartbeatMs: number;
  private readonly staleMs: number;

  constructor(
    readonly file: string,
    options: WriteLockOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 120_000;
    this.heartbeatMs = options.heartbeatMs ?? 2_000;
    this.staleMs = options.staleMs ?? 30_000;
  }

  /** Runs `work` while holding the lock; calls queue in order. */
  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(async () => {
      const release = await this.acquire();
      try {
        return await work();
      } finally {
        await release();
      }
    });
    this.queue = result.catch(() => {});
    return result;
  }

  private async acquire(): Promise<() => Promise<void>> {
    const owner: LockOwner = {
      pid: process.pid,
      host: os.hostname(),
      token: randomBytes(8).toString("hex"),
      since: new Date().toISOString(),
    };
    const deadline = Date.now() + this.timeoutMs;
    let delay = 10;
    for (;;) {
      try {
        await fs.writeFile(this.file, JSON.stringify(owner), { flag: "wx" });
        break;
      } catch (error) {
        // A read-only or full disk is the operator's to fix, not a bug.
        if ((error as NodeJS.ErrnoException).code !== "EEXIST")
          throw storageError("Could not lock the library for writing", error);
      }
      const holder = await this.breakIfAbandoned();
      if (Date.now() > deadline) {
        throw new UserError(
          "LOCKED",
          `Another Byline process${holder ? ` (pid ${holder.pid})` : ""} has been writing to the library for over ${Math.round(this.timeoutMs / 1000)} s; try again when it finishes.`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 250);
    }
    const heartbeat = setInterval(() => {
      const now = new Date();
      fs.utimes(this.file, now, now).catch(() => {});
    }, this.heartbeatMs);
    heartbeat.unref();
    return async () => {
      clearInterval(heartbeat);
      const current = await readOwner(this.file);
      if (current?.token === owner.token) await fs.rm(this.file, { force: true });
    };
  }

  /** Removes the lock when its owner is gone; returns the live owner otherwise. */
  private async breakIfAbandoned(): Promise<LockOwner | undefined> {
    const [holder, stat] = await Promise.all([
      readOwner(this.file),
      fs.stat(this.file).catch(() => undefined),
    ]);
    if (!stat) return undefined; // released meanwhile
    const age = Date.now() - stat.mtimeMs;
    const ownerGone = holder ? holder.host === os.hostname() && !isAlive(holder.pid) : age > 1_000;
    if (!ownerGone && age < this.staleMs) return holder;
    // Rename first so two processes breaking the same lock can't delete each other's fresh one.
    const grave = `${this.file}.${randomBytes(4).toString("hex")}.stale`;
    try {
      await fs.rename(this.file, grave);
    } catch {
      return holder;
    }
    const buried = await readOwner(grave);
    if (holder && buried?.token !== holder.token) {
      // We took a lock that was re-created after we looked: put it back.
      await fs.link(grave, this.file).catch(() => {});
    }
    await fs.rm(grave, { force: true });
    return undefined;
  }
}

async function readOwner(file: string): Promise<LockOwner | undefined> {
  try {
    return JSON.parse(await fs.readFile(file, "utf8")) as LockOwner;
  } catch {
    return undefined; // missing, or half-written by a process killed in writeFile
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
