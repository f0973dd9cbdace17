import { contentHashOf } from "./articles/identify.ts";
import { quoteValue, UserError } from "./errors.ts";
import type { FeedSubscription } from "./feeds/types.ts";
import type { Article } from "./types.ts";

/**
 * One scope's articles, whole, as a JSON file: how a Discord server's library moves to another host
 * when shards are spread over machines and the shard count changes (see the README). It carries the
 * articles' text and identity, not their vectors: the importing library embeds them with its own
 * model, so the two hosts need not share a model or a store format version.
 */
export const EXPORT_FORMAT = "byline-scope-export";
export const EXPORT_VERSION = 1;

export interface ScopeExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  scope: string;
  exportedAt: string;
  articles: Article[];
  /** The server's feed subscriptions with what they have seen (absent in exports made before feeds). */
  feeds?: FeedSubscription[];
}

const bad = (message: string) => new UserError("BAD_EXPORT", message);

/**
 * Checks a parsed export file before anything is written: its format and version, and every
 * article's shape and identity (the id and hash are recomputed from the text, so a damaged or edited
 * file is refused rather than stored under an id that no longer matches its words).
 */
export function checkScopeExport(value: unknown, file: string): ScopeExport {
  const name = quoteValue(file);
  const data = value as Partial<ScopeExport> | null;
  if (!data || typeof data !== "object" || data.format !== EXPORT_FORMAT) {
    throw bad(`${name} is not a Byline export (made by the export command).`);
  }
  if (data.version !== EXPORT_VERSION) {
    throw bad(
      `${name} is export version ${String(data.version)}; this Byline reads version ${EXPORT_VERSION}.`,
    );
  }
  if (typeof data.scope !== "string" || !Array.isArray(data.articles)) {
    throw bad(`${name} is incomplete: it has no scope or no article list.`);
  }
  for (const [i, article] of data.articles.entries()) checkArticle(article, `${name}, article ${i + 1}`);
  if (data.feeds !== undefined) {
    const shaped =
      Array.isArray(data.feeds) &&
      data.feeds.every(
        (f) =>
          f &&
          typeof f.id === "string" &&
          typeof f.url === "string" &&
          typeof f.nextPollAt === "string" &&
          Array.isArray(f.items),
      );
    if (!shaped) throw bad(`${name} has a damaged feed list.`);
  }
  return data as ScopeExport;
}

function checkArticle(article: Article, where: string): void {
  const shaped =
    article &&
    typeof article === "object" &&
    typeof article.id === "string" &&
    typeof article.title === "string" &&
    typeof article.contentHash === "string" &&
    typeof article.addedAt === "string" &&
    typeof article.addedBy === "string" &&
    article.source &&
    typeof article.source === "object" &&
    Array.isArray(article.paragraphs) &&
    article.paragraphs.length > 0 &&
    article.paragraphs.every(
      (p) => p && typeof p.text === "string" && typeof p.n === "number" && Array.isArray(p.sentences),
    );
  if (!shaped) throw bad(`${where} is not a whole article (title, paragraphs, source, id).`);
  const hash = contentHashOf(article);
  if (hash !== article.contentHash || article.id !== hash.slice(0, 12)) {
    throw bad(
      `${where} (${quoteValue(article.title, 80)}) does not match its id: the file was changed or damaged.`,
    );
  }
}
