/**
 * Moving one Discord server's articles between hosts (when shards span machines and the shard count
 * changes): `export --guild ID <file>` on the old host, `import <file>` on the new one. Same contract
 * as the other commands: --json holds only JSON on stdout; bad input exits 2 with a message.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.ts";
import { tempDir } from "../helpers/temp.ts";

const GUILD = "419430400000000000";
const OTHER_GUILD = "419430400004194304";
const STORY =
  "Harbour ferry returns\n\nThe harbour ferry returned to service on Monday after a two-week repair.\n\nPassengers said the crossing felt smoother than before, the operator said.\n";

describe("export and import of one server's articles", () => {
  it("moves a server's articles to another data directory, ids and dates kept, and a second import adds nothing", async () => {
    const work = await tempDir();
    const [oldHost, newHost] = [path.join(work, "old"), path.join(work, "new")];
    const story = path.join(work, "ferry.txt");
    await fs.writeFile(story, STORY);
    const added = await cli(["--data", oldHost, "--no-samples", "--guild", GUILD, "add", story, "--json"]);
    expect(added.status, added.stderr).toBe(0);

    const file = path.join(work, "guild.json");
    const exported = await cli([
      "--data",
      oldHost,
      "--no-samples",
      "--guild",
      GUILD,
      "export",
      file,
      "--json",
    ]);
    expect(exported.status, exported.stderr).toBe(0);
    expect(JSON.parse(exported.stdout)).toEqual({ scope: GUILD, file, articles: 1, feeds: 0 });

    const imported = await cli(["--data", newHost, "--no-samples", "import", file, "--json"]);
    expect(imported.status, imported.stderr).toBe(0);
    const result = JSON.parse(imported.stdout);
    expect(Object.keys(result).sort()).toEqual(["articles", "duplicates", "feeds", "imported", "scope"]);
    expect(result).toMatchObject({ scope: GUILD, imported: 1, duplicates: 0 });
    expect(result.articles).toEqual([
      { articleId: JSON.parse(added.stdout).articleId, title: "Harbour ferry returns", duplicate: false },
    ]);

    const [before, after, local] = await Promise.all([
      cli(["--data", oldHost, "--no-samples", "--guild", GUILD, "list", "--json"]),
      cli(["--data", newHost, "--no-samples", "--guild", GUILD, "list", "--json"]),
      cli(["--data", newHost, "--no-samples", "list", "--json"]),
    ]);
    expect(JSON.parse(after.stdout).articles).toEqual(JSON.parse(before.stdout).articles);
    expect(JSON.parse(local.stdout).articles).toEqual([]);

    const again = await cli(["--data", newHost, "--no-samples", "import", file, "--json"]);
    expect(JSON.parse(again.stdout)).toMatchObject({ imported: 0, duplicates: 1 });
  }, 90_000);

  it("refuses bad input with exit 2, a message on stderr and nothing written", async () => {
    const work = await tempDir();
    const data = path.join(work, "data");
    const file = path.join(work, "guild.json");
    const story = path.join(work, "ferry.txt");
    await fs.writeFile(story, STORY);
    await cli(["--data", data, "--no-samples", "--guild", GUILD, "add", story]);
    await cli(["--data", data, "--no-samples", "--guild", GUILD, "export", file]);
    const bundle = JSON.parse(await fs.readFile(file, "utf8"));
    const tampered = path.join(work, "tampered.json");
    bundle.articles[0].paragraphs[0].text = "The harbour ferry never returned.";
    await fs.writeFile(tampered, JSON.stringify(bundle));
    const garbage = path.join(work, "garbage.json");
    await fs.writeFile(garbage, "{not json");

    const fresh = path.join(work, "fresh");
    const cases: [string[], RegExp][] = [
      [["--data", data, "export", file], /export needs --guild/],
      [["--data", data, "--guild", "abc", "export", file], /--guild takes a Discord server id/],
      [["--data", data, "--guild", GUILD, "export", file], /already exists/],
      [
        ["--data", data, "--guild", OTHER_GUILD, "export", path.join(work, "x.json")],
        /No articles are stored/,
      ],
      [["--data", fresh, "import", path.join(work, "missing.json")], /No such file/],
      [["--data", fresh, "import", garbage], /not a Byline export/],
      [["--data", fresh, "import", tampered], /does not match its id/],
      [
        ["--data", fresh, "--guild", OTHER_GUILD, "import", file],
        /holds server 419430400000000000's articles/,
      ],
    ];
    const runs = await Promise.all(cases.map(([args]) => cli(["--no-samples", ...args, "--json"])));
    for (const [i, [args, message]] of cases.entries()) {
      expect(runs[i]!.status, args.join(" ")).toBe(2);
      expect(runs[i]!.stdout).toBe("");
      expect(runs[i]!.stderr).toMatch(message);
    }
    const nothing = await cli(["--data", fresh, "--no-samples", "--guild", GUILD, "list", "--json"]);
    expect(JSON.parse(nothing.stdout).articles).toEqual([]);
  }, 120_000);
});
