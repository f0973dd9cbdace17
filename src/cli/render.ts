import {
  type AddResult,
  type AskResult,
  attribution,
  type QuoteHit,
  type QuotesResult,
} from "../library/library.ts";
import type { ArticleSummary } from "../library/types.ts";

/** Terminal styling: ANSI on a TTY, Markdown-ish marks otherwise (so piped output still shows emphasis). */
export interface Style {
  bold(text: string): string;
  dim(text: string): string;
}

export const ansiStyle: Style = {
  bold: (text) => `\x1b[1m${text}\x1b[22m`,
  dim: (text) => `\x1b[2m${text}\x1b[22m`,
};

export const plainStyle: Style = {
  bold: (text) => `**${text}**`,
  dim: (text) => text,
};

/** The terminal twin of the Discord embed: excerpt with the answer in bold, then the ¶ citation. */
export function renderAsk(result: AskResult, style: Style): string {
  const lines: string[] = [];
  if (result.note) lines.push(style.dim(`Note: ${result.note}`), "");
  if (result.results.length === 0) {
    lines.push("The library has no articles to search yet. Add one with /article add <path|url>.");
    return lines.join("\n");
  }
  if (!result.answered) {
    lines.push("The articles don't say. The closest passages (they do not answer the question):", "");
  }
  result.results.forEach((hit, i) => {
    let text = hit.text;
    for (const span of [...hit.highlightSpans].sort((a, b) => b.start - a.start)) {
      text = `${text.slice(0, span.start)}${style.bold(text.slice(span.start, span.end))}${text.slice(span.end)}`;
    }
    lines.push(`${i + 1}. ${text}`);
    lines.push(
      style.dim(`   — ${hit.title}, ¶${hit.paragraph}${hit.url ? ` <${hit.url}>` : ""} [${hit.articleId}]`),
    );
    lines.push("");
  });
  return lines.join("\n").trimEnd();
}

export function renderQuotes(result: QuotesResult, style: Style): string {
  const lines = [result.message];
  const groups: [string, QuoteHit[]][] = [
    ["Direct quotes", result.quotes.filter((q) => q.type !== "reported")],
    ["Reported speech", result.quotes.filter((q) => q.type === "reported")],
  ];
  for (const [heading, quotes] of groups) {
    if (quotes.length === 0) continue;
    lines.push("", style.bold(heading));
    for (const quote of quotes) {
      const text = quote.type === "reported" ? quote.text : `“${quote.text}”`;
      lines.push(`• ${text}`);
      lines.push(
        style.dim(`   — ${attribution(quote)} · ${quote.title}, ¶${quote.paragraph} [${quote.articleId}]`),
      );
    }
  }
  return lines.join("\n");
}

export function renderList(articles: ArticleSummary[], style: Style): string {
  if (articles.length === 0) return "The library is empty. Add an article with /article add <path|url>.";
  const lines = [`${articles.length} article${articles.length === 1 ? "" : "s"}:`];
  for (const article of articles) {
    const sample = article.scope === "samples" ? " (sample)" : "";
    lines.push(`${style.bold(article.articleId)}  ${article.title}${sample}`);
    lines.push(
      style.dim(
        `    ${article.paragraphs} ¶ · ${article.source} · added ${article.addedAt.slice(0, 10)} by ${article.addedBy}`,
      ),
    );
  }
  return lines.join("\n");
}

export function renderAdd(result: AddResult): string {
  if (result.duplicate) {
    const what = result.duplicateOf === "url" ? "an article from the same URL" : "the same article";
    const where = result.scope === "samples" ? " (a bundled sample)" : "";
    return `Already in the library: ${what}${where} — "${result.title}" [${result.articleId}]. Nothing was added.`;
  }
  return `Added "${result.title}" [${result.articleId}]: ${result.paragraphs} paragraphs.`;
}
