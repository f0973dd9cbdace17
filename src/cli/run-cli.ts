import { promises as fs } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { openLibrary } from "../app.ts";
import { type Config, ConfigError } from "../config.ts";
import { isUserError, quoteValue, UserError } from "../library/errors.ts";
import {
  type AskResult,
  type IngestInput,
  type Library,
  LOCAL_SCOPE,
  type QuoteHit,
} from "../library/library.ts";
import type { Logger } from "../library/log.ts";
import { runFeedCommand } from "./feed-commands.ts";
import { createProgressReporter } from "./progress.ts";
import {
  ansiStyle,
  plainStyle,
  renderAdd,
  renderAsk,
  renderList,
  renderQuotes,
  type Style,
} from "./render.ts";

export const USAGE = `Usage: npm run --silent cli -- [--data DIR] [--no-samples] [--model ID] [--guild ID] <command> …

Commands:
  add <path|url|->… [--title T]   add articles (plain text, Markdown, HTML, a URL, or - for stdin)
  list                            list the articles
  remove <articleId>              remove an article
  ask <question|-> [--top K]      answer a question (- reads one question per line from stdin)
  quotes <speaker|->              what someone said (- reads one name per line)
  quotes --all                    every extracted quote
  verify                          check the library's integrity
  repair                          set aside unreadable articles, rebuild a damaged manifest
  feed add <url> [--every MIN] [--channel ID]   follow an RSS/Atom/RDF/JSON feed
  feed list | feed remove <id|url> | feed poll [id]
                                  the feeds followed; poll adds their new stories now
  export --guild ID <file>        write one Discord server's articles to a file (to move them)
  import <file> [--guild ID]      add the articles of an export to the server it came from
  help                            this text

--guild ID: act on that Discord server's articles (and feeds) instead of the local library (add,
list, remove, ask, quotes, feed, export). Every command takes --json (stdout then holds only JSON).
Exit status: 0 success, 2 bad usage or bad input, 1 unexpected error.`;

export interface CliIo {
  stdin: NodeJS.ReadableStream;
  write(text: string): Promise<void>;
  error(text: string): void;
  isTTY: boolean;
  errIsTTY: boolean;
}

interface Parsed {
  command: string;
  args: string[];
  json: boolean;
  title?: string;
  top?: number;
  all: boolean;
  dataDir?: string;
  samples?: boolean;
  model?: string;
  /** A Discord server id: its scope instead of the local one. */
  guild?: string;
  channel?: string;
  every?: number;
}

/** Runs one CLI invocation; returns the exit status. */
export async function runCli(argv: string[], io: CliIo, config: Config, logger: Logger): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parse(argv);
  } catch (error) {
    io.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (parsed.command === "help") {
    await io.write(`${USAGE}\n`);
    return 0;
  }
  const style: Style = io.isTTY ? ansiStyle : plainStyle;
  const progress = createProgressReporter(io.errIsTTY && !parsed.json);
  let library: Library | undefined;
  try {
    library = await openLibrary(config, logger, {
      ...(parsed.dataDir ? { dataDir: parsed.dataDir } : {}),
      ...(parsed.samples === false ? { samples: false } : {}),
      ...(parsed.model ? { model: parsed.model } : {}),
      onDownload: progress.download,
      onProgress: progress.library,
    });
    return await dispatch(library, parsed, io, style);
  } catch (error) {
    return reportError(error, io, logger);
  } finally {
    progress.stop();
    await library?.close().catch(() => {});
  }
}

async function dispatch(library: Library, p: Parsed, io: CliIo, style: Style): Promise<number> {
  const out = (value: unknown, text: string) => io.write(p.json ? `${JSON.stringify(value)}\n` : `${text}\n`);
  // --guild: a Discord server's articles (its scope is its id), else the CLI's own library.
  const scope = p.guild ?? LOCAL_SCOPE;
  switch (p.command) {
    case "add": {
      if (p.args.length === 0) throw usage("add needs at least one path, URL or -");
      let status = 0;
      for (const arg of p.args) {
        try {
          const result = await library.add(scope, {
            input: await inputFor(arg, io),
            title: p.title,
            addedBy: "cli",
          });
          await out(
            {
              articleId: result.articleId,
              title: result.title,
              paragraphs: result.paragraphs,
              duplicate: result.duplicate,
            },
            renderAdd(result),
          );
        } catch (error) {
          if (!isUserError(error)) throw error;
          io.error(`Could not add ${quoteValue(arg, 120)}: ${error.message}`);
          status = 2;
        }
      }
      return status;
    }
    case "list": {
      expectArgs(p, 0);
      const articles = await library.list(scope);
      await out(
        {
          articles: articles.map((a) => ({
            articleId: a.articleId,
            title: a.title,
            paragraphs: a.paragraphs,
            source: a.source,
            addedAt: a.addedAt,
          })),
        },
        renderList(articles, style),
      );
      return 0;
    }
    case "remove": {
      expectArgs(p, 1);
      const removed = await library.remove(scope, p.args[0]!, "cli");
      await out(
        { articleId: removed.id, title: removed.title, removed: true },
        `Removed "${removed.title}" [${removed.id}].`,
      );
      return 0;
    }
    case "ask": {
      expectArgs(p, 1);
      const ask = async (question: string) => {
        const result = await library.ask(scope, question, p.top ? { top: p.top } : {});
        await out(askJson(result), renderAsk(result, style));
      };
      if (p.args[0] === "-") return eachLine(io, ask);
      await ask(p.args[0]!);
      return 0;
    }
    case "quotes": {
      if (p.all) {
        if (p.args.length > 0)
          throw usage("quotes --all lists every quote of every speaker: give a speaker or --all, not both.");
        const quotes = await library.allQuotes(scope);
        const matched = [...new Set(quotes.map((q) => q.speaker))];
        await out(
          { speaker: "*", matched, quotes: quotes.map(quoteJson) },
          quotes.map((q) => `${q.speaker}: ${q.text}`).join("\n"),
        );
        return 0;
      }
      expectArgs(p, 1);
      const lookup = async (speaker: string) => {
        const result = await library.quotes(scope, speaker);
        await out({ ...result, quotes: result.quotes.map(quoteJson) }, renderQuotes(result, style));
      };
      if (p.args[0] === "-") return eachLine(io, lookup);
      await lookup(p.args[0]!);
      return 0;
    }
    case "verify": {
      expectArgs(p, 0);
      const report = await library.verify();
      const text = report.scopes
        .map((s) =>
          [
            `${s.scope}: ${s.articles} articles, ${s.paragraphs} ¶, ${s.chunks} chunks`,
            ...s.problems.map((x) => `  PROBLEM ${x}`),
            ...s.notes.map((x) => `  note: ${x}`),
          ].join("\n"),
        )
        .join("\n");
      await out(report, `${text || "No scopes yet."}\n${report.ok ? "OK" : "PROBLEMS FOUND"}`);
      return report.ok ? 0 : 1;
    }
    case "repair": {
      expectArgs(p, 0);
      const result = await library.repair();
      const lines = result.scopes.map((s) =>
        [
          `${s.scope}: ${s.kept} articles kept${s.manifestRebuilt ? "; manifest rebuilt from the stored articles" : ""}`,
          ...s.restored.map((q) => `  restored ${q.articleId} "${q.title}" from the pack (${q.reason})`),
          ...s.quarantined.map((q) => `  set aside ${q.articleId} "${q.title}": ${q.reason}`),
        ].join("\n"),
      );
      if (result.markerRewritten) lines.push("byline.json rewritten");
      const changed =
        result.markerRewritten ||
        result.scopes.some((s) => s.manifestRebuilt || s.quarantined.length > 0 || s.restored.length > 0);
      await out(
        result,
        `${lines.join("\n") || "No scopes yet."}\n${changed ? "Repaired." : "Nothing to repair."}`,
      );
      return 0;
    }
    case "feed": {
      const result = await runFeedCommand(library, {
        scope,
        args: p.args,
        ...(p.channel ? { channel: p.channel } : {}),
        ...(p.every !== undefined ? { every: p.every } : {}),
      });
      await out(result.json, result.text);
      return result.status;
    }
    case "export": {
      expectArgs(p, 1);
      if (!p.guild)
        throw usage("export needs --guild: the id of the Discord server whose articles to write.");
      const file = path.resolve(p.args[0]!);
      const bundle = await library.exportScope(p.guild);
      try {
        // "wx": never overwrite, e.g. an earlier export of another server.
        await fs.writeFile(file, `${JSON.stringify(bundle)}\n`, { flag: "wx" });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "EEXIST")
          throw usage(`${quoteValue(file)} already exists; give another file name.`);
        throw new UserError("STORAGE", `Could not write ${quoteValue(file)}: ${(error as Error).message}`, {
          cause: error,
        });
      }
      await out(
        { scope: bundle.scope, file, articles: bundle.articles.length, feeds: bundle.feeds?.length ?? 0 },
        `Exported ${bundle.articles.length} articles${bundle.feeds ? ` and ${bundle.feeds.length} feeds` : ""} of server ${bundle.scope} to ${file}.`,
      );
      return 0;
    }
    case "import": {
      expectArgs(p, 1);
      const file = p.args[0]!;
      const bundle = await readExport(file);
      const scope = (bundle as { scope?: unknown } | null)?.scope;
      if (p.guild && scope !== p.guild)
        throw usage(`${quoteValue(file)} holds server ${String(scope)}'s articles, not ${p.guild}'s.`);
      const { scope: into, results, feeds } = await library.importScope(bundle, file);
      const duplicates = results.filter((r) => r.duplicate).length;
      await out(
        {
          scope: into,
          imported: results.length - duplicates,
          duplicates,
          feeds,
          articles: results.map((r) => ({ articleId: r.articleId, title: r.title, duplicate: r.duplicate })),
        },
        `Imported ${results.length - duplicates} articles into server ${into}${duplicates ? ` (${duplicates} already there)` : ""}${feeds ? `, and ${feeds} feeds` : ""}.`,
      );
      return 0;
    }
    default:
      throw usage(`Unknown command "${p.command}".`);
  }
}

/** The contract's ask shape: exactly these fields (plus a note when the question was cut). */
function askJson(result: AskResult) {
  return {
    question: result.question,
    answered: result.answered,
    results: result.results.map((hit) => ({
      articleId: hit.articleId,
      title: hit.title,
      paragraph: hit.paragraph,
      text: hit.text,
      highlight: hit.highlight,
      score: hit.score,
    })),
    ...(result.note ? { note: result.note } : {}),
  };
}

/** The contract's quote shape: exactly these fields. */
function quoteJson(q: QuoteHit) {
  return {
    articleId: q.articleId,
    title: q.title,
    paragraph: q.paragraph,
    text: q.text,
    type: q.type,
    speaker: q.speaker,
    cue: q.cue,
  };
}

/** Batch mode: one item per stdin line; a bad line is reported and skipped, the rest still run. */
async function eachLine(io: CliIo, work: (line: string) => Promise<void>): Promise<number> {
  let status = 0;
  for await (const line of readLines(io.stdin)) {
    if (line.trim() === "") continue;
    try {
      await work(line);
    } catch (error) {
      if (!isUserError(error)) throw error;
      io.error(`${JSON.stringify(line.slice(0, 80))}: ${error.message}`);
      status = 2;
    }
  }
  return status;
}

async function readExport(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
    throw new UserError(
      missing ? "NOT_FOUND" : "STORAGE",
      missing
        ? `No such file: ${quoteValue(file)}.`
        : `Could not read ${quoteValue(file)}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new UserError("BAD_EXPORT", `${quoteValue(file)} is not a Byline export (not JSON).`);
  }
}

async function* readLines(stream: NodeJS.ReadableStream): AsyncGenerator<string> {
  const { createInterface } = await import("node:readline");
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) yield line;
}

async function inputFor(arg: string, io: CliIo): Promise<IngestInput> {
  if (arg === "-") {
    const chunks: Buffer[] = [];
    for await (const chunk of io.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    return { kind: "bytes", bytes: Buffer.concat(chunks), origin: "stdin" };
  }
  if (/^[a-z][a-z\d+.-]*:\/\//i.test(arg)) return { kind: "url", url: arg };
  return { kind: "file", path: arg };
}

function parse(argv: string[]): Parsed {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      data: { type: "string" },
      "no-samples": { type: "boolean" },
      model: { type: "string" },
      guild: { type: "string" },
      json: { type: "boolean" },
      title: { type: "string" },
      top: { type: "string" },
      all: { type: "boolean" },
      channel: { type: "string" },
      every: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [command = "help", ...args] = values.help ? ["help"] : positionals;
  let top: number | undefined;
  if (values.top !== undefined) {
    // Digits only: Number() would also read "0x10", "1e1" and "0b11".
    top = /^\d+$/.test(values.top.trim()) ? Number(values.top) : Number.NaN;
    if (!Number.isInteger(top) || top < 1 || top > 20)
      throw usage(`--top must be a whole number from 1 to 20, not "${values.top}".`);
  }
  const parsed: Parsed = { command, args, json: Boolean(values.json), all: Boolean(values.all) };
  if (values.title !== undefined) parsed.title = values.title;
  if (top !== undefined) parsed.top = top;
  if (values.data !== undefined) parsed.dataDir = values.data;
  if (values["no-samples"]) parsed.samples = false;
  if (values.model !== undefined) parsed.model = values.model;
  if (values.guild !== undefined) {
    const guild = values.guild.trim();
    if (!/^\d{17,20}$/.test(guild))
      throw usage(`--guild takes a Discord server id (17 to 20 digits), not ${quoteValue(values.guild)}.`);
    if (command === "verify" || command === "repair")
      throw usage(`--guild doesn't apply to ${command}: it works on every scope of the library.`);
    parsed.guild = guild;
  }
  if (values.channel !== undefined) {
    if (!/^\d{17,20}$/.test(values.channel.trim()))
      throw usage(`--channel must be a Discord channel id (digits), not "${values.channel}".`);
    parsed.channel = values.channel.trim();
  }
  if (values.every !== undefined) {
    if (!/^\d+$/.test(values.every.trim()))
      throw usage(`--every must be a whole number of minutes, not "${values.every}".`);
    parsed.every = Number(values.every);
  }
  if ((parsed.channel || parsed.every !== undefined) && command !== "feed")
    throw usage("--channel and --every go with feed commands only.");
  return parsed;
}

function expectArgs(p: Parsed, count: number): void {
  if (p.args.length !== count) {
    throw usage(
      `${p.command} takes ${count === 0 ? "no arguments" : `${count} argument`}; got ${p.args.length}. Quote multi-word text.`,
    );
  }
}

function usage(message: string): UserError {
  return new UserError("BAD_USAGE", message);
}

function reportError(error: unknown, io: CliIo, logger: Logger): number {
  if (isUserError(error)) {
    io.error(error.code === "BAD_USAGE" ? `${error.message}\n\n${USAGE}` : error.message);
    return 2;
  }
  if (error instanceof ConfigError) {
    io.error(error.message);
    return 2;
  }
  logger.error({ err: error }, "unexpected error");
  io.error(
    `Unexpected error: ${(error as Error)?.message ?? String(error)} (this is a bug; the log above has details)`,
  );
  return 1;
}
