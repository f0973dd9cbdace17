/**
 * The stand-in itself, driven by a bare WebSocket client: it must behave as Discord's gateway does
 * where the bot depends on it, or the end-to-end specs prove nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { explainLoginFailure } from "../../src/discord/login-errors.ts";
import { recommendedShardCount } from "../../src/discord/sharding.ts";
import { guildId, TOKEN } from "./helpers/scenario.ts";
import { type LoopbackDiscord, LoopbackGateway, startLoopbackDiscord } from "./loopback-discord/index.ts";

let discord: LoopbackDiscord;

beforeAll(async () => {
  discord = await startLoopbackDiscord({ token: TOKEN, guilds: [guildId(0), guildId(1)] });
});
afterAll(() => discord?.close());

/** Connects as discord.js would (the URL from GET /gateway/bot) and collects what arrives. */
async function connect(path = "") {
  const response = await fetch(`${discord.api}/v10/gateway/bot`, {
    headers: { authorization: `Bot ${TOKEN}` },
  });
  const info = (await response.json()) as { url: string };
  const socket = new WebSocket(`${info.url}${path}?v=10&encoding=json`);
  // biome-ignore lint/suspicious/noExplicitAny: gateway payloads of every shape, read by the specs
  const received: { op: number; t?: string; s?: number; d: any }[] = [];
  const closed = new Promise<number>((resolve) => socket.on("close", (code) => resolve(code)));
  const next = (match: (p: (typeof received)[number]) => boolean) =>
    new Promise<(typeof received)[number]>((resolve) => {
      const found = received.find(match);
      if (found) return resolve(found);
      const listener = () => {
        const hit = received.find(match);
        if (hit) {
          socket.off("message", listener);
          resolve(hit);
        }
      };
      socket.on("message", listener);
    });
  socket.on("message", (raw) => received.push(JSON.parse(String(raw))));
  await new Promise((resolve) => socket.once("open", resolve));
  const send = (op: number, d: unknown) => socket.send(JSON.stringify({ op, d }));
  return { socket, received, closed, next, send };
}

describe("the loopback gateway", () => {
  it("HELLO, then IDENTIFY → READY with every guild unavailable, one GUILD_CREATE each, and heartbeat ACKs", async () => {
    const c = await connect();
    expect((await c.next((p) => p.op === 10)).d.heartbeat_interval).toBeGreaterThan(0);
    c.send(2, { token: TOKEN, intents: 1, properties: {}, shard: [0, 1] });
    const ready = await c.next((p) => p.t === "READY");
    expect(ready.s).toBe(1);
    expect(ready.d.guilds).toEqual([guildId(0), guildId(1)].map((id) => ({ id, unavailable: true })));
    expect(ready.d.resume_gateway_url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/resume$/);
    const created = await c.next((p) => p.t === "GUILD_CREATE" && p.s === 3);
    expect(created.d.id).toBe(guildId(1));
    c.send(1, 3);
    await c.next((p) => p.op === 11);
    c.socket.close();
  });

  it("RESUME replays the dispatches sent while the connection was down, then RESUMED", async () => {
    const c = await connect();
    c.send(2, { token: TOKEN, intents: 1, properties: {}, shard: [0, 1] });
    const ready = await c.next((p) => p.t === "READY");
    const session = discord.gateway.sessions.find((s) => s.id === ready.d.session_id)!;
    discord.gateway.drop(session);
    expect(await c.closed).toBe(1006);
    discord.gateway.dispatch(session, "TYPING_START", { n: 1 });
    discord.gateway.dispatch(session, "TYPING_START", { n: 2 });
    const again = await connect("/resume");
    again.send(6, { token: TOKEN, session_id: session.id, seq: 3 });
    const resumed = await again.next((p) => p.t === "RESUMED");
    expect(again.received.filter((p) => p.op === 0).map((p) => p.s)).toEqual([4, 5, resumed.s]);
    again.socket.close();
  });

  it("an unknown session on RESUME gets op 9 (not resumable)", async () => {
    const c = await connect();
    c.send(6, { token: TOKEN, session_id: "nope", seq: 1 });
    expect((await c.next((p) => p.op === 9)).d).toBe(false);
    c.socket.close();
  });

  it("closes 4004 on a bad token and 4014 on privileged intents", async () => {
    const bad = await connect();
    bad.send(2, { token: "wrong", intents: 1, properties: {}, shard: [0, 1] });
    expect(await bad.closed).toBe(4004);
    const privileged = await connect();
    privileged.send(2, { token: TOKEN, intents: 1 | (1 << 15), properties: {}, shard: [0, 1] });
    expect(await privileged.closed).toBe(4014);
  });

  it("routes a guild to shard (id >> 22) % shards", () => {
    expect(LoopbackGateway.shardOf(guildId(0), 2)).toBe(0);
    expect(LoopbackGateway.shardOf(guildId(1), 2)).toBe(1);
    expect(LoopbackGateway.shardOf("81384788765712384", 2)).toBe(Number((81384788765712384n >> 22n) % 2n));
  });

  it("the bot turns discord.js's refusals into instructions (4014 included)", () => {
    expect(String(explainLoginFailure(new Error("Used disallowed intents")))).toMatch(/4014/);
    expect(String(explainLoginFailure({ code: "TokenInvalid" }))).toMatch(/Reset Token/);
    const other = new Error("something else");
    expect(explainLoginFailure(other)).toBe(other);
  });

  it("SHARDS=auto asks the configured API (not discord.com) for the recommended count", async () => {
    const many = await startLoopbackDiscord({ token: TOKEN, guilds: [], recommendedShards: 3 });
    try {
      expect(await recommendedShardCount(TOKEN, { DISCORD_API_URL: many.api })).toBe(3);
      expect(many.rest.requests.items.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /gateway/bot"]);
      await expect(recommendedShardCount("wrong", { DISCORD_API_URL: many.api })).rejects.toThrow(
        /Discord rejected DISCORD_TOKEN/,
      );
    } finally {
      await many.close();
    }
  });
});
