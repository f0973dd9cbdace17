/**
 * npm run eval:quotes -- [--json] [--verbose | --reported] [files…]
 *
 * Scores /quotes extraction (src/library/quotes) on evaluation sets. With no files it runs the public
 * dev speaker set, the project's own speaker sets (eval/quotes/), PolNeAR dev, and PolNeAR train split
 * into its development part and its held-back fifth (`train.jsonl:fit`, `train.jsonl:heldout`; see
 * isHeldBack). A file ending in .json is read as a speaker set, .jsonl as PolNeAR, .txt as an article
 * whose extracted quotes are printed (a sanity check on real news).
 *
 * Every article is parsed with parsePlainText, exactly as the app stores it, then extractQuotes runs
 * and the speaker set is queried through lookupQuotes, the same path as `/quotes <name>`.
 *
 * A speaker set's articles are files (the public dev set's articles/, or `library.dir`) or PolNeAR
 * documents named by `doc` (`library.polnear`). A set marked `heldBack` (eval/quotes/polnear-heldback.json,
 * over the held-back fifth) prints totals only, whatever the flags.
 *
 * Metrics
 * - Speaker set (../shared/eval/dev/dev-quotes.json, rules in ../shared/eval/dev/README.md). For each
 *   case, lookupQuotes(ask, [that article]) is called. Strings are compared after normalising case,
 *   quote marks (“ ” ‘ ’ → " ') and whitespace.
 *   - direct recall: share of `direct` substrings found in a returned quote of type direct or partial.
 *   - direct precision: share of returned direct/partial quotes that contain at least one `direct`
 *     substring (strict: a quote the README leaves unscored, such as a nickname, counts against it).
 *   - wrong speaker: `never` substrings found in any returned quote (any type). Target: 0.
 *   - reported recall: share of `reported` substrings found in any returned quote.
 * - PolNeAR (../shared/eval/polnear/dev.jsonl): one annotation per article (the first annotator of each
 *   doc). Scored relations: content contains a double quote mark and the annotated source is a name: a
 *   comma- or parenthesis-separated part of the source, cut before "of/at/from/for/in", whose last word
 *   is capitalised and not a pronoun (so "Mr. Obama", "Flynn, a top Trump surrogate,", "His former
 *   partner at Lenox, Lawrence B. Cummings," count; "he", "a source", "Small groups of protesters" do
 *   not). That last word is the surname.
 *   - content found: some extracted quote (any type) covers ≥ 50% of the content's word tokens
 *     (lower-cased letters/digits, as sets).
 *   - speaker (strict, the figure to work to): the quote that covers the content best is credited
 *     to a speaker whose name or an alias contains the surname as a word. A best quote credited to
 *     anyone else is counted as a wrong credit.
 *   - speaker (lenient, kept for comparison): some covering quote is so credited; it hides wrong
 *     credits.
 * - Speed: extraction time per article (after a warm-up), and per 1,000 words.
 */

import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { repairMojibake } from "../src/library/ingest/clean.ts";
import { parsePlainText } from "../src/library/ingest/structure.ts";
import { extractQuotesStrict } from "../src/library/quotes/extract.ts";
import { lookupQuotes, type QuotesInput } from "../src/library/quotes/lookup.ts";
import type { ArticleQuotes } from "../src/library/quotes/types.ts";

const SHARED = resolve(import.meta.dirname, "..", "..", "shared");
export const DEFAULT_SPEAKERS = join(SHARED, "eval", "dev", "dev-quotes.json");
export const DEFAULT_POLNEAR = join(SHARED, "eval", "polnear", "dev.jsonl");
export const POLNEAR_TRAIN = join(SHARED, "eval", "polnear", "train.jsonl");
/** The project's own speaker sets (eval/quotes/*.json), written by people who never saw the code. */
const OWN_SETS = resolve(import.meta.dirname, "..", "eval", "quotes");

function defaultFiles(): string[] {
  const own = existsSync(OWN_SETS)
    ? readdirSync(OWN_SETS)
        .filter((f) => f.endsWith(".json"))
        .sort()
        .map((f) => join(OWN_SETS, f))
    : [];
  return [DEFAULT_SPEAKERS, ...own, DEFAULT_POLNEAR, `${POLNEAR_TRAIN}:fit`, `${POLNEAR_TRAIN}:heldout`];
}

interface Options {
  json: boolean;
  verbose: boolean;
  /** With --verbose: list the reported-speech misses instead of the quoted ones. */
  reported: boolean;
  files: string[];
}

function parseArgs(argv: string[]): Options {
  const options: Options = { json: false, verbose: false, reported: false, files: [] };
  for (const arg of argv) {
    if (arg === "--json") options.json = true;
    else if (arg === "--verbose" || arg === "-v") options.verbose = true;
    else if (arg === "--reported") options.verbose = options.reported = true;
    else options.files.push(arg);
  }
  return options;
}

function norm(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/\s+/g, " ")
    .trim();
}

/** Wall-clock and CPU time per extraction (CPU time is steadier on a busy machine). */
const timings: { ms: number; cpuMs: number; words: number }[] = [];

function extract(text: string): { title: string; quotes: ArticleQuotes } {
  const draft = parsePlainText(text, { kind: "file" });
  const words = draft.paragraphs.reduce((n, p) => n + p.text.split(/\s+/).length, 0);
  const start = performance.now();
  const cpu = process.cpuUsage();
  const quotes = extractQuotesStrict(draft);
  const used = process.cpuUsage(cpu);
  timings.push({ ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, words });
  return { title: draft.title, quotes };
}

// ---------- speaker set ----------

interface SpeakerCase {
  ask: string;
  /** The article: a file under the set's library dir, or a PolNeAR doc id (`doc`). */
  file?: string;
  doc?: string;
  direct: string[];
  reported: string[];
  never: string[];
}

export interface SpeakerSetResult {
  set: string;
  cases: number;
  /** Totals only: the set's failures are never kept (see evalSpeakerSet). */
  heldBack: boolean;
  direct: { found: number; total: number; recall: number };
  precision: { correct: number; returned: number; precision: number };
  wrongSpeaker: number;
  reported: { found: number; total: number; recall: number };
  failures: {
    ask: string;
    file: string;
    missedDirect: string[];
    extraQuotes: string[];
    wrong: string[];
    missedReported: string[];
  }[];
}

/**
 * A speaker set names where its articles are: a folder (`library.dir`, relative to the repo), a
 * PolNeAR file whose `doc` ids the cases use (`library.polnear`), else the articles/ folder beside it.
 * A set marked `heldBack` keeps no failures, so no flag can print what it holds: only its totals.
 */
export function evalSpeakerSet(path: string): SpeakerSetResult {
  const data = JSON.parse(readFileSync(path, "utf8")) as {
    speakers: SpeakerCase[];
    library?: { dir?: string; polnear?: string };
    heldBack?: boolean;
  };
  const root = resolve(import.meta.dirname, "..");
  const dir = data.library?.dir ? resolve(root, data.library.dir) : join(dirname(path), "articles");
  const polnear = data.library?.polnear
    ? new Map(readPolnear(resolve(root, data.library.polnear)).map((row) => [row.doc, row.text]))
    : undefined;
  const articleText = (c: SpeakerCase): string => {
    if (polnear) {
      const text = c.doc ? polnear.get(c.doc) : undefined;
      if (text === undefined) throw new Error(`${path}: no PolNeAR doc ${JSON.stringify(c.doc)}`);
      return text;
    }
    if (!c.file) throw new Error(`${path}: a case for ${JSON.stringify(c.ask)} names no file`);
    return readFileSync(join(dir, c.file), "utf8");
  };
  const cache = new Map<string, QuotesInput>();
  const result: SpeakerSetResult = {
    set: path,
    cases: data.speakers.length,
    heldBack: data.heldBack === true,
    direct: { found: 0, total: 0, recall: 0 },
    precision: { correct: 0, returned: 0, precision: 0 },
    wrongSpeaker: 0,
    reported: { found: 0, total: 0, recall: 0 },
    failures: [],
  };
  for (const c of data.speakers) {
    const key = c.doc ?? c.file ?? "";
    let input = cache.get(key);
    if (!input) {
      const article = extract(articleText(c));
      input = { articleId: key, title: article.title, quotes: article.quotes };
      cache.set(key, input);
    }
    const answer = lookupQuotes(c.ask, [input]);
    const quoted = answer.quotes.filter((q) => q.type !== "reported").map((q) => norm(q.text));
    const all = answer.quotes.map((q) => norm(q.text));
    const direct = c.direct.map(norm);
    const missedDirect = c.direct.filter((d) => !quoted.some((q) => q.includes(norm(d))));
    const extraQuotes = answer.quotes
      .filter((q) => q.type !== "reported" && !direct.some((d) => norm(q.text).includes(d)))
      .map((q) => `¶${q.paragraph} ${q.type}: ${q.text}`);
    const wrong = c.never.filter((n) => all.some((q) => q.includes(norm(n))));
    const missedReported = c.reported.filter((r) => !all.some((q) => q.includes(norm(r))));
    result.direct.total += c.direct.length;
    result.direct.found += c.direct.length - missedDirect.length;
    result.precision.returned += quoted.length;
    result.precision.correct += quoted.length - extraQuotes.length;
    result.wrongSpeaker += wrong.length;
    result.reported.total += c.reported.length;
    result.reported.found += c.reported.length - missedReported.length;
    const failed = missedDirect.length + extraQuotes.length + wrong.length + missedReported.length > 0;
    if (failed && !data.heldBack) {
      result.failures.push({ ask: c.ask, file: key, missedDirect, extraQuotes, wrong, missedReported });
    }
  }
  result.direct.recall = ratio(result.direct.found, result.direct.total);
  result.precision.precision = ratio(result.precision.correct, result.precision.returned);
  result.reported.recall = ratio(result.reported.found, result.reported.total);
  return result;
}

// ---------- PolNeAR ----------

export interface PolnearRow {
  doc: string;
  text: string;
  attributions: {
    id: string;
    type: string;
    source: { text: string } | null;
    cue: { text: string } | null;
    content: { text: string; spans?: [number, number][] } | null;
  }[];
}

export interface PolnearResult {
  set: string;
  articles: number;
  relations: number;
  contentFound: number;
  /** Lenient: some covering quote is credited to the source. */
  speakerMatched: number;
  /** Strict: the quote that covers the content best is credited to the source. */
  speakerStrict: number;
  /** Strict misses where that quote is credited to someone else (worse than a miss). */
  wrongCredit: number;
  /** The same strict figures for relations whose content has no quote marks (reported speech). */
  reported: { relations: number; contentFound: number; speakerStrict: number; wrongCredit: number };
  content: number;
  speaker: number;
  strict: number;
  failures: {
    /** Quoted content, or reported speech (no quote marks). */
    kind: "quoted" | "reported";
    doc: string;
    source: string;
    /** The annotated cue ("said", "according to"), for tallying misses by cue. */
    cue?: string;
    content: string;
    problem: string;
    got?: string;
    context?: string;
  }[];
}

/** The line of the article around a relation, for --verbose. */
function contextOf(text: string, spans: [number, number][] | undefined): string | undefined {
  const first = spans?.[0];
  if (!first) return undefined;
  const start = text.lastIndexOf("\n", first[0]) + 1;
  const end = text.indexOf("\n", first[1]);
  return text.slice(start, end < 0 ? undefined : end).slice(0, 400);
}

const PRONOUNS = new Set(
  "he she they it i we you him her them his hers their its this that these those who which one".split(" "),
);

/** The surname of an annotated source, or undefined when the source is not a name. */
export function sourceSurname(source: string): string | undefined {
  // "Rep. Elijah Cummings of Maryland, the panel's ranking Democrat" → "Rep. Elijah Cummings";
  // "His former business partner at Lenox, Lawrence B. Cummings," → the appositive "Lawrence B. Cummings".
  for (const segment of source.split(/[,(]/)) {
    let head = segment.trim();
    const attached = /^(.*?[\p{L}.'’-]+)\s+(?:of|at|from|for|in)\s/u.exec(head);
    if (attached) head = attached[1]!;
    const words = head.split(/\s+/).filter((w) => /[\p{L}]/u.test(w));
    const last = words.at(-1);
    if (!last) continue;
    const clean = last.replace(/['’]s$/, "").replace(/[^\p{L}\p{N}'’-]/gu, "");
    if (/^\p{Lu}/u.test(clean) && !PRONOUNS.has(clean.toLowerCase())) return clean;
  }
  return undefined;
}

export function tokenSet(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .replace(/[’']/g, "")
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 0),
  );
}

/**
 * PolNeAR's training split is split for honest figures: a fifth of its articles (by a hash of the doc
 * id, so the choice needs no list and never changes) is held back and never read while developing;
 * the rest is for error analysis and fitting.
 */
export type PolnearPart = "all" | "fit" | "heldout";

export function isHeldBack(doc: string): boolean {
  return createHash("sha1").update(doc).digest()[0]! % 5 === 0;
}

export function readPolnear(path: string): PolnearRow[] {
  const rows: PolnearRow[] = [];
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (!line.trim()) continue;
    try {
      const row = JSON.parse(line) as PolnearRow;
      // Ingest mends mojibake in the article ("TrÃ©vidic" → "Trévidic"); the annotations get the same
      // repair, or a right credit would read as a wrong one.
      for (const a of row.attributions) {
        if (a.source) a.source.text = repairMojibake(a.source.text);
        if (a.content) a.content.text = repairMojibake(a.content.text);
      }
      rows.push(row);
    } catch {
      // upstream's training split has a few malformed lines
    }
  }
  return rows;
}

export function evalPolnear(path: string, part: PolnearPart = "all"): PolnearResult {
  const rows = readPolnear(path).filter(
    (row) => part === "all" || isHeldBack(row.doc) === (part === "heldout"),
  );
  const seen = new Set<string>();
  const result: PolnearResult = {
    set:
      part === "all"
        ? path
        : `${path} (${part === "fit" ? "four fifths for development" : "held-back fifth"})`,
    articles: 0,
    relations: 0,
    contentFound: 0,
    speakerMatched: 0,
    speakerStrict: 0,
    wrongCredit: 0,
    reported: { relations: 0, contentFound: 0, speakerStrict: 0, wrongCredit: 0 },
    content: 0,
    speaker: 0,
    strict: 0,
    failures: [],
  };
  for (const row of rows) {
    if (seen.has(row.doc)) continue;
    seen.add(row.doc);
    result.articles++;
    const { quotes } = extract(row.text);
    const names = new Map(
      quotes.speakers.map((s) => [
        s.id,
        [s.name, ...s.aliases].map((a) => ` ${norm(a).replace(/[^\p{L}\p{N}' -]/gu, " ")} `),
      ]),
    );
    const extracted = quotes.quotes.map((q) => ({ q, tokens: tokenSet(q.text) }));
    for (const a of row.attributions) {
      if (!a.content || !a.source) continue;
      const surname = sourceSurname(a.source.text);
      if (!surname) continue;
      const quoted = /["“”]/.test(a.content.text);
      // Reported speech is scored on contents that are statements (five words or more): PolNeAR also
      // annotates "is backing | Hillary Clinton", whose two words any quote naming her would cover.
      if (!quoted && a.content.text.split(/\s+/).length < 5) continue;
      if (quoted) result.relations++;
      else result.reported.relations++;
      const content = tokenSet(a.content.text);
      // A quote covers the content when it holds half its words; the one that covers it best is the
      // closest match both ways (token F1), so a long quote holding it does not beat the quote itself.
      const overlap = (tokens: Set<string>) => {
        let shared = 0;
        for (const t of content) if (tokens.has(t)) shared++;
        const share = content.size > 0 ? shared / content.size : 0;
        const precision = tokens.size > 0 ? shared / tokens.size : 0;
        return { share, f1: share + precision > 0 ? (2 * share * precision) / (share + precision) : 0 };
      };
      const covering = extracted
        .map((e) => ({ ...e, ...overlap(e.tokens) }))
        .filter((e) => e.share >= 0.5)
        .sort((x, y) => y.f1 - x.f1);
      const found = covering.length > 0;
      const needle = ` ${norm(surname).replace(/['’]/g, "'")} `;
      const credited = (q: (typeof covering)[number]["q"]) =>
        (names.get(q.speakerId) ?? []).some((n) => n.includes(needle));
      const matched = covering.some(({ q }) => credited(q));
      const best = covering[0];
      const strict = best !== undefined && credited(best.q);
      if (!quoted) {
        // Indirect speech (no quote marks): scored alongside, the same strict way.
        if (found) result.reported.contentFound++;
        if (strict) result.reported.speakerStrict++;
        else if (best) result.reported.wrongCredit++;
      } else {
        if (found) result.contentFound++;
        if (matched) result.speakerMatched++;
        if (strict) result.speakerStrict++;
        else if (best) result.wrongCredit++;
      }
      // The held-back fifth is only ever counted: its misses are never kept, so no flag can print them.
      if ((!found || !strict) && part !== "heldout") {
        const failure: PolnearResult["failures"][number] = {
          kind: quoted ? "quoted" : "reported",
          doc: row.doc,
          source: a.source.text,
          ...(a.cue ? { cue: a.cue.text } : {}),
          content: a.content.text.slice(0, 160),
          problem: found
            ? matched
              ? "best quote credited elsewhere"
              : "wrong speaker"
            : "content not found",
        };
        const context = contextOf(row.text, a.content.spans);
        if (context) failure.context = context;
        if (found) {
          const got = covering.map(
            ({ q }) => quotes.speakers.find((s) => s.id === q.speakerId)?.name ?? q.speakerId,
          );
          failure.got = [...new Set(got)].join(", ");
        }
        result.failures.push(failure);
      }
    }
  }
  result.content = ratio(result.contentFound, result.relations);
  result.speaker = ratio(result.speakerMatched, result.relations);
  result.strict = ratio(result.speakerStrict, result.relations);
  return result;
}

// ---------- articles ----------

function showArticle(path: string): void {
  const article = extract(readFileSync(path, "utf8"));
  const names = new Map(article.quotes.speakers.map((s) => [s.id, s.name]));
  console.log(`\n${basename(path)} — ${article.title}`);
  for (const q of article.quotes.quotes) {
    const text = q.text.replace(/\s+/g, " ");
    console.log(
      `  ¶${q.paragraph} ${q.type.padEnd(8)} ${names.get(q.speakerId)} [${q.cue}]: ${text.length > 140 ? `${text.slice(0, 139)}…` : text}`,
    );
  }
}

// ---------- output ----------

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : Math.round((a / b) * 1000) / 1000;
}

function speed(): {
  articles: number;
  meanMs: number;
  maxMs: number;
  msPer1000Words: number;
  cpuMsPer1000Words: number;
  maxWords: number;
} {
  const measured = timings.slice(1); // the first call pays for loading the lexicon
  const total = measured.reduce((n, t) => n + t.ms, 0);
  const cpu = measured.reduce((n, t) => n + t.cpuMs, 0);
  const words = measured.reduce((n, t) => n + t.words, 0);
  const round = (x: number): number => Math.round(x * 10) / 10;
  return {
    articles: measured.length,
    meanMs: round(total / Math.max(1, measured.length)),
    maxMs: round(Math.max(0, ...measured.map((t) => t.ms))),
    msPer1000Words: round((total / Math.max(1, words)) * 1000),
    cpuMsPer1000Words: round((cpu / Math.max(1, words)) * 1000),
    maxWords: Math.max(0, ...measured.map((t) => t.words)),
  };
}

function printSpeakerSet(r: SpeakerSetResult, verbose: boolean): void {
  console.log(`\nSpeaker set: ${r.set} (${r.cases} cases${r.heldBack ? "; held back: totals only" : ""})`);
  console.log(
    `  direct recall     ${r.direct.recall.toFixed(3)}  (${r.direct.found}/${r.direct.total})   target ≥ 0.97`,
  );
  console.log(
    `  direct precision  ${r.precision.precision.toFixed(3)}  (${r.precision.correct}/${r.precision.returned})   target ≥ 0.97`,
  );
  console.log(`  wrong speaker     ${r.wrongSpeaker}   target 0`);
  console.log(
    `  reported recall   ${r.reported.recall.toFixed(3)}  (${r.reported.found}/${r.reported.total})   target ≥ 0.85`,
  );
  if (!verbose) return;
  for (const f of r.failures) {
    console.log(`  - ${f.ask} (${f.file})`);
    for (const d of f.missedDirect) console.log(`      missed direct:   ${d}`);
    for (const d of f.extraQuotes) console.log(`      not in truth:    ${d.slice(0, 150)}`);
    for (const d of f.wrong) console.log(`      WRONG SPEAKER:   ${d}`);
    for (const d of f.missedReported) console.log(`      missed reported: ${d}`);
  }
}

function printPolnear(r: PolnearResult, verbose: boolean, reported: boolean): void {
  console.log(
    `\nPolNeAR: ${r.set} (${r.articles} articles, ${r.relations} quoted relations with a named source)`,
  );
  console.log(
    `  content found     ${r.content.toFixed(3)}  (${r.contentFound}/${r.relations})   target ≥ 0.90`,
  );
  console.log(
    `  speaker (strict)  ${r.strict.toFixed(3)}  (${r.speakerStrict}/${r.relations})   target ≥ 0.90 — the best-covering quote credited to the source; ${r.wrongCredit} credited to someone else`,
  );
  console.log(
    `  speaker (lenient) ${r.speaker.toFixed(3)}  (${r.speakerMatched}/${r.relations})   any covering quote credited to the source`,
  );
  const rep = r.reported;
  console.log(
    `  reported speech   content ${ratio(rep.contentFound, rep.relations).toFixed(3)}, speaker (strict) ${ratio(rep.speakerStrict, rep.relations).toFixed(3)}  (${rep.speakerStrict}/${rep.relations}; ${rep.wrongCredit} credited to someone else) — relations without quote marks, five words or more`,
  );
  if (!verbose) return;
  for (const f of r.failures) {
    if ((f.kind === "reported") !== reported) continue;
    console.log(`  - ${f.doc} | source "${f.source}" | ${f.problem}${f.got ? ` (got ${f.got})` : ""}`);
    console.log(`      ${f.content}`);
    if (f.context && f.context !== f.content) console.log(`      ¶ ${f.context}`);
  }
}

function main(): void {
  const options = parseArgs(process.argv.slice(2));
  const files = options.files.length > 0 ? options.files : defaultFiles();
  const speakerSets: SpeakerSetResult[] = [];
  const polnear: PolnearResult[] = [];
  for (const arg of files) {
    // "train.jsonl:fit" / ":heldout": a PolNeAR file's development part or its held-back fifth.
    const [file, part] = /^(.*\.jsonl):(fit|heldout)$/.exec(arg)?.slice(1) ?? [arg, "all"];
    if (!file || !existsSync(file)) {
      console.error(`Not found: ${file} (the evaluation data lives in ../shared/eval/)`);
      process.exitCode = 1;
      continue;
    }
    if (file.endsWith(".jsonl")) polnear.push(evalPolnear(file, part as PolnearPart));
    else if (file.endsWith(".json")) speakerSets.push(evalSpeakerSet(file));
    else if (!options.json) {
      const paths = file.endsWith(".txt")
        ? [file]
        : readdirSync(file)
            .filter((f) => f.endsWith(".txt"))
            .map((f) => join(file, f));
      for (const path of paths) showArticle(path);
    }
  }
  const timing = speed();
  if (options.json) {
    console.log(JSON.stringify({ speakerSets, polnear, speed: timing }));
    return;
  }
  for (const r of speakerSets) printSpeakerSet(r, options.verbose);
  for (const r of polnear) printPolnear(r, options.verbose, options.reported);
  console.log(
    `\nSpeed: ${timing.meanMs} ms mean, ${timing.maxMs} ms max per article over ${timing.articles} articles (longest ${timing.maxWords} words); ${timing.msPer1000Words} ms wall, ${timing.cpuMsPer1000Words} ms CPU per 1,000 words`,
  );
}

// Run only as a command, so tests can import the metrics.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
