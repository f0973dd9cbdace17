import { escapeMarkdown } from "discord.js";
import { safeCut, truncate } from "./limits.ts";

/**
 * Article text is untrusted: it may contain Markdown (`**`, `# `, `[x](y)`, `||spoiler||`) or mention
 * syntax (`<@123>`, `<@&456>`, `<#789>`) that would restyle the reply or render as a ping-looking
 * mention. Every piece of article text shown in Discord goes through `escapeText`. (Pings themselves
 * are stopped by `allowedMentions: { parse: [] }` on every reply; this keeps the text looking like text.)
 */
export function escapeText(text: string): string {
  // escapeMarkdown's italic rule is quadratic (0.7 s for 30,000 characters), so it runs on pieces of
  // about 1,000 characters cut at whitespace. Its rules are local, and the passes below run on the
  // whole text, so the pieces join into the same escaping.
  const escaped = pieces(text, 1000)
    .map((piece) =>
      escapeMarkdown(piece, { heading: true, bulletedList: true, numberedList: true, maskedLink: true }),
    )
    .join("");
  // `<@…>`, `<#…>`, `<t:…>`, `<a:…>`, `</…>` are Discord mention/markup forms; a backslash shows them raw.
  // Block quotes ("> ") at a line start are also escaped: escapeMarkdown leaves them alone.
  const marked = escaped.replace(/<(?=[@#/]|a?:|t:|id:)/g, "\\<").replace(/^(\s*)>/gm, "$1\\>");
  return escapeLeftovers(marked);
}

/** `text` cut into runs of about `size` characters, each ending after whitespace when there is some. */
function pieces(text: string, size: number): string[] {
  if (text.length <= size) return [text];
  const out: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + size);
    if (end < text.length) {
      const space = text.lastIndexOf(" ", end);
      if (space > start) end = space + 1;
      else end = safeCut(text, end);
    }
    out.push(text.slice(start, end));
    start = end;
  }
  return out;
}

const EMPHASIS = new Set(["*", "_", "~", "|", "`"]);

/**
 * escapeMarkdown misses some runs (five asterisks come out as `\*\*\*\*\***`, still bold), so every
 * emphasis character it left unescaped gets a backslash too. Discord drops a backslash before any
 * punctuation, so an extra one is invisible. URLs are left alone: a backslash would break the link.
 */
function escapeLeftovers(text: string): string {
  let out = "";
  let last = 0;
  for (const url of text.matchAll(/https?:\/\/\S+/g)) {
    out += escapeRun(text.slice(last, url.index));
    out += url[0];
    last = url.index + url[0].length;
  }
  return out + escapeRun(text.slice(last));
}

function escapeRun(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\\") {
      out += c + (text[i + 1] ?? "");
      i++;
    } else {
      out += EMPHASIS.has(c) ? `\\${c}` : c;
    }
  }
  return out;
}

/** A title inside link text: also escape the brackets that would end the link early. */
export function escapeLinkText(text: string): string {
  return escapeText(text).replace(/[[\]]/g, (bracket) => `\\${bracket}`);
}

/**
 * An http(s) URL safe to put inside `[text](<url>)`, or undefined. The angle brackets stop Discord from
 * unfurling a preview; characters that would end the link early are percent-encoded.
 */
export function linkTarget(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return undefined;
  return parsed.href.replace(/[()<> ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const MAX_CITED_TITLE = 150;

/**
 * The ¶ citation users see under an excerpt: "*Article title* — ¶3", linked to the source when there is
 * one (angle brackets: no preview).
 */
export function citation(hit: { title: string; paragraph: number; url?: string; scope?: string }): string {
  const sample = hit.scope === "samples" ? " (sample)" : "";
  const target = linkTarget(hit.url);
  // Titles are usually short, but nothing stops a 5,000-character headline; a citation stays one line.
  const short = truncate(hit.title, MAX_CITED_TITLE);
  const title = target ? escapeLinkText(short) : escapeText(short);
  const text = `*${title}* — ¶${hit.paragraph}`;
  return target ? `[${text}](<${target}>)${sample}` : `${text}${sample}`;
}
