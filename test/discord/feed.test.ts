import { Client, type Guild } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { servesGuild } from "../../src/discord/bot.ts";
import { feedNotifier } from "../../src/discord/feed-notices.ts";
import type { Library, PollResult } from "../../src/library/library.ts";
import { type FeedServer, rssFeed, startFeedServer } from "../library/feeds/feed-server.ts";
import { createTestBot, fileTempDir, openBotLibrary, type TestBot } from "./helpers/bot.ts";
import { ephemeralAnswer } from "./helpers/limits.ts";
import {
  ALICE,
  autocomplete,
  BOB,
  chatInput,
  GUILD_ID,
  OTHER_GUILD_ID,
  PERMS_MANAGE_GUILD,
  PERMS_NONE,
  str,
  sub,
} from "./helpers/payloads.ts";

const MOD = { userId: ALICE, permissions: PERMS_MANAGE_GUILD };
const MEMBER = { userId: BOB, permissions: PERMS_NONE };
const NEWS_CHANNEL = "1150000000000000042";

let library: Library;
let t: TestBot;
let feeds: FeedServer;

const feed = (name: string, options: object[] = [], actor: object = MOD) =>
  chatInput("feed", [sub(name, options as ReturnType<typeof str>[])], actor);

beforeAll(async () => {
  const dataDir = await fileTempDir();
  library = await openBotLibrary(dataDir);
  t = await createTestBot({ library, dataDir });
  feeds = await startFeedServer();
  feeds.serve("/discord.xml", rssFeed(feeds.origin, [9002, 9001], "Valley Courier"));
});
afterAll(async () => {
  await t.close();
  await feeds.close();
});

describe("/feed", () => {
  it("GIVEN a member without Manage Server THEN /feed add is refused and nothing is followed", async () => {
    const requests = await t.inject(feed("add", [str("url", feeds.url("/discord.xml"))], MEMBER));
    expect(requests).toHaveLength(1);
    expect(requests[0]!.body.data!.content).toContain("Only moderators can manage feeds");
    expect(await library.feeds.list(GUILD_ID)).toEqual([]);
  });

  it("GIVEN a moderator THEN /feed add follows the feed, says what happens next, and writes an audit line", async () => {
    const channel = { id: NEWS_CHANNEL, type: 0, name: "news", permissions: "2147483647" };
    const requests = await t.inject(
      chatInput(
        "feed",
        [
          sub("add", [
            str("url", feeds.url("/discord.xml")),
            { type: 7, name: "channel", value: NEWS_CHANNEL },
          ]),
        ],
        MOD,
        { channels: { [NEWS_CHANNEL]: channel } },
      ),
    );
    const embed = ephemeralAnswer(requests).embeds![0]!;
    expect(embed.title).toBe("Following a feed");
    expect(embed.description).toContain("**Valley Courier** (RSS");
    expect(embed.description).toContain("Checked every 15 min");
    expect(embed.description).toContain(`<#${NEWS_CHANNEL}>`);
    const line = t.logger.entries.find((e) => e.context.audit === "feed.add");
    expect(line?.context).toMatchObject({ guildId: GUILD_ID, userId: ALICE, title: "Valley Courier" });
    expect((await library.feeds.list(GUILD_ID)).map((f) => f.channelId)).toEqual([NEWS_CHANNEL]);
  });

  it("GIVEN a page that is not a feed THEN the moderator is told what was found", async () => {
    feeds.serve("/plain.html", "<!doctype html><html><body>Not a feed</body></html>", "text/html");
    const requests = await t.inject(feed("add", [str("url", feeds.url("/plain.html"))]));
    const edit = requests.find((r) => r.method === "PATCH")!;
    expect(edit.body.content).toMatch(/is a web page, not a feed/);
  });

  it("/feed list shows each feed with its state; autocomplete offers it for /feed remove", async () => {
    const listed = ephemeralAnswer(await t.inject(feed("list"))).embeds![0]!;
    expect(listed.title).toBe("Feeds (1)");
    expect(listed.description).toContain("Valley Courier");
    expect(listed.description).toMatch(/Next check <t:\d+:R>/);

    const [id] = (await library.feeds.list(GUILD_ID)).map((f) => f.id);
    const suggestions = await t.inject(
      autocomplete("feed", [sub("remove", [str("feed", "vall", true)])], MOD),
    );
    expect(suggestions[0]!.body.data!.choices).toEqual([{ name: `Valley Courier · ${id}`, value: id }]);
  });

  it("GIVEN a poll that added an article THEN a notice goes to the feed's channel (no mentions) with an audit line", async () => {
    const [subscription] = await library.feeds.list(GUILD_ID);
    const result = await library.feeds.poll(GUILD_ID, subscription!.id, { force: true });
    expect(result.added).toHaveLength(2);
    const before = t.stub.requests.length;
    await feedNotifier(t.client, t.logger)(result);
    const posts = t.stub.requests
      .slice(before)
      .filter((r) => r.method === "POST" && r.path === `/channels/${NEWS_CHANNEL}/messages`);
    expect(posts).toHaveLength(2);
    const notice = posts[1]!.body;
    expect(notice.content).toContain("**Feed story 9002**");
    expect(notice.content).toContain(`<${feeds.url("/story/9002")}>`);
    expect(notice.content).toContain("/ask");
    expect(notice.content).toContain("Valley Courier");
    expect(notice.allowed_mentions).toEqual({ parse: [] });
    const audits = t.logger.entries.filter((e) => e.context.audit === "feed.article.add");
    expect(audits.map((e) => e.context.title)).toEqual(["Feed story 9001", "Feed story 9002"]);
  });

  it("GIVEN a feed paused by this poll THEN its channel is told once", async () => {
    const paused: PollResult = {
      scope: GUILD_ID,
      feedId: "abcd1234",
      fetch: "failed",
      newItems: 0,
      added: [],
      duplicates: 0,
      failed: 0,
      waiting: 0,
      bytes: 0,
      error: "HTTP 503",
      pausedNow: {
        reason: "5 polls in a row failed; the last: HTTP 503",
        channelId: NEWS_CHANNEL,
        title: "Valley Courier",
        url: feeds.url("/discord.xml"),
      },
    };
    const before = t.stub.requests.length;
    await feedNotifier(t.client, t.logger)(paused);
    const posts = t.stub.requests.slice(before).filter((r) => r.method === "POST");
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body.content).toMatch(
      /stopped checking the feed \*\*Valley Courier\*\*.*5 polls in a row failed/s,
    );
    expect(posts[0]!.body.content).toContain("/feed add");
  });

  it("GIVEN nine feeds THEN /feed list pages them, four a page, each page within Discord's limits", async () => {
    const busy = { ...MOD, guildId: OTHER_GUILD_ID };
    for (let i = 1; i <= 9; i++) {
      feeds.serve(`/many-${i}.xml`, rssFeed(feeds.origin, [9100 + i], `Desk ${i} ${"News ".repeat(20)}`));
      await library.feeds.subscribe(OTHER_GUILD_ID, { url: feeds.url(`/many-${i}.xml`), addedBy: ALICE });
    }
    const body = ephemeralAnswer(await t.inject(chatInput("feed", [sub("list")], busy)));
    expect(body.embeds![0]!.footer?.text).toBe("Page 1/3");
    expect(body.embeds![0]!.description!.match(/\*\*Desk \d/g)).toHaveLength(4);
    expect(JSON.stringify(body.components)).toContain("Next ▶");
  });

  it("/feed remove stops following; the articles stay", async () => {
    const [id] = (await library.feeds.list(GUILD_ID)).map((f) => f.id);
    const body = ephemeralAnswer(await t.inject(feed("remove", [str("feed", id!)])));
    expect(body.content).toContain("Stopped following **Valley Courier**");
    expect(await library.feeds.list(GUILD_ID)).toEqual([]);
    expect((await library.list(GUILD_ID)).filter((a) => a.scope === GUILD_ID)).toHaveLength(2);
    expect(t.logger.entries.some((e) => e.context.audit === "feed.remove")).toBe(true);
  });
});

describe("which process polls a server's feeds", () => {
  it("GIVEN shard 1 of 2 THEN it serves the servers Discord routes to it that it is in, and no other scope", () => {
    const client = new Client({ intents: [], shards: [1], shardCount: 2 });
    const onShard1 = "1200000000000000001"; // (id >> 22) % 2 === 1
    const onShard0 = "1200000000004194305"; // (id >> 22) % 2 === 0
    const left = "1200000000008388609"; // shard 1, but the bot is not in it
    for (const id of [onShard1, onShard0]) client.guilds.cache.set(id, { id } as Guild);
    expect(servesGuild(client, onShard1)).toBe(true);
    expect(servesGuild(client, onShard0)).toBe(false);
    expect(servesGuild(client, left)).toBe(false);
    expect(servesGuild(client, "local")).toBe(false);
  });
});
