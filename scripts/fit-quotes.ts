/**
 * `npm run fit:quotes -- [--write] [--folds K] [--repeats R] [--precision P] [--misses] [--dump FILE] [--drop FEATURE]…`
 *
 * Fits the second-chance speaker model (src/library/quotes/second-chance.ts) on PolNeAR's training
 * articles, the development four fifths only (the held-back fifth is never read here):
 * 1. every article is extracted without the model; each quotation no rule credited is recorded with its
 *    candidates' evidence (a "nobody" row first);
 * 2. labels come from the annotations: the relation whose content holds the quotation names a source,
 *    and the candidate whose name contains that source's surname is right. A quotation inside no
 *    relation is nobody's (a title, a scare quote); one whose relation's source is not a name ("he",
 *    "a source") teaches nothing and is left out; one whose named source is no candidate is nobody's
 *    too, because crediting anyone there is wrong;
 * 3. K-fold cross-validation (default 5) grouped by article, repeated over R random fold assignments
 *    (default 5) and pooled: a conditional logit is fitted on K − 1 folds and judges the held-out fold. For each confidence threshold the held-out credits, right and
 *    wrong, are printed; the threshold kept is the lowest whose held-out precision is at least P
 *    (default 0.9), since a wrong credit is worse than a miss;
 * 4. `--write`: weights fitted on every example, with that threshold, go to second-chance-weights.json.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { parsePlainText } from "../src/library/ingest/structure.ts";
import { extractForFitting } from "../src/library/quotes/extract.ts";
import { FEATURES, probabilities } from "../src/library/quotes/second-chance.ts";
import { fitConditionalLogit, groupFolds, type RankingExample } from "./eval/conditional-logit.ts";
import { isHeldBack, POLNEAR_TRAIN, readPolnear, sourceSurname, tokenSet } from "./eval-quotes.ts";

const WEIGHTS_FILE = "src/library/quotes/second-chance-weights.json";

interface Labelled {
  doc: string;
  text: string;
  /** The sentence the quotation stands in, for reading errors (--dump). */
  sentence: string;
  /**
   * What the annotation says: a named candidate spoke ("named"); the source is named but no candidate
   * ("absent"); no relation holds the quotation ("none": a title, a scare quote, or unannotated words).
   */
  label: "named" | "absent" | "none";
  names: string[][];
  rows: number[][];
  /** Index of the right row (0 = nobody). */
  answer: number;
}

function share(part: Set<string>, whole: Set<string>): number {
  if (part.size === 0) return 0;
  let n = 0;
  for (const t of part) if (whole.has(t)) n++;
  return n / part.size;
}

function collect(): Labelled[] {
  const out: Labelled[] = [];
  const seen = new Set<string>();
  for (const row of readPolnear(POLNEAR_TRAIN)) {
    if (isHeldBack(row.doc) || seen.has(row.doc)) continue;
    seen.add(row.doc);
    const draft = parsePlainText(row.text, { kind: "file" });
    const { examples } = extractForFitting(draft);
    const relations = row.attributions
      .filter((a) => a.content && a.source)
      .map((a) => ({ content: tokenSet(a.content!.text), surname: sourceSurname(a.source!.text) }));
    for (const example of examples) {
      const quotation = tokenSet(example.text);
      if (quotation.size === 0) continue;
      // The relation whose content holds the quotation (most of its words), the tightest first.
      const holding = relations
        .filter((r) => share(quotation, r.content) >= 0.8)
        .sort((a, b) => share(b.content, quotation) - share(a.content, quotation))[0];
      let answer = 0;
      let label: Labelled["label"] = "none";
      if (holding) {
        if (!holding.surname) continue; // "he said": the annotation does not say who, by name
        const needle = holding.surname.toLowerCase().replace(/[’']s$/, "");
        const index = example.names.findIndex((names) =>
          names.some((n) => ` ${n.toLowerCase()} `.includes(` ${needle} `)),
        );
        answer = index + 1; // 0 when no candidate is the source: nobody is right
        label = answer > 0 ? "named" : "absent";
      }
      out.push({
        doc: row.doc,
        text: example.text,
        sentence: example.sentence,
        label,
        names: example.names,
        rows: example.rows,
        answer,
      });
    }
  }
  return out;
}

function toRanking(example: Labelled): RankingExample {
  return { rows: example.rows.map((r) => Float64Array.from(r)), positives: [example.answer] };
}

/** The candidate the model picks (row index ≥ 1) and its probability. */
function pick(rows: number[][], weights: ArrayLike<number>): { row: number; p: number } {
  const probs = probabilities(rows, Array.from(weights));
  let row = 1;
  for (let i = 2; i < probs.length; i++) if (probs[i]! > probs[row]!) row = i;
  return { row, p: rows.length > 1 ? probs[row]! : 0 };
}

function main(): void {
  const { values } = parseArgs({
    options: {
      write: { type: "boolean", default: false },
      folds: { type: "string", default: "5" },
      precision: { type: "string", default: "0.9" },
      repeats: { type: "string", default: "5" },
      misses: { type: "boolean", default: false },
      dump: { type: "string" },
      drop: { type: "string", multiple: true, default: [] },
    },
  });
  const k = Number(values.folds);
  const wanted = Number(values.precision);
  const examples = collect();
  // --drop NAME: the feature's column is zeroed, to measure what it earns held-out.
  for (const name of values.drop ?? []) {
    const column = FEATURES.indexOf(name);
    if (column < 0)
      throw new Error(`No feature ${JSON.stringify(name)}; the features are ${FEATURES.join(", ")}`);
    for (const e of examples) for (const row of e.rows) row[column] = 0;
  }
  const speech = examples.filter((e) => e.answer > 0).length;
  console.log(
    `${examples.length} uncredited quotations on PolNeAR train's development part: ${speech} by a named candidate, ${examples.length - speech} nobody's`,
  );
  // Cross-validation is repeated over several random fold assignments and pooled: with a few dozen
  // confident credits, one assignment moves the precision at a threshold by a few points.
  const repeats = Number(values.repeats);
  const judged: { p: number; right: boolean; speech: boolean; example: Labelled; row: number }[] = [];
  for (let seed = 1; seed <= repeats; seed++) {
    const folds = groupFolds(
      examples.map((e) => e.doc),
      k,
      seed,
    );
    for (let f = 0; f < k; f++) {
      const train = examples.filter((_, i) => folds[i] !== f).map(toRanking);
      const weights = fitConditionalLogit(train, FEATURES.length);
      examples.forEach((e, i) => {
        if (folds[i] !== f || e.rows.length < 2) return;
        const { row, p } = pick(e.rows, weights);
        judged.push({ p, right: row === e.answer, speech: e.answer > 0, example: e, row });
      });
    }
  }
  console.log(
    `\nHeld-out (${k}-fold, grouped by article, ${repeats} fold assignments pooled; counts per assignment): credits at each confidence threshold`,
  );
  console.log("  threshold  credited  right  wrong  precision  recall of named speech");
  let chosen = 1;
  // Finer steps where the kept threshold falls, so a small shift in the data moves it a little, not a grid step.
  const thresholds = [0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.82, 0.84, 0.85, 0.86, 0.88, 0.9, 0.92, 0.95];
  for (const threshold of thresholds) {
    const credited = judged.filter((j) => j.p >= threshold);
    const right = credited.filter((j) => j.right).length;
    const wrong = credited.length - right;
    const precision = credited.length > 0 ? right / credited.length : 1;
    const per = (n: number) => (n / repeats).toFixed(1);
    if (precision >= wanted && threshold < chosen) chosen = threshold;
    console.log(
      `  ${threshold.toFixed(2).padStart(9)}  ${per(credited.length).padStart(8)}  ${per(right).padStart(5)}  ${per(wrong).padStart(5)}  ${precision.toFixed(3).padStart(9)}  ${(right / repeats / Math.max(1, speech)).toFixed(3)}`,
    );
  }
  if (values.misses) {
    const name = (e: Labelled, row: number) => (row === 0 ? "nobody" : (e.names[row - 1]?.at(-1) ?? "?"));
    console.log("\nWrong at p ≥ 0.6 (held-out):");
    for (const j of judged.filter((j) => !j.right && j.p >= 0.6).slice(0, 40))
      console.log(
        `  ${j.p.toFixed(2)} picked ${name(j.example, j.row)} | right: ${name(j.example, j.example.answer)} | ${j.example.text.slice(0, 110)}`,
      );
    console.log("\nRight at p ≥ 0.85 (held-out):");
    for (const j of judged.filter((j) => j.right && j.speech && j.p >= 0.85).slice(0, 15))
      console.log(`  ${j.p.toFixed(2)} ${name(j.example, j.row)} | ${j.example.text.slice(0, 110)}`);
    console.log("\nNamed speech left at p < 0.5:");
    for (const j of judged.filter((j) => j.speech && j.p < 0.5).slice(0, 30))
      console.log(
        `  ${j.p.toFixed(2)} picked ${name(j.example, j.row)} | right: ${name(j.example, j.example.answer)} | ${j.example.text.slice(0, 110)}`,
      );
  }
  if (values.dump) {
    // The held-out judgements of the first fold assignment, with their sentences, for error analysis.
    const first = judged.slice(0, judged.length / repeats).map((j) => ({
      p: Number(j.p.toFixed(3)),
      picked: j.row,
      answer: j.example.answer,
      label: j.example.label,
      names: j.example.names.map((n) => n.at(-1)),
      text: j.example.text,
      sentence: j.example.sentence,
      doc: j.example.doc,
    }));
    writeFileSync(values.dump, `${JSON.stringify(first, null, 1)}\n`);
  }
  console.log(`\nThreshold kept: ${chosen} (the lowest with held-out precision ≥ ${wanted})`);
  const weights = fitConditionalLogit(examples.map(toRanking), FEATURES.length);
  console.log("\nWeights fitted on every example:");
  for (const [i, name] of FEATURES.entries()) console.log(`  ${name.padEnd(20)} ${weights[i]!.toFixed(3)}`);
  if (values.write) {
    const file = {
      fittedBy: "scripts/fit-quotes.ts",
      set: "PolNeAR train, development four fifths",
      examples: examples.length,
      threshold: chosen,
      weights: Object.fromEntries(FEATURES.map((name, i) => [name, Number(weights[i]!.toFixed(3))])),
    };
    writeFileSync(WEIGHTS_FILE, `${JSON.stringify(file, null, 2)}\n`);
    console.log(`\nWrote ${WEIGHTS_FILE}`);
  }
}

main();
