import { promises as fs } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Library } from "../../src/library/library.ts";
import { createTestBot, fileTempDir, openBotLibrary, type TestBot } from "./helpers/bot.ts";
import type { RecordedRequest, SentBody } from "./helpers/discord-stub.ts";
import { EPHEMERAL, expectNoMentions, expectWithinDiscordLimits } from "./helpers/limits.ts";
import { ALICE, autocomplete, BOB, buttonPress, chatInput, GUILD_ID, str } from "./helpers/payloads.ts";

let dataDir: string;
let library: Library;
let t: TestBot;

const quotes = (speaker: string, actor = {}) => chatInput("quotes", [str("speaker", speaker)], actor);
const finalEdit = (requests: RecordedRequest[]): SentBody => {
  expect(requests[0]!.body.type).toBe(5);
  const edit = requests.find((r) => r.method === "PATCH")!;
  expectNoMentions(edit.body);
  expectWithinDiscordLimits(edit.body);
  return edit.body;
};

const FIRST = ["Maria", "James", "Aisha", "Peter", "Chen", "Olga", "David", "Fatima", "Lucas", "Ingrid"];
const LAST = ["Lopez", "Carter", "Bello", "Novak", "Wei", "Ivanova", "Moreno", "Haddad", "Silva", "Berg"];

beforeAll(async () => {
  dataDir = await fileTempDir();
  library = await openBotLibrary(dataDir);
  t = await createTestBot({ library, dataDir });
  // Thirty named speakers: more than autocomplete may offer.
  const speakers = FIRST.flatMap((f, i) => [0, 1, 2].map((k) => `${f} ${LAST[(i + k * 3) % LAST.length]}`));
  const paragraphs = speakers.map(
    (name, i) => `"We need more buses on route ${i + 1}," said ${name}, a city councillor.`,
  );
  await library.add(GUILD_ID, {
    input: { kind: "text", text: ["Council debates buses", ...paragraphs].join("\n\n") },
    addedBy: ALICE,
  });
  // One talkative mayor with long quotes, one of them 30,000 characters: many pages.
  const long = (i: number) =>
    `"${`Our plan number ${i} will keep every bus route open through the winter months. `.repeat(8).trim()}," Mayor Helen Quist said.`;
  const huge = `"${"The harbour tunnel will be finished on time and within its budget. ".repeat(440).trim()}," Mayor Helen Quist said.`;
  await library.add(GUILD_ID, {
    input: {
      kind: "text",
      text: [
        "Mayor sets out transport plan",
        ...Array.from({ length: 20 }, (_, i) => long(i + 1)),
        huge,
      ].join("\n\n"),
    },
    addedBy: ALICE,
  });
}, 120_000);

afterAll(async () => {
  await t?.close();
  await library?.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe("/quotes", () => {
  it("groups direct quotes and reported speech, each with its cue and ¶ citation (samples marked as such)", async () => {
    const mccain = finalEdit(await t.inject(quotes("McCain"))).embeds![0]!;
    expect(mccain.title).toBe("Quotes: John McCain");
    expect(mccain.description).toContain("**Direct quotes**");
    expect(mccain.description).toMatch(
      /“An American president does not lead the Free World[^”]*” *\n *— John McCain, [^·]+ · \*Trump congratulates Putin on election win\* — ¶12 \(sample\)$/m,
    );

    const putin = finalEdit(await t.inject(quotes("Putin"))).embeds![0]!;
    expect(putin.description).toContain("**Reported speech**");
    expect(putin.description).toContain(
      "— Vladimir Putin, saying · *Trump congratulates Putin on election win* — ¶18",
    );
  });

  it("says so plainly when nobody by that name is quoted", async () => {
    const embed = finalEdit(await t.inject(quotes("Nobody Atall"))).embeds![0]!;
    expect(embed.description).toContain("No one by that name is quoted");
  });

  it("pages long results within every limit (a 30,000-character quote included), only for the asker", async () => {
    let body = finalEdit(await t.inject(quotes("Helen Quist", { userId: ALICE })));
    const pages = Number(/^Page 1\/(\d+)/.exec(body.embeds![0]!.footer!.text)![1]);
    expect(pages).toBeGreaterThan(1);
    const more = () => body.components![0]!.components!.find((b) => b.label === "More results")!;
    const refused = await t.inject(buttonPress(more().custom_id!, { userId: BOB }, body.components));
    expect(refused[0]!.body.data!.flags! & EPHEMERAL).toBe(EPHEMERAL);
    for (let page = 2; page <= pages; page++) {
      const pressed = await t.inject(buttonPress(more().custom_id!, { userId: ALICE }, body.components));
      expect(pressed[0]!.body.type).toBe(7);
      body = pressed[0]!.body.data!;
      expectWithinDiscordLimits(body);
      expectNoMentions(body);
    }
    expect(body.embeds![0]!.description).toContain("harbour tunnel");
    expect(body.embeds![0]!.description).toContain("…");
  });

  it("autocompletes speakers: at most 25 choices, no defer, answered well under 3 s", async () => {
    const started = performance.now();
    const requests = await t.inject(autocomplete("quotes", [str("speaker", "", true)]));
    const elapsed = performance.now() - started;
    expect(requests).toHaveLength(1);
    expect(requests[0]!.body.type).toBe(8); // APPLICATION_COMMAND_AUTOCOMPLETE_RESULT
    const choices = requests[0]!.body.data!.choices!;
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const choice of choices) {
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(choice.value.length).toBeLessThanOrEqual(100);
    }
    expect(elapsed).toBeLessThan(1500);
    const typed = await t.inject(autocomplete("quotes", [str("speaker", "mcc", true)]));
    expect(typed[0]!.body.data!.choices!.map((c) => c.value)).toContain("John McCain");
  });

  it("has its own per-user cooldown", async () => {
    const slow = await createTestBot({ library, dataDir, config: { QUOTES_COOLDOWN_SECONDS: 10 } });
    try {
      expect((await slow.inject(quotes("Putin")))[0]!.body.type).toBe(5);
      const second = await slow.inject(quotes("Putin"));
      expect(second[0]!.body.data!.content).toBe("You're going a bit fast: try /quotes again in 10 s.");
      expect(second[0]!.body.data!.flags! & EPHEMERAL).toBe(EPHEMERAL);
    } finally {
      await slow.close();
    }
  });
});
