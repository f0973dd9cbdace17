import { readdir } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { APP_ROOT } from "../paths.ts";
import { validateCommandData } from "./command-schema.ts";
import { type AnyCommand, isMessageCommand } from "./types.ts";

export const COMMANDS_DIR = path.join(APP_ROOT, "commands");

/**
 * Imports every module in `commands/`, checks each default export is a command (slash or message
 * context menu) whose data Discord would accept, and keys them by `data.name` (unique across both
 * kinds, so the router and the log name a command unambiguously). A broken module stops startup with its file named,
 * rather than surfacing as "this interaction failed" in a server.
 */
export async function loadCommands(dir = COMMANDS_DIR): Promise<Map<string, AnyCommand>> {
  const files = (await readdir(dir))
    .filter((name) => /\.(ts|js|mts|mjs)$/.test(name) && !name.endsWith(".d.ts") && !name.startsWith("_"))
    .sort();
  const commands = new Map<string, AnyCommand>();
  for (const file of files) {
    const module = (await import(pathToFileURL(path.join(dir, file)).href)) as { default?: unknown };
    const command = asCommand(module.default, file);
    if (commands.has(command.data.name)) {
      throw new Error(`commands/${file}: a second command named "${command.data.name}"`);
    }
    commands.set(command.data.name, command);
  }
  return commands;
}

function asCommand(value: unknown, file: string): AnyCommand {
  const candidate = value as Partial<AnyCommand> | undefined;
  if (!candidate || typeof candidate !== "object") {
    throw new Error(`commands/${file}: no default export (expected { data, execute })`);
  }
  if (typeof candidate.execute !== "function") throw new Error(`commands/${file}: execute is not a function`);
  const autocomplete = (candidate as { autocomplete?: unknown }).autocomplete;
  if (autocomplete !== undefined && typeof autocomplete !== "function") {
    throw new Error(`commands/${file}: autocomplete is not a function`);
  }
  if (autocomplete !== undefined && isMessageCommand(candidate as AnyCommand)) {
    throw new Error(`commands/${file}: a message command has no options, so no autocomplete`);
  }
  const problems = validateCommandData(candidate.data);
  if (problems.length > 0)
    throw new Error(`commands/${file}: invalid command data:\n  ${problems.join("\n  ")}`);
  return candidate as AnyCommand;
}
