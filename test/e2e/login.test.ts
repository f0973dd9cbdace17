/**
 * A token Discord refuses stops the real process with a message that says what to do, a non-zero
 * exit status, and the token nowhere in its output: refused by the API (401 on GET /gateway/bot) or
 * by the gateway (close 4004 after IDENTIFY).
 */
import { promises as fs } from "node:fs";
import { describe, expect, it } from "vitest";
import { startBotProcess } from "./helpers/bot-process.ts";
import { TOKEN, tempDataDir } from "./helpers/scenario.ts";
import { startLoopbackDiscord } from "./loopback-discord/index.ts";

/** The token Discord knows in place of the one the bot has (TOKEN). */
const WRONG = "loopback.other-token.8d1e";

async function refusedLogin(options: {
  apiToken: string;
  gatewayToken: string;
  env?: Record<string, string>;
}) {
  const discord = await startLoopbackDiscord({
    token: options.apiToken,
    gatewayToken: options.gatewayToken,
    guilds: [],
  });
  const dataDir = await tempDataDir();
  try {
    const bot = startBotProcess({ dataDir, api: discord.api, token: TOKEN, env: options.env ?? {} });
    const exit = await bot.exited;
    return { discord, exit, output: bot.output() };
  } finally {
    await discord.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

describe.concurrent("a refused token", () => {
  it("401 from GET /gateway/bot: a clear error, exit 2, the token never printed", async () => {
    // The API knows another token, so the bot's is refused at the first request.
    const { discord, exit, output } = await refusedLogin({ apiToken: WRONG, gatewayToken: WRONG });
    expect(discord.rest.requests.items.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      "GET /gateway/bot 401",
    ]);
    expect(exit.code).toBe(2);
    expect(output).toContain("Discord rejected DISCORD_TOKEN");
    expect(output).not.toContain(TOKEN);
    expect(output).not.toMatch(/\n\s+at /); // a message, not a stack trace
  }, 60_000);

  it("gateway close 4004 after IDENTIFY: a clear error, exit 2, the token never printed", async () => {
    // The API accepts the token; the gateway no longer does (reset in between).
    const { discord, exit, output } = await refusedLogin({ apiToken: TOKEN, gatewayToken: WRONG });
    expect(discord.gateway.events.items.filter((e) => e.kind === "refused")).toMatchObject([{ code: 4004 }]);
    expect(exit.code).toBe(2);
    expect(output).toContain("Discord rejected DISCORD_TOKEN");
    expect(output).not.toContain(TOKEN);
    expect(output).not.toContain("NETWORK BLOCKED");
  }, 60_000);

  it("SHARDS=2 and the gateway refuses the token: the manager stops with the shard's reason, exit 2, no respawn loop", async () => {
    // Found by this suite: the manager used to exit 1 with discord.js's "Shard 0's Client
    // disconnected before becoming ready" stack, having killed the shard before it could say why.
    const { discord, exit, output } = await refusedLogin({
      apiToken: TOKEN,
      gatewayToken: WRONG,
      env: { SHARDS: "2" },
    });
    expect(exit.code).toBe(2);
    expect(output).toContain("Shard 0 could not start: Discord rejected DISCORD_TOKEN");
    expect(output).not.toContain("ShardingReady");
    // Shard 0 tried once; it was not respawned, and shard 1 was never started.
    expect(discord.gateway.events.items.filter((e) => e.kind === "refused")).toHaveLength(1);
    expect(output).not.toContain(TOKEN);
  }, 60_000);
});
