import pino from "pino";
import pretty from "pino-pretty";
import type { Logger } from "./library/log.ts";

export interface LoggerOptions {
  level: string;
  /** Where logs go: stderr by default, so the CLI's stdout stays pure JSON. */
  destination?: 1 | 2;
  /** Human-readable lines (a TTY); JSON lines otherwise, for log collectors. */
  pretty?: boolean;
}

/** The app's structured logger (pino). Secrets are redacted wherever they appear in context. */
export function createLogger(options: LoggerOptions): Logger {
  const destination = options.destination ?? 2;
  const usePretty =
    options.pretty ?? Boolean(destination === 2 ? process.stderr.isTTY : process.stdout.isTTY);
  const base = {
    level: options.level,
    base: undefined,
    redact: {
      paths: ["token", "*.token", "DISCORD_TOKEN", "*.DISCORD_TOKEN", "headers.authorization"],
      censor: "[redacted]",
    },
  };
  const stream = usePretty
    ? pretty({ destination, sync: true, ignore: "pid,hostname", translateTime: "HH:MM:ss" })
    : pino.destination({ dest: destination, sync: true });
  return pino(base, stream) as unknown as Logger;
}
