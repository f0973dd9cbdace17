import { promises as fs } from "node:fs";
import { MessageFlags } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GENERIC_ERROR } from "../../src/discord/router.ts";
import type { Command } from "../../src/discord/types.ts";
import { UserError } from "../../src/library/errors.ts";
import type { Library } from "../../src/library/library.ts";
import { createTestBot, fileTempDir, type TestBot } from "./helpers/bot.ts";
import type { RecordedRequest } from "./helpers/discord-stub.ts";
import { EPHEMERAL, expectNoMentions } from "./helpers/limits.ts";
import { ALICE, autocomplete, buttonPress, chatInput, GUILD_ID, str } from "./helpers/payloads.ts";

const command = (
  name: string,
  execute: Command["execute"],
  autocomplete?: Command["autocomplete"],
): Command => ({
  data: { name, description: `test ${name}` },
  execute,
  ...(autocomplete ? { autocomplete } : {}),
});

let release: () => void = () => {};
/** Called once the slow command is running (it has deferred and is waiting for `release`). */
let markSlowRunning: () => void = () => {};
const commands = new Map<string, Command>(
  [
    command("boom", async (i) => {
      await i.deferReply();
      throw new Error("kaboom: internal detail");
    }),
    command("early", async () => {
      throw new TypeError("cannot read properties of undefined");
    }),
    command("refuse", async () => {
      throw new UserError("NOT_FOUND", "No article with id “abc” in this library.");
    }),
    command("private", async (i) => {
      await i.deferReply({ flags: MessageFlags.Ephemeral });
      throw new UserError("TOO_LARGE", "That page is 9.1 MB; the limit is 5 MB.");
    }),
    command(
      "slow",
      async (i) => {
        await i.deferReply();
        await new Promise<void>((resolve) => {
          release = resolve;
          markSlowRunning();
        });
        await i.editReply({ content: "done", allowedMentions: { parse: [] } });
      },
      async () => {
        throw new Error("autocomplete broke");
      },
    ),
  ].map((c) => [c.data.name, c]),
);

let dataDir: string;
let t: TestBot;
const route = (r: RecordedRequest) =>
  `${r.method} ${r.path.replace(/\/\d{5,}/g, "/:id").replace(/token-\d+/, ":token")}`;

beforeAll(async () => {
  dataDir = await fileTempDir();
  // These commands never touch the library.
  t = await createTestBot({ library: {} as Library, dataDir, commands });
});

afterAll(async () => {
  await t?.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe("the central error handler", () => {
  it("logs a bug with its stack and context; the user gets a short generic message, privately", async () => {
    const requests = await t.inject(chatInput("boom", [], { userId: ALICE }));
    expect(requests.map(route)).toEqual([
      "POST /interactions/:id/:token/callback",
      "DELETE /webhooks/:id/:token/messages/@original",
      "POST /webhooks/:id/:token",
    ]);
    const followUp = requests[2]!.body;
    expect(followUp.content).toBe(GENERIC_ERROR);
    expect(followUp.flags! & EPHEMERAL).toBe(EPHEMERAL);
    expectNoMentions(followUp);
    const logged = t.logger.entries.find((e) => e.level === "error" && e.context.command === "/boom");
    expect(logged, "an error log line").toBeDefined();
    expect(logged!.context).toMatchObject({ guildId: GUILD_ID, userId: ALICE });
    expect((logged!.context.err as Error).stack).toContain("kaboom: internal detail");
  });

  it("replies (not follows up) when the failure comes before any response", async () => {
    const requests = await t.inject(chatInput("early"));
    expect(requests).toHaveLength(1);
    expect(requests[0]!.body).toMatchObject({ type: 4, data: { content: GENERIC_ERROR, flags: EPHEMERAL } });
  });

  it("shows a UserError's own message, ephemeral, and logs it as a refusal rather than a bug", async () => {
    const requests = await t.inject(chatInput("refuse"));
    expect(requests[0]!.body).toMatchObject({
      type: 4,
      data: {
        content: "No article with id “abc” in this library.",
        flags: EPHEMERAL,
        allowed_mentions: { parse: [] },
      },
    });
    const entries = t.logger.entries.filter((e) => e.context.command === "/refuse");
    expect(entries.map((e) => e.level)).toEqual(["info"]);
    expect(entries[0]!.context.code).toBe("NOT_FOUND");
  });

  it("edits an ephemeral deferral in place", async () => {
    const requests = await t.inject(chatInput("private"));
    expect(requests.map(route)).toEqual([
      "POST /interactions/:id/:token/callback",
      "PATCH /webhooks/:id/:token/messages/@original",
    ]);
    expect(requests[1]!.body.content).toBe("That page is 9.1 MB; the limit is 5 MB.");
    expectNoMentions(requests[1]!.body);
  });

  it("answers an unknown command, an unknown button and a failing autocomplete without hanging", async () => {
    const unknown = await t.inject(chatInput("nope"));
    expect(unknown[0]!.body).toMatchObject({ type: 4, data: { content: GENERIC_ERROR, flags: EPHEMERAL } });
    const button = await t.inject(buttonPress("mystery:1"));
    expect(button[0]!.body).toMatchObject({ type: 4, data: { content: GENERIC_ERROR, flags: EPHEMERAL } });
    const suggestions = await t.inject(autocomplete("slow", [str("x", "", true)]));
    expect(suggestions[0]!.body).toEqual({ type: 8, data: { choices: [] } });
    expect(
      t.logger.entries.some((e) => e.level === "error" && e.context.command === "/slow (autocomplete)"),
    ).toBe(true);
  });
});

async function waitFor<T>(probe: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("graceful shutdown", () => {
  it("lets running interactions finish, turns new ones away politely, then destroys the client", async () => {
    const bot = await createTestBot({ library: {} as Library, dataDir, commands });
    const actions = (
      bot.client as unknown as { actions: { InteractionCreate: { handle(raw: object): void } } }
    ).actions;
    const slowRunning = new Promise<void>((resolve) => {
      markSlowRunning = resolve;
    });
    actions.InteractionCreate.handle(chatInput("slow"));
    await slowRunning; // the first interaction is running: ordered by that event, not by a sleep
    const destroy = bot.client.destroy.bind(bot.client);
    bot.client.destroy = async () => {
      bot.stub.events.push("client.destroy");
      await destroy();
    };
    const stopping = bot.bot.stop(5000);
    actions.InteractionCreate.handle(chatInput("slow"));
    const refusal = await waitFor(() => bot.stub.requests.find((r) => r.body.type === 4));
    expect(refusal.body.data!.flags! & EPHEMERAL).toBe(EPHEMERAL);
    expect(refusal.body.data!.content).toContain("restarting");
    expect(bot.stub.requests.filter((r) => r.method === "PATCH")).toEqual([]);
    release();
    await stopping;
    const edits = bot.stub.requests.filter((r) => r.method === "PATCH");
    expect(edits.map((r) => r.body.content)).toEqual(["done"]);
    // The running interaction's reply went out before the client was destroyed.
    expect(bot.stub.events.indexOf("client.destroy")).toBeGreaterThan(edits[0]!.seq);
    await bot.stub.close();
  });
});
