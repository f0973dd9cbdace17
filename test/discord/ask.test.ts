import { promises as fs } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FEEDBACK_FILE, type FeedbackRecord } from "../../src/discord/feedback.ts";
import { PAGE_TTL_MS } from "../../src/discord/pagination.ts";
import type { Library } from "../../src/library/library.ts";
import { createTestBot, fileTempDir, openBotLibrary, type TestBot } from "./helpers/bot.ts";
import type { RecordedRequest, SentBody } from "./helpers/discord-stub.ts";
import { EPHEMERAL, expectNoMentions, expectWithinDiscordLimits } from "./helpers/limits.ts";
import { ALICE, BOB, buttonPress, chatInput, GUILD_ID, OTHER_GUILD_ID, str } from "./helpers/payloads.ts";

let dataDir: string;
let library: Library;
let t: TestBot;
/** Library calls, logged into the stub's event log so they can be ordered against REST requests. */
let events: string[] = [];

const ask = (question: string, actor = {}) => chatInput("ask", [str("question", question)], actor);
const route = (r: RecordedRequest) =>
  `${r.method} ${r.path.replace(/\/\d{5,}/g, "/:id").replace(/token-\d+/, ":token")}`;
const finalEdit = (requests: RecordedRequest[]): SentBody => {
  const edit = requests.find((r) => r.method === "PATCH");
  expect(edit, "an edit of the deferred reply").toBeDefined();
  return edit!.body;
};

/** A 30,000-character paragraph: many sentences, one of which answers. */
const longParagraph = (() => {
  const filler = "Rangers walked the northern ridge again and counted tracks in the soft red soil. ";
  const parts: string[] = [];
  while (parts.join("").length < 15_000) parts.push(filler);
  parts.push("The quokka census found 4,211 animals on the island this spring. ");
  while (parts.join("").length < 30_000) parts.push(filler);
  return parts.join("").trim();
})();

beforeAll(async () => {
  dataDir = await fileTempDir();
  library = await openBotLibrary(dataDir);
  const spied = new Proxy(library, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        events.push(`library.${String(property)}`);
        return value.apply(target, args);
      };
    },
  });
  t = await createTestBot({ library: spied, dataDir });
  events = t.stub.events;
  await library.add(GUILD_ID, {
    input: {
      kind: "text",
      text: [
        "Zebra council meets",
        "The zebra council said @everyone and <@123456789012345678> must read **this bold claim**, " +
          "# not a heading, [click here](https://evil.example/x), ||a spoiler||, `code` and <@&987654321098765432>.",
        "The zebra council meets every Tuesday in the old library.",
      ].join("\n\n"),
    },
    addedBy: ALICE,
  });
  await library.add(GUILD_ID, {
    input: { kind: "text", text: `Quokka census results\n\n${longParagraph}` },
    addedBy: ALICE,
  });
  await library.add(GUILD_ID, {
    input: { kind: "text", text: `Wombat burrows\n\n${"wombat burrow tunnel soil ".repeat(1200).trim()}` },
    addedBy: ALICE,
  });
}, 120_000);

afterAll(async () => {
  await t?.close();
  await library?.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe("/ask", () => {
  it("defers before any work, then edits in McCain's statement: bold sentence, ¶ citation, footer", async () => {
    const from = events.length;
    const requests = await t.inject(ask("what did McCain say"));
    expect(requests.map(route)).toEqual([
      "POST /interactions/:id/:token/callback",
      "PATCH /webhooks/:id/:token/messages/@original",
    ]);
    expect(requests[0]!.body).toMatchObject({ type: 5 }); // DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE
    expect(requests[0]!.query.get("with_response")).toBe("false");
    const log = events.slice(from);
    const deferredAt = log.findIndex((e) => e.endsWith("/callback"));
    expect(deferredAt).toBeGreaterThanOrEqual(0);
    expect(log.indexOf("library.ask")).toBeGreaterThan(deferredAt);

    const edit = finalEdit(requests);
    expectNoMentions(edit);
    expectWithinDiscordLimits(edit);
    const embed = edit.embeds![0]!;
    expect(embed.title).toBe("what did McCain say");
    expect(embed.description).toMatch(/\*\*“An American president does not lead the Free World[^*]*\*\*/);
    expect(embed.description).toContain("*Trump congratulates Putin on election win* — ¶12");
    expect(embed.fields).toHaveLength(2);
    expect(embed.footer!.text).toMatch(/^Results 1–3 of \d+ · found by/);
  });

  it("escapes article Markdown and mention syntax, and never allows a ping", async () => {
    const edit = finalEdit(await t.inject(ask("what did the zebra council say people must read")));
    expectNoMentions(edit);
    expectWithinDiscordLimits(edit);
    const text = edit.embeds![0]!.description!;
    expect(text).toContain("Zebra council meets");
    expect(text).toContain("\\<@123456789012345678>");
    expect(text).toContain("\\<@&987654321098765432>");
    expect(text).not.toMatch(/(?<!\\)<@/);
    expect(text).toContain("\\*\\*this bold claim\\*\\*");
    expect(text).toContain("\\|\\|a spoiler\\|\\|");
    expect(text).toContain("\\`code\\`");
    expect(text).not.toMatch(/(?<!\\)\[click here\]\(/);
    expect(edit.content ?? "").toBe("");
  });

  it("keeps a 30,000-character paragraph within every embed limit, cut at sentences with …", async () => {
    const edit = finalEdit(await t.inject(ask("how many animals did the quokka census find")));
    expectWithinDiscordLimits(edit);
    const description = edit.embeds![0]!.description!;
    expect(description).toContain("**The quokka census found 4,211 animals on the island this spring.**");
    expect(description).toMatch(/^… .* …\n— \*Quokka census results\* — ¶1$/s);

    const runOn = finalEdit(await t.inject(ask("wombat burrow tunnel")));
    expectWithinDiscordLimits(runOn);
    expect(JSON.stringify(runOn.embeds)).toContain("…");
  });

  it("says plainly when the articles don't answer, and marks the passages as closest only", async () => {
    const question = "what is the airspeed velocity of an unladen swallow";
    const verdict = await library.ask(GUILD_ID, question);
    const edit = finalEdit(await t.inject(ask(question)));
    expectWithinDiscordLimits(edit);
    const embed = edit.embeds![0]!;
    if (verdict.answered) {
      expect(embed.description).not.toContain("don't answer");
    } else {
      expect(embed.description).toContain("**The articles here don't answer that.**");
      expect(embed.fields!.every((f) => f.name.includes("Closest passage (not an answer)"))).toBe(true);
    }
  });

  it("in DMs searches only the shared samples; another server doesn't see this server's articles", async () => {
    for (const actor of [{ guildId: null }, { guildId: OTHER_GUILD_ID }]) {
      const edit = finalEdit(await t.inject(ask("what did the zebra council say", actor)));
      expectNoMentions(edit);
      expect(JSON.stringify(edit.embeds)).not.toContain("Zebra council");
      expect(JSON.stringify(edit.embeds)).toContain("(sample)");
    }
  });

  it("shows a UserError ephemerally: the public 'thinking…' is deleted and the message follows privately", async () => {
    const requests = await t.inject(ask("???"));
    expect(requests.map(route)).toEqual([
      "POST /interactions/:id/:token/callback",
      "DELETE /webhooks/:id/:token/messages/@original",
      "POST /webhooks/:id/:token",
    ]);
    const followUp = requests[2]!.body;
    expect(followUp.flags! & EPHEMERAL).toBe(EPHEMERAL);
    expect(followUp.content).toContain("Ask a question in words");
    expectNoMentions(followUp);
  });
});

describe("More results and feedback", () => {
  it("pages only for the asker, refuses others ephemerally, and expires after 5 minutes", async () => {
    const edit = finalEdit(await t.inject(ask("what did McCain say", { userId: ALICE })));
    const buttons = edit.components![0]!.components!;
    const more = buttons.find((b) => b.label === "More results")!;
    expect(more.disabled).toBe(false);
    expect(buttons.find((b) => b.label === "◀ Back")!.disabled).toBe(true);

    const refused = await t.inject(buttonPress(more.custom_id!, { userId: BOB }, edit.components));
    expect(refused).toHaveLength(1);
    expect(refused[0]!.body.type).toBe(4); // CHANNEL_MESSAGE_WITH_SOURCE: a new (ephemeral) message
    expect(refused[0]!.body.data!.flags! & EPHEMERAL).toBe(EPHEMERAL);
    expect(refused[0]!.body.data!.content).toContain(`Only <@${ALICE}> can page`);
    expectNoMentions(refused[0]!.body.data!);

    const paged = await t.inject(buttonPress(more.custom_id!, { userId: ALICE }, edit.components));
    expect(paged[0]!.body.type).toBe(7); // UPDATE_MESSAGE: the same message, page 2
    const page2 = paged[0]!.body.data!;
    expectWithinDiscordLimits(page2);
    expectNoMentions(page2);
    expect(page2.embeds![0]!.footer!.text).toMatch(/^Results 4–6 of/);

    t.clock.advance(PAGE_TTL_MS + 1000);
    const back = page2.components![0]!.components!.find((b) => b.label === "◀ Back")!;
    const expired = await t.inject(buttonPress(back.custom_id!, { userId: ALICE }, page2.components));
    expect(expired.map((r) => r.body.type ?? "followup")).toEqual([7, "followup"]);
    const remaining = expired[0]!.body.data!.components![0]!.components!.map((b) => b.label);
    expect(remaining).toEqual(["👍", "👎"]);
    expect(expired[1]!.body.content).toContain("expired");
    expect(expired[1]!.body.flags! & EPHEMERAL).toBe(EPHEMERAL);
  });

  it("stores 👍/👎 with the question, the passages shown and the voter's id", async () => {
    const edit = finalEdit(await t.inject(ask("what did McCain say", { userId: ALICE })));
    const up = edit.components![0]!.components!.find((b) => b.label === "👍")!;
    const first = await t.inject(buttonPress(up.custom_id!, { userId: BOB }, edit.components));
    expect(first[0]!.body.data!.flags! & EPHEMERAL).toBe(EPHEMERAL);
    expect(first[0]!.body.data!.content).toContain("recorded");
    const again = await t.inject(buttonPress(up.custom_id!, { userId: BOB }, edit.components));
    expect(again[0]!.body.data!.content).toContain("already recorded");

    const lines = (await fs.readFile(path.join(dataDir, FEEDBACK_FILE), "utf8")).trim().split("\n");
    const record = JSON.parse(lines.at(-1)!) as FeedbackRecord;
    expect(lines).toHaveLength(1);
    expect(record).toMatchObject({
      guildId: GUILD_ID,
      askerId: ALICE,
      userId: BOB,
      vote: "up",
      question: "what did McCain say",
      page: 1,
    });
    expect(record.passages).toHaveLength(3);
    expect(record.passages[0]).toMatchObject({
      paragraph: 12,
      title: "Trump congratulates Putin on election win",
    });
  });
});

describe("cooldown", () => {
  it("tells a user who asks again too soon when to retry, ephemerally, without searching", async () => {
    const slow = await createTestBot({ library, dataDir, config: { ASK_COOLDOWN_SECONDS: 30 } });
    try {
      const first = await slow.inject(ask("what did McCain say"));
      expect(first.map((r) => r.body.type ?? r.method)).toEqual([5, "PATCH"]);
      slow.clock.advance(12_000);
      const second = await slow.inject(ask("what did Putin say"));
      expect(second).toHaveLength(1);
      expect(second[0]!.body.type).toBe(4);
      expect(second[0]!.body.data!.flags! & EPHEMERAL).toBe(EPHEMERAL);
      expect(second[0]!.body.data!.content).toBe("You're going a bit fast: try /ask again in 18 s.");
      // Someone else is not slowed down; and the first user may ask again once the time is up.
      expect((await slow.inject(ask("what did Putin say", { userId: BOB })))[0]!.body.type).toBe(5);
      slow.clock.advance(18_000);
      expect((await slow.inject(ask("what did Putin say")))[0]!.body.type).toBe(5);
    } finally {
      await slow.close();
    }
  });
});
