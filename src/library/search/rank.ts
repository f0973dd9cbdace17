import type { Features } from "./features.ts";

export type Weights = Record<keyof Features, number>;

/**
 * How much each piece of evidence counts. Fitted by coordinate ascent on MRR over the public dev set
 * and a second, held-out question set (`scripts/tune-ranker.ts`), then rounded; the values are
 * deliberately few and coarse so they transfer to other news.
 */
export const RANK_WEIGHTS: Weights = {
  bm25: 0.3,
  dense: 1.5,
  coverage: 0,
  soft: 1,
  sentence: 0.75,
  article: 1,
  title: 2,
  previous: 0.75,
  sentenceDense: 0.2,
  phrase: 0.1,
  focus: 1,
  entities: -1,
  topic: 0.75,
  answerType: 0.5,
  speaker: 0.1,
  speakerTopic: 1.5,
  lead: -0.25,
  caption: -0.5,
};

export function scoreFeatures(features: Features, weights: Weights = RANK_WEIGHTS): number {
  let total = 0;
  for (const key of Object.keys(weights) as (keyof Features)[]) total += weights[key] * features[key];
  return total;
}
