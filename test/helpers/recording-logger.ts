import type { Logger } from "../../src/library/log.ts";

export interface LogEntry {
  context: Record<string, unknown>;
  message: string;
}

/** A Logger that keeps what is warned and logged as an error, for specs that assert on them. */
export function recordingLogger(): { logger: Logger; warnings: LogEntry[]; errors: LogEntry[] } {
  const warnings: LogEntry[] = [];
  const errors: LogEntry[] = [];
  const keep =
    (into: LogEntry[]) =>
    (context: object | string, message?: string): void => {
      into.push(
        typeof context === "string"
          ? { context: {}, message: context }
          : { context: context as Record<string, unknown>, message: String(message ?? "") },
      );
    };
  const logger: Logger = {
    debug: () => {},
    info: () => {},
    warn: keep(warnings),
    error: keep(errors),
    child: () => logger,
  };
  return { logger, warnings, errors };
}
