import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, jsonLines } from "../helpers/cli.ts";
import { tempDir } from "../helpers/temp.ts";
import { type FeedServer, rssFeed, startFeedServer } from "../library/feeds/feed-server.ts";

const SERVER_SCOPE = "1200000000000000001";
let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
  server.serve("/cli.xml", rssFeed(server.origin, [8002, 8001]));
});
afterAll(() => server.close());

/** The CLI against the loopback feed server (private addresses allowed, as the tests' own setting). */
const feedCli = (args: string[]) => cli(args, { env: { ALLOW_PRIVATE_URLS: "true", FEED_BACKFILL: "3" } });

describe("CLI contract: feed", () => {
  it("feed add → poll → list → remove with --json, per server (--guild); the articles stay after remove", async () => {
    const data = await tempDir();
    const base = ["--data", data, "--no-samples"];
    const added = await feedCli([...base, "feed", "add", server.url("/cli.xml"), "--every", "30", "--json"]);
    expect(added.status, added.stderr).toBe(0);
    const [addLine] = jsonLines(added.stdout);
    expect(addLine).toMatchObject({
      outcome: "added",
      pending: 2,
      feed: { url: server.url("/cli.xml"), title: "River News", format: "rss", intervalMinutes: 30 },
    });
    const id = addLine.feed.id as string;

    const polled = await feedCli([...base, "feed", "poll", "--json"]);
    expect(polled.status, polled.stderr).toBe(0);
    const [pollLine] = jsonLines(polled.stdout);
    expect(pollLine.polls).toHaveLength(1);
    expect(Object.keys(pollLine.polls[0]).sort()).toEqual(
      ["added", "duplicates", "failed", "feedId", "fetch", "newItems", "waiting"].sort(),
    );
    expect(pollLine.polls[0].added.map((a: { title: string }) => a.title)).toEqual([
      "Feed story 8001",
      "Feed story 8002",
    ]);

    const listed = jsonLines((await feedCli([...base, "feed", "list", "--json"])).stdout)[0];
    expect(listed.feeds).toEqual([
      expect.objectContaining({ id, items: { pending: 0, added: 2, duplicate: 0, failed: 0, skipped: 0 } }),
    ]);
    // Another scope (a server's) has its own feeds.
    const other = await feedCli([...base, "--guild", SERVER_SCOPE, "feed", "list", "--json"]);
    expect(jsonLines(other.stdout)[0]).toEqual({ feeds: [] });

    const removed = await feedCli([...base, "feed", "remove", id, "--json"]);
    expect(jsonLines(removed.stdout)[0]).toEqual({ feedId: id, url: server.url("/cli.xml"), removed: true });
    const articles = jsonLines((await feedCli([...base, "list", "--json"])).stdout)[0].articles;
    expect(articles.map((a: { title: string }) => a.title).sort()).toEqual([
      "Feed story 8001",
      "Feed story 8002",
    ]);
  });

  it("GIVEN a server's export THEN its feeds move with its articles: the new host adds nothing twice", async () => {
    const work = await tempDir();
    const [oldHost, newHost] = [`${work}/old`, `${work}/new`];
    const at = (data: string) => ["--data", data, "--no-samples", "--guild", SERVER_SCOPE];
    expect((await feedCli([...at(oldHost), "feed", "add", server.url("/cli.xml")])).status).toBe(0);
    expect((await feedCli([...at(oldHost), "feed", "poll"])).status).toBe(0);
    const file = `${work}/server.json`;
    const exported = jsonLines((await feedCli([...at(oldHost), "export", file, "--json"])).stdout)[0];
    expect(exported).toMatchObject({ articles: 2, feeds: 1 });

    const imported = jsonLines(
      (await feedCli(["--data", newHost, "--no-samples", "import", file, "--json"])).stdout,
    )[0];
    expect(imported).toMatchObject({ imported: 2, feeds: 1 });
    const polled = jsonLines((await feedCli([...at(newHost), "feed", "poll", "--json"])).stdout)[0];
    expect(polled.polls[0]).toMatchObject({ newItems: 0, added: [] });
    const listed = jsonLines((await feedCli([...at(newHost), "feed", "list", "--json"])).stdout)[0];
    expect(listed.feeds[0].items).toMatchObject({ added: 2, pending: 0 });
  });

  it.each([
    [["feed"], /feed needs add, list, remove or poll/],
    [["feed", "add"], /feed add takes one feed address/],
    [["feed", "add", "https://example.com/rss", "--every", "soon"], /--every must be a whole number/],
    [["feed", "list", "--channel", "general"], /--channel must be a Discord channel id/],
    [["list", "--every", "30"], /go with feed commands only/],
    [["--guild", "../etc", "feed", "list"], /--guild takes a Discord server id/],
  ])("GIVEN %j THEN exit 2 with a message and nothing on stdout", async (args, message) => {
    const data = await tempDir();
    const run = await feedCli(["--data", data, "--no-samples", ...args]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(message);
  });

  it("GIVEN a web page that advertises a feed THEN exit 2 naming the feed to use", async () => {
    server.serve(
      "/front.html",
      '<html><head><link rel="alternate" type="application/rss+xml" href="/cli.xml"></head></html>',
      "text/html",
    );
    const data = await tempDir();
    const run = await feedCli(["--data", data, "--no-samples", "feed", "add", server.url("/front.html")]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`This page links to these feeds: ${server.url("/cli.xml")}`);
  });
});
