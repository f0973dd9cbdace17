import "../load-env.ts";
import { loadConfig } from "../config.ts";
import { createLogger } from "../logger.ts";
import { runCli } from "./run-cli.ts";

/** `npm run cli -- …`: the CLI contract (see USAGE in run-cli.ts). Logs go to stderr. */
const write = (text: string) =>
  new Promise<void>((resolve, reject) =>
    process.stdout.write(text, (error) => (error ? reject(error) : resolve())),
  );

let status: number;
try {
  const config = loadConfig();
  const logger = createLogger({
    level: config.LOG_LEVEL === "info" ? "warn" : config.LOG_LEVEL,
    destination: 2,
  });
  status = await runCli(
    process.argv.slice(2),
    {
      stdin: process.stdin,
      write,
      error: (text) => process.stderr.write(`${text}\n`),
      isTTY: Boolean(process.stdout.isTTY),
      errIsTTY: Boolean(process.stderr.isTTY),
    },
    config,
    logger,
  );
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  status = (error as Error).name === "ConfigError" ? 2 : 1;
}
// onnxruntime keeps worker threads alive; stdout has been flushed by the awaited writes.
process.exit(status);
