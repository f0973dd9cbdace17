/**
 * SHARDS=2: the ShardingManager runs two shard processes; Discord (the stand-in) sends each guild's
 * interactions to shard (guild_id >> 22) % 2, and that shard answers. A shard killed with SIGKILL is
 * respawned, identifies again, and answers again, while the other shard keeps answering throughout.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shardProcesses } from "./helpers/processes.ts";
import { guildId, type Running, startScenario, TOKEN, userId } from "./helpers/scenario.ts";
import type { GatewayEvent } from "./loopback-discord/gateway.ts";
import { LoopbackGateway } from "./loopback-discord/index.ts";
import { PERMS_MANAGE_GUILD, slash, str, sub } from "./loopback-discord/interactions.ts";

const GUILDS = [0, 1, 2, 3].map(guildId);
let run: Running;
const report: Record<string, unknown> = {};

beforeAll(async () => {
  const started = performance.now();
  // Debug level for the router's "interaction handled" line, which names the shard that answered.
  run = await startScenario({
    guilds: GUILDS,
    env: { SHARDS: "2", LOG_LEVEL: "debug", ALLOW_PRIVATE_URLS: "true" },
    online: 2,
  });
  report.bothShardsOnlineMs = Math.round(performance.now() - started);
}, 120_000);

afterAll(async () => {
  await run?.stop();
  console.log(`sharding measurements: ${JSON.stringify(report)}`);
});

const ask = (guild: string, user: number) =>
  slash("ask", [str("question", "what did McCain say")], { userId: userId(user), guildId: guild });

const identified = (e: GatewayEvent): e is Extract<GatewayEvent, { kind: "identify" }> =>
  e.kind === "identify";

describe("SHARDS=2", () => {
  it("runs two shard processes, each identified as its own shard of two with its own guilds", () => {
    expect(shardProcesses(run.bot.pid).map((s) => s.shard)).toEqual([0, 1]);
    const identities = run.discord.gateway.events.items.filter(identified).map((e) => e.shard);
    expect(identities.sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
  });

  it("answers each guild from the shard Discord routes it to", async () => {
    for (const [k, guild] of GUILDS.entries()) {
      const sent = run.discord.interact(ask(guild, 100 + k));
      expect(sent.session.shard).toEqual([LoopbackGateway.shardOf(guild, 2), 2]);
      expect(sent.session.shard[0]).toBe(k % 2);
      const answer = await sent.answer();
      expect(answer.body.embeds![0]!.description).toMatch(/McCain said/);
      const handled = await run.bot.waitForLog(
        (l) => l.msg === "interaction handled" && l.guildId === guild,
        `the shard's log of handling guild ${k}`,
      );
      expect(handled.shard).toBe(String(k % 2));
    }
    // DMs are Discord's shard 0's to deliver.
    const dm = run.discord.interact(
      slash("ask", [str("question", "what did McCain say")], { userId: userId(150), guildId: null }),
    );
    expect(dm.session.shard).toEqual([0, 2]);
    await dm.answer();
    // Each shard has loaded the model by now.
    report.rssMb = {
      manager: Math.round(run.bot.rssKb() / 1024),
      ...Object.fromEntries(
        shardProcesses(run.bot.pid).map((s) => [`shard${s.shard}`, Math.round(run.bot.rssKb(s.pid) / 1024)]),
      ),
    };
  });

  it("polls each server's feeds from that server's shard only: every story fetched and added once", async () => {
    for (const k of [0, 1]) {
      const page = run.discord.serveFile(
        `shard-story-${k}.html`,
        `<html><head><title>Shard story ${k}</title></head><body><article><h1>Shard story ${k}</h1><p>The ferry to island ${k} runs again from Monday, the operator said.</p><p>Tickets are on sale at the quay.</p></article></body></html>`,
        "text/html; charset=utf-8",
      );
      const feed = run.discord.serveFile(
        `shard-feed-${k}.xml`,
        `<?xml version="1.0"?><rss version="2.0"><channel><title>Island ${k}</title><item><title>Shard story ${k}</title><link>${page}</link><guid>shard-${k}</guid></item></channel></rss>`,
        "application/rss+xml",
      );
      const moderator = { userId: userId(300 + k), guildId: GUILDS[k]!, permissions: PERMS_MANAGE_GUILD };
      await run.discord.interact(slash("feed", [sub("add", [str("url", feed)])], moderator)).answer();
    }
    for (const k of [0, 1]) {
      const added = await run.bot.waitForLog(
        (l) => l.audit === "feed.article.add" && l.title === `Shard story ${k}`,
        `shard story ${k} added by its feed`,
        30_000,
      );
      expect(added.shard).toBe(String(k)); // GUILDS[k] is on shard k
      expect(added.guildId).toBe(GUILDS[k]);
    }
    const fetches = (name: string) =>
      run.discord.rest.requests.items.filter((r) => r.path === `/files/${name}`).length;
    for (const k of [0, 1]) {
      expect(fetches(`shard-story-${k}.html`)).toBe(1);
      // Once when /feed add reads it, once by its shard's first poll: the other shard never polls it.
      expect(fetches(`shard-feed-${k}.xml`)).toBe(2);
    }
  }, 60_000);

  it("respawns a shard killed with SIGKILL; it identifies afresh and answers again, the other shard answering meanwhile", async () => {
    const victim = shardProcesses(run.bot.pid).find((s) => s.shard === 1)!;
    const from = run.discord.gateway.events.items.length;
    const killedAt = performance.now();
    process.kill(victim.pid, "SIGKILL");
    await run.bot.waitForLog((l) => l.msg === "shard exited; respawning" && l.shard === 1, "the respawn");
    // Shard 0 is unaffected.
    await run.discord.interact(ask(guildId(0), 200)).answer();

    const again = await run.discord.gateway.events.waitFor(
      (e): e is Extract<GatewayEvent, { kind: "identify" }> => identified(e) && e.shard[0] === 1,
      "shard 1 identifying again",
      60_000,
      from,
    );
    let online = 0;
    await run.bot.waitForLog(
      (l) => l.msg === "Byline is online" && l.shard === "1" && ++online === 2,
      "shard 1 online again",
    );
    report.respawnToOnlineMs = Math.round(performance.now() - killedAt);
    const replacement = shardProcesses(run.bot.pid).find((s) => s.shard === 1)!;
    expect(replacement.pid).not.toBe(victim.pid);
    const sent = run.discord.interact(ask(guildId(1), 201));
    expect(sent.session.id).toBe(again.sessionId);
    await sent.answer();
  }, 90_000);

  it("stops every shard on SIGTERM and exits 0", async () => {
    const shards = shardProcesses(run.bot.pid);
    run.bot.kill("SIGTERM");
    expect(await run.bot.exited).toEqual({ code: 0, signal: null });
    for (const shard of shards) expect(() => process.kill(shard.pid, 0)).toThrow();
    expect(run.bot.output()).not.toContain(TOKEN);
    expect(run.bot.output()).not.toContain("NETWORK BLOCKED");
  }, 30_000);
});
