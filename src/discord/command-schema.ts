import { ApplicationCommandOptionType } from "discord.js";

/**
 * Discord's rules for chat-input (and message context-menu) command definitions, checked before deploying (and at startup), so a
 * bad definition fails here with a readable list instead of as a 400 from the bulk PUT. Limits from
 * Discord's application command documentation.
 */
const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const MAX_OPTIONS = 25;
const MAX_CHOICES = 25;
const MAX_DESCRIPTION = 100;
/** Name, description and choice values of a command and all its options together. */
const MAX_COMBINED = 4000;
const MAX_COMMANDS = 100;

interface RawOption {
  type?: unknown;
  name?: unknown;
  description?: unknown;
  required?: unknown;
  options?: unknown;
  choices?: unknown;
  autocomplete?: unknown;
  min_length?: unknown;
  max_length?: unknown;
}

/** Context-menu names may have capitals and spaces ("Add to Byline"), 1-32 characters. */
const MENU_NAME = /^[-_' \p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const MESSAGE_COMMAND = 3;

/** Problems with one command's JSON, as readable sentences (empty: valid). */
export function validateCommandData(data: unknown): string[] {
  const problems: string[] = [];
  if (!data || typeof data !== "object") return ["data is missing"];
  const command = data as RawOption & { default_member_permissions?: unknown; type?: unknown };
  if (command.type === MESSAGE_COMMAND) return validateMessageCommand(command);
  const where = `/${String(command.name)}`;
  checkName(command.name, where, problems);
  checkDescription(command.description, where, problems);
  if (command.type !== undefined && command.type !== 1)
    problems.push(`${where}: only chat-input commands (type 1) and message commands (type 3)`);
  checkPermissions(command.default_member_permissions, where, problems);
  checkOptions(command.options, where, 0, problems);
  const combined = combinedLength(command);
  if (combined > MAX_COMBINED)
    problems.push(`${where}: ${combined} combined characters (max ${MAX_COMBINED})`);
  return problems;
}

/** A message context-menu command: a name, no description, no options (Discord rejects either). */
function validateMessageCommand(command: RawOption & { default_member_permissions?: unknown }): string[] {
  const problems: string[] = [];
  const where = `message command ${JSON.stringify(command.name)}`;
  if (
    typeof command.name !== "string" ||
    !MENU_NAME.test(command.name) ||
    command.name.trim() !== command.name
  )
    problems.push(`${where}: name must be 1-32 letters, digits, spaces, - or _`);
  if (command.description !== undefined && command.description !== "")
    problems.push(`${where}: message commands take no description`);
  if (command.options !== undefined) problems.push(`${where}: message commands take no options`);
  checkPermissions(command.default_member_permissions, where, problems);
  return problems;
}

function checkPermissions(perms: unknown, where: string, problems: string[]): void {
  if (perms !== undefined && perms !== null && (typeof perms !== "string" || !/^\d+$/.test(perms))) {
    problems.push(`${where}: default_member_permissions must be a bitfield string`);
  }
}

/** Problems with a whole deployment (each command, plus duplicates and the count). */
export function validateCommandSet(commands: readonly unknown[]): string[] {
  const problems = commands.flatMap(validateCommandData);
  // Discord allows a slash and a message command of the same name; Byline's loader and log don't.
  const names = commands.map((c) => (c as { name?: unknown }).name);
  const duplicates = names.filter((name, i) => names.indexOf(name) !== i);
  if (duplicates.length > 0) problems.push(`duplicate command names: ${duplicates.join(", ")}`);
  if (commands.length > MAX_COMMANDS) problems.push(`${commands.length} commands (max ${MAX_COMMANDS})`);
  return problems;
}

function checkName(name: unknown, where: string, problems: string[]): void {
  if (typeof name !== "string" || !NAME.test(name) || name !== name.toLowerCase()) {
    problems.push(`${where}: name ${JSON.stringify(name)} must be 1-32 lower-case letters, digits, - or _`);
  }
}

function checkDescription(description: unknown, where: string, problems: string[]): void {
  if (typeof description !== "string" || description.length < 1 || description.length > MAX_DESCRIPTION) {
    problems.push(`${where}: description must be 1-${MAX_DESCRIPTION} characters`);
  }
}

function checkOptions(options: unknown, where: string, depth: number, problems: string[]): void {
  if (options === undefined) return;
  if (!Array.isArray(options)) {
    problems.push(`${where}: options must be an array`);
    return;
  }
  if (options.length > MAX_OPTIONS) problems.push(`${where}: ${options.length} options (max ${MAX_OPTIONS})`);
  const names = new Set<string>();
  let seenOptional = false;
  for (const option of options as RawOption[]) {
    const at = `${where} ${String(option.name)}`;
    checkName(option.name, at, problems);
    checkDescription(option.description, at, problems);
    if (typeof option.name === "string") {
      if (names.has(option.name)) problems.push(`${at}: duplicate option name`);
      names.add(option.name);
    }
    const type = option.type;
    const isGroup =
      type === ApplicationCommandOptionType.Subcommand ||
      type === ApplicationCommandOptionType.SubcommandGroup;
    if (typeof type !== "number" || type < 1 || type > 11) problems.push(`${at}: unknown option type`);
    if (isGroup) {
      if (depth >= 2 || (type === ApplicationCommandOptionType.SubcommandGroup && depth >= 1)) {
        problems.push(`${at}: subcommands nest too deep`);
      }
      if (option.required !== undefined) problems.push(`${at}: subcommands can't be required`);
      checkOptions(option.options, at, depth + 1, problems);
      continue;
    }
    if (option.options !== undefined) problems.push(`${at}: only subcommands have options`);
    if (option.required === true && seenOptional) problems.push(`${at}: required options must come first`);
    if (option.required !== true) seenOptional = true;
    if (Array.isArray(option.choices)) {
      if (option.choices.length > MAX_CHOICES) problems.push(`${at}: more than ${MAX_CHOICES} choices`);
      if (option.autocomplete === true) problems.push(`${at}: autocomplete and choices are exclusive`);
    }
    for (const key of ["min_length", "max_length"] as const) {
      const value = option[key];
      if (value !== undefined && (typeof value !== "number" || value < 0 || value > 6000)) {
        problems.push(`${at}: ${key} must be 0-6000`);
      }
    }
  }
}

function combinedLength(option: RawOption): number {
  let length = String(option.name ?? "").length + String(option.description ?? "").length;
  if (Array.isArray(option.choices)) {
    for (const choice of option.choices as { name?: unknown; value?: unknown }[]) {
      length += String(choice.name ?? "").length + String(choice.value ?? "").length;
    }
  }
  if (Array.isArray(option.options)) {
    for (const child of option.options as RawOption[]) length += combinedLength(child);
  }
  return length;
}
