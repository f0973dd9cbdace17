/**
 * The one entry point the library calls: any input (URL, file, stdin or upload bytes, pasted text) →
 * an ArticleDraft, or a UserError that names the input and says what to do.
 */
import { open, stat } from "node:fs/promises";
import { basename } from "node:path";
import { isUserError, quoteValue, redactCredentials, UserError } from "../errors.ts";
import type { ArticleDraft, ArticleSource } from "../types.ts";
import { decodeDocument } from "./charset.ts";
import { type FetchOptions, fetchUrl } from "./fetch-url.ts";
import {
  extensionOf,
  type Format,
  formatFromContentType,
  formatFromExtension,
  looksLikeHtml,
  parseContentType,
  SUPPORTED_FORMATS,
  sniffFormat,
} from "./formats.ts";
import { parsePlainText } from "./structure.ts";
import { canonicalizeUrl } from "./urls.ts";

export type { FetchOptions } from "./fetch-url.ts";

export type IngestInput =
  | { kind: "url"; url: string }
  | { kind: "file"; path: string }
  | { kind: "bytes"; bytes: Uint8Array; fileName?: string; contentType?: string; origin: "stdin" | "upload" }
  | { kind: "text"; text: string; format?: Format };

export interface IngestOptions {
  /** A headline that overrides the article's own. Default: the article's own headline. */
  title?: string;
  /** How URLs are fetched (timeout, size cap, private addresses…); see FetchOptions for the defaults. */
  fetch?: FetchOptions;
  /**
   * Largest file, upload, stdin or text accepted, in bytes. A file is measured (stat) before it is read.
   * Default 5 MB (5 * 1024 * 1024).
   */
  maxFileBytes?: number;
}

export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Turns an input into an article draft. Every failure a user can cause is a UserError. */
export async function ingest(input: IngestInput, options: IngestOptions = {}): Promise<ArticleDraft> {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  switch (input.kind) {
    case "url":
      return ingestUrl(input.url, options);
    case "file":
      return ingestFile(input.path, maxBytes, options.title);
    case "bytes":
      return ingestBytes(input, maxBytes, options.title);
    case "text": {
      const what = "The pasted text";
      const size = Buffer.byteLength(input.text, "utf8");
      if (size > maxBytes) throw tooLarge(what, size, maxBytes);
      const text = requireText(input.text, what);
      return parse(text, input.format ?? sniffFormat(text), { kind: "text" }, { what, title: options.title });
    }
  }
}

/** A short label for an input in messages and logs: the file name, the URL, "stdin". */
export function describeInput(input: IngestInput): string {
  switch (input.kind) {
    case "url":
      return redactCredentials(input.url.trim());
    case "file":
      return basename(input.path) || input.path;
    case "bytes":
      return input.fileName ? basename(input.fileName) : input.origin === "stdin" ? "stdin" : "the upload";
    case "text":
      return "the pasted text";
  }
}

async function ingestUrl(url: string, options: IngestOptions): Promise<ArticleDraft> {
  const document = await fetchUrl(url, options.fetch);
  const what = quoteValue(document.finalUrl);
  const format = formatFromContentType(document.contentType) ?? "text";
  const decoded = decodeDocument(document.bytes, {
    charset: document.charset,
    html: format === "html",
    what,
  });
  const text = requireText(decoded.text, `The page ${what}`);
  const source: ArticleSource = { kind: "url", url: url.trim() };
  const canonicalUrl = canonicalizeUrl(document.finalUrl);
  if (canonicalUrl) source.canonicalUrl = canonicalUrl; // parseHtml replaces it with the page's own
  return parse(text, format, source, { what, title: options.title, pageUrl: document.finalUrl });
}

async function ingestFile(path: string, maxBytes: number, title: string | undefined): Promise<ArticleDraft> {
  const what = `The file ${quoteValue(path)}`;
  const info = await stat(path).catch((error: unknown) => {
    throw fileError(error, path);
  });
  if (info.isDirectory()) {
    throw new UserError(
      "BAD_USAGE",
      `${quoteValue(path)} is a folder, not a file: give the path of an article file.`,
    );
  }
  if (!info.isFile()) {
    throw new UserError(
      "UNSUPPORTED_CONTENT",
      `${quoteValue(path)} is not a regular file (a device, pipe or socket): give the path of an article file, or use "-" for stdin.`,
    );
  }
  const extension = extensionOf(path);
  const format = extension ? formatFromExtension(extension) : undefined;
  if (extension && !format) throw unsupportedExtension(what, extension);
  // Measured before reading, so a 50 MB file (or a huge log given by mistake) never enters memory.
  if (info.size > maxBytes) throw tooLarge(what, info.size, maxBytes);
  const bytes = await readAtMost(path, maxBytes);
  const decoded = decodeDocument(bytes, { html: format ? format === "html" : looksLikeHtml(bytes), what });
  const text = requireText(decoded.text, what);
  return parse(
    text,
    format ?? sniffFormat(text),
    { kind: "file", fileName: basename(path) },
    { what, title },
  );
}

async function ingestBytes(
  input: Extract<IngestInput, { kind: "bytes" }>,
  maxBytes: number,
  title: string | undefined,
): Promise<ArticleDraft> {
  const label = describeInput(input);
  const what =
    input.origin === "stdin" && !input.fileName ? "The input on stdin" : `The file ${quoteValue(label)}`;
  const extension = input.fileName ? extensionOf(input.fileName) : "";
  const contentType = parseContentType(input.contentType);
  let format = extension ? formatFromExtension(extension) : undefined;
  format ??= contentType ? formatFromContentType(contentType.mediaType) : undefined;
  if (!format && extension) throw unsupportedExtension(what, extension);
  if (!format && contentType && contentType.mediaType !== "application/octet-stream") {
    throw new UserError(
      "UNSUPPORTED_CONTENT",
      `${what} is ${quoteValue(contentType.mediaType)}, which Byline cannot read: give ${SUPPORTED_FORMATS}.`,
    );
  }
  if (input.bytes.length > maxBytes) throw tooLarge(what, input.bytes.length, maxBytes);
  const decoded = decodeDocument(input.bytes, {
    charset: contentType?.charset,
    html: format ? format === "html" : looksLikeHtml(input.bytes),
    what,
  });
  const text = requireText(decoded.text, what);
  const source: ArticleSource = { kind: input.origin === "stdin" ? "stdin" : "file" };
  if (input.fileName) source.fileName = basename(input.fileName);
  return parse(text, format ?? sniffFormat(text), source, { what, title });
}

interface ParseContext {
  /** How to name the input at the start of an error message ("The file \"a.txt\""). */
  what: string;
  title: string | undefined;
  pageUrl?: string;
}

async function parse(
  text: string,
  format: Format,
  source: ArticleSource,
  context: ParseContext,
): Promise<ArticleDraft> {
  const title = context.title?.trim() || undefined;
  try {
    // The HTML and Markdown parsers (linkedom, Readability, marked) load on first use: most runs
    // (asking, listing, plain-text articles) never need them.
    switch (format) {
      case "html":
        return (await import("./html.ts")).parseHtml(text, { url: context.pageUrl, title, source });
      case "markdown":
        return (await import("./markdown.ts")).parseMarkdown(text, source, title);
      case "text":
        return parsePlainText(text, source, title);
    }
  } catch (error) {
    // Parsers describe the article ("The article is empty…"); say which input it was.
    if (isUserError(error))
      throw new UserError(error.code, `${context.what}: ${error.message}`, { cause: error });
    throw error;
  }
}

/** Empty and whitespace-only inputs are refused here, with the input's name, before any parsing. */
function requireText(text: string, what: string): string {
  if (text.replace(/[\s\u200b-\u200d\u2060\ufeff]+/g, "") === "") {
    throw new UserError(
      "EMPTY_INPUT",
      `${what} is empty (or only whitespace): there is no article text to add.`,
    );
  }
  return text;
}

/** Reads a file, refusing it if it grew past the cap since it was measured. */
async function readAtMost(path: string, maxBytes: number): Promise<Uint8Array> {
  const handle = await open(path, "r").catch((error: unknown) => {
    throw fileError(error, path);
  });
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(64 * 1024);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw tooLarge(`The file ${quoteValue(path)}`, total, maxBytes);
      chunks.push(chunk.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks);
  } finally {
    await handle.close();
  }
}

function fileError(error: unknown, path: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT" || code === "ENOTDIR") {
    return new UserError(
      "NOT_FOUND",
      `There is no file ${quoteValue(path)}: check the path (and the current folder).`,
      {
        cause: error,
      },
    );
  }
  if (code === "EACCES" || code === "EPERM") {
    return new UserError(
      "FORBIDDEN",
      `Byline is not allowed to read ${quoteValue(path)} (permission denied): check the file's permissions.`,
      { cause: error },
    );
  }
  if (code === "ELOOP") {
    return new UserError(
      "BAD_USAGE",
      `${quoteValue(path)} is a loop of symbolic links, not a file: give the path of an article file.`,
      { cause: error },
    );
  }
  if (code === "ENAMETOOLONG") {
    return new UserError("BAD_USAGE", `The path ${quoteValue(path)} is too long for this system.`, {
      cause: error,
    });
  }
  return error;
}

function unsupportedExtension(what: string, extension: string): UserError {
  return new UserError(
    "UNSUPPORTED_CONTENT",
    `${what} is a ${quoteValue(extension)} file, which Byline cannot read: give ${SUPPORTED_FORMATS}. (For a PDF or Word document, copy the article text into a .txt file.)`,
  );
}

function tooLarge(what: string, size: number, maxBytes: number): UserError {
  const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, "")} MB`;
  return new UserError(
    "TOO_LARGE",
    `${what} is ${mb(size)}; the limit is ${mb(maxBytes)}. Is it really one article? Split it or add only the article text.`,
  );
}
