/**
 * Runs Byline as a user does (`tsx index.ts`, here `node --import tsx index.ts`, which is what the tsx
 * binary runs) with a temp DATA_DIR, a token and DISCORD_API_URL pointing at the loopback Discord.
 * Logs are pino JSON lines on stderr (not a TTY); specs wait on them by content, never by sleeping.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { REPO_ROOT } from "../../helpers/temp.ts";
import { Watched } from "../loopback-discord/waiters.ts";

const LOOPBACK_ONLY = fileURLToPath(new URL("./loopback-only.mjs", import.meta.url));

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface BotProcess {
  child: ChildProcess;
  pid: number;
  logs: Watched<LogLine>;
  /** Everything written, raw (to check the token never appears). */
  output(): string;
  waitForLog(match: (line: LogLine) => boolean, what: string, timeoutMs?: number): Promise<LogLine>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resident memory of this process (kB), from /proc. */
  rssKb(pid?: number): number;
  kill(signal?: NodeJS.Signals): void;
}

export interface BotProcessOptions {
  dataDir: string;
  api: string;
  token: string;
  env?: Record<string, string>;
}

export function startBotProcess(options: BotProcessOptions): BotProcess {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TMPDIR: process.env.TMPDIR,
    NODE_OPTIONS: `--import=${LOOPBACK_ONLY}`,
    DATA_DIR: options.dataDir,
    DISCORD_TOKEN: options.token,
    DISCORD_API_URL: options.api,
    SAMPLE_ARTICLES: "true",
    EMBEDDING_MODEL: "all-MiniLM-L6-v2",
    LOG_LEVEL: "info",
    ...options.env,
  };
  const child = spawn(process.execPath, ["--import", "tsx", "index.ts"], {
    cwd: REPO_ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs = new Watched<LogLine>();
  let raw = "";
  const collect = (stream: NodeJS.ReadableStream) => {
    let pending = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      raw += chunk;
      pending += chunk;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        if (!line.trim()) continue;
        try {
          logs.push(JSON.parse(line) as LogLine);
        } catch {
          logs.push({ level: 0, msg: line });
        }
      }
    });
  };
  collect(child.stdout!);
  collect(child.stderr!);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    pid: child.pid!,
    logs,
    output: () => raw,
    waitForLog: (match, what, timeoutMs = 60_000) =>
      Promise.race([
        logs.waitFor(match, what, timeoutMs),
        exited.then(({ code, signal }) => {
          // An exit can race the last log line's arrival; look once more before failing.
          const found = logs.items.find(match);
          if (found) return found;
          throw new Error(
            `the bot exited (${code ?? signal}) while waiting for ${what}:\n${raw.slice(-3000)}`,
          );
        }),
      ]),
    exited,
    rssKb(pid = child.pid!) {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
    },
    kill: (signal = "SIGTERM") => {
      child.kill(signal);
    },
  };
}

/** pino's numeric levels. */
export const LEVEL = { info: 30, warn: 40, error: 50 } as const;
