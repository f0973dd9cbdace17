import { execFile } from "node:child_process";
import { promises as fs } from "node:fs";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "../../src/discord/client.ts";
import { SHARD_ENTRY } from "../../src/discord/sharding.ts";
import { appVersion } from "../../src/discord/version.ts";
import type { Library } from "../../src/library/library.ts";
import { createTestBot, fileTempDir, openBotLibrary, type TestBot } from "./helpers/bot.ts";
import { EPHEMERAL, expectNoMentions, expectWithinDiscordLimits } from "./helpers/limits.ts";
import { chatInput } from "./helpers/payloads.ts";

let dataDir: string;
let library: Library;
let t: TestBot;

beforeAll(async () => {
  dataDir = await fileTempDir();
  library = await openBotLibrary(dataDir);
  t = await createTestBot({ library, dataDir });
});

afterAll(async () => {
  await t?.close();
  await library?.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe("/help and /about", () => {
  it("/help answers at once (static text), privately, listing every command", async () => {
    const requests = await t.inject(chatInput("help"));
    expect(requests).toHaveLength(1);
    const body = requests[0]!.body;
    expect(body.type).toBe(4);
    expect(body.data!.flags! & EPHEMERAL).toBe(EPHEMERAL);
    expectNoMentions(body.data!);
    expectWithinDiscordLimits(body.data!);
    const text = JSON.stringify(body.data!.embeds);
    for (const command of ["/ask", "/quotes", "/about", "/article add", "/article feedback"]) {
      expect(text).toContain(command);
    }
  });

  it("/about gives the article count, the model in use and the version", async () => {
    const requests = await t.inject(chatInput("about", [], { guildId: null }));
    expect(requests[0]!.body).toMatchObject({ type: 5, data: { flags: EPHEMERAL } });
    const edit = requests[1]!.body;
    expectNoMentions(edit);
    const fields = edit.embeds![0]!.fields!;
    expect(fields[0]).toMatchObject({ name: "Articles (samples only in DMs)" });
    expect(fields[0]!.value).toMatch(/^1 articles, 21 paragraphs/);
    expect(fields[1]!.value).toContain("all-MiniLM-L6-v2 (384-d, bundled)");
    expect(fields[2]!.value).toBe(appVersion());
    expect(appVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe("createClient", () => {
  const saved = { SHARDS: process.env.SHARDS, SHARD_COUNT: process.env.SHARD_COUNT };
  afterEach(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it("ignores Byline's own SHARDS setting, which discord.js would otherwise read (and JSON.parse)", async () => {
    for (const value of ["", "auto", "4"]) {
      process.env.SHARDS = value;
      const client = createClient();
      expect(client.options.shards).toEqual([0]);
      expect(client.options.shardCount).toBe(1);
      await client.destroy();
    }
  });

  it("in a shard process takes its shard id and count from the manager's environment", async () => {
    process.env.SHARDS = "2";
    process.env.SHARD_COUNT = "3";
    const client = createClient({ sharded: true });
    expect(client.options.shards).toEqual([2]);
    expect(client.options.shardCount).toBe(3);
    await client.destroy();
  });
});

describe("shard entry", () => {
  it("starts under the ShardingManager's environment (SHARDS = shard id) without a config error", async () => {
    const environment: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      SHARDING_MANAGER: "true",
      SHARDS: "0",
      SHARD_COUNT: "1",
      DATA_DIR: dataDir,
      LOG_LEVEL: "info",
    };
    // No token, so it stops right after reading the configuration: nothing reaches the network.
    const run = promisify(execFile)(process.execPath, ["--import", import.meta.resolve("tsx"), SHARD_ENTRY], {
      env: environment,
      cwd: dataDir,
    });
    const failure = await run.then(
      () => undefined,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    const output = `${failure?.stdout}${failure?.stderr}`;
    expect(output).not.toContain("Invalid configuration");
    expect(output).toContain("startBot needs DISCORD_TOKEN");
    expect(output).toContain('"shard":"0"');
  });
});
