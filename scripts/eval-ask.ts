/**
 * `npm run eval -- <set.json>… [--articles DIR]… [--top K] [--json] [--verbose] [--model ID]`
 *
 * Scores /ask on question sets in the dev-set format (`../shared/eval/dev/README.md`):
 *   {"questions":[{"q","file","accept":[…]}…], "unanswerable":["…"…]}
 * The articles of a set are read from `<set folder>/articles/` (or every `--articles DIR`) and added
 * to a fresh temporary library (no samples), then every question is asked through the same Library
 * facade the CLI uses.
 *
 * Metrics (the CEO's definitions):
 * - a result is a hit when its paragraph text contains any `accept` phrase, compared
 *   case-insensitively after normalising quote marks (“ ” ‘ ’ → " ') and runs of whitespace;
 * - hit@1 / hit@3: the first hit is at rank ≤ 1 / ≤ 3; MRR: mean of 1/rank of the first hit (0 if
 *   none in the returned results; `--top`, default 10, results are requested);
 * - abstention: share of `unanswerable` questions answered with `answered: false`;
 * - false abstention: share of answerable questions answered with `answered: false`.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import "../src/load-env.ts";
import { openLibrary } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { LOCAL_SCOPE } from "../src/library/library.ts";
import { silentLogger } from "../src/library/log.ts";
import type { AskResult } from "../src/library/search/ask.ts";

interface QuestionSet {
  questions: { q: string; file: string; accept: string[] }[];
  unanswerable?: string[];
}

export interface SetScore {
  set: string;
  questions: number;
  unanswerable: number;
  hitAt1: number;
  hitAt3: number;
  mrr: number;
  abstention: number;
  falseAbstention: number;
  msPerQuestion: number;
  misses: { q: string; rank: number | null; answered: boolean; top: string }[];
  wrongAnswers: { q: string; top: string }[];
}

const normalise = (text: string) =>
  text.toLowerCase().replace(/[“”]/g, '"').replace(/[‘’]/g, "'").replace(/\s+/g, " ").trim();

export function firstHitRank(result: AskResult, accept: string[]): number | null {
  const phrases = accept.map(normalise);
  const index = result.results.findIndex((hit) => {
    const text = normalise(hit.text);
    return phrases.some((phrase) => text.includes(phrase));
  });
  return index < 0 ? null : index + 1;
}

async function scoreSet(file: string, articleDirs: string[], top: number, model?: string): Promise<SetScore> {
  const set = JSON.parse(await fs.readFile(file, "utf8")) as QuestionSet;
  const dirs = articleDirs.length > 0 ? articleDirs : [path.join(path.dirname(file), "articles")];
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "byline-eval-"));
  const library = await openLibrary(loadConfig(), silentLogger, {
    dataDir,
    samples: false,
    ...(model ? { model } : {}),
  });
  try {
    for (const dir of dirs) {
      for (const name of (await fs.readdir(dir)).filter((n) => /\.(txt|md|html?)$/i.test(n)).sort()) {
        await library.add(LOCAL_SCOPE, {
          input: { kind: "file", path: path.join(dir, name) },
          addedBy: "eval",
        });
      }
    }
    const score: SetScore = {
      set: path.basename(file),
      questions: set.questions.length,
      unanswerable: set.unanswerable?.length ?? 0,
      hitAt1: 0,
      hitAt3: 0,
      mrr: 0,
      abstention: 0,
      falseAbstention: 0,
      msPerQuestion: 0,
      misses: [],
      wrongAnswers: [],
    };
    const started = performance.now();
    for (const question of set.questions) {
      const result = await library.ask(LOCAL_SCOPE, question.q, { top });
      const rank = firstHitRank(result, question.accept);
      if (rank === 1) score.hitAt1++;
      if (rank !== null && rank <= 3) score.hitAt3++;
      if (rank !== null) score.mrr += 1 / rank;
      if (!result.answered) score.falseAbstention++;
      if (rank !== 1 || !result.answered) {
        score.misses.push({
          q: question.q,
          rank,
          answered: result.answered,
          top: result.results[0]?.text.slice(0, 160) ?? "",
        });
      }
    }
    for (const q of set.unanswerable ?? []) {
      const result = await library.ask(LOCAL_SCOPE, q, { top });
      if (!result.answered) score.abstention++;
      else score.wrongAnswers.push({ q, top: result.results[0]?.text.slice(0, 160) ?? "" });
    }
    const asked = score.questions + score.unanswerable;
    score.msPerQuestion = asked > 0 ? (performance.now() - started) / asked : 0;
    const n = Math.max(1, score.questions);
    score.hitAt1 /= n;
    score.hitAt3 /= n;
    score.mrr /= n;
    score.falseAbstention /= n;
    score.abstention /= Math.max(1, score.unanswerable);
    return score;
  } finally {
    await library.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      articles: { type: "string", multiple: true },
      top: { type: "string", default: "10" },
      json: { type: "boolean" },
      verbose: { type: "boolean", short: "v" },
      model: { type: "string" },
    },
  });
  const sets = positionals.length > 0 ? positionals : ["../shared/eval/dev/dev-qa.json"];
  const scores: SetScore[] = [];
  for (const set of sets)
    scores.push(await scoreSet(set, values.articles ?? [], Number(values.top), values.model));
  if (values.json) {
    process.stdout.write(`${JSON.stringify(scores.map(({ misses, wrongAnswers, ...s }) => s))}\n`);
    return;
  }
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  for (const s of scores) {
    console.log(`${s.set}: ${s.questions} questions, ${s.unanswerable} unanswerable`);
    console.log(`  hit@1 ${s.hitAt1.toFixed(3)}  hit@3 ${s.hitAt3.toFixed(3)}  MRR ${s.mrr.toFixed(3)}`);
    console.log(
      `  abstention ${pct(s.abstention)}  false abstention ${pct(s.falseAbstention)}  ${s.msPerQuestion.toFixed(1)} ms/question`,
    );
    if (values.verbose) {
      for (const m of s.misses)
        console.log(`  MISS rank=${m.rank ?? "-"} answered=${m.answered} ${m.q}\n       top: ${m.top}`);
      for (const w of s.wrongAnswers) console.log(`  ANSWERED-UNANSWERABLE ${w.q}\n       top: ${w.top}`);
    }
  }
}

await main();
process.exit(0);
