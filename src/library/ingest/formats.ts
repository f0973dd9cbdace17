/** Which parser reads an input: from its file extension, its content type, or its first bytes. */
import { extname } from "node:path";
import { MIMEType } from "node:util";
import { splitFrontMatter } from "./front-matter.ts";

export type Format = "text" | "markdown" | "html";

/** Said in every "unsupported format" error, so the user knows what to give instead. */
export const SUPPORTED_FORMATS =
  "plain text (.txt, .text), Markdown (.md, .markdown) or HTML (.html, .htm, .xhtml) files, or an http(s) link to a web page";

const BY_EXTENSION: Record<string, Format> = Object.assign(Object.create(null), {
  ".txt": "text",
  ".text": "text",
  ".md": "markdown",
  ".markdown": "markdown",
  ".html": "html",
  ".htm": "html",
  ".xhtml": "html",
});

const BY_CONTENT_TYPE: Record<string, Format> = Object.assign(Object.create(null), {
  "text/plain": "text",
  "text/markdown": "markdown",
  "text/x-markdown": "markdown",
  "text/html": "html",
  "application/xhtml+xml": "html",
});

/** The lower-cased extension of a file name (".pdf"), or "" when it has none. */
export function extensionOf(fileName: string): string {
  return extname(fileName).toLowerCase();
}

/** The format a file extension names, or undefined when it is not one Byline reads. */
export function formatFromExtension(extension: string): Format | undefined {
  return Object.hasOwn(BY_EXTENSION, extension) ? BY_EXTENSION[extension] : undefined;
}

/** The format a content type names, or undefined when it is not one Byline reads. */
export function formatFromContentType(mediaType: string): Format | undefined {
  return Object.hasOwn(BY_CONTENT_TYPE, mediaType) ? BY_CONTENT_TYPE[mediaType] : undefined;
}

export interface ContentType {
  /** The lower-cased media type without parameters ("text/html"). */
  mediaType: string;
  charset?: string;
}

/** Parses a Content-Type header value; undefined when it is missing or malformed. */
export function parseContentType(header: string | undefined): ContentType | undefined {
  if (!header?.trim()) return undefined;
  try {
    const mime = new MIMEType(header.trim());
    const charset = mime.params.get("charset") ?? undefined;
    return charset ? { mediaType: mime.essence, charset } : { mediaType: mime.essence };
  } catch {
    // Not RFC-shaped ("text/html;;charset=utf-8" and worse are seen in the wild): keep the media type.
    const mediaType = header.split(";")[0]?.trim().toLowerCase() ?? "";
    return /^[\w.+-]+\/[\w.+-]+$/.test(mediaType) ? { mediaType } : undefined;
  }
}

const LEADING_COMMENTS = /^(?:\s*<!--[\s\S]*?-->)*\s*/;
const HTML_START = /^<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])/i;
const ATX_HEADING = /^#{1,6}[^\S\r\n]+\S/;
const TAG = /<\/?[a-z][a-z\d-]*(?:\s[^<>]*)?\/?>/gi;

/**
 * Guesses the format of text with no extension or content type to go by (stdin, pasted text):
 * `<!doctype html`, `<html>` or a tag-heavy text is HTML; front matter or a leading `# ` heading is
 * Markdown; anything else is plain text (whose first line is the headline).
 */
export function sniffFormat(text: string): Format {
  const sample = text.replace(/^\ufeff/, "").slice(0, 8192);
  const start = sample.replace(LEADING_COMMENTS, "");
  if (HTML_START.test(start)) return "html";
  if (splitFrontMatter(sample) || ATX_HEADING.test(sample.trimStart())) return "markdown";
  if (looksTagHeavy(start)) return "html";
  return "text";
}

/** True when the first bytes of a document read as HTML (for servers that send no Content-Type). */
export function looksLikeHtml(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 8192)).toString("latin1");
  return sniffFormat(head) === "html";
}

/** "Mostly tags": markup makes up a fifth of the text, or it opens with a tag and closes one. */
function looksTagHeavy(sample: string): boolean {
  const tags = sample.match(TAG) ?? [];
  if (tags.length < 2) return false;
  const tagChars = tags.reduce((sum, tag) => sum + tag.length, 0);
  return tagChars / sample.length > 0.2 || (sample.startsWith("<") && /<\/[a-z]/i.test(sample));
}
