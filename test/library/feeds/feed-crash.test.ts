/**
 * Exactly once across crashes and processes: a poller killed with SIGKILL at any point of a poll never
 * leaves an item added twice nor loses one the feed still lists; two pollers on the same data
 * directory (two shards misconfigured to own the same server) never add an item twice.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../../helpers/temp.ts";
import { openFeedLibrary } from "./feed-library.ts";
import { type FeedServer, rssFeed, startFeedServer } from "./feed-server.ts";

const SCOPE = "1200000000000000001";
const CHILD = fileURLToPath(new URL("./fixtures/poll-child.ts", import.meta.url));
const STORIES = Array.from({ length: 12 }, (_, i) => 5000 + 12 - i); // newest first

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
  server.serve("/crash.xml", rssFeed(server.origin, STORIES));
});
afterAll(() => server.close());

const openLibrary = (dataDir: string) => openFeedLibrary(dataDir, { backfill: 20, maxAddsPerPoll: 50 });

/** Runs the poller; kills it with SIGKILL when the server sees story fetch number `killAt` (if ever). */
function runPoller(dataDir: string, killAt?: number): Promise<"done" | "killed"> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CHILD, dataDir, SCOPE], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const start = server.storyFetches();
    server.onStory = () => {
      if (killAt !== undefined && server.storyFetches() - start === killAt) child.kill("SIGKILL");
    };
    child.on("exit", (code, signal) => {
      server.onStory = undefined;
      if (signal === "SIGKILL") resolve("killed");
      else if (code === 0) resolve("done");
      else reject(new Error(`poller exited ${code}: ${stderr}`));
    });
  });
}

describe("feeds: exactly once", () => {
  it("GIVEN a poller killed with SIGKILL at a different point each time THEN, once a poll completes, every story is in the library exactly once", async () => {
    const dataDir = await tempDir();
    const library = await openLibrary(dataDir);
    await library.feeds.subscribe(SCOPE, { url: server.url("/crash.xml"), addedBy: "spec" });
    await library.close();

    // Killed on the 1st, 3rd, 2nd… story fetch of each run: mid-add, between adds, before the state save.
    const kills: ("done" | "killed")[] = [];
    for (const killAt of [1, 3, 2, 5]) kills.push(await runPoller(dataDir, killAt));
    kills.push(await runPoller(dataDir));
    expect(kills.filter((k) => k === "killed").length).toBeGreaterThanOrEqual(3);
    expect(kills.at(-1)).toBe("done");

    const reopened = await openLibrary(dataDir);
    const titles = (await reopened.list(SCOPE)).map((a) => a.title).sort();
    expect(titles).toEqual(STORIES.map((n) => `Feed story ${n}`).sort());
    const [feed] = await reopened.feeds.list(SCOPE);
    expect(feed!.items.filter((i) => i.status === "pending")).toEqual([]);
    // Every story is accounted for: added (or found already added, after a kill between add and save).
    expect(feed!.items.every((i) => i.status === "added" || i.status === "duplicate")).toBe(true);
    expect((await reopened.verify()).ok).toBe(true);
    await reopened.close();
  });

  it("GIVEN two processes polling the same feed at once THEN each story is added once", async () => {
    const dataDir = await tempDir();
    const library = await openLibrary(dataDir);
    server.serve("/twice.xml", rssFeed(server.origin, [6003, 6002, 6001]));
    await library.feeds.subscribe(SCOPE, { url: server.url("/twice.xml"), addedBy: "spec" });
    await library.close();
    const outcomes = await Promise.all([runPoller(dataDir), runPoller(dataDir)]);
    expect(outcomes).toEqual(["done", "done"]);
    const reopened = await openLibrary(dataDir);
    expect((await reopened.list(SCOPE)).map((a) => a.title).sort()).toEqual([
      "Feed story 6001",
      "Feed story 6002",
      "Feed story 6003",
    ]);
    await reopened.close();
  });
});
