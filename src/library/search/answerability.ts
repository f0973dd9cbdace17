import type { ScopeStore } from "../store/scope-store.ts";
import type { ScoredCandidate } from "./ask.ts";
import type { PreparedQuestion } from "./features.ts";
import { profileArticle } from "./profiles.ts";

export interface Verdict {
  answered: boolean;
  /** Why not, for users: "no article mentions Boris Johnson". */
  reason?: string;
}

/** Below this share of the question's weighted terms (soft-matched) the top paragraph is not an answer. */
export const MIN_SOFT_COVERAGE = 0.5;

/**
 * Decides whether the best paragraph answers the question, from evidence that can be explained:
 * the names in the question must exist in the library; a "what did X say" question needs X quoted;
 * and the top paragraph (with its context) must cover enough of the question's weighted terms.
 */
export function judgeAnswerable(
  q: PreparedQuestion,
  ranked: ScoredCandidate[],
  stores: ScopeStore[],
): Verdict {
  const top = ranked[0];
  if (!top) return { answered: false, reason: "the library has no articles" };
  if (q.terms.length === 0) return { answered: false, reason: "the question has no words to search for" };
  const missing = q.terms.filter((t) => t.entity && !anyArticleHas(stores, t.stem));
  if (missing.length > 0) {
    return { answered: false, reason: `no article mentions ${missing.map((t) => t.word).join(", ")}` };
  }
  if (q.speaker && top.features.speaker < 1 && ranked.slice(0, 3).every((c) => c.features.speaker < 1)) {
    return { answered: false, reason: `no article quotes ${q.analysis.speaker}` };
  }
  const evidence = Math.max(top.features.soft, 0.5 * top.features.soft + 0.5 * top.features.article);
  if (evidence < MIN_SOFT_COVERAGE)
    return { answered: false, reason: "no passage covers what the question asks" };
  return { answered: true };
}

function anyArticleHas(stores: ScopeStore[], stem: string): boolean {
  for (const store of stores) {
    if (store.keywords.documentFrequency(stem) > 0) return true;
    for (const { stored } of store.articles.values()) {
      if (profileArticle(stored.article, stored.quotes).titleStems.has(stem)) return true;
    }
  }
  return false;
}
