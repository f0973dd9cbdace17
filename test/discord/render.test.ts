import type { APIEmbed } from "discord.js";
import { describe, expect, it } from "vitest";
import { renderExcerpt } from "../../src/discord/excerpt.ts";
import { fitEmbeds, totalEmbedLength, truncate } from "../../src/discord/limits.ts";
import { citation, escapeText } from "../../src/discord/markdown.ts";
import { renderArticlePages, renderListPages } from "../../src/discord/render-articles.ts";
import { renderAskPages } from "../../src/discord/render-ask.ts";
import { renderQuotePages } from "../../src/discord/render-quotes.ts";
import type { QuotesResult } from "../../src/library/quotes/types.ts";
import type { AskHit, AskResult } from "../../src/library/search/ask.ts";
import type { Article } from "../../src/library/types.ts";
import { expectBalancedBold, expectWithinDiscordLimits } from "./helpers/limits.ts";

const sentences = (n: number, word = "Volunteers") =>
  Array.from({ length: n }, (_, i) => `${word} counted birds on ridge ${i + 1} before dawn.`).join(" ");
const RUN_ON = "wombat tunnel ".repeat(2200).trim(); // ~30,800 characters, no sentence end
const BIG = `${sentences(200)} The census found 4,211 quokkas. ${sentences(200)}`; // ~30,000 characters

function hit(text: string, highlight: string, paragraph = 1): AskHit {
  const start = Math.max(0, text.indexOf(highlight));
  return {
    articleId: "abcdef123456",
    title: "Census *results* [final]",
    paragraph,
    text,
    highlight,
    highlightSpans: [{ start, end: start + highlight.length }],
    score: 0.5,
    url: "https://news.example/story_(1)",
    scope: "123456789012345678",
  };
}

describe("renderExcerpt", () => {
  it("returns a short paragraph whole, escaped, with the highlight in bold", () => {
    const text = "Officials met. The *vote* passed 7-2. Everyone left.";
    expect(renderExcerpt(text, [{ start: 15, end: 37 }], 500)).toBe(
      "Officials met. **The \\*vote\\* passed 7-2.** Everyone left.",
    );
  });

  it("cuts a 30,000-character paragraph at sentences around the highlight, marking cuts with …", () => {
    const start = BIG.indexOf("The census");
    const out = renderExcerpt(BIG, [{ start, end: start + "The census found 4,211 quokkas.".length }], 1000);
    expect(out.length).toBeLessThanOrEqual(1000);
    expect(out).toContain("**The census found 4,211 quokkas.**");
    expect(out).toMatch(/^… Volunteers counted birds/);
    expect(out).toMatch(/before dawn\. …$/);
    expectBalancedBold(out);
  });

  it("cuts a single 30,000-character sentence at a word, bold closed", () => {
    const out = renderExcerpt(RUN_ON, [{ start: 0, end: RUN_ON.length }], 1000);
    expect(out.length).toBeLessThanOrEqual(1000);
    expect(out).toMatch(/^\*\*wombat tunnel.*tunnel\*\* …$|^\*\*wombat tunnel.*wombat\*\* …$/s);
    expectBalancedBold(out);
  });

  it("never splits a surrogate pair or leaves a dangling escape", () => {
    const text = "🐨".repeat(3000);
    const out = renderExcerpt(text, [], 101);
    expect(out.length).toBeLessThanOrEqual(101);
    expect(out).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    const stars = "*".repeat(5000);
    const escaped = renderExcerpt(stars, [], 301);
    expect(escaped.length).toBeLessThanOrEqual(301);
    expect(escaped.replace(/ …$/, "")).toMatch(/^(\\\*)+$/);
  });
});

describe("escaping and citations", () => {
  it("escapes Markdown and mention syntax in article text", () => {
    const escaped = escapeText(
      "# Head\n> quote\n- item\n**b** __u__ ~~s~~ ||sp|| `c` [l](https://x.example) <@123> <@&45> <#67> @everyone",
    );
    expect(escaped).toBe(
      "\\# Head\n\\> quote\n\\- item\n\\*\\*b\\*\\* \\_\\_u\\_\\_ \\~\\~s\\~\\~ \\|\\|sp\\|\\| \\`c\\` \\[l](https://x.example) \\<@123> \\<@&45> \\<#67> @everyone",
    );
  });

  it("cites *title* — ¶n, linked without preview; odd URLs are encoded or dropped", () => {
    expect(citation(hit("x", "x", 4))).toBe(
      "[*Census \\*results\\* \\[final\\]* — ¶4](<https://news.example/story_%281%29>)",
    );
    expect(citation({ title: "T", paragraph: 2, url: "javascript:alert(1)" })).toBe("*T* — ¶2");
    expect(citation({ title: "T", paragraph: 2, scope: "samples" })).toBe("*T* — ¶2 (sample)");
    expect(citation({ title: "x".repeat(5000), paragraph: 1 }).length).toBeLessThan(200);
  });
});

describe("fitEmbeds", () => {
  it("enforces every embed limit, and 6000 characters across the message", () => {
    const huge = "**bold** ".repeat(2000);
    const embeds: APIEmbed[] = Array.from({ length: 12 }, () => ({
      title: huge,
      description: huge,
      footer: { text: huge },
      author: { name: huge },
      fields: Array.from({ length: 30 }, () => ({ name: huge, value: huge })),
    }));
    const fitted = fitEmbeds(embeds);
    expect(totalEmbedLength(fitted)).toBeLessThanOrEqual(6000);
    expectWithinDiscordLimits({ embeds: fitted });
  });

  it("truncate ends with … and closes bold", () => {
    expect(truncate("**a very long bold sentence here**", 12)).toMatch(/^\*\*a very\*\*…$/);
    expect(truncate("short", 10)).toBe("short");
  });
});

describe("page renderers with 30,000-character text", () => {
  const ask = (answered: boolean, hits: AskHit[]): AskResult => ({
    question: "how many quokkas",
    answered,
    results: hits,
    method: "hybrid",
    ...(answered ? {} : { reason: "No article mentions quokkas with a number." }),
  });

  it("/ask: every page within limits, even when all nine passages are huge", () => {
    const hits = Array.from({ length: 9 }, (_, i) =>
      hit(i % 2 ? RUN_ON : BIG, i % 2 ? "wombat" : "The census found 4,211 quokkas.", i + 1),
    );
    const pages = renderAskPages(ask(true, hits), undefined);
    expect(pages).toHaveLength(3);
    for (const page of pages) expectWithinDiscordLimits(page);
  });

  it("/ask: says plainly when not answered and labels passages as closest", () => {
    const [page] = renderAskPages(
      ask(false, [hit(BIG, "The census found 4,211 quokkas."), hit("Other.", "Other.")]),
      undefined,
    );
    expect(page!.embeds[0]!.description).toMatch(
      /^\*\*The articles here don't answer that\.\*\* No article mentions/,
    );
    expect(page!.embeds[0]!.fields![0]!.name).toContain("Closest passage (not an answer)");
    const [empty] = renderAskPages(ask(false, []), undefined);
    expect(empty!.embeds[0]!.description).toContain("no articles to search");
  });

  it("/quotes: long and many quotes page within limits", () => {
    const result: QuotesResult = {
      speaker: "quist",
      matched: ["Helen Quist"],
      message: "Helen Quist is quoted 41 times in 1 article.",
      quotes: Array.from({ length: 41 }, (_, i) => ({
        articleId: "abcdef123456",
        title: "Mayor's plan",
        paragraph: i + 1,
        text: i === 40 ? BIG : `Plan ${i} keeps every route open through the winter.`,
        type: i % 3 === 0 ? ("reported" as const) : ("direct" as const),
        speaker: "Helen Quist",
        cue: "said",
      })),
    };
    const pages = renderQuotePages(result);
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expectWithinDiscordLimits(page);
    expect(pages[0]!.embeds[0]!.description).toMatch(
      /^Helen Quist is quoted 41 times in 1 article\.\n\n\*\*Direct quotes\*\*/,
    );
  });

  it("/article show: a run-on paragraph continues over pages, none over the limit, no text lost", () => {
    const article: Article = {
      id: "abcdef123456",
      title: "Tunnels",
      scope: "123456789012345678",
      contentHash: "h",
      addedBy: "1",
      addedAt: new Date().toISOString(),
      source: { kind: "text" },
      paragraphs: [
        { n: 1, text: RUN_ON, kind: "body", sentences: [{ start: 0, end: RUN_ON.length }] },
        { n: 2, text: "READ: more tunnels", kind: "teaser", sentences: [{ start: 0, end: 18 }] },
      ],
    };
    const pages = renderArticlePages(article);
    expect(pages.length).toBeGreaterThanOrEqual(8);
    for (const page of pages) expectWithinDiscordLimits(page);
    const words = pages
      .map((p) => p.embeds[0]!.description!)
      .join(" ")
      .match(/wombat|tunnel/g)!.length;
    expect(words).toBe(4400 + 1); // every word of ¶1, plus the headline word… of ¶2's "tunnels"
    expect(pages.at(-1)!.embeds[0]!.description).toContain("**¶2** *(related link)* READ: more tunnels");
  });

  it("/article list: ten a page", () => {
    const articles = Array.from({ length: 23 }, (_, i) => ({
      articleId: `id${i}`.padEnd(12, "0"),
      title: `Story ${i} <@123>`,
      paragraphs: 3,
      source: "pasted text",
      addedAt: new Date(0).toISOString(),
      addedBy: "1000000000000000001",
      scope: "123456789012345678",
    }));
    const pages = renderListPages(articles);
    expect(pages).toHaveLength(3);
    expect(pages[0]!.embeds[0]!.description).toContain("Story 0 \\<@123>");
  });
});
