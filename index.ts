import "./src/load-env.ts";
import { openLibrary } from "./src/app.ts";
import { runConsole } from "./src/cli/console.ts";
import { ansiStyle, plainStyle } from "./src/cli/render.ts";
import { ConfigError, loadConfig } from "./src/config.ts";
import { createLogger } from "./src/logger.ts";

/**
 * `npm start`: with DISCORD_TOKEN set, the Discord bot; without it, the local console over the default
 * library (the bundled sample story is ready on first run, offline).
 */
async function main(): Promise<number> {
  const config = loadConfig();
  const logger = createLogger({ level: config.LOG_LEVEL });
  if (config.DISCORD_TOKEN) {
    // Loaded only here, so the console never pays for discord.js.
    const { runDiscord } = await import("./src/discord/run.ts");
    return runDiscord(config, logger);
  }
  const library = await openLibrary(config, logger);
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  try {
    await runConsole(
      library,
      { input: process.stdin, output: process.stdout, interactive },
      process.stdout.isTTY ? ansiStyle : plainStyle,
      logger,
    );
  } finally {
    await library.close();
  }
  return 0;
}

main()
  .then((status) => process.exit(status))
  .catch((error: unknown) => {
    process.stderr.write(
      `${error instanceof ConfigError ? error.message : ((error as Error)?.stack ?? String(error))}\n`,
    );
    process.exit(error instanceof ConfigError ? 2 : 1);
  });
