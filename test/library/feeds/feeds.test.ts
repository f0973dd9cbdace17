import { promises as fs } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isUserError } from "../../../src/library/errors.ts";
import type { Library, LibraryOptions } from "../../../src/library/library.ts";
import { tempDir } from "../../helpers/temp.ts";
import { openFeedLibrary } from "./feed-library.ts";
import { type FeedServer, rssFeed, startFeedServer } from "./feed-server.ts";

const SCOPE = "1200000000000000001";
let server: FeedServer;

beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(() => server.close());

interface Clocked {
  library: Library;
  clock: { time: number };
}

/** A real library (hash embedder: instant) on a temp folder, with a clock the spec moves. */
async function openLibrary(options: Pick<LibraryOptions, "feeds"> = {}, dataDir?: string): Promise<Clocked> {
  const clock = { time: Date.parse("2026-12-01T12:00:00Z") };
  const library = await openFeedLibrary(dataDir ?? (await tempDir()), {
    now: () => clock.time,
    random: () => 1,
    backfill: 2,
    ...options.feeds,
  });
  return { library, clock };
}

let feedPaths = 0;
/** A fresh feed path per spec, so specs don't see each other's items. */
function newFeed(numbers: number[]): string {
  const path = `/feeds/${++feedPaths}.xml`;
  server.serve(
    path,
    rssFeed(
      server.origin,
      numbers.map((n) => n + feedPaths * 100),
    ),
  );
  return path;
}
const story = (path: string, n: number) => n + Number(/\/(\d+)\.xml$/.exec(path)![1]) * 100;

async function titles(library: Library): Promise<string[]> {
  return (await library.list(SCOPE)).map((a) => a.title).sort();
}

describe("subscribing", () => {
  it("GIVEN a feed with 4 stories WHEN subscribed THEN the newest 2 (the backfill) are added by the first poll, oldest first", async () => {
    const { library } = await openLibrary();
    const path = newFeed([4, 3, 2, 1]);
    const { feed, outcome, pending } = await library.feeds.subscribe(SCOPE, {
      url: server.url(path),
      addedBy: "mod",
    });
    expect(outcome).toBe("added");
    expect(pending).toBe(2);
    expect(feed).toMatchObject({ title: "River News", format: "rss", intervalMinutes: 15 });
    const poll = await library.feeds.poll(SCOPE, feed.id);
    expect(poll.added.map((a) => a.title)).toEqual([
      `Feed story ${story(path, 3)}`,
      `Feed story ${story(path, 4)}`,
    ]);
    expect(await titles(library)).toEqual([`Feed story ${story(path, 3)}`, `Feed story ${story(path, 4)}`]);
    const [listed] = await library.feeds.list(SCOPE);
    expect(listed!.items.map((i) => i.status)).toEqual(["added", "added", "skipped", "skipped"]);
  });

  it("GIVEN a page that advertises its feeds THEN the error names them and nothing is stored", async () => {
    const { library } = await openLibrary();
    server.serve(
      "/home.html",
      '<!doctype html><html><head><link rel="alternate" type="application/rss+xml" title="Top stories" href="/feeds/top.xml"><link rel="alternate" type="application/atom+xml" href="https://gazette.example/atom"></head><body>Home</body></html>',
      "text/html",
    );
    const error = await library.feeds
      .subscribe(SCOPE, { url: server.url("/home.html"), addedBy: "mod" })
      .catch((e) => e);
    expect(isUserError(error) && error.code).toBe("NOT_A_FEED");
    expect(error.message).toContain("This page links to these feeds:");
    expect(error.message).toContain(`${server.origin}/feeds/top.xml (Top stories)`);
    expect(error.message).toContain("https://gazette.example/atom");
    expect(await library.feeds.list(SCOPE)).toEqual([]);
  });

  it.each([
    [
      "a page with no feed links",
      "<!doctype html><html><body>Just a page</body></html>",
      "text/html",
      /web page, not a feed, and it advertises none/,
    ],
    ["JSON that is not a JSON Feed", '{"items": "nope"}', "application/json", /JSON that is not a JSON Feed/],
    [
      "XML of another kind",
      '<?xml version="1.0"?><note><to>x</to></note>',
      "application/xml",
      /XML that is not RSS, Atom or RDF/,
    ],
  ])("GIVEN %s THEN NOT_A_FEED says what was found", async (_what, body, type, message) => {
    const { library } = await openLibrary();
    server.serve("/not-a-feed", body, type);
    const error = await library.feeds
      .subscribe(SCOPE, { url: server.url("/not-a-feed"), addedBy: "mod" })
      .catch((e) => e);
    expect(error.code).toBe("NOT_A_FEED");
    expect(error.message).toMatch(message);
  });

  it("GIVEN a 50 MB feed THEN it is refused at the cap (TOO_LARGE) and nothing is stored", async () => {
    const { library } = await openLibrary({ feeds: { maxFeedBytes: 1024 * 1024 } });
    server.serve("/huge.xml", Buffer.alloc(50 * 1024 * 1024, " "), "application/rss+xml");
    const error = await library.feeds
      .subscribe(SCOPE, { url: server.url("/huge.xml"), addedBy: "mod" })
      .catch((e) => e);
    expect(error.code).toBe("TOO_LARGE");
    expect(await library.feeds.list(SCOPE)).toEqual([]);
  });

  it("GIVEN an interval under 5 minutes THEN BAD_USAGE, and the same feed twice is one subscription", async () => {
    const { library } = await openLibrary();
    const path = newFeed([1]);
    const tooOften = await library.feeds
      .subscribe(SCOPE, { url: server.url(path), addedBy: "mod", intervalMinutes: 2 })
      .catch((e) => e);
    expect(tooOften.code).toBe("BAD_USAGE");
    await library.feeds.subscribe(SCOPE, { url: server.url(path), addedBy: "mod" });
    const again = await library.feeds.subscribe(SCOPE, {
      url: server.url(path),
      addedBy: "mod",
      intervalMinutes: 30,
    });
    expect(again.outcome).toBe("updated");
    expect((await library.feeds.list(SCOPE)).map((f) => f.intervalMinutes)).toEqual([30]);
  });

  it("GIVEN the read-only samples scope THEN feeds are refused", async () => {
    const { library } = await openLibrary();
    const error = await library.feeds.list("samples").catch((e) => e);
    expect(error.code).toBe("READ_ONLY");
  });
});

describe("polling", () => {
  it("GIVEN new items between polls THEN each is added once; a 304 adds nothing and sends no body to parse", async () => {
    const { library, clock } = await openLibrary();
    const path = newFeed([2, 1]);
    const { feed } = await library.feeds.subscribe(SCOPE, { url: server.url(path), addedBy: "mod" });
    await library.feeds.poll(SCOPE, feed.id);
    expect(await titles(library)).toHaveLength(2);

    clock.time += 17 * 60_000;
    const unchanged = await library.feeds.poll(SCOPE, feed.id);
    expect(unchanged).toMatchObject({ fetch: "not-modified", newItems: 0, added: [], bytes: 0 });
    const last = server.requests.filter((r) => r.path === path).at(-1)!;
    expect(last.status).toBe(304);
    expect(last.ifNoneMatch).toMatch(/^"/);

    server.serve(
      path,
      rssFeed(server.origin, [story(path, 4), story(path, 3), story(path, 2), story(path, 1)]),
    );
    clock.time += 17 * 60_000;
    const grown = await library.feeds.poll(SCOPE, feed.id);
    expect(grown).toMatchObject({ fetch: "fetched", newItems: 2, duplicates: 0 });
    expect(grown.added.map((a) => a.title)).toEqual([
      `Feed story ${story(path, 3)}`,
      `Feed story ${story(path, 4)}`,
    ]);
    clock.time += 17 * 60_000;
    const again = await library.feeds.poll(SCOPE, feed.id);
    expect(again.added).toEqual([]);
    expect(await titles(library)).toHaveLength(4);
  });

  it("GIVEN a feed that is not due THEN a scheduled poll fetches nothing", async () => {
    const { library } = await openLibrary();
    const path = newFeed([1]);
    const { feed } = await library.feeds.subscribe(SCOPE, { url: server.url(path), addedBy: "mod" });
    await library.feeds.poll(SCOPE, feed.id);
    const before = server.requests.length;
    expect((await library.feeds.poll(SCOPE, feed.id)).fetch).toBe("skipped");
    expect(server.requests.length).toBe(before);
  });

  it("GIVEN an item re-issued with a new guid and tracking parameters THEN it is not new", async () => {
    const { library, clock } = await openLibrary();
    const path = newFeed([1]);
    const { feed } = await library.feeds.subscribe(SCOPE, { url: server.url(path), addedBy: "mod" });
    await library.feeds.poll(SCOPE, feed.id);
    const n = story(path, 1);
    server.serve(
      path,
      rssFeed(server.origin, [n])
        .replace(`river-${n}`, `new-guid-${n}`)
        .replace(`/story/${n}<`, `/story/${n}?utm_source=rss<`),
    );
    clock.time += 17 * 60_000;
    const poll = await library.feeds.poll(SCOPE, feed.id);
    expect(poll).toMatchObject({ fetch: "fetched", newItems: 0, added: [] });
  });

  it("GIVEN a feed that starts failing THEN polls back off, the 5th failure pauses it (told once), and adding it again resumes it", async () => {
    const { library, clock } = await openLibrary();
    const path = newFeed([1]);
    const { feed } = await library.feeds.subscribe(SCOPE, { url: server.url(path), addedBy: "mod" });
    await library.feeds.poll(SCOPE, feed.id);
    server.fail(path, 503);
    const waits: number[] = [];
    const paused: unknown[] = [];
    for (let i = 1; i <= 5; i++) {
      clock.time = Date.parse((await library.feeds.list(SCOPE))[0]!.nextPollAt);
      const poll = await library.feeds.poll(SCOPE, feed.id);
      expect(poll.fetch).toBe("failed");
      expect(poll.error).toMatch(/HTTP 503/);
      if (poll.pausedNow) paused.push(poll.pausedNow);
      const [state] = await library.feeds.list(SCOPE);
      expect(state!.failures).toBe(i);
      waits.push(Date.parse(state!.nextPollAt) - clock.time);
    }
    // random() = 1: the top of each jitter window, so the doubling shows exactly (15, 30, 60, 120, 240 min).
    expect(waits.map((ms) => ms / 60_000)).toEqual([15, 30, 60, 120, 240]);
    expect(paused).toHaveLength(1);
    expect((await library.feeds.list(SCOPE))[0]!.paused?.reason).toMatch(/5 polls in a row failed.*HTTP 503/);

    clock.time += 24 * 3600_000;
    expect((await library.feeds.poll(SCOPE, feed.id)).fetch).toBe("skipped"); // paused: not polled
    expect(await library.feeds.due(SCOPE)).toEqual([]);

    server.fail(path, null);
    const resumed = await library.feeds.subscribe(SCOPE, { url: server.url(path), addedBy: "mod" });
    expect(resumed.outcome).toBe("updated");
    expect(resumed.feed.paused).toBeUndefined();
    expect((await library.feeds.poll(SCOPE, feed.id)).fetch).not.toBe("failed");
  });

  it("GIVEN a full library THEN new items wait rather than evict, and are added once there is room", async () => {
    const { library, clock } = await openLibrary({ feeds: { maxArticles: 1 } });
    const path = newFeed([2, 1]);
    const { feed } = await library.feeds.subscribe(SCOPE, { url: server.url(path), addedBy: "mod" });
    const first = await library.feeds.poll(SCOPE, feed.id);
    expect(first.added).toHaveLength(1);
    expect(first.waiting).toBe(1);
    const [state] = await library.feeds.list(SCOPE);
    expect(state!.items.find((i) => i.status === "pending")?.waiting).toMatch(/library is full \(1 of 1/);
    expect(await titles(library)).toHaveLength(1);

    await library.remove(SCOPE, first.added[0]!.articleId);
    clock.time += 17 * 60_000;
    const second = await library.feeds.poll(SCOPE, feed.id);
    expect(second.added.map((a) => a.title)).toEqual([`Feed story ${story(path, 2)}`]);
    expect(second.waiting).toBe(0);
  });

  it("GIVEN the hourly limit THEN the rest wait for the next hour", async () => {
    const { library, clock } = await openLibrary({ feeds: { addsPerHour: 1, backfill: 3 } });
    const path = newFeed([3, 2, 1]);
    const { feed } = await library.feeds.subscribe(SCOPE, { url: server.url(path), addedBy: "mod" });
    expect((await library.feeds.poll(SCOPE, feed.id)).added).toHaveLength(1);
    clock.time += 17 * 60_000;
    const held = await library.feeds.poll(SCOPE, feed.id);
    expect(held).toMatchObject({ added: [], waiting: 2 });
    clock.time += 61 * 60_000;
    expect((await library.feeds.poll(SCOPE, feed.id)).added).toHaveLength(1);
  });

  it("GIVEN an item whose page is gone THEN it is retried, then marked failed; the others are added", async () => {
    const { library, clock } = await openLibrary({ feeds: { backfill: 2 } });
    const path = newFeed([2, 1]);
    server.fail(`/story/${story(path, 1)}`, 500);
    const { feed } = await library.feeds.subscribe(SCOPE, { url: server.url(path), addedBy: "mod" });
    for (let i = 0; i < 3; i++) {
      await library.feeds.poll(SCOPE, feed.id, { force: true });
      clock.time += 17 * 60_000;
    }
    const [state] = await library.feeds.list(SCOPE);
    const broken = state!.items.find((i) => i.link?.endsWith(`/story/${story(path, 1)}`));
    expect(broken).toMatchObject({ status: "failed", attempts: 3 });
    expect(broken!.error).toMatch(/HTTP 500/);
    expect(await titles(library)).toEqual([`Feed story ${story(path, 2)}`]);
  });

  it("GIVEN an item already in the library (added by hand) THEN the feed records a duplicate, not a second copy", async () => {
    const { library } = await openLibrary();
    const path = newFeed([1]);
    await library.add(SCOPE, {
      input: { kind: "url", url: server.url(`/story/${story(path, 1)}`) },
      addedBy: "mod",
    });
    const { feed } = await library.feeds.subscribe(SCOPE, { url: server.url(path), addedBy: "mod" });
    const poll = await library.feeds.poll(SCOPE, feed.id);
    expect(poll).toMatchObject({ added: [], duplicates: 1 });
    expect(await titles(library)).toHaveLength(1);
  });

  it("GIVEN unsubscribe THEN the feed is gone and its articles stay", async () => {
    const { library } = await openLibrary();
    const path = newFeed([1]);
    const { feed } = await library.feeds.subscribe(SCOPE, { url: server.url(path), addedBy: "mod" });
    await library.feeds.poll(SCOPE, feed.id);
    const removed = await library.feeds.unsubscribe(SCOPE, server.url(path));
    expect(removed.id).toBe(feed.id);
    expect(await library.feeds.list(SCOPE)).toEqual([]);
    expect(await titles(library)).toHaveLength(1);
    const missing = await library.feeds.unsubscribe(SCOPE, feed.id).catch((e) => e);
    expect(missing.code).toBe("NOT_FOUND");
  });
});

describe("a damaged feed file", () => {
  it("GIVEN feeds.json is not valid JSON THEN every feed command says so, naming the file, and nothing overwrites it", async () => {
    const dataDir = await tempDir();
    const { library } = await openLibrary({}, dataDir);
    const file = path.join(dataDir, "scopes", SCOPE, "feeds.json");
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, '{"format":1,"feeds":[{"id":');
    for (const attempt of [
      () => library.feeds.list(SCOPE),
      () => library.feeds.subscribe(SCOPE, { url: server.url(newFeed([1])), addedBy: "mod" }),
      () => library.feeds.unsubscribe(SCOPE, "abcd1234"),
    ]) {
      const error = await attempt().catch((e) => e);
      expect(error.code).toBe("STORAGE");
      expect(error.message).toContain(file);
      expect(error.message).toMatch(/Nothing was changed/);
    }
    expect(await fs.readFile(file, "utf8")).toBe('{"format":1,"feeds":[{"id":');
  });
});
