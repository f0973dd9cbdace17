/**
 * The pieces of `npm run fit` (scripts/fit-ranker.ts): labelled ranking examples from the shipped
 * ranker, grouped k-fold cross-validation of a conditional logit over them, and the held-out report.
 */
import { LOCAL_SCOPE } from "../../src/library/library.ts";
import { answerabilitySignals, ruledOut, SIGNAL_NAMES } from "../../src/library/search/answerability.ts";
import { rankParagraphs, type ScoredCandidate } from "../../src/library/search/ask.ts";
import { FEATURE_NAMES } from "../../src/library/search/features.ts";
import { fitConditionalLogit, groupFolds, type RankingExample, score } from "./conditional-logit.ts";
import { fitLogistic, predictLogistic } from "./logistic.ts";
import { accepts, tallyRanks } from "./metrics.ts";
import { openSetLibrary } from "./set-library.ts";
import { loadSet } from "./sets.ts";

/** MRR and hits count the first 10 results, as `npm run eval` does. */
const TOP = 10;

export interface Example extends RankingExample {
  set: string;
  group: string;
  q: string;
  /** "¶n text" of each candidate, for --misses. */
  texts: string[];
}

/**
 * Every question of every set, ranked by the shipped code, as examples. `extra` adds feature columns
 * (for trying a feature before it is built in).
 */
export async function collect(
  paths: string[],
  extra?: (question: string, candidates: ScoredCandidate[]) => Promise<number[][]>,
  model?: string,
): Promise<Example[]> {
  const examples: Example[] = [];
  for (const file of paths) {
    const set = await loadSet(file);
    const library = await openSetLibrary(set, model);
    const { stores, embedder } = await library.searchContext(LOCAL_SCOPE);
    for (const question of set.questions) {
      const { candidates } = await rankParagraphs(question.q, stores, embedder);
      const more = extra ? await extra(question.q, candidates) : undefined;
      examples.push({
        set: set.name,
        group: question.article,
        q: question.q,
        texts: candidates.map(
          (c) => `${c.article.title.slice(0, 40)} ¶${c.paragraph.n}: ${c.paragraph.text}`,
        ),
        rows: candidates.map((c, i) =>
          Float64Array.from([...FEATURE_NAMES.map((name) => c.features[name]), ...(more?.[i] ?? [])]),
        ),
        positives: candidates.flatMap((c, i) => (accepts(c.paragraph.text, question.accept) ? [i] : [])),
      });
    }
    await library.close();
  }
  return examples;
}

export function rankOf(example: RankingExample, w: ArrayLike<number>): number | null {
  if (example.positives.length === 0) return null;
  const scores = example.rows.map((row) => score(row, w));
  const best = Math.max(...example.positives.map((i) => scores[i]!));
  // Ties count against: the ranker's order among equal scores is not the label's.
  const rank = 1 + scores.filter((s) => s >= best).length - 1;
  return rank <= TOP ? rank : null;
}

export function crossValidate(examples: Example[], folds: number, frozen?: Set<number>): (number | null)[] {
  const fold = groupFolds(
    examples.map((e) => e.group),
    folds,
  );
  const ranks: (number | null)[] = new Array(examples.length).fill(null);
  for (let k = 0; k < folds; k++) {
    const train = examples.filter((_, i) => fold[i] !== k);
    const w = fitConditionalLogit(train, dimsOf(examples), frozen ? { frozen } : {});
    examples.forEach((e, i) => {
      if (fold[i] === k) ranks[i] = rankOf(e, w);
    });
  }
  return ranks;
}

export function report(label: string, examples: Example[], ranks: (number | null)[]): void {
  const sets = [...new Set(examples.map((e) => e.set))];
  const row = (name: string, pick: (e: Example) => boolean) => {
    const t = tallyRanks(ranks.filter((_, i) => pick(examples[i]!)));
    return `${name} ${t.hitAt1.toFixed(3)}/${t.hitAt3.toFixed(3)}/${t.mrr.toFixed(3)}`;
  };
  console.log(
    `${label.padEnd(16)} ${row("all", () => true)}  ${sets.map((s) => row(s, (e) => e.set === s)).join("  ")}`,
  );
}

/** Held-out misses: what ranked first, and where the answer was. */
export function printMisses(examples: Example[], folds: number, ranks: (number | null)[]): void {
  const fold = groupFolds(
    examples.map((e) => e.group),
    folds,
  );
  const weights = Array.from({ length: folds }, (_, k) =>
    fitConditionalLogit(
      examples.filter((_, i) => fold[i] !== k),
      dimsOf(examples),
    ),
  );
  examples.forEach((e, i) => {
    if (ranks[i] === 1) return;
    const scores = e.rows.map((row) => score(row, weights[fold[i]!]!));
    const top = scores.indexOf(Math.max(...scores));
    console.log(`MISS rank=${ranks[i] ?? "-"} [${e.set}] ${e.q}`);
    console.log(`   top: ${e.texts[top]!.slice(0, 220)}`);
    for (const p of e.positives.slice(0, 1)) console.log(`   want: ${e.texts[p]!.slice(0, 220)}`);
  });
}

export function dimsOf(examples: readonly RankingExample[]): number {
  return examples.find((e) => e.rows.length > 0)?.rows[0]?.length ?? FEATURE_NAMES.length;
}

/** Abstention may wrongly refuse at most this share of answerable questions (the target). */
export const MAX_FALSE_ABSTENTION = 0.03;
/** What a fold's threshold allows on its own training part: a margin under the target for new data. */
export const TRAINING_FALSE_BUDGET = 0.8 * MAX_FALSE_ABSTENTION;

export interface AbstentionExample {
  set: string;
  group: string;
  q: string;
  /** 1 for a question the articles do not answer. */
  unanswerable: number;
  /** Refused by a rule before any weighing (answerability.ts ruledOut): not fitted on. */
  ruled: boolean;
  signals: number[];
}

/** Every question, answerable or not, with the signals abstention reads (answerability.ts). */
export async function collectAbstention(paths: string[], model?: string): Promise<AbstentionExample[]> {
  const examples: AbstentionExample[] = [];
  for (const file of paths) {
    const set = await loadSet(file);
    const library = await openSetLibrary(set, model);
    const { stores, embedder } = await library.searchContext(LOCAL_SCOPE);
    const questions = [
      ...set.questions.map((q) => ({ q: q.q, group: q.article, unanswerable: 0 })),
      ...set.unanswerable.map((q, i) => ({ q, group: `${set.name}:unanswerable-${i}`, unanswerable: 1 })),
    ];
    for (const question of questions) {
      const { prepared, candidates } = await rankParagraphs(question.q, stores, embedder);
      const signals = answerabilitySignals(prepared, candidates, stores);
      examples.push({
        set: set.name,
        ...question,
        ruled: ruledOut(prepared, candidates, stores) !== undefined,
        signals: SIGNAL_NAMES.map((name) => signals[name]),
      });
    }
    await library.close();
  }
  return examples;
}

/** The lowest threshold whose false abstention on these (answerable) probabilities stays ≤ `maxFalse`. */
export function thresholdFor(probabilities: number[], labels: number[], maxFalse: number): number {
  const answerable = probabilities.filter((_, i) => labels[i] === 0).sort((a, b) => b - a);
  const allowed = Math.floor(maxFalse * answerable.length);
  return (answerable[allowed] ?? 0) + 1e-9;
}

/** Held-out probabilities of being unanswerable, and each fold's threshold chosen on its training part. */
export function crossValidateAbstention(
  examples: AbstentionExample[],
  folds: number,
  maxFalse: number,
): { probability: number[]; threshold: number[] } {
  const fold = groupFolds(
    examples.map((e) => e.group),
    folds,
  );
  const probability = new Array<number>(examples.length).fill(0);
  const threshold = new Array<number>(examples.length).fill(1);
  for (let k = 0; k < folds; k++) {
    const train = examples.filter((e, i) => fold[i] !== k && !e.ruled);
    const model = fitLogistic(
      train.map((e) => e.signals),
      train.map((e) => e.unanswerable),
    );
    const cut = thresholdFor(
      train.map((e) => predictLogistic(model, e.signals)),
      train.map((e) => e.unanswerable),
      maxFalse,
    );
    examples.forEach((e, i) => {
      if (fold[i] !== k) return;
      probability[i] = e.ruled ? 1 : predictLogistic(model, e.signals);
      threshold[i] = cut;
    });
  }
  return { probability, threshold };
}
