import { ConfigError } from "../config.ts";

/**
 * discord.js reports a refused login in its own words ("An invalid token was provided." for a 401
 * from GET /gateway/bot, "Authentication failed" for gateway close 4004, "Used disallowed intents"
 * for 4014). Those are settings the operator must fix, so they become ConfigErrors that say which
 * setting and what to do (index.ts prints the message without a stack and exits 2). Never includes
 * the token itself.
 */
export function explainLoginFailure(error: unknown): unknown {
  const code = (error as { code?: unknown })?.code;
  const message = (error as Error)?.message ?? "";
  if (code === "TokenInvalid" || message === "Authentication failed") {
    return new ConfigError(
      "Discord rejected DISCORD_TOKEN (the login failed authentication). Copy the bot token again from the Developer Portal (Bot → Reset Token) into .env.",
    );
  }
  if (message === "Used disallowed intents") {
    return new ConfigError(
      "Discord refused the gateway intents Byline asked for (close code 4014). Byline needs no privileged intent; check that this token belongs to the Byline application.",
    );
  }
  return error;
}
