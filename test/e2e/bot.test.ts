/**
 * The real process against a loopback Discord: `index.ts` boots, logs in (GET /gateway/bot, HELLO,
 * IDENTIFY, READY, GUILD_CREATE), answers interactions dispatched over the gateway, survives the
 * gateway dropping and the API failing, holds up under load, and shuts down cleanly on SIGTERM. One
 * process serves the whole file (booting costs seconds on two cores); every scenario uses its own
 * interactions, guilds or users, so none depends on another's state, and the shutdown comes last.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_ID } from "../discord/helpers/discord-stub.ts";
import { EPHEMERAL } from "../discord/helpers/limits.ts";
import { cli } from "../helpers/cli.ts";
import { LEVEL } from "./helpers/bot-process.ts";
import { buttonLabelled, ms, percentile } from "./helpers/measure.ts";
import {
  guildId,
  MEMBER,
  MODERATOR,
  type Running,
  startScenario,
  TOKEN,
  userId,
} from "./helpers/scenario.ts";
import type { GatewayEvent } from "./loopback-discord/gateway.ts";
import type { RecordedRequest } from "./loopback-discord/index.ts";
import {
  type Actor,
  articleAddFile,
  button,
  messageCommand,
  PERMS_MANAGE_GUILD,
  slash,
  str,
  sub,
} from "./loopback-discord/interactions.ts";

const GUILDS = Array.from({ length: 60 }, (_, k) => guildId(k));
const HOME = guildId(0);
const mod: Actor = { userId: MODERATOR, guildId: HOME, permissions: PERMS_MANAGE_GUILD };
const member: Actor = { userId: MEMBER, guildId: HOME };

let run: Running;
/** Measurements printed at the end, for the closing note. */
const report: Record<string, unknown> = {};

beforeAll(async () => {
  const started = performance.now();
  run = await startScenario({
    guilds: GUILDS,
    // Short, so the boot scenario sees heartbeats ACKed without waiting Discord's 41 s.
    heartbeatIntervalMs: 2000,
    env: {
      // Articles are added from the stand-in's file host, on loopback.
      ALLOW_PRIVATE_URLS: "true",
      ASK_COOLDOWN_SECONDS: "0",
      QUOTES_COOLDOWN_SECONDS: "0",
      GUILD_ADDS_PER_HOUR: "1000",
    },
  });
  report.bootMs = ms(performance.now() - started);
}, 120_000);

afterAll(async () => {
  await run?.stop();
  console.log(`e2e measurements: ${JSON.stringify(report)}`);
});

const ask = (question: string, actor: Actor) => slash("ask", [str("question", question)], actor);
const article = (name: string, options: ReturnType<typeof str>[], actor: Actor = mod) =>
  slash("article", [sub(name, options)], actor);

/** Dispatches and returns the callback and the answer (the edit or follow-up). */
async function answered(payload: Parameters<Running["discord"]["interact"]>[0]) {
  const sent = run.discord.interact(payload);
  const callback = await sent.callback();
  const answer = await sent.answer();
  return { sent, callback, answer };
}

const editsOf = (sent: { requests(): RecordedRequest[] }) =>
  sent
    .requests()
    .filter((r) => r.method === "PATCH" && r.path.endsWith("/messages/@original") && r.status < 300);

describe("boot", () => {
  it("asks GET /gateway/bot for the gateway, identifies with the Guilds intent only, and is online with every guild", async () => {
    const gatewayBot = run.discord.rest.requests.items.find((r) => r.path === "/gateway/bot");
    expect(gatewayBot?.status).toBe(200);
    const identify = run.discord.gateway.events.items.find((e) => e.kind === "identify");
    expect(identify).toMatchObject({ shard: [0, 1], intents: 1 });
    const online = run.bot.logs.items.find((l) => l.msg === "Byline is online");
    expect(online).toMatchObject({ guilds: 60, shards: [0] });
    expect(online!.commands).toEqual(expect.arrayContaining(["ask", "article", "Add to Byline"]));
    // Heartbeats flow both ways: the client beats, the stand-in ACKs (a missing ACK would make the
    // client reconnect, which the gateway scenarios below would notice).
    await run.discord.gateway.events.waitFor((e) => e.kind === "heartbeat", "a heartbeat", 5000);
  });

  it("answers a command", async () => {
    const { callback, answer } = await answered(ask("what did McCain say", member));
    expect(callback.body.type).toBe(5);
    expect(answer.body.embeds![0]!.description).toMatch(/McCain said/);
    expect(answer.body.allowed_mentions).toEqual({ parse: [] });
  });
});

describe("commands over the gateway", () => {
  it("/ask: a public deferral, then the cited passage", async () => {
    const { callback, answer } = await answered(
      ask("what did McCain say", { userId: userId(10), guildId: HOME }),
    );
    expect(callback.body).toMatchObject({ type: 5 });
    expect((callback.body.data?.flags ?? 0) & EPHEMERAL).toBe(0);
    expect(answer.body.embeds![0]!.description).toMatch(/¶12 \(sample\)/);
  });

  it("/quotes: what a speaker said", async () => {
    const { answer } = await answered(slash("quotes", [str("speaker", "Putin")], member));
    expect(JSON.stringify(answer.body.embeds)).toMatch(/Putin/);
  });

  it("/article add from a URL and from an attachment, /article list, then /article remove with its confirm button", async () => {
    const pageUrl = run.discord.serveFile(
      "ferry.html",
      "<html><head><title>Harbour ferry returns</title></head><body><article><h1>Harbour ferry returns</h1>" +
        "<p>The harbour ferry returned to service on Monday after a two-week repair.</p>" +
        "<p>Passengers said the crossing felt smoother than before.</p></article></body></html>",
      "text/html; charset=utf-8",
    );
    const byUrl = await answered(article("add", [str("url", pageUrl)]));
    expect(byUrl.callback.body).toMatchObject({ type: 5, data: { flags: EPHEMERAL } });
    expect(byUrl.answer.body.embeds![0]).toMatchObject({ title: "Article added" });
    const audit = await run.bot.waitForLog(
      (l) => l.audit === "article.add" && l.title === "Harbour ferry returns",
      "the audit line of the URL add",
    );
    expect(audit).toMatchObject({ guildId: HOME, userId: MODERATOR });

    const text =
      "# Lighthouse keeper retires\n\nThe lighthouse keeper retired after forty years on the cape.\n";
    const fileUrl = run.discord.serveFile("lighthouse.md", text, "text/markdown");
    const byFile = await answered(
      articleAddFile(
        { name: "lighthouse.md", size: text.length, url: fileUrl, contentType: "text/markdown" },
        mod,
      ),
    );
    expect(byFile.answer.body.embeds![0]!.description).toContain("Lighthouse keeper retires");
    expect(run.discord.rest.requests.items.some((r) => r.path === "/files/lighthouse.md")).toBe(true);

    const listed = await answered(article("list", []));
    const listing = JSON.stringify(listed.answer.body.embeds);
    expect(listing).toContain("Harbour ferry returns");
    expect(listing).toContain("Lighthouse keeper retires");

    const asked = await answered(article("remove", [str("article", String(audit.articleId))]));
    const confirm = buttonLabelled(asked.answer.body, "Remove it");
    const pressed = await answered(button(confirm.custom_id!, mod, asked.answer.body.components));
    expect(pressed.callback.body.type).toBe(6);
    expect(pressed.answer.body.content).toContain("Removed **Harbour ferry returns**");
    await run.bot.waitForLog(
      (l) => l.audit === "article.remove" && l.articleId === audit.articleId,
      "the audit line of the remove",
    );
  });

  it("refuses a moderator-only command to a plain member, privately", async () => {
    const sent = run.discord.interact(article("list", [], member));
    const callback = await sent.callback();
    expect(callback.body).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
    expect(callback.body.data!.content).toContain("Only moderators can manage articles");
  });

  it("turns to the next page when the asker presses More results", async () => {
    const asker: Actor = { userId: userId(11), guildId: HOME };
    const first = await answered(ask("what did Trump say to Putin", asker));
    const more = buttonLabelled(first.answer.body, /More results/);
    const sent = run.discord.interact(button(more.custom_id!, asker, first.answer.body.components));
    const callback = await sent.callback();
    expect(callback.body.type).toBe(7);
    expect(callback.body.data!.embeds![0]!.description).not.toBe(first.answer.body.embeds![0]!.description);
  });

  it("answers in a DM from the shared sample story", async () => {
    const { answer } = await answered(ask("what did McCain say", { userId: userId(12), guildId: null }));
    expect(answer.body.embeds![0]!.description).toMatch(/\(sample\)/);
  });

  it("Add to Byline: a moderator right-clicks a message with a link and the article is added; a member is refused", async () => {
    const url = run.discord.serveFile(
      "bridge.html",
      "<html><head><title>Bridge reopens</title></head><body><article><h1>Bridge reopens</h1>" +
        "<p>The old bridge reopened on Friday after repairs.</p><p>Traffic returned at once.</p></article></body></html>",
      "text/html",
    );
    const { callback, answer } = await answered(
      messageCommand("Add to Byline", { content: `have a look ${url}`, authorId: MEMBER }, mod),
    );
    expect(callback.body).toMatchObject({ type: 5, data: { flags: EPHEMERAL } });
    expect(answer.body.embeds![0]).toMatchObject({ title: "Article added" });
    await run.bot.waitForLog(
      (l) => l.audit === "article.add" && l.title === "Bridge reopens",
      "the audit line",
    );

    const refused = run.discord.interact(
      messageCommand("Add to Byline", { content: url, authorId: MEMBER }, member),
    );
    const refusal = await refused.callback();
    expect(refusal.body).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
    expect(refusal.body.data!.content).toContain("Only moderators can manage articles");
  });
});

describe("feeds", () => {
  it("/feed add with a channel: the backfill is fetched, added and announced in the channel, once each", async () => {
    const story = (n: number) =>
      run.discord.serveFile(
        `river-${n}.html`,
        `<html><head><title>River story ${n}</title></head><body><article><h1>River story ${n}</h1><p>The river authority said weir ${n} would be rebuilt before the spring floods.</p><p>Work starts in March, a spokeswoman said.</p></article></body></html>`,
        "text/html; charset=utf-8",
      );
    const links = [2, 1].map(story);
    const feedUrl = run.discord.serveFile(
      "river.xml",
      `<?xml version="1.0"?><rss version="2.0"><channel><title>River Courier</title>${links.map((link, i) => `<item><title>River story ${2 - i}</title><link>${link}</link><guid>river-${2 - i}</guid></item>`).join("")}</channel></rss>`,
      "application/rss+xml",
    );
    const channel = "1150000000000000077";
    const from = run.discord.rest.requests.items.length;
    const started = performance.now();
    const added = await answered(
      slash("feed", [sub("add", [str("url", feedUrl), { type: 7, name: "channel", value: channel }])], mod, {
        channels: { [channel]: { id: channel, type: 0, name: "news", permissions: "2147483647" } },
      }),
    );
    expect(added.answer.body.embeds![0]).toMatchObject({ title: "Following a feed" });
    const isNotice = (r: RecordedRequest) =>
      r.method === "POST" && r.path === `/channels/${channel}/messages`;
    const first = await run.discord.rest.requests.waitFor(isNotice, "the first feed notice", 30_000, from);
    const second = await run.discord.rest.requests.waitFor(
      (r) => isNotice(r) && r !== first,
      "the second feed notice",
      30_000,
      from,
    );
    report.feedAddToSecondNoticeMs = ms(second.at - started);
    expect([first, second].map((r) => /\*\*(River story \d)\*\*/.exec(r.body.content ?? "")?.[1])).toEqual([
      "River story 1",
      "River story 2",
    ]);
    expect(second.body.allowed_mentions).toEqual({ parse: [] });
    await run.bot.waitForLog(
      (l) => l.audit === "feed.article.add" && l.title === "River story 2",
      "the feed add audit line",
    );
    // Nothing announced twice, and each story fetched once.
    expect(run.discord.rest.requests.items.slice(from).filter(isNotice)).toHaveLength(2);
    expect(run.discord.rest.requests.items.filter((r) => r.path === "/files/river-1.html")).toHaveLength(1);
  });
});

describe("the gateway drops or asks to reconnect", () => {
  it("connection lost mid-/ask (close 1006): resumes, replays what it missed, answers everything exactly once", async () => {
    const guild = guildId(2);
    const session = run.discord.gateway.sessionForGuild(guild)!;
    const payload = ask("what did McCain say", { userId: userId(20), guildId: guild });
    // The bot is mid-/ask: its deferral is in, and held unanswered while the connection dies.
    const held = run.discord.rest.hold("POST", new RegExp(`^/interactions/${payload.id}/`));
    const inFlight = run.discord.interact(payload);
    await held.arrived;
    const closedFrom = run.discord.gateway.events.items.length;
    run.discord.gateway.drop(session);
    const closed = await run.discord.gateway.events.waitFor(
      (e) => e.kind === "closed",
      "the close",
      5000,
      closedFrom,
    );
    expect(closed).toMatchObject({ code: 1006 });
    // Dispatched while the client is away: Discord queues it for the resume.
    const missed = run.discord.interact(ask("what did Putin say", { userId: userId(21), guildId: guild }));
    held.release();

    const resumed = await run.discord.gateway.events.waitFor(
      (e) => e.kind === "resume" && e.sessionId === session.id,
      "a RESUME of the same session",
      10_000,
      closedFrom,
    );
    expect(resumed).toMatchObject({ path: "/resume?v=10&encoding=json", replayed: 1 });
    report.resumeAfterDropMs = ms(resumed.at - closed.at);
    // The bot saw no new READY: same session, no second IDENTIFY.
    expect(run.discord.gateway.events.items.slice(closedFrom).some((e) => e.kind === "identify")).toBe(false);

    const after = run.discord.interact(ask("what did McCain say", { userId: userId(22), guildId: guild }));
    for (const sent of [inFlight, missed, after]) {
      await sent.answer();
      expect(sent.requests().filter((r) => r.path.endsWith("/callback"))).toHaveLength(1);
      expect(editsOf(sent)).toHaveLength(1);
    }
  });

  it("connection lost and the session expired meanwhile: RESUME is refused (op 9), the client identifies afresh and answers", async () => {
    const guild = guildId(10);
    const session = run.discord.gateway.sessionForGuild(guild)!;
    const from = run.discord.gateway.events.items.length;
    run.discord.gateway.drop(session);
    run.discord.gateway.expire(session);
    const identified = await run.discord.gateway.events.waitFor(
      (e): e is Extract<GatewayEvent, { kind: "identify" }> => e.kind === "identify",
      "a new IDENTIFY after the refused RESUME",
      20_000,
      from,
    );
    expect(run.discord.gateway.events.items.slice(from).filter((e) => e.kind === "refused")).toMatchObject([
      { code: 9 },
    ]);
    expect(identified.sessionId).not.toBe(session.id);
    await answered(ask("what did McCain say", { userId: userId(28), guildId: guild }));
  });

  it("op 7 RECONNECT mid-/ask: reconnects to the resume URL and resumes, answering once", async () => {
    const guild = guildId(3);
    const session = run.discord.gateway.sessionForGuild(guild)!;
    const payload = ask("what did McCain say", { userId: userId(23), guildId: guild });
    const held = run.discord.rest.hold("PATCH", new RegExp(`^/webhooks/${APP_ID}/${payload.token}/`));
    const inFlight = run.discord.interact(payload);
    await held.arrived;
    const from = run.discord.gateway.events.items.length;
    const asked = performance.now();
    run.discord.gateway.requestReconnect(session);
    const resumed = await run.discord.gateway.events.waitFor(
      (e) => e.kind === "resume" && e.sessionId === session.id,
      "a RESUME after op 7",
      10_000,
      from,
    );
    report.resumeAfterOp7Ms = ms(resumed.at - asked);
    held.release();
    const after = run.discord.interact(ask("what did Putin say", { userId: userId(24), guildId: guild }));
    for (const sent of [inFlight, after]) {
      await sent.answer();
      expect(editsOf(sent)).toHaveLength(1);
    }
  });

  it("heartbeats stop being acknowledged (a half-dead link): the client notices, reconnects and resumes", async () => {
    const guild = guildId(8);
    const session = run.discord.gateway.sessionForGuild(guild)!;
    const from = run.discord.gateway.events.items.length;
    const silenced = performance.now();
    run.discord.gateway.stopAcking(session);
    const resumed = await run.discord.gateway.events.waitFor(
      (e) => e.kind === "resume" && e.sessionId === session.id,
      "a RESUME after unanswered heartbeats",
      15_000,
      from,
    );
    // discord.js gives up on the next beat after one that went unanswered (interval: 2 s here).
    report.zombieDetectedAndResumedMs = ms(resumed.at - silenced);
    await answered(ask("what did McCain say", { userId: userId(26), guildId: guild }));
  });

  it("op 9 INVALID_SESSION that may be resumed: resumes on the same connection", async () => {
    const guild = guildId(9);
    const session = run.discord.gateway.sessionForGuild(guild)!;
    const from = run.discord.gateway.events.items.length;
    run.discord.gateway.invalidateSession(session, true);
    await run.discord.gateway.events.waitFor(
      (e) => e.kind === "resume" && e.sessionId === session.id,
      "a RESUME after a resumable op 9",
      10_000,
      from,
    );
    expect(
      run.discord.gateway.events.items.slice(from).some((e) => e.kind === "connect" || e.kind === "identify"),
    ).toBe(false);
    await answered(ask("what did McCain say", { userId: userId(27), guildId: guild }));
  });

  it("op 9 INVALID_SESSION (not resumable): identifies afresh and answers on the new session", async () => {
    const guild = guildId(4);
    const old = run.discord.gateway.sessionForGuild(guild)!;
    const from = run.discord.gateway.events.items.length;
    run.discord.gateway.invalidateSession(old, false);
    const identified = await run.discord.gateway.events.waitFor(
      (e): e is Extract<GatewayEvent, { kind: "identify" }> => e.kind === "identify",
      "a new IDENTIFY",
      15_000,
      from,
    );
    expect(identified.sessionId).not.toBe(old.id);
    // READY then 60 GUILD_CREATEs again: wait for the last, then ask on the new session.
    const fresh = run.discord.gateway.sessionForGuild(guild)!;
    expect(fresh.id).toBe(identified.sessionId);
    await answered(ask("what did McCain say", { userId: userId(25), guildId: guild }));
  });
});

describe("the API fails", () => {
  it("429 with retry_after on the edit: waits as told, then delivers the answer", async () => {
    const payload = ask("what did McCain say", { userId: userId(30), guildId: guildId(5) });
    const edit = new RegExp(`^/webhooks/${APP_ID}/${payload.token}/messages/@original$`);
    run.discord.rest.fail({
      method: "PATCH",
      path: edit,
      status: 429,
      headers: { "retry-after": "1", "x-ratelimit-scope": "user" },
      body: { message: "You are being rate limited.", retry_after: 1, global: false },
    });
    const sent = run.discord.interact(payload);
    const answer = await sent.answer();
    const limited = sent.requests().find((r) => r.status === 429)!;
    expect(limited).toBeDefined();
    report.retryAfter429Ms = ms(answer.at - limited.at);
    expect(answer.at - limited.at).toBeGreaterThanOrEqual(950);
    expect(editsOf(sent)).toHaveLength(1);
  });

  it("500 on every try of the edit: logged with the command and the guild, the user told, the process stays up", async () => {
    const guild = guildId(6);
    const payload = ask("what did McCain say", { userId: userId(31), guildId: guild });
    run.discord.rest.fail({
      method: "PATCH",
      path: new RegExp(`^/webhooks/${APP_ID}/${payload.token}/messages/@original$`),
      status: 500,
      body: { message: "500: Internal Server Error", code: 0 },
      times: Number.POSITIVE_INFINITY,
    });
    const sent = run.discord.interact(payload);
    const logged = await run.bot.waitForLog(
      (l) => l.level === LEVEL.error && l.msg === "interaction failed" && l.guildId === guild,
      "the error line",
    );
    expect(logged).toMatchObject({ command: "/ask", guildId: guild, userId: userId(31) });
    // discord.js retried the 500 three times before giving up.
    expect(sent.requests().filter((r) => r.method === "PATCH" && r.status === 500)).toHaveLength(4);
    const told = await run.discord.rest.requests.waitFor(
      (r) => r.method === "POST" && r.path === `/webhooks/${APP_ID}/${payload.token}`,
      "the follow-up telling the user",
    );
    expect(told.body).toMatchObject({ flags: EPHEMERAL });
    expect(told.body.content).toMatch(/Something went wrong/);
    await answered(ask("what did McCain say", { userId: userId(32), guildId: guild }));
  });
});

describe("load", () => {
  it("300 interactions over 60 guilds in 10 s: each deferred within 3 s, answered once, none lost", async () => {
    const questions = [
      "what did McCain say",
      "what did Putin say",
      "who won the election",
      "what did Trump say",
    ];
    const payloads = Array.from({ length: 300 }, (_, i) => {
      const actor: Actor = { userId: userId(1000 + i), guildId: GUILDS[i % 60]! };
      if (i % 5 === 4) return slash("quotes", [str("speaker", "Putin")], actor);
      return ask(questions[i % questions.length]!, actor);
    });
    const rssSamples: number[] = [run.bot.rssKb()];
    const sampler = setInterval(() => rssSamples.push(run.bot.rssKb()), 250);
    const started = performance.now();
    const sent = [];
    for (const [i, payload] of payloads.entries()) {
      // 30 a second: the schedule, not a wait for the bot.
      const due = started + (i * 10_000) / payloads.length;
      if (due > performance.now())
        await new Promise((resolve) => setTimeout(resolve, due - performance.now()));
      sent.push(run.discord.interact(payload));
    }
    const dispatchedIn = performance.now() - started;
    const results = await Promise.all(
      sent.map(async (s) => ({ s, callback: await s.callback(20_000), answer: await s.answer(60_000) })),
    );
    clearInterval(sampler);
    const toDefer = results.map((r) => r.callback.at - r.s.sentAt);
    const toAnswer = results.map((r) => r.answer.at - r.s.sentAt);
    report.load = {
      interactions: results.length,
      dispatchedInMs: ms(dispatchedIn),
      deferP50Ms: ms(percentile(toDefer, 50)),
      deferP99Ms: ms(percentile(toDefer, 99)),
      deferMaxMs: ms(Math.max(...toDefer)),
      answerP50Ms: ms(percentile(toAnswer, 50)),
      answerP99Ms: ms(percentile(toAnswer, 99)),
      rssBeforeMb: Math.round(rssSamples[0]! / 1024),
      rssPeakMb: Math.round(Math.max(...rssSamples) / 1024),
    };
    expect(dispatchedIn).toBeLessThan(10_500);
    expect(Math.max(...toDefer)).toBeLessThan(3000);
    for (const { s } of results) {
      expect(s.requests().filter((r) => r.path.endsWith("/callback"))).toHaveLength(1);
      expect(editsOf(s)).toHaveLength(1);
    }
    // Nothing was refused as a double acknowledgement, nothing failed.
    expect(run.discord.rest.requests.items.some((r) => r.status === 400)).toBe(false);
  }, 90_000);
});

describe("shutdown", () => {
  it("SIGTERM while an article is being added: the add completes, new commands are turned away, exit 0, the token never printed", async () => {
    const guild = guildId(7);
    const url = run.discord.serveFile(
      "slow.html",
      "<html><head><title>Council delays vote</title></head><body><article><h1>Council delays vote</h1>" +
        "<p>The council delayed its vote on the harbour plan until next month.</p>" +
        "<p>Members said they needed more time to read the report.</p></article></body></html>",
      "text/html",
    );
    const held = run.discord.rest.hold("GET", /^\/files\/slow\.html$/);
    const adding = run.discord.interact(
      article("add", [str("url", url)], {
        userId: MODERATOR,
        guildId: guild,
        permissions: PERMS_MANAGE_GUILD,
      }),
    );
    await held.arrived;
    run.bot.kill("SIGTERM");
    await run.bot.waitForLog((l) => l.msg === "shutting down", "shutting down");
    // Taking no new work while it finishes the add, and saying so rather than leaving the user hanging.
    const late = run.discord.interact(slash("help", [], { userId: userId(40), guildId: guild }));
    expect((await late.callback()).body).toMatchObject({
      type: 4,
      data: { flags: EPHEMERAL, content: "Byline is restarting; try again in a minute." },
    });
    held.release();
    const answer = await adding.answer();
    expect(answer.body.embeds![0]).toMatchObject({ title: "Article added" });
    const exit = await run.bot.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(run.bot.logs.items.some((l) => l.msg === "stopped cleanly")).toBe(true);
    // The connection it closes itself is not reported as trouble.
    const shuttingDown = run.bot.logs.items.findIndex((l) => l.msg === "shutting down");
    const afterwards = run.bot.logs.items.slice(shuttingDown).map((l) => l.msg);
    expect(afterwards).not.toContain("gateway reconnecting");
    expect(afterwards).not.toContain("gateway disconnected");

    // Checked as an operator would, with the CLI on the bot's data directory.
    const listed = await cli(["--data", run.dataDir, "--guild", guild, "list", "--json"]);
    expect(listed.status, listed.stderr).toBe(0);
    const stored = JSON.parse(listed.stdout).articles.find(
      (a: { title: string }) => a.title === "Council delays vote",
    );
    expect(stored?.paragraphs).toBe(2);
    const verified = await cli(["--data", run.dataDir, "verify", "--json"]);
    expect(JSON.parse(verified.stdout).ok).toBe(true);
    expect(run.bot.output()).not.toContain(TOKEN);
    expect(run.bot.output()).not.toContain("NETWORK BLOCKED");
  }, 60_000);
});
