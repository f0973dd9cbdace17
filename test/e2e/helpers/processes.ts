import { readdirSync, readFileSync } from "node:fs";

/**
 * Shard processes of the manager `pid` (from /proc), each with the SHARDS id discord.js gave it. A
 * shard is a child with SHARD_COUNT set: other children (tsx's esbuild service) inherit the manager's
 * own SHARDS=2 and would pass for a "shard 2".
 */
export function shardProcesses(pid: number): { pid: number; shard: number }[] {
  const children: { pid: number; shard: number }[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, "utf8");
      if (Number(/PPid:\s+(\d+)/.exec(status)?.[1]) !== pid) continue;
      const environ = readFileSync(`/proc/${entry}/environ`, "utf8").split("\0");
      const shard = environ.find((v) => v.startsWith("SHARDS="))?.slice(7);
      const isShard = environ.some((v) => v.startsWith("SHARD_COUNT="));
      if (shard !== undefined && isShard) children.push({ pid: Number(entry), shard: Number(shard) });
    } catch {
      // The process exited while being read.
    }
  }
  return children.sort((a, b) => a.shard - b.shard);
}
