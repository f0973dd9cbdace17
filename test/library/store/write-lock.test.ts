import { spawn } from "node:child_process";
import { promises as fs } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { WriteLock } from "../../../src/library/store/write-lock.ts";
import { tempDir } from "../../helpers/temp.ts";

describe("WriteLock", () => {
  it("runs queued work one at a time, in order, within a process", async () => {
    const lock = new WriteLock(path.join(await tempDir(), "write.lock"));
    const events: string[] = [];
    const job = (name: string, ms: number) =>
      lock.run(async () => {
        events.push(`start ${name}`);
        await new Promise((r) => setTimeout(r, ms));
        events.push(`end ${name}`);
        return name;
      });
    const results = await Promise.all([job("a", 30), job("b", 1), job("c", 10)]);
    expect(results).toEqual(["a", "b", "c"]);
    expect(events).toEqual(["start a", "end a", "start b", "end b", "start c", "end c"]);
  });

  it("keeps serving the queue after a job fails", async () => {
    const lock = new WriteLock(path.join(await tempDir(), "write.lock"));
    await expect(lock.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(lock.run(async () => "next")).resolves.toBe("next");
  });

  it("waits for another live holder, then takes the lock", async () => {
    const file = path.join(await tempDir(), "write.lock");
    const first = new WriteLock(file);
    const second = new WriteLock(file);
    const order: string[] = [];
    let releaseFirst!: () => void;
    let firstHolds!: () => void;
    const holding = new Promise<void>((resolve) => {
      firstHolds = resolve;
    });
    const held = first.run(
      () =>
        new Promise<void>((resolve) => {
          order.push("first holds");
          firstHolds();
          releaseFirst = () => {
            order.push("first releases");
            resolve();
          };
        }),
    );
    await holding;
    // Ordered by events, not sleeps: the second holder's attempts to create the lock file are seen.
    const attempts = vi.spyOn(fs, "writeFile");
    const waiting = second.run(async () => {
      order.push("second holds");
    });
    await vi.waitFor(() => {
      const tries = attempts.mock.calls.filter(([target]) => target === file).length;
      if (tries < 2) throw new Error("the second holder has not retried yet");
    });
    attempts.mockRestore();
    expect(order).toEqual(["first holds"]);
    releaseFirst();
    await Promise.all([held, waiting]);
    expect(order).toEqual(["first holds", "first releases", "second holds"]);
  });

  it("takes over at once from a holder that was killed with SIGKILL", async () => {
    const file = path.join(await tempDir(), "write.lock");
    const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"]);
    await new Promise((r) => child.once("spawn", r));
    await fs.writeFile(
      file,
      JSON.stringify({ pid: child.pid, host: (await import("node:os")).hostname(), token: "x", since: "" }),
    );
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    const started = Date.now();
    await new WriteLock(file, { staleMs: 60_000 }).run(async () => {});
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("gives up with a clear LOCKED error when the holder never lets go", async () => {
    const file = path.join(await tempDir(), "write.lock");
    await fs.writeFile(
      file,
      JSON.stringify({ pid: process.pid, host: (await import("node:os")).hostname(), token: "x", since: "" }),
    );
    await expect(new WriteLock(file, { timeoutMs: 100 }).run(async () => {})).rejects.toMatchObject({
      code: "LOCKED",
      message: expect.stringContaining(`pid ${process.pid}`),
    });
  });
});
