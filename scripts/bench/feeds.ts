/**
 * Feed polling cost: 100 subscribed feeds (10 servers × 10, 20 items each) on a loopback site in its
 * own process. Measures a round of polls when nothing changed (every feed answers 304), a round where
 * every feed is re-sent unchanged (200: fetched and parsed, nothing new: what the 304 saves), and the
 * time from a new item being seen to its notice (fetch, parse, fetch the story, embed with the bundled
 * MiniLM, store), besides the wait for the feed's next poll, which the interval sets.
 */
import { spawn } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { Embedder } from "../../src/library/embed/embedder.ts";
import { FeedScheduler, Library, type PollResult } from "../../src/library/library.ts";
import { percentile, round } from "./stats.ts";

const SITE = fileURLToPath(new URL("./feed-site.ts", import.meta.url));
const GUILDS = Array.from({ length: 10 }, (_, i) => String(1200000000000000000n + BigInt(i) * 4194304n));

export interface RoundCost {
  feeds: number;
  wallMs: number;
  /** Process CPU (user + system) for the whole round, and per feed. */
  cpuMs: number;
  cpuMsPerFeed: number;
  /** Bytes on the wire per feed (request and response, headers included), as the site counted them. */
  bytesPerFeed: number;
}

export interface FeedBench {
  notModified: RoundCost;
  unchanged200: RoundCost;
  newItemToNotice: { p50Ms: number; maxMs: number; n: number };
}

export async function measureFeeds(bundled: Embedder): Promise<FeedBench> {
  const site = spawn(process.execPath, ["--import", "tsx", SITE], { stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: site.stdout! })[Symbol.asyncIterator]();
  const next = async () => JSON.parse((await lines.next()).value as string) as Record<string, unknown>;
  const command = async (text: string) => {
    site.stdin!.write(`${text}\n`);
    return (await lines.next()).value as string;
  };
  const { origin, feeds } = (await next()) as { origin: string; feeds: number };
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "byline-bench-feeds-"));
  const library = await Library.open({
    dataDir,
    samples: false,
    loadEmbedder: async () => bundled,
    ingest: { fetch: { allowPrivate: true } },
    feeds: { backfill: 0 },
  });
  try {
    const subscriptions: { scope: string; id: string }[] = [];
    for (let n = 0; n < feeds; n++) {
      const scope = GUILDS[n % GUILDS.length]!;
      const { feed } = await library.feeds.subscribe(scope, {
        url: `${origin}/feed/${n}.xml`,
        addedBy: "bench",
      });
      subscriptions.push({ scope, id: feed.id });
    }
    const round = async (): Promise<RoundCost> => {
      const before = JSON.parse(await command("stats")) as { bytesIn: number; bytesOut: number };
      const cpu = process.cpuUsage();
      const start = performance.now();
      for (const s of subscriptions) {
        const result = await library.feeds.poll(s.scope, s.id, { force: true });
        if (result.fetch === "failed") throw new Error(`bench poll failed: ${result.error}`);
      }
      const wallMs = performance.now() - start;
      const used = process.cpuUsage(cpu);
      // Sockets are counted when they close; give the last one a moment.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const after = JSON.parse(await command("stats")) as { bytesIn: number; bytesOut: number };
      const cpuMs = (used.user + used.system) / 1000;
      return {
        feeds: subscriptions.length,
        wallMs: round2(wallMs),
        cpuMs: round2(cpuMs),
        cpuMsPerFeed: round2(cpuMs / subscriptions.length),
        bytesPerFeed: Math.round(
          (after.bytesIn - before.bytesIn + after.bytesOut - before.bytesOut) / subscriptions.length,
        ),
      };
    };
    await round(); // warm: first 304s, JIT
    const notModified = median3([await round(), await round(), await round()]);
    await command("touch");
    const unchanged200 = await round();

    // New item → notice: the scheduler's path (due feed → poll → add → onPolled), item by item.
    const latencies: number[] = [];
    let notified: ((result: PollResult) => void) | undefined;
    const scheduler = new FeedScheduler({
      feeds: library.feeds,
      owns: () => true,
      onPolled: (result) => notified?.(result),
      tickMs: 3_600_000,
    });
    for (let i = 0; i < 5; i++) {
      const target = subscriptions[i]!;
      await command(`bump ${i}`);
      await forceDue(library, target.scope, target.id);
      const start = performance.now();
      const seen = new Promise<void>((resolve) => {
        notified = (result) => {
          if (result.added.length > 0) resolve();
        };
      });
      scheduler.wake();
      await seen;
      latencies.push(performance.now() - start);
      await scheduler.idle();
    }
    await scheduler.stop();
    return {
      notModified,
      unchanged200,
      newItemToNotice: {
        p50Ms: round2(percentile(latencies, 50)),
        maxMs: round2(Math.max(...latencies)),
        n: latencies.length,
      },
    };
  } finally {
    await library.close();
    site.kill();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

/** Makes one feed due now (as if its interval had passed), through the stored state. */
async function forceDue(library: Library, scope: string, feedId: string): Promise<void> {
  const file = path.join(library.dataDir, "scopes", scope, "feeds.json");
  const state = JSON.parse(await fs.readFile(file, "utf8")) as {
    feeds: { id: string; nextPollAt: string }[];
  };
  for (const feed of state.feeds) {
    feed.nextPollAt =
      feed.id === feedId ? new Date(0).toISOString() : new Date(Date.now() + 3_600_000).toISOString();
  }
  await fs.writeFile(file, JSON.stringify(state));
}

function median3(rounds: RoundCost[]): RoundCost {
  return [...rounds].sort((a, b) => a.cpuMs - b.cpuMs)[1]!;
}

const round2 = (value: number) => round(value, 2);
