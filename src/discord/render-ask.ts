import type { APIEmbed, APIEmbedField } from "discord.js";
import type { AskHit, AskResult, ModelInfo } from "../library/library.ts";
import { renderExcerpt } from "./excerpt.ts";
import type { FeedbackPassage } from "./feedback.ts";
import { LIMITS, truncate } from "./limits.ts";
import { citation, escapeText } from "./markdown.ts";
import type { Page } from "./pagination.ts";

/** How many passages /ask fetches (three pages of three: "More results" pages through them). */
export const ASK_TOP = 9;
export const HITS_PER_PAGE = 3;

/** The top excerpt's share of the description; the rest of the message stays well under 6000. */
const TOP_EXCERPT_BUDGET = 2400;
export const COLOR_ANSWER = 0x5865f2;
export const COLOR_NO_ANSWER = 0x99aab5;

/**
 * /ask as embeds, one page per three passages. Page 1: the best excerpt (answering sentence in bold)
 * with its ¶ citation in the description and two more as fields; the footer says how it was found.
 * When the articles don't answer, the reply says so first and labels every passage as merely closest.
 */
export function renderAskPages(result: AskResult, model: ModelInfo | undefined): Page[] {
  const title = truncate(escapeText(truncate(result.question, 200)), LIMITS.title);
  if (result.results.length === 0) {
    return [
      {
        embeds: [
          {
            title,
            description:
              "There are no articles to search here yet. A moderator can add one with `/article add`.",
            color: COLOR_NO_ANSWER,
          },
        ],
        passages: [],
      },
    ];
  }
  const pages: Page[] = [];
  const total = result.results.length;
  for (let first = 0; first < total; first += HITS_PER_PAGE) {
    const hits = result.results.slice(first, first + HITS_PER_PAGE);
    const range = `Results ${first + 1}–${first + hits.length} of ${total}`;
    const embed: APIEmbed = {
      title,
      description: description(result, hits[0]!, first === 0),
      color: result.answered ? COLOR_ANSWER : COLOR_NO_ANSWER,
      fields: hits.slice(1).map((hit, i) => field(hit, first + i + 2, result.answered)),
      footer: { text: `${range} · ${howFound(result, model)}` },
    };
    pages.push({ embeds: [embed], passages: hits.map(passage) });
  }
  return pages;
}

function description(result: AskResult, hit: AskHit, firstPage: boolean): string {
  const parts: string[] = [];
  if (firstPage && result.note) parts.push(`*${escapeText(result.note)}*`);
  if (!result.answered) {
    const reason = result.reason ? ` ${escapeText(truncate(result.reason, 300))}` : "";
    parts.push(
      `**The articles here don't answer that.**${reason}\nThe closest passages follow; they do not answer the question.`,
    );
    parts.push("__Closest passage__");
  }
  const cite = `— ${citation(hit)}`;
  const budget = TOP_EXCERPT_BUDGET - cite.length;
  parts.push(`${renderExcerpt(hit.text, hit.highlightSpans, budget)}\n${cite}`);
  return parts.join("\n\n");
}

function field(hit: AskHit, rank: number, answered: boolean): APIEmbedField {
  const cite = `— ${citation(hit)}`;
  const budget = LIMITS.fieldValue - cite.length - 1;
  return {
    name: answered ? `${rank}. Also relevant` : `${rank}. Closest passage (not an answer)`,
    value: `${renderExcerpt(hit.text, hit.highlightSpans, budget)}\n${cite}`,
  };
}

/** The footer's account of how the passages were found. */
export function howFound(result: Pick<AskResult, "method">, model: ModelInfo | undefined): string {
  const method =
    result.method === "hybrid+reranker"
      ? "found by meaning and keywords, re-ranked by a cross-encoder"
      : "found by meaning and keywords (hybrid search)";
  if (!model) return method;
  return `${method} · model ${model.id}`;
}

function passage(hit: AskHit): FeedbackPassage {
  return {
    articleId: hit.articleId,
    title: hit.title,
    paragraph: hit.paragraph,
    score: hit.score,
    highlight: hit.highlight,
  };
}
