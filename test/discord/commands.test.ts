import { promises as fs } from "node:fs";
import path from "node:path";
import { ApplicationCommandOptionType } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateCommandData } from "../../src/discord/command-schema.ts";
import { deployCommands } from "../../src/discord/deploy-commands.ts";
import { loadCommands } from "../../src/discord/loader.ts";
import { type AnyCommand, type Command, isMessageCommand } from "../../src/discord/types.ts";
import { fileTempDir } from "./helpers/bot.ts";
import { APP_ID, COMMAND_NAMES, type DiscordStub, startDiscordStub } from "./helpers/discord-stub.ts";
import { GUILD_ID } from "./helpers/payloads.ts";

let commands: Map<string, AnyCommand>;
/** The slash commands among them. */
let slashCommands: Command[];
let stub: DiscordStub;

beforeAll(async () => {
  commands = await loadCommands();
  slashCommands = [...commands.values()].filter((c): c is Command => !isMessageCommand(c));
  stub = await startDiscordStub();
});

afterAll(async () => {
  await stub?.close();
});

interface Option {
  type: number;
  name: string;
  description: string;
  required?: boolean;
  autocomplete?: boolean;
  choices?: unknown[];
  options?: Option[];
}

/** Discord's rules, restated independently of src/discord/command-schema.ts. */
function expectValidOptions(options: Option[] | undefined, where: string): number {
  let chars = 0;
  if (!options) return chars;
  expect(options.length, `${where}: options`).toBeLessThanOrEqual(25);
  let optionalSeen = false;
  for (const option of options) {
    const at = `${where} ${option.name}`;
    expect(option.name, at).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
    expect(option.description.length, `${at}: description`).toBeGreaterThan(0);
    expect(option.description.length, `${at}: description`).toBeLessThanOrEqual(100);
    chars += option.name.length + option.description.length;
    if (option.type === ApplicationCommandOptionType.Subcommand) {
      chars += expectValidOptions(option.options, at);
      continue;
    }
    if (option.required) expect(optionalSeen, `${at}: required after optional`).toBe(false);
    else optionalSeen = true;
    expect(option.choices?.length ?? 0).toBeLessThanOrEqual(25);
  }
  return chars;
}

describe("command definitions", () => {
  it("loads one module per command, keyed by name", () => {
    expect([...commands.keys()].sort()).toEqual(COMMAND_NAMES);
  });

  it("the message command 'Add to Byline' is moderator-only, servers only, with no description or options", () => {
    const command = commands.get("Add to Byline")!;
    expect(isMessageCommand(command)).toBe(true);
    expect(command.data).toMatchObject({ type: 3, default_member_permissions: "32", contexts: [0] });
    expect("description" in command.data || "options" in command.data).toBe(false);
    expect(validateCommandData(command.data)).toEqual([]);
    expect(validateCommandData({ ...command.data, description: "x" }).join()).toMatch(/no description/);
    expect(validateCommandData({ ...command.data, name: " padded" }).join()).toMatch(/name must be/);
  });

  it("match Discord's schema: names, descriptions ≤ 100, option limits, 4000 characters in all", () => {
    for (const command of slashCommands) {
      const name = command.data.name;
      const data = command.data as unknown as { name: string; description: string; options?: Option[] };
      expect(data.name).toBe(name);
      expect(data.name).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
      expect(data.description.length).toBeGreaterThan(0);
      expect(data.description.length).toBeLessThanOrEqual(100);
      const chars = data.name.length + data.description.length + expectValidOptions(data.options, `/${name}`);
      expect(chars).toBeLessThanOrEqual(4000);
      expect(validateCommandData(command.data)).toEqual([]);
    }
  });

  it("have an autocomplete handler exactly where an option asks for autocomplete", () => {
    for (const command of slashCommands) {
      const json = JSON.stringify(command.data);
      expect(Boolean(command.autocomplete), command.data.name).toBe(json.includes('"autocomplete":true'));
    }
  });

  it("the validator names what Discord would reject", () => {
    const problems = validateCommandData({
      name: "Bad Name",
      description: "x".repeat(101),
      options: [
        { type: 3, name: "optional", description: "ok" },
        { type: 3, name: "needed", description: "ok", required: true },
        ...Array.from({ length: 25 }, (_, i) => ({ type: 3, name: `o${i}`, description: "d" })),
      ],
    });
    expect(problems.join("\n")).toMatch(/name "Bad Name"/);
    expect(problems.join("\n")).toMatch(/description must be 1-100/);
    expect(problems.join("\n")).toMatch(/required options must come first/);
    expect(problems.join("\n")).toMatch(/27 options \(max 25\)/);
  });

  it("the loader refuses a broken module, naming its file", async () => {
    const dir = await fileTempDir();
    try {
      await fs.writeFile(
        path.join(dir, "bad.ts"),
        'export default { data: { name: "Bad", description: "" }, execute() {} };\n',
      );
      await expect(loadCommands(dir)).rejects.toThrow(/commands\/bad\.ts: invalid command data/);
      // A new file name: the module cache would hand back the first one.
      await fs.rm(path.join(dir, "bad.ts"));
      await fs.writeFile(path.join(dir, "worse.ts"), "export default { data: {} };\n");
      await expect(loadCommands(dir)).rejects.toThrow(/commands\/worse\.ts: execute is not a function/);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe("deploy-commands", () => {
  it("sends every definition to the development server in one bulk PUT", async () => {
    const before = stub.requests.length;
    const result = await deployCommands({
      token: "x",
      clientId: APP_ID,
      guildId: GUILD_ID,
      commands,
      rest: { api: stub.api },
    });
    const sent = stub.requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.method).toBe("PUT");
    expect(sent[0]!.path).toBe(`/applications/${APP_ID}/guilds/${GUILD_ID}/commands`);
    const body = sent[0]!.body as unknown as Record<string, unknown>[];
    expect(body.map((c) => c.name).sort()).toEqual(COMMAND_NAMES);
    expect(body.find((c) => c.name === "Add to Byline")).toMatchObject({
      type: 3,
      default_member_permissions: "32",
    });
    // Guild commands carry no install contexts; everything else is the module's own data.
    expect(body.every((c) => !("contexts" in c) && !("integration_types" in c))).toBe(true);
    expect(body.find((c) => c.name === "article")!.default_member_permissions).toBe("32");
    expect(result.scope).toBe("guild");
  });

  it("deploys globally, contexts included, when no server is given", async () => {
    const before = stub.requests.length;
    await deployCommands({ token: "x", clientId: APP_ID, commands, rest: { api: stub.api } });
    const sent = stub.requests.slice(before);
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual([`PUT /applications/${APP_ID}/commands`]);
    const body = sent[0]!.body as unknown as Record<string, unknown>[];
    expect(body.find((c) => c.name === "article")!.contexts).toEqual([0]);
    expect(body.find((c) => c.name === "ask")!.contexts).toEqual([0, 1]);
  });

  it("refuses to send invalid definitions", async () => {
    const before = stub.requests.length;
    const bad: Command = { data: { name: "x", description: "" }, execute: async () => {} };
    await expect(
      deployCommands({ token: "x", clientId: APP_ID, commands: [bad], rest: { api: stub.api } }),
    ).rejects.toThrow(/refusing to deploy/);
    expect(stub.requests.length).toBe(before);
  });
});
