import type { Features } from "./features.ts";
import fitted from "./rank-weights.json" with { type: "json" };

export type Weights = Record<keyof Features, number>;

/**
 * How much each piece of evidence counts: a conditional logit fitted by `npm run fit`
 * (scripts/fit-ranker.ts) on every labelled question set, whose cross-validated figures are in the
 * README. Refit after changing a feature; never edit by hand.
 */
export const RANK_WEIGHTS: Weights = fitted.weights;

export function scoreFeatures(features: Features, weights: Weights = RANK_WEIGHTS): number {
  let total = 0;
  for (const key of Object.keys(weights) as (keyof Features)[]) total += weights[key] * features[key];
  return total;
}
