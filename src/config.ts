import path from "node:path";
import { z } from "zod";

/**
 * Every setting Byline reads, parsed and validated once. `.env.example` documents the same keys;
 * nothing else in the app reads `process.env`.
 */
const booleanFlag = (fallback: boolean) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === "") return fallback;
      if (["1", "true", "yes", "on"].includes(value)) return true;
      if (["0", "false", "no", "off"].includes(value)) return false;
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `expected true or false, got "${value}"` });
      return z.NEVER;
    });

const positiveInt = (fallback: number, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number().int().positive().max(max).optional().default(fallback);

const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

const discordId = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined))
  .refine(
    (value) => value === undefined || /^\d{17,20}$/.test(value),
    "expected a Discord snowflake id (digits)",
  );

/**
 * DISCORD_API_URL: the REST base discord.js talks to (its `rest.api` option, normally
 * https://discord.com/api). For tests only: the end-to-end suite points it at a loopback stand-in.
 */
const discordApiUrl = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    if (!value) return undefined;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `expected a URL, got "${value}"` });
      return z.NEVER;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `expected an http(s) URL, got "${value}"` });
      return z.NEVER;
    }
    if (url.search || url.hash) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "expected a base URL without ? or #" });
      return z.NEVER;
    }
    // discord.js appends "/v10/…" itself.
    return url.href.replace(/\/+$/, "");
  });

/** SHARD_LIST: "0,1" — the shards this host runs, out of SHARDS in all. */
const shardList = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    if (!value) return undefined;
    const parts = value.split(",").map((part) => part.trim());
    if (parts.some((part) => !/^\d+$/.test(part))) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `expected shard ids separated by commas (e.g. "0,1"), got "${value}"`,
      });
      return z.NEVER;
    }
    const ids = parts.map(Number);
    if (new Set(ids).size !== ids.length) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `lists a shard twice: "${value}"` });
      return z.NEVER;
    }
    return ids.sort((a, b) => a - b);
  });

const schema = z.object({
  DATA_DIR: z.string().trim().optional().default("./data"),
  EMBEDDING_MODEL: z.string().trim().optional().default("all-MiniLM-L6-v2"),
  MODEL_CHANGE: z.enum(["reembed", "refuse"]).optional().default("reembed"),
  RERANKER: z.string().trim().optional().default("off"),
  SAMPLE_ARTICLES: booleanFlag(true),
  ALLOW_PRIVATE_URLS: booleanFlag(false),
  FETCH_TIMEOUT_MS: positiveInt(15_000, 120_000),
  MAX_ARTICLE_BYTES: positiveInt(5 * 1024 * 1024, 50 * 1024 * 1024),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
    .optional()
    .default("info"),
  DISCORD_TOKEN: optionalString,
  DISCORD_CLIENT_ID: discordId,
  DISCORD_GUILD_ID: discordId,
  MODERATOR_ROLE_ID: discordId,
  SHARDS: z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (!value) return undefined;
      if (value === "auto") return "auto" as const;
      const count = Number(value);
      if (Number.isInteger(count) && count > 0) return count;
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `expected "auto" or a positive number, got "${value}"`,
      });
      return z.NEVER;
    }),
  SHARD_LIST: shardList,
  DISCORD_API_URL: discordApiUrl,
  ASK_COOLDOWN_SECONDS: z.coerce.number().min(0).max(3600).optional().default(5),
  QUOTES_COOLDOWN_SECONDS: z.coerce.number().min(0).max(3600).optional().default(5),
  GUILD_MAX_ARTICLES: positiveInt(500),
  GUILD_ADDS_PER_HOUR: positiveInt(30),
  FEEDS: booleanFlag(true),
  FEED_POLL_MINUTES: z.coerce.number().int().min(5).max(1440).optional().default(15),
  FEED_BACKFILL: z.coerce.number().int().min(0).max(20).optional().default(3),
  FEED_MAX_BYTES: positiveInt(10 * 1024 * 1024, 20 * 1024 * 1024),
});

/** Settings that are only valid together. */
const checkedSchema = schema.superRefine((config, ctx) => {
  // (Zod still runs this when a key failed on its own; that key already has its message.)
  if (!Array.isArray(config.SHARD_LIST)) return;
  if (typeof config.SHARDS !== "number") {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["SHARD_LIST"],
      message:
        "needs SHARDS set to the total shard count across all hosts (a number, not auto), so every host agrees which shard a server is on",
    });
    return;
  }
  const total = config.SHARDS;
  const outside = config.SHARD_LIST.filter((id) => id >= total);
  if (outside.length > 0) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["SHARD_LIST"],
      message: `shard ids run from 0 to ${total - 1} with SHARDS=${total}; ${outside.join(", ")} is out of range`,
    });
  }
});

export type Config = Omit<z.infer<typeof schema>, "DATA_DIR"> & { DATA_DIR: string };

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** Parses an environment (default: process.env). Throws a ConfigError naming every bad key. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  // `KEY=` (as in .env.example) means "not set", not "set to the empty string".
  const present = Object.fromEntries(Object.entries(environment).filter(([, value]) => value?.trim()));
  const parsed = checkedSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration (check .env):\n  ${problems.join("\n  ")}`);
  }
  return { ...parsed.data, DATA_DIR: path.resolve(parsed.data.DATA_DIR) };
}
