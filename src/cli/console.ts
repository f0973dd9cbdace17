import { createInterface } from "node:readline";
import { isUserError } from "../library/errors.ts";
import { type Library, LOCAL_SCOPE } from "../library/library.ts";
import type { Logger } from "../library/log.ts";
import { renderAdd, renderAsk, renderList, renderQuotes, type Style } from "./render.ts";

export const CONSOLE_HELP = `Byline answers questions about the stored news articles with cited excerpts.

  /ask <question>            the best paragraphs, the answering sentence in bold, each cited (¶)
  /quotes <speaker>          what someone said: direct quotes and reported speech
  /article add <path|url>    add an article (plain text, Markdown, HTML file, or a web page)
  /article list              list the articles
  /article show <id>         show an article's paragraphs
  /article remove <id>       remove an article
  /about                     library size and the model in use
  /help                      this text
  /quit                      leave

A line without a command is asked as a question.`;

export interface ConsoleIo {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Show a prompt (interactive terminal) or not (piped input). */
  interactive: boolean;
}

/**
 * The local console: the same commands users type in Discord, over the same library facade, rendered
 * for a terminal. Runs until /quit or end of input.
 */
export async function runConsole(
  library: Library,
  io: ConsoleIo,
  style: Style,
  logger: Logger,
): Promise<void> {
  const print = (text: string) => io.output.write(`${text}\n`);
  const rl = createInterface({ input: io.input, output: io.output, terminal: io.interactive });
  rl.setPrompt("byline› ");
  print("Byline console — type /help for commands, /quit to leave.");
  if (io.interactive) rl.prompt();
  for await (const line of rl) {
    const keepGoing = await handleLine(line.trim(), library, print, style, logger);
    if (!keepGoing) break;
    if (io.interactive) rl.prompt();
  }
  rl.close();
}

async function handleLine(
  line: string,
  library: Library,
  print: (text: string) => void,
  style: Style,
  logger: Logger,
): Promise<boolean> {
  if (line === "") return true;
  const [command = "", ...rest] = line.startsWith("/") ? line.split(/\s+/) : ["/ask", line];
  const argument = line.startsWith("/") ? line.slice(command.length).trim() : line;
  try {
    switch (command.toLowerCase()) {
      case "/quit":
      case "/exit":
        return false;
      case "/help":
        print(CONSOLE_HELP);
        return true;
      case "/ask":
        if (!argument) return usage(print, "/ask <question>");
        print(renderAsk(await library.ask(LOCAL_SCOPE, argument), style));
        return true;
      case "/quotes":
        if (!argument) return usage(print, "/quotes <speaker>");
        print(renderQuotes(await library.quotes(LOCAL_SCOPE, argument), style));
        return true;
      case "/about": {
        const stats = await library.stats(LOCAL_SCOPE);
        const model = await library.model();
        print(
          `${stats.articles} articles, ${stats.paragraphs} paragraphs · model: ${model.label} · data: ${library.dataDir}`,
        );
        return true;
      }
      case "/article":
        return await articleCommand(rest, library, print, style);
      default:
        print(`Unknown command ${command}. Type /help for the list.`);
        return true;
    }
  } catch (error) {
    if (isUserError(error)) {
      print(error.message);
    } else {
      logger.error({ err: error, line }, "console command failed");
      print("Something went wrong on our side; the details are in the log.");
    }
    return true;
  }
}

async function articleCommand(
  args: string[],
  library: Library,
  print: (text: string) => void,
  style: Style,
): Promise<boolean> {
  const [sub = "", ...rest] = args;
  const target = rest.join(" ").trim();
  switch (sub.toLowerCase()) {
    case "add": {
      if (!target) return usage(print, "/article add <path|url>");
      const input = /^https?:\/\//i.test(target)
        ? { kind: "url" as const, url: target }
        : { kind: "file" as const, path: target };
      print(renderAdd(await library.add(LOCAL_SCOPE, { input, addedBy: "console" })));
      return true;
    }
    case "list":
      print(renderList(await library.list(LOCAL_SCOPE), style));
      return true;
    case "remove": {
      if (!target) return usage(print, "/article remove <id>");
      const removed = await library.remove(LOCAL_SCOPE, target, "console");
      print(`Removed "${removed.title}" [${removed.id}].`);
      return true;
    }
    case "show": {
      if (!target) return usage(print, "/article show <id>");
      const article = await library.get(LOCAL_SCOPE, target);
      print(style.bold(article.title));
      for (const p of article.paragraphs) {
        const flag = p.kind === "body" ? "" : style.dim(` (${p.kind})`);
        print(`¶${p.n}${flag} ${p.text}`);
      }
      return true;
    }
    default:
      return usage(
        print,
        "/article add <path|url> | /article list | /article show <id> | /article remove <id>",
      );
  }
}

function usage(print: (text: string) => void, form: string): true {
  print(`Usage: ${form}`);
  return true;
}
