import { promises as fs } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FeedbackStore } from "../../src/discord/feedback.ts";
import type { Library } from "../../src/library/library.ts";
import { createTestBot, fileTempDir, openBotLibrary, type TestBot } from "./helpers/bot.ts";
import type { RecordedRequest } from "./helpers/discord-stub.ts";
import { EPHEMERAL, ephemeralAnswer, expectNoMentions, expectWithinDiscordLimits } from "./helpers/limits.ts";
import {
  ALICE,
  autocomplete,
  BOB,
  buttonPress,
  chatInput,
  GUILD_ID,
  MOD_ROLE,
  modalSubmit,
  PERMS_ADMIN,
  PERMS_MANAGE_GUILD,
  PERMS_NONE,
  str,
  sub,
  withAttachment,
} from "./helpers/payloads.ts";

let dataDir: string;
let library: Library;
let t: TestBot;

const MOD = { userId: ALICE, permissions: PERMS_MANAGE_GUILD };
const OTHER_MOD = { userId: BOB, permissions: PERMS_ADMIN };
const MEMBER = { userId: BOB, permissions: PERMS_NONE };
/** A server with many articles, for pagination and autocomplete. */
const BUSY_GUILD = "1200000000000000009";

const article = (name: string, options: ReturnType<typeof str>[] = [], actor: object = MOD) =>
  chatInput("article", [sub(name, options)], actor);
const story = (title: string, paragraphs = 3) =>
  [
    title,
    ...Array.from({ length: paragraphs }, (_, i) => `${title}: paragraph ${i + 1} says something new.`),
  ].join("\n\n");

/** The single ephemeral reply a refusal produces (no defer, nothing else sent). */
function expectEphemeralRefusal(requests: RecordedRequest[], text: string | RegExp): void {
  expect(requests).toHaveLength(1);
  const body = requests[0]!.body;
  expect(body.type).toBe(4);
  expect(body.data!.flags! & EPHEMERAL).toBe(EPHEMERAL);
  expectNoMentions(body.data!);
  if (typeof text === "string") expect(body.data!.content).toContain(text);
  else expect(body.data!.content).toMatch(text);
}

beforeAll(async () => {
  dataDir = await fileTempDir();
  library = await openBotLibrary(dataDir);
  t = await createTestBot({
    library,
    dataDir,
    config: { MODERATOR_ROLE_ID: MOD_ROLE, MAX_ARTICLE_BYTES: 50_000 },
  });
  for (let i = 1; i <= 30; i++) {
    await library.add(BUSY_GUILD, {
      input: { kind: "text", text: story(`Busy story number ${i}`) },
      addedBy: ALICE,
    });
  }
}, 120_000);

afterAll(async () => {
  await t?.close();
  await library?.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe("moderator-only, guild-only", () => {
  it("declares Manage Server as the default permission and the guild as its only context", async () => {
    const { default: command } = await import("../../commands/article.ts");
    expect(command.data.default_member_permissions).toBe(PERMS_MANAGE_GUILD);
    expect(command.data.contexts).toEqual([0]);
  });

  it("refuses every subcommand to a member without Manage Server or the moderator role", async () => {
    for (const name of ["add", "list", "show", "remove", "feedback"]) {
      const options = name === "show" || name === "remove" ? [str("article", "whatever")] : [];
      const requests = await t.inject(article(name, options, MEMBER));
      expectEphemeralRefusal(requests, "Only moderators can manage articles");
    }
  });

  it("accepts the moderator role (MODERATOR_ROLE_ID) and Administrator", async () => {
    const byRole = await t.inject(
      article("list", [], { userId: BOB, permissions: PERMS_NONE, roles: [MOD_ROLE] }),
    );
    expect(ephemeralAnswer(byRole).embeds![0]!.title).toMatch(/^Articles/);
    const byAdmin = await t.inject(article("list", [], OTHER_MOD));
    expect(ephemeralAnswer(byAdmin).embeds![0]!.title).toMatch(/^Articles/);
  });

  it("refuses article management in DMs", async () => {
    const requests = await t.inject(article("list", [], { userId: ALICE, guildId: null }));
    expectEphemeralRefusal(requests, "only inside a server");
  });

  it("offers no article suggestions to non-moderators", async () => {
    const requests = await t.inject(
      autocomplete("article", [sub("show", [str("article", "", true)])], { ...MEMBER, guildId: BUSY_GUILD }),
    );
    expect(requests[0]!.body).toEqual({ type: 8, data: { choices: [] } });
  });
});

describe("/article add", () => {
  it("adds from a URL, replies ephemerally and writes an audit line with user and time", async () => {
    const url = t.stub.serveFile(
      "story.html",
      "<html><head><title>Harbour ferry returns</title></head><body><article><h1>Harbour ferry returns</h1>" +
        "<p>The harbour ferry returned to service on Monday after a two-week repair.</p>" +
        "<p>Passengers said the crossing felt smoother than before.</p></article></body></html>",
      "text/html; charset=utf-8",
    );
    const body = ephemeralAnswer(await t.inject(article("add", [str("url", url)])));
    expect(body.embeds![0]!.title).toBe("Article added");
    expect(body.embeds![0]!.description).toContain("Harbour ferry returns");
    const added = (await library.list(GUILD_ID)).find((a) => a.title === "Harbour ferry returns");
    expect(added).toMatchObject({ addedBy: ALICE, scope: GUILD_ID });
    const line = t.logger.entries.find(
      (e) => e.context.audit === "article.add" && e.context.articleId === added!.articleId,
    );
    expect(line?.context).toMatchObject({ guildId: GUILD_ID, userId: ALICE });
    expect(Date.parse(String(line?.context.at))).not.toBeNaN();
  });

  it("adds an attached Markdown file, downloaded from the CDN", async () => {
    const text =
      "# Lighthouse keeper retires\n\nThe lighthouse keeper retired after forty years on the cape.\n";
    const url = t.stub.serveFile("lighthouse.md", text, "text/markdown");
    const body = ephemeralAnswer(
      await t.inject(
        withAttachment({ name: "lighthouse.md", size: text.length, url, contentType: "text/markdown" }, MOD),
      ),
    );
    expect(body.embeds![0]!.description).toContain("Lighthouse keeper retires");
    expect(t.stub.events).toContain("GET /files/lighthouse.md");
  });

  it("refuses a too-large or non-text attachment before downloading it", async () => {
    const big = t.stub.serveFile("big.txt", "x");
    const tooLarge = await t.inject(
      withAttachment({ name: "big.txt", size: 60_000, url: big, contentType: "text/plain" }, MOD),
    );
    // Deferred ephemerally, so the refusal edits that private reply.
    expect(tooLarge[0]!.body).toMatchObject({ type: 5, data: { flags: EPHEMERAL } });
    expect(tooLarge.at(-1)!.body.content).toContain("the limit is 48.8 KB");
    const png = t.stub.serveFile("photo.png", "x", "image/png");
    const wrongType = await t.inject(
      withAttachment({ name: "photo.png", size: 10, url: png, contentType: "image/png" }, MOD),
    );
    expect(wrongType.at(-1)!.body.content).toContain("not an article file");
    expect(t.stub.events).not.toContain("GET /files/big.txt");
    expect(t.stub.events).not.toContain("GET /files/photo.png");
  });

  it("opens a paste form when given neither URL nor file, and adds what is pasted", async () => {
    const shown = await t.inject(article("add"));
    expect(shown).toHaveLength(1);
    expect(shown[0]!.body.type).toBe(9); // MODAL
    const modal = shown[0]!.body.data!;
    expect(modal.custom_id).toMatch(/^modal:/);
    expect(modal.title!.length).toBeLessThanOrEqual(45);
    const submitted = await t.inject(
      modalSubmit(
        modal.custom_id!,
        { title: "", text: "Bakery wins award\n\nThe corner bakery won the regional bread award on Friday." },
        MOD,
      ),
    );
    expect(ephemeralAnswer(submitted).embeds![0]!.description).toContain("Bakery wins award");
    // The form is single-use.
    const again = await t.inject(modalSubmit(modal.custom_id!, { title: "", text: "x".repeat(30) }, MOD));
    expectEphemeralRefusal(again, "expired");
  });

  it("reports a duplicate instead of adding it twice", async () => {
    const text = "Bakery wins award\n\nThe corner bakery won the regional bread award on Friday.";
    const shown = await t.inject(article("add"));
    const body = ephemeralAnswer(
      await t.inject(modalSubmit(shown[0]!.body.data!.custom_id!, { title: "", text }, MOD)),
    );
    expect(body.embeds![0]!.title).toBe("Already in the library");
  });

  it("enforces the per-server limits with clear messages", async () => {
    const guild = "1200000000000000007";
    const limited = await createTestBot({
      library,
      dataDir,
      config: { GUILD_ADDS_PER_HOUR: 1, GUILD_MAX_ARTICLES: 1 },
    });
    try {
      const actor = { ...MOD, guildId: guild };
      const paste = async (text: string) => {
        const shown = await limited.inject(article("add", [], actor));
        return limited.inject(modalSubmit(shown[0]!.body.data!.custom_id!, { title: "", text }, actor));
      };
      ephemeralAnswer(await paste(story("Limit test one")));
      expectEphemeralRefusal(
        await paste(story("Limit test two")),
        "added 1 articles in the last hour, its limit",
      );
      limited.clock.advance(3600_000);
      const full = await paste(story("Limit test three"));
      expect(full.at(-1)!.body.content).toContain("already has 1 articles, its limit (1)");
    } finally {
      await limited.close();
    }
  });
});

describe("/article list, show, remove, feedback", () => {
  it("lists with ids, ¶ counts, who added and when, ten a page, paged only by the asker", async () => {
    const body = ephemeralAnswer(await t.inject(article("list", [], { ...MOD, guildId: BUSY_GUILD })));
    const embed = body.embeds![0]!;
    expect(embed.title).toBe("Articles (31)");
    expect(embed.footer!.text).toMatch(/^Page 1\/4/);
    expect(embed.description).toMatch(/`[0-9a-f]{12}` · 3 ¶ · added by <@1000000000000000001> <t:\d+:R>/);
    const next = body.components![0]!.components!.find((b) => b.label === "Next ▶")!;
    const page2 = await t.inject(
      buttonPress(next.custom_id!, { ...MOD, guildId: BUSY_GUILD }, body.components),
    );
    expect(page2[0]!.body.data!.embeds![0]!.footer!.text).toMatch(/^Page 2\/4/);
    const other = await t.inject(
      buttonPress(next.custom_id!, { ...OTHER_MOD, guildId: BUSY_GUILD }, body.components),
    );
    expectEphemeralRefusal(other, "can page");
  });

  it("autocompletes at most 25 articles, within Discord's length limits, quickly", async () => {
    const started = performance.now();
    const requests = await t.inject(
      autocomplete("article", [sub("show", [str("article", "", true)])], { ...MOD, guildId: BUSY_GUILD }),
    );
    expect(performance.now() - started).toBeLessThan(2000);
    const choices = requests[0]!.body.data!.choices!;
    expect(requests[0]!.body.type).toBe(8);
    expect(choices).toHaveLength(25);
    for (const choice of choices) {
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(choice.value.length).toBeLessThanOrEqual(100);
    }
    const typed = await t.inject(
      autocomplete("article", [sub("remove", [str("article", "number 2", true)])], {
        ...MOD,
        guildId: BUSY_GUILD,
      }),
    );
    const names = typed[0]!.body.data!.choices!.map((c) => c.name);
    expect(names.length).toBeGreaterThan(1);
    expect(names.every((n) => n.includes("number 2") && !n.includes("(sample)"))).toBe(true);
  });

  it("shows a 30,000-character paragraph over several pages, each within every limit", async () => {
    const sentence =
      "The river rose slowly through the night while volunteers stacked sandbags by the mill. ";
    const text = `Flood watch\n\n${sentence.repeat(Math.ceil(30_000 / sentence.length))}\n\nThe water fell by morning.`;
    const added = await library.add(GUILD_ID, { input: { kind: "text", text }, addedBy: ALICE });
    let body = ephemeralAnswer(await t.inject(article("show", [str("article", added.articleId)])));
    const pages = Number(/^Page 1\/(\d+)/.exec(body.embeds![0]!.footer!.text)![1]);
    expect(pages).toBeGreaterThanOrEqual(8);
    expect(body.embeds![0]!.description).toMatch(/^\*\*¶1\*\* The river rose/);
    for (let page = 2; page <= pages; page++) {
      const next = body.components![0]!.components!.find((b) => b.label === "Next ▶")!;
      const pressed = await t.inject(buttonPress(next.custom_id!, MOD, body.components));
      body = pressed[0]!.body.data!;
      expectWithinDiscordLimits(body);
      expect(body.embeds![0]!.footer!.text).toMatch(new RegExp(`^Page ${page}/${pages}`));
    }
    expect(body.embeds![0]!.description).toContain("**¶2** The water fell by morning.");
  });

  it("removes only after the same moderator confirms, and audits it", async () => {
    const added = await library.add(GUILD_ID, {
      input: { kind: "text", text: story("Remove me please") },
      addedBy: ALICE,
    });
    const prompt = ephemeralAnswer(await t.inject(article("remove", [str("article", added.articleId)])));
    expect(prompt.embeds![0]!.title).toBe("Remove this article?");
    const yes = prompt.components![0]!.components!.find((b) => b.custom_id!.endsWith(":yes"))!;

    expectEphemeralRefusal(
      await t.inject(buttonPress(yes.custom_id!, OTHER_MOD, prompt.components)),
      "Only the moderator who asked",
    );
    expect((await library.list(GUILD_ID)).some((a) => a.articleId === added.articleId)).toBe(true);

    const confirmed = await t.inject(buttonPress(yes.custom_id!, MOD, prompt.components));
    expect(confirmed[0]!.body.type).toBe(6); // DEFERRED_UPDATE_MESSAGE
    expect(confirmed[1]!.body.content).toContain("Removed **Remove me please**");
    expect((await library.list(GUILD_ID)).some((a) => a.articleId === added.articleId)).toBe(false);
    const line = t.logger.entries.find((e) => e.context.audit === "article.remove");
    expect(line?.context).toMatchObject({ guildId: GUILD_ID, userId: ALICE, articleId: added.articleId });
  });

  it("won't remove a shared sample", async () => {
    const sample = (await library.list(GUILD_ID)).find((a) => a.scope === "samples")!;
    const requests = await t.inject(article("remove", [str("article", sample.articleId)]));
    expect(requests.at(-1)!.body.content).toContain("bundled sample");
  });

  it("exports this server's feedback, and only this server's, as a JSONL file", async () => {
    const store = FeedbackStore.inDataDir(dataDir);
    const record = {
      at: new Date().toISOString(),
      channelId: null,
      askerId: ALICE,
      userId: BOB,
      vote: "down" as const,
      question: "q",
      answered: true,
      method: "hybrid",
      page: 1,
      passages: [],
    };
    await store.append({ ...record, guildId: GUILD_ID, question: "ours" });
    await store.append({ ...record, guildId: "1200000000000000005", question: "theirs" });
    const requests = await t.inject(article("feedback"));
    const edit = requests.find((r) => r.method === "PATCH")!;
    expect(edit.body.content).toContain("1 vote");
    const file = Object.values(edit.files)[0]!;
    expect(file).toContain('"question":"ours"');
    expect(file).not.toContain("theirs");
  });
});
