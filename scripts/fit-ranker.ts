/**
 * `npm run fit -- [--ablate] [--write] [--folds K] [set.json…]`
 *
 * Fits the ranking weights (src/library/search/rank-weights.json) on every labelled question set and
 * says how well they generalise:
 * 1. every question of every set is ranked by the shipped code; each candidate paragraph's features
 *    (features.ts) are recorded, labelled by whether it holds an accept phrase;
 * 2. K-fold cross-validation (default 5), folds grouped by article, so that no article's questions are
 *    both trained and tested on: a conditional logit (scripts/eval/conditional-logit.ts) is fitted on
 *    K − 1 folds and ranks the held-out fold. The figures printed are held-out figures only;
 * 3. `--ablate`: the same cross-validation with each feature left out in turn;
 * 4. `--write`: the weights fitted on all questions go to rank-weights.json (the app's ranking).
 *
 * Candidates are those the shipped code gathers; a question whose answer is not among them counts as
 * a miss in every figure.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import "../src/load-env.ts";
import { SIGNAL_NAMES } from "../src/library/search/answerability.ts";
import { FEATURE_NAMES } from "../src/library/search/features.ts";
import { fitConditionalLogit } from "./eval/conditional-logit.ts";
import { fitLogistic } from "./eval/logistic.ts";
import { tallyRanks } from "./eval/metrics.ts";
import {
  collect,
  collectAbstention,
  crossValidate,
  crossValidateAbstention,
  type Example,
  printMisses,
  report,
  TRAINING_FALSE_BUDGET,
  thresholdFor,
} from "./eval/ranker-fit.ts";
import { defaultSetPaths } from "./eval/sets.ts";

const WEIGHTS_FILE = "src/library/search/rank-weights.json";
const ABSTENTION_FILE = "src/library/search/answerability-weights.json";

/**
 * Backward elimination: drop the feature whose removal costs the least held-out MRR, as long as that
 * is under 0.003 (about one question in 400 moving a rank), and print the path.
 */
function selectFeatures(examples: Example[], folds: number): void {
  const dropped = new Set<number>();
  let current = tallyRanks(crossValidate(examples, folds)).mrr;
  for (;;) {
    let best: { d: number; mrr: number } | undefined;
    for (const d of FEATURE_NAMES.keys()) {
      if (dropped.has(d)) continue;
      const mrr = tallyRanks(crossValidate(examples, folds, new Set([...dropped, d]))).mrr;
      if (!best || mrr > best.mrr) best = { d, mrr };
    }
    if (!best || best.mrr < current - 0.003) break;
    dropped.add(best.d);
    current = Math.max(current, best.mrr);
    report(`  − ${FEATURE_NAMES[best.d]}`, examples, crossValidate(examples, folds, dropped));
  }
  console.log(`kept: ${FEATURE_NAMES.filter((_, d) => !dropped.has(d)).join(", ")}`);
}

/**
 * The answerability model: held-out (k-fold) abstention and false abstention at a range of
 * thresholds, then at the threshold each fold chose on its own training part; with --write, the model
 * fitted on everything, its threshold chosen on the held-out probabilities.
 */
async function fitAbstention(paths: string[], folds: number, write: boolean): Promise<void> {
  const examples = await collectAbstention(paths);
  const labels = examples.map((e) => e.unanswerable);
  const { probability, threshold } = crossValidateAbstention(examples, folds, TRAINING_FALSE_BUDGET);
  const rates = (abstains: (i: number) => boolean) => {
    const pick = (label: number) => examples.map((_, i) => i).filter((i) => labels[i] === label);
    const share = (ids: number[]) => ids.filter(abstains).length / Math.max(1, ids.length);
    return `abstention ${(share(pick(1)) * 100).toFixed(1)}%  false abstention ${(share(pick(0)) * 100).toFixed(1)}%`;
  };
  console.log(
    `${examples.length} questions (${labels.filter((y) => y === 1).length} unanswerable); ${folds}-fold CV grouped by article; held-out figures, rules included`,
  );
  console.log(`  rules alone: ${rates((i) => examples[i]!.ruled)}`);
  for (const t of [0.3, 0.4, 0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9])
    console.log(`  threshold ${t.toFixed(2)}: ${rates((i) => probability[i]! >= t)}`);
  console.log(
    `  each fold's own threshold (≤ ${(TRAINING_FALSE_BUDGET * 100).toFixed(1)}% false on its training part): ${rates((i) => probability[i]! >= threshold[i]!)}`,
  );
  const weighed = examples.filter((e) => !e.ruled);
  const model = fitLogistic(
    weighed.map((e) => e.signals),
    weighed.map((e) => e.unanswerable),
  );
  const shipped = thresholdFor(probability, labels, TRAINING_FALSE_BUDGET);
  console.log(
    `  shipped threshold ${shipped.toFixed(3)}: ${rates((i) => probability[i]! >= shipped)} (chosen on these held-out probabilities)`,
  );
  const weights = Object.fromEntries(
    SIGNAL_NAMES.map((name, d) => [name, Number(model.weights[d]!.toFixed(3))]),
  );
  console.log(`  weights ${JSON.stringify(weights)} intercept ${model.intercept.toFixed(3)}`);
  if (write) {
    writeFileSync(
      ABSTENTION_FILE,
      `${JSON.stringify({ fittedBy: "scripts/fit-ranker.ts --abstain", questions: examples.length, intercept: Number(model.intercept.toFixed(3)), weights, threshold: Number(shipped.toFixed(3)) }, null, 1)}\n`,
    );
    formatted(ABSTENTION_FILE);
    console.log(`wrote ${ABSTENTION_FILE}`);
  }
}

/** The written JSON in the repository's format, so `npm run lint` stays clean after a refit. */
function formatted(file: string): void {
  execFileSync("node_modules/.bin/biome", ["format", "--write", file], { stdio: "ignore" });
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      ablate: { type: "boolean" },
      select: { type: "boolean" },
      abstain: { type: "boolean" },
      misses: { type: "boolean" },
      write: { type: "boolean" },
      folds: { type: "string", default: "5" },
    },
  });
  const folds = Number(values.folds);
  const paths = positionals.length > 0 ? positionals : await defaultSetPaths();
  if (values.abstain) {
    await fitAbstention(paths, folds, Boolean(values.write));
    return;
  }
  const examples = await collect(paths);
  const reachable = examples.filter((e) => e.positives.length > 0).length;
  console.log(
    `${examples.length} questions, ${reachable} with the answer among the candidates; ${folds}-fold CV grouped by article; hit@1/hit@3/MRR (held-out folds)`,
  );
  const heldOut = crossValidate(examples, folds);
  report("fitted", examples, heldOut);
  if (values.misses) printMisses(examples, folds, heldOut);
  if (values.ablate) {
    for (const [d, name] of FEATURE_NAMES.entries()) {
      report(`  − ${name}`, examples, crossValidate(examples, folds, new Set([d])));
    }
  }
  if (values.select) selectFeatures(examples, folds);
  if (values.write) {
    const w = fitConditionalLogit(examples, FEATURE_NAMES.length);
    const weights = Object.fromEntries(FEATURE_NAMES.map((name, d) => [name, Number(w[d]!.toFixed(3))]));
    const sets = [...new Set(examples.map((e) => e.set))];
    writeFileSync(
      WEIGHTS_FILE,
      `${JSON.stringify({ fittedBy: "scripts/fit-ranker.ts", sets, questions: examples.length, weights }, null, 1)}\n`,
    );
    formatted(WEIGHTS_FILE);
    console.log(`wrote ${WEIGHTS_FILE}`);
  }
}

await main();
process.exit(0);
