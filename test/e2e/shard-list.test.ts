/**
 * More than one machine: SHARDS=4 with SHARD_LIST=2 runs only shard 2 of 4 on this host. It
 * identifies as [2, 4], Discord sends it only the guilds with (guild_id >> 22) % 4 === 2, and it
 * answers them; the other shards' guilds are another host's.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shardProcesses } from "./helpers/processes.ts";
import { guildId, type Running, startScenario, userId } from "./helpers/scenario.ts";
import { slash, str } from "./loopback-discord/interactions.ts";

const GUILDS = [0, 1, 2, 3, 6].map(guildId);
let run: Running;

beforeAll(async () => {
  run = await startScenario({ guilds: GUILDS, env: { SHARDS: "4", SHARD_LIST: "2" } });
}, 120_000);

afterAll(() => run?.stop());

describe("SHARD_LIST=2 of SHARDS=4", () => {
  it("runs shard 2 only, identified as shard 2 of 4, with exactly its guilds", () => {
    expect(shardProcesses(run.bot.pid).map((s) => s.shard)).toEqual([2]);
    const identities = run.discord.gateway.events.items.filter((e) => e.kind === "identify");
    expect(identities).toMatchObject([{ shard: [2, 4] }]);
    expect(run.bot.logs.items.find((l) => l.msg === "Byline is online")).toMatchObject({
      guilds: 2,
      shards: [2],
    });
  });

  it("answers its guilds; a guild of shard 0 has no connection on this host", async () => {
    for (const [i, guild] of [guildId(2), guildId(6)].entries()) {
      const sent = run.discord.interact(
        slash("ask", [str("question", "what did McCain say")], { userId: userId(300 + i), guildId: guild }),
      );
      await sent.answer();
    }
    expect(() =>
      run.discord.interact(
        slash("ask", [str("question", "x")], { userId: userId(310), guildId: guildId(0) }),
      ),
    ).toThrow(/no gateway session serves guild/);
  });
});
