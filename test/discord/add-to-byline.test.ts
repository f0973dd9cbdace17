import { promises as fs } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstLink } from "../../src/discord/article-actions.ts";
import type { Library } from "../../src/library/library.ts";
import { createTestBot, fileTempDir, openBotLibrary, type TestBot } from "./helpers/bot.ts";
import type { RecordedRequest } from "./helpers/discord-stub.ts";
import { EPHEMERAL, expectNoMentions } from "./helpers/limits.ts";
import { ALICE, BOB, GUILD_ID, messageCommand, PERMS_MANAGE_GUILD, PERMS_NONE } from "./helpers/payloads.ts";

const MOD = { userId: ALICE, permissions: PERMS_MANAGE_GUILD };
const MEMBER = { userId: BOB, permissions: PERMS_NONE };
const ADD = "Add to Byline";

let dataDir: string;
let library: Library;
let t: TestBot;

beforeAll(async () => {
  dataDir = await fileTempDir();
  library = await openBotLibrary(dataDir);
  t = await createTestBot({ library, dataDir, config: { MAX_ARTICLE_BYTES: 50_000 } });
}, 120_000);

afterAll(async () => {
  await t?.close();
  await library?.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

const page = (title: string, sentence: string) =>
  `<html><head><title>${title}</title></head><body><article><h1>${title}</h1><p>${sentence}</p>` +
  "<p>Officials said more would follow next week.</p></article></body></html>";

/** The edit that answers an ephemerally deferred interaction. */
function ephemeralEdit(requests: RecordedRequest[]) {
  expect(requests[0]!.body).toMatchObject({ type: 5, data: { flags: EPHEMERAL } });
  const edit = requests.find((r) => r.method === "PATCH");
  expect(edit, "an edit of the deferred reply").toBeDefined();
  expectNoMentions(edit!.body);
  return edit!.body;
}

describe("Add to Byline (message context menu)", () => {
  it("adds the first link of the message, as /article add would, with the same audit line", async () => {
    const url = t.stub.serveFile(
      "bridge.html",
      page("Bridge reopens", "The bridge reopened on Friday."),
      "text/html",
    );
    const other = t.stub.serveFile("second.html", page("Second story", "Never fetched."), "text/html");
    const requests = await t.inject(
      messageCommand(ADD, { content: `Worth reading: <${url}>, and also ${other}.` }, MOD),
    );
    const body = ephemeralEdit(requests);
    expect(body.embeds![0]!.title).toBe("Article added");
    expect(body.embeds![0]!.description).toContain("Bridge reopens");
    const added = (await library.list(GUILD_ID)).find((a) => a.title === "Bridge reopens");
    expect(added).toMatchObject({ addedBy: ALICE, scope: GUILD_ID });
    expect(t.stub.events).not.toContain("GET /files/second.html");
    const line = t.logger.entries.find(
      (e) => e.context.audit === "article.add" && e.context.articleId === added!.articleId,
    );
    expect(line?.context).toMatchObject({ guildId: GUILD_ID, userId: ALICE });
  });

  it("adds the message's attachment when it has no link, with the attachment checks", async () => {
    const text = "Tide tables revised\n\nThe harbour office revised the tide tables after the survey.\n";
    const url = t.stub.serveFile("tides.txt", text);
    const body = ephemeralEdit(
      await t.inject(
        messageCommand(
          ADD,
          {
            content: "see attached",
            attachments: [{ name: "tides.txt", size: text.length, url, contentType: "text/plain" }],
          },
          MOD,
        ),
      ),
    );
    expect(body.embeds![0]!.description).toContain("Tide tables revised");

    const png = t.stub.serveFile("chart.png", "x", "image/png");
    const refused = await t.inject(
      messageCommand(
        ADD,
        { content: "", attachments: [{ name: "chart.png", size: 10, url: png, contentType: "image/png" }] },
        MOD,
      ),
    );
    expect(refused.at(-1)!.body.content).toContain("not an article file");
    expect(t.stub.events).not.toContain("GET /files/chart.png");
  });

  it("says so when the message has nothing to add, and refuses members and DMs", async () => {
    const nothing = await t.inject(messageCommand(ADD, { content: "no links here" }, MOD));
    expect(nothing).toHaveLength(1);
    expect(nothing[0]!.body).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
    expect(nothing[0]!.body.data!.content).toContain("no link or attached file");

    const member = await t.inject(messageCommand(ADD, { content: "https://example.com/x" }, MEMBER));
    expect(member[0]!.body.data!.content).toContain("Only moderators can manage articles");
    const dm = await t.inject(
      messageCommand(ADD, { content: "https://example.com/x" }, { userId: ALICE, guildId: null }),
    );
    expect(dm[0]!.body.data!.content).toContain("only inside a server");
  });

  it("finds the first link however Discord shows it", () => {
    expect(firstLink("see https://a.example/x.")).toBe("https://a.example/x");
    expect(firstLink("<https://a.example/y> and https://b.example")).toBe("https://a.example/y");
    expect(firstLink("[story](https://a.example/z)")).toBe("https://a.example/z");
    expect(firstLink("(see https://a.example/w).")).toBe("https://a.example/w");
    expect(firstLink("https://en.example/wiki/Harbour_(ferry) is it")).toBe(
      "https://en.example/wiki/Harbour_(ferry)",
    );
    expect(firstLink("[Harbour](https://en.example/wiki/Harbour_(ferry))")).toBe(
      "https://en.example/wiki/Harbour_(ferry)",
    );
    expect(firstLink("||https://a.example/s|| **https://b.example**")).toBe("https://a.example/s");
    expect(firstLink("nothing")).toBeUndefined();
  });
});
