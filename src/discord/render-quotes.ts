import type { APIEmbed } from "discord.js";
import { attribution, type QuoteHit, type QuotesResult } from "../library/library.ts";
import { renderExcerpt } from "./excerpt.ts";
import { LIMITS, truncate } from "./limits.ts";
import { citation, escapeText } from "./markdown.ts";
import type { Page } from "./pagination.ts";

const PAGE_BUDGET = 3800;
/** One quote's share: a 2,000-character quotation is cut at a sentence. */
const QUOTE_BUDGET = 600;
const COLOR = 0xeb459e;

type Group = "Direct quotes" | "Reported speech";

/**
 * /quotes as embed pages: direct (and partial) quotes first, then reported speech, each line the quote,
 * who said it with the attribution cue, and the ¶ citation. Pages hold as many lines as fit.
 */
export function renderQuotePages(result: QuotesResult): Page[] {
  const who = result.matched.length > 0 ? result.matched.join(", ") : result.speaker;
  const title = truncate(`Quotes: ${escapeText(truncate(who, 200))}`, LIMITS.title);
  const intro = escapeText(truncate(result.message, 500));
  if (result.quotes.length === 0) {
    return [{ embeds: [{ title, description: intro, color: COLOR }] }];
  }
  const bodies: string[] = [];
  let body = intro;
  let group: Group | undefined;
  // Grouped whatever order the lookup returns: direct (and partial) quotes, then reported speech.
  const ordered = [
    ...result.quotes.filter((q) => q.type !== "reported"),
    ...result.quotes.filter((q) => q.type === "reported"),
  ];
  for (const quote of ordered) {
    const next: Group = quote.type === "reported" ? "Reported speech" : "Direct quotes";
    const line = quoteLine(quote);
    const header = next !== group ? `**${next}**` : undefined;
    const addition = header ? `${header}\n${line}` : line;
    if (body && body.length + addition.length + 2 > PAGE_BUDGET) {
      bodies.push(body);
      body = `${header ?? `**${next}** *(continued)*`}\n${line}`;
    } else if (!body) {
      body = addition;
    } else {
      body = `${body}${header ? "\n\n" : "\n"}${addition}`;
    }
    group = next;
  }
  if (body) bodies.push(body);
  const count = `${result.quotes.length} quote${result.quotes.length === 1 ? "" : "s"}`;
  return bodies.map((description, i) => ({
    embeds: [
      {
        title,
        description: description.trim(),
        color: COLOR,
        footer: { text: bodies.length > 1 ? `Page ${i + 1}/${bodies.length} · ${count}` : count },
      } satisfies APIEmbed,
    ],
  }));
}

function quoteLine(quote: QuoteHit): string {
  const text = renderExcerpt(quote.text, [], QUOTE_BUDGET);
  const shown = quote.type === "reported" ? text : `“${text}”`;
  const cue = escapeText(truncate(attribution(quote), 150));
  return `• ${shown}\n  — ${cue} · ${citation(quote)}`;
}
