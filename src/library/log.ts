/**
 * The logging surface the domain needs: pino's method shape (`logger.info({ context }, "message")`),
 * so the app passes its pino logger and tests pass `silentLogger` or a recorder.
 */
export interface LogFn {
  (message: string): void;
  (context: object, message?: string): void;
}

export interface Logger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  child(bindings: Record<string, unknown>): Logger;
}

const noop: LogFn = () => {};

export const silentLogger: Logger = {
  debug: noop,
  info: noop,
  warn: noop,
  error: noop,
  child: () => silentLogger,
};
