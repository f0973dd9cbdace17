import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shardOfGuild } from "../../../src/discord/feed-notices.ts";
import { FeedScheduler, type Library, type PollResult } from "../../../src/library/library.ts";
import { tempDir } from "../../helpers/temp.ts";
import { openFeedLibrary } from "./feed-library.ts";
import { type FeedServer, rssFeed, startFeedServer } from "./feed-server.ts";

/** Four servers, two on each of two shards ((id >> 22) % 2). */
const GUILDS = ["1200000000000000001", "1200000000004194305", "1200000000008388609", "1200000000012582913"];

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(() => server.close());

const openLibrary = (dataDir: string) => openFeedLibrary(dataDir, { backfill: 1 });

/** A scheduler for one shard of `count`, recording its polls; resolves `idle` after one pass. */
function shardScheduler(library: Library, shard: number, count: number) {
  const polls: PollResult[] = [];
  const scheduler = new FeedScheduler({
    feeds: library.feeds,
    owns: (scope) => shardOfGuild(scope, count) === shard,
    onPolled: (result) => {
      polls.push(result);
    },
    tickMs: 60_000,
  });
  return { scheduler, polls };
}

describe("feed scheduler", () => {
  it("GIVEN two shards on one data directory THEN each polls only its own servers' feeds, and no feed is fetched twice", async () => {
    const dataDir = await tempDir();
    const setup = await openLibrary(dataDir);
    for (const [i, guild] of GUILDS.entries()) {
      server.serve(`/shard-${i}.xml`, rssFeed(server.origin, [7000 + i]));
      await setup.feeds.subscribe(guild, { url: server.url(`/shard-${i}.xml`), addedBy: "spec" });
    }
    await setup.close();
    const before = server.requests.length;

    const shards = await Promise.all(
      [0, 1].map(async (shard) => shardScheduler(await openLibrary(dataDir), shard, 2)),
    );
    for (const { scheduler } of shards) scheduler.start();
    // start() runs a pass at once; wait until both passes have polled their two feeds.
    await expect.poll(() => shards.map((s) => s.polls.length), { timeout: 20_000 }).toEqual([2, 2]);
    for (const { scheduler } of shards) await scheduler.stop();

    for (const [shard, { polls }] of shards.entries()) {
      expect(polls.every((p) => shardOfGuild(p.scope, 2) === shard)).toBe(true);
      expect(polls.flatMap((p) => p.added)).toHaveLength(2);
    }
    const feedFetches = server.requests.slice(before).filter((r) => r.path.startsWith("/shard-"));
    expect(feedFetches.map((r) => r.path).sort()).toEqual(GUILDS.map((_, i) => `/shard-${i}.xml`));
  });

  it("GIVEN a wake after a subscription THEN its backfill is polled without waiting for the next tick", async () => {
    const dataDir = await tempDir();
    const library = await openLibrary(dataDir);
    const { scheduler, polls } = shardScheduler(library, 0, 1);
    scheduler.start();
    await scheduler.idle();
    server.serve("/wake.xml", rssFeed(server.origin, [7100]));
    await library.feeds.subscribe(GUILDS[0]!, { url: server.url("/wake.xml"), addedBy: "spec" });
    scheduler.wake();
    await expect.poll(() => polls.flatMap((p) => p.added).length, { timeout: 10_000 }).toBe(1);
    await scheduler.stop();
    expect((await library.list(GUILDS[0]!)).map((a) => a.title)).toEqual(["Feed story 7100"]);
  });
});
