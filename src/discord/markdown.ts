import { escapeMarkdown } from "discord.js";
import { truncate } from "./limits.ts";

/**
 * Article text is untrusted: it may contain Markdown (`**`, `# `, `[x](y)`, `||spoiler||`) or mention
 * syntax (`<@123>`, `<@&456>`, `<#789>`) that would restyle the reply or render as a ping-looking
 * mention. Every piece of article text shown in Discord goes through `escapeText`. (Pings themselves
 * are stopped by `allowedMentions: { parse: [] }` on every reply; this keeps the text looking like text.)
 */
export function escapeText(text: string): string {
  const escaped = escapeMarkdown(text, {
    heading: true,
    bulletedList: true,
    numberedList: true,
    maskedLink: true,
  });
  // `<@…>`, `<#…>`, `<t:…>`, `<a:…>`, `</…>` are Discord mention/markup forms; a backslash shows them raw.
  // Block quotes ("> ") at a line start are also escaped: escapeMarkdown leaves them alone.
  return escaped.replace(/<(?=[@#/]|a?:|t:|id:)/g, "\\<").replace(/^(\s*)>/gm, "$1\\>");
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
