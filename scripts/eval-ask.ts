/**
 * `npm run eval -- [set.json…] [--top K] [--json] [--verbose] [--model ID]`
 *
 * Scores /ask, through the same Library facade the CLI uses, on labelled question sets (default: the
 * public dev set and every set under eval/ask/; formats in scripts/eval/sets.ts). Each set's articles
 * go into their own library (cached per set, model and ingest code; see scripts/eval/set-library.ts).
 *
 * Per set: hit@1, hit@3, MRR (scripts/eval/metrics.ts), abstention (unanswerable questions answered
 * `answered: false`) and false abstention (answerable ones answered `answered: false`).
 * These figures are for the shipped ranker, whose weights were fitted on all the labelled sets; the
 * held-out (k-fold, `--folds K`, default 5) figures printed after them refit on each fold's training
 * part, as `npm run fit` does.
 */
import { parseArgs } from "node:util";
import "../src/load-env.ts";
import { LOCAL_SCOPE } from "../src/library/library.ts";
import { accepts, firstHitRank, tallyRanks } from "./eval/metrics.ts";
import {
  collect,
  collectAbstention,
  crossValidate,
  crossValidateAbstention,
  report,
  TRAINING_FALSE_BUDGET,
} from "./eval/ranker-fit.ts";
import { openSetLibrary } from "./eval/set-library.ts";
import { defaultSetPaths, loadSet, type QuestionSet } from "./eval/sets.ts";

export interface SetScore {
  set: string;
  model: string;
  questions: number;
  unanswerable: number;
  hitAt1: number;
  hitAt3: number;
  mrr: number;
  abstention: number;
  falseAbstention: number;
  /** On questions whose first result is right: the share whose highlight holds an accepted phrase. */
  highlight: number;
  msPerQuestion: number;
  misses: { q: string; rank: number | null; answered: boolean; reason?: string; top: string }[];
  wrongAnswers: { q: string; top: string }[];
  /** Unanswerable questions refused, with the reason given (for -v). */
  abstained: { q: string; reason: string }[];
}

async function scoreSet(set: QuestionSet, top: number, model?: string): Promise<SetScore> {
  const library = await openSetLibrary(set, model);
  try {
    const modelId = (await library.model()).id;
    const ranks: (number | null)[] = [];
    const misses: SetScore["misses"] = [];
    const wrongAnswers: SetScore["wrongAnswers"] = [];
    const abstained: SetScore["abstained"] = [];
    let falseAbstentions = 0;
    let highlighted = 0;
    let abstentions = 0;
    const started = performance.now();
    for (const question of set.questions) {
      const result = await library.ask(LOCAL_SCOPE, question.q, { top });
      const rank = firstHitRank(
        result.results.map((r) => r.text),
        question.accept,
      );
      ranks.push(rank);
      if (rank === 1 && accepts(result.results[0]!.highlight, question.accept)) highlighted++;
      if (!result.answered) falseAbstentions++;
      if (rank !== 1 || !result.answered) {
        const top1 = result.results[0];
        misses.push({
          q: question.q,
          rank,
          answered: result.answered,
          ...(result.reason ? { reason: result.reason } : {}),
          top: top1 ? `¶${top1.paragraph} ${top1.text.slice(0, 150)}` : "",
        });
      }
    }
    for (const q of set.unanswerable) {
      const result = await library.ask(LOCAL_SCOPE, q, { top });
      if (!result.answered) {
        abstentions++;
        abstained.push({ q, reason: result.reason ?? "" });
      } else wrongAnswers.push({ q, top: result.results[0]?.text.slice(0, 150) ?? "" });
    }
    const asked = set.questions.length + set.unanswerable.length;
    return {
      set: set.name,
      model: modelId,
      ...tallyRanks(ranks),
      unanswerable: set.unanswerable.length,
      abstention: abstentions / Math.max(1, set.unanswerable.length),
      falseAbstention: falseAbstentions / Math.max(1, set.questions.length),
      highlight: highlighted / Math.max(1, ranks.filter((r) => r === 1).length),
      msPerQuestion: asked > 0 ? (performance.now() - started) / asked : 0,
      misses,
      wrongAnswers,
      abstained,
    };
  } finally {
    await library.close();
  }
}

/**
 * The figures that count: k-fold cross-validation over every question of the sets, folds grouped by
 * article, the ranking weights and the answerability model refitted on each fold's training part.
 */
async function printHeldOut(paths: string[], folds: number, model?: string): Promise<void> {
  const ranking = await collect(paths, undefined, model);
  console.log(`held-out, ${folds}-fold by article (hit@1/hit@3/MRR):`);
  report("  ranking", ranking, crossValidate(ranking, folds));
  const abstention = await collectAbstention(paths, model);
  const { probability, threshold } = crossValidateAbstention(abstention, folds, TRAINING_FALSE_BUDGET);
  const refused = (label: number) => {
    const ids = abstention.map((_, i) => i).filter((i) => abstention[i]!.unanswerable === label);
    return ids.filter((i) => probability[i]! >= threshold[i]!).length / Math.max(1, ids.length);
  };
  console.log(
    `  abstention ${(refused(1) * 100).toFixed(1)}%  false abstention ${(refused(0) * 100).toFixed(1)}% (each fold's threshold from its training part)`,
  );
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      top: { type: "string", default: "10" },
      json: { type: "boolean" },
      verbose: { type: "boolean", short: "v" },
      model: { type: "string" },
      folds: { type: "string", default: "5" },
    },
  });
  const paths = positionals.length > 0 ? positionals : await defaultSetPaths();
  const scores: SetScore[] = [];
  for (const file of paths)
    scores.push(await scoreSet(await loadSet(file), Number(values.top), values.model));
  if (values.json) {
    process.stdout.write(`${JSON.stringify(scores.map(({ misses, wrongAnswers, abstained, ...s }) => s))}\n`);
    return;
  }
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  for (const s of scores) {
    console.log(`${s.set} (${s.model}): ${s.questions} questions, ${s.unanswerable} unanswerable`);
    console.log(
      `  hit@1 ${s.hitAt1.toFixed(3)}  hit@3 ${s.hitAt3.toFixed(3)}  MRR ${s.mrr.toFixed(3)}  highlight ${s.highlight.toFixed(3)}`,
    );
    console.log(
      `  abstention ${pct(s.abstention)}  false abstention ${pct(s.falseAbstention)}  ${s.msPerQuestion.toFixed(1)} ms/question`,
    );
    if (values.verbose) {
      for (const m of s.misses)
        console.log(
          `  MISS rank=${m.rank ?? "-"} answered=${m.answered}${m.reason ? ` (${m.reason})` : ""} ${m.q}\n       top: ${m.top}`,
        );
      for (const w of s.wrongAnswers) console.log(`  ANSWERED-UNANSWERABLE ${w.q}\n       top: ${w.top}`);
      for (const a of s.abstained) console.log(`  ABSTAINED (${a.reason}) ${a.q}`);
    }
  }
  await printHeldOut(paths, Number(values.folds), values.model);
}

await main();
process.exit(0);
