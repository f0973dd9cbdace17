import type { APIEmbed } from "discord.js";
import type { AddResult } from "../library/library.ts";
import type { Article, ArticleSummary } from "../library/types.ts";
import { sentenceSpans, wordCut } from "./excerpt.ts";
import { LIMITS, truncate } from "./limits.ts";
import { escapeText, linkTarget } from "./markdown.ts";
import type { Page } from "./pagination.ts";

const COLOR = 0x57f287;
const ARTICLES_PER_PAGE = 10;
const PAGE_BUDGET = 3800;

/** /article list: ids, titles, ¶ counts, who added each and when; ten a page. */
export function renderListPages(articles: ArticleSummary[]): Page[] {
  if (articles.length === 0) {
    return [
      {
        embeds: [
          {
            title: "Articles",
            description: "No articles here yet. Add one with `/article add`.",
            color: COLOR,
          },
        ],
      },
    ];
  }
  const pages: Page[] = [];
  const count = Math.ceil(articles.length / ARTICLES_PER_PAGE);
  for (let i = 0; i < count; i++) {
    const slice = articles.slice(i * ARTICLES_PER_PAGE, (i + 1) * ARTICLES_PER_PAGE);
    pages.push({
      embeds: [
        {
          title: `Articles (${articles.length})`,
          description: slice.map(listEntry).join("\n\n"),
          color: COLOR,
          footer: {
            text: `Page ${i + 1}/${count} · samples are shared by every server and can't be removed`,
          },
        },
      ],
    });
  }
  return pages;
}

function listEntry(article: ArticleSummary): string {
  const sample = article.scope === "samples" ? " *(sample)*" : "";
  const link = linkTarget(article.source);
  const source = link ? ` · [source](<${link}>)` : "";
  const when = Date.parse(article.addedAt);
  const time = Number.isFinite(when) ? ` <t:${Math.floor(when / 1000)}:R>` : "";
  return `**${escapeText(truncate(article.title, 200))}**${sample}\n\`${article.articleId}\` · ${article.paragraphs} ¶ · added by ${who(article.addedBy)}${time}${source}`;
}

/** A Discord user id renders as a mention (it never pings: no reply allows mentions); anything else as text. */
function who(addedBy: string): string {
  return /^\d{17,20}$/.test(addedBy) ? `<@${addedBy}>` : escapeText(truncate(addedBy, 40));
}

/** /article show: every paragraph with its ¶ number, paged; a huge paragraph continues over pages. */
export function renderArticlePages(article: Article): Page[] {
  const title = truncate(escapeText(truncate(article.title, 200)), LIMITS.title);
  const bodies: string[] = [];
  let body = "";
  for (const paragraph of article.paragraphs) {
    const tag =
      paragraph.kind === "caption" ? " *(caption)*" : paragraph.kind === "teaser" ? " *(related link)*" : "";
    const pieces = splitText(paragraph.text, PAGE_BUDGET - 40);
    pieces.forEach((piece, i) => {
      const label = i === 0 ? `**¶${paragraph.n}**${tag}` : `**¶${paragraph.n}** *(continued)*`;
      const block = `${label} ${piece}`;
      if (body && body.length + block.length + 2 > PAGE_BUDGET) {
        bodies.push(body);
        body = "";
      }
      body = body ? `${body}\n\n${block}` : block;
    });
  }
  if (body || bodies.length === 0) bodies.push(body || "*(no paragraphs)*");
  const link = linkTarget(article.source.canonicalUrl ?? article.source.url);
  return bodies.map((description, i) => {
    const embed: APIEmbed = {
      title,
      description,
      color: COLOR,
      footer: {
        text: `Page ${i + 1}/${bodies.length} · ${article.paragraphs.length} ¶ · id ${article.id}`,
      },
    };
    if (link) embed.url = link;
    return { embeds: [embed] };
  });
}

/**
 * Escaped text in pieces of at most `budget` characters, cut between sentences (or words, if must).
 * Sentences are escaped one by one and packed: linear in the text, even for 30,000 characters.
 */
export function splitText(text: string, budget: number): string[] {
  if (text.length <= budget) {
    const whole = escapeText(text);
    if (whole.length <= budget) return [whole];
  }
  const pieces: string[] = [];
  let piece = "";
  const flush = () => {
    if (piece.trim()) pieces.push(piece.trim());
    piece = "";
  };
  for (const span of sentenceSpans(text)) {
    const sentence = escapeText(text.slice(span.start, span.end));
    if (piece.length + sentence.length <= budget) {
      piece += sentence;
      continue;
    }
    flush();
    if (sentence.length <= budget) {
      piece = sentence;
      continue;
    }
    // One sentence longer than a page: cut it at words, marking each cut.
    let at = span.start;
    while (at < span.end) {
      const cut = wordCut(text, at, span.end, budget - 2);
      const part = escapeText(text.slice(at, cut)).trim();
      if (cut >= span.end) piece = part;
      else if (part) pieces.push(`${part} …`);
      at = cut;
    }
  }
  flush();
  return pieces;
}

/** The result of an add, for the moderator who ran it. */
export function renderAdded(result: AddResult): APIEmbed {
  const title = escapeText(truncate(result.title, 200));
  if (result.duplicate) {
    const what = result.duplicateOf === "url" ? "an article from the same URL" : "the same article";
    const where = result.scope === "samples" ? " (a bundled sample)" : "";
    return {
      title: "Already in the library",
      description: `This is ${what}${where}: **${title}** (\`${result.articleId}\`). Nothing was added.`,
      color: 0xfee75c,
    };
  }
  return {
    title: "Article added",
    description: `**${title}**\n\`${result.articleId}\` · ${result.paragraphs} ¶. Ask about it with \`/ask\`.`,
    color: COLOR,
  };
}
