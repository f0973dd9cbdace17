/**
 * The scoring rules of the dev set (`../shared/eval/dev/README.md`): a result is a hit when its
 * paragraph contains an accept phrase, compared case-insensitively after normalising quote marks and
 * whitespace; hit@1 / hit@3 / MRR use the rank of the first hit (MRR counts 0 past the results).
 */
const normalise = (text: string) =>
  text.toLowerCase().replace(/[“”]/g, '"').replace(/[‘’]/g, "'").replace(/\s+/g, " ").trim();

/** Whether a paragraph's text holds one of the accepted phrases. */
export function accepts(text: string, accept: readonly string[]): boolean {
  const haystack = normalise(text);
  return accept.some((phrase) => haystack.includes(normalise(phrase)));
}

/** 1-based rank of the first accepted text, or null. */
export function firstHitRank(texts: readonly string[], accept: readonly string[]): number | null {
  const index = texts.findIndex((text) => accepts(text, accept));
  return index < 0 ? null : index + 1;
}

export interface RankTally {
  questions: number;
  hitAt1: number;
  hitAt3: number;
  mrr: number;
}

export function tallyRanks(ranks: readonly (number | null)[]): RankTally {
  const n = Math.max(1, ranks.length);
  return {
    questions: ranks.length,
    hitAt1: ranks.filter((r) => r === 1).length / n,
    hitAt3: ranks.filter((r) => r !== null && r <= 3).length / n,
    mrr: ranks.reduce<number>((sum, r) => sum + (r ? 1 / r : 0), 0) / n,
  };
}
