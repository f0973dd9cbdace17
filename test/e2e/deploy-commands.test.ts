/**
 * `npm run deploy-commands` as a process, against the loopback API: one bulk PUT of every command
 * (the message command "Add to Byline" included) to the development server, through DISCORD_API_URL.
 */
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { APP_ID, COMMAND_NAMES } from "../discord/helpers/discord-stub.ts";
import { REPO_ROOT } from "../helpers/temp.ts";
import { guildId, TOKEN } from "./helpers/scenario.ts";
import { startLoopbackDiscord } from "./loopback-discord/index.ts";

describe("deploy-commands", () => {
  it("registers every command, slash and message, in one PUT to the configured API", async () => {
    const discord = await startLoopbackDiscord({ token: TOKEN, guilds: [] });
    try {
      const child = spawn(process.execPath, ["--import", "tsx", "src/discord/deploy-commands.ts"], {
        cwd: REPO_ROOT,
        env: {
          PATH: process.env.PATH,
          DISCORD_TOKEN: TOKEN,
          DISCORD_CLIENT_ID: APP_ID,
          DISCORD_GUILD_ID: guildId(0),
          DISCORD_API_URL: discord.api,
          LOG_LEVEL: "info",
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      child.stdout.on("data", (chunk) => {
        output += chunk;
      });
      child.stderr.on("data", (chunk) => {
        output += chunk;
      });
      const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
      expect(code, output).toBe(0);
      const puts = discord.rest.requests.items.filter((r) => r.method === "PUT");
      expect(puts.map((r) => r.path)).toEqual([`/applications/${APP_ID}/guilds/${guildId(0)}/commands`]);
      const body = puts[0]!.body as unknown as { name: string; type?: number }[];
      expect(body.map((c) => c.name).sort()).toEqual(COMMAND_NAMES);
      expect(body.find((c) => c.name === "Add to Byline")?.type).toBe(3);
      expect(output).toContain(`deployed ${COMMAND_NAMES.length} commands`);
      expect(output).not.toContain(TOKEN);
    } finally {
      await discord.close();
    }
  }, 60_000);
});
