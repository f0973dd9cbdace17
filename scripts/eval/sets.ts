/**
 * Labelled question sets for /ask, in the dev-set format (`../shared/eval/dev/README.md`) with one
 * addition: `library` says where the articles are read from at run time (they are never stored in
 * the repo).
 *
 *   {"library": {"dir": "../shared/corpus"}                                  files under a folder
 *            | {"polnear": "../shared/eval/polnear/train.jsonl", "docs": [...]} PolNeAR articles by doc id,
 *    "questions": [{"q", "file" | "doc", "accept": [...]}], "unanswerable": ["..."]}
 *
 * A set without `library` reads `<its folder>/articles/` (the public dev set).
 */
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";

export interface LabelledQuestion {
  q: string;
  accept: string[];
  /** Which article answers it: the group for cross-validation (questions on one article share a fold). */
  article: string;
}

export interface QuestionSet {
  name: string;
  questions: LabelledQuestion[];
  unanswerable: string[];
  /** The set's articles: files (added as the CLI adds them), or texts (headline line, blank line, paragraphs). */
  articles(): Promise<SetArticle[]>;
  /** Changes when the set's articles change (for the library cache). */
  articlesKey: string;
}

export type SetArticle = { name: string; path: string } | { name: string; text: string };

interface RawSet {
  library?: { dir: string } | { polnear: string; docs: string[] };
  questions: { q: string; accept: string[]; file?: string; doc?: string }[];
  unanswerable?: string[];
}

/** The sets `npm run eval` scores by default: the public dev set, then every set under eval/ask/. */
export async function defaultSetPaths(): Promise<string[]> {
  const own = (await fs.readdir("eval/ask")).filter((n) => n.endsWith(".json")).sort();
  return ["../shared/eval/dev/dev-qa.json", ...own.map((n) => path.join("eval/ask", n))];
}

export async function loadSet(file: string): Promise<QuestionSet> {
  const raw = JSON.parse(await fs.readFile(file, "utf8")) as RawSet;
  const name = path.basename(file, ".json");
  const questions = raw.questions.map((q) => ({
    q: q.q,
    accept: q.accept,
    article: `${name}:${q.file ?? q.doc ?? "?"}`,
  }));
  const base = path.dirname(file);
  const library = raw.library ?? { dir: path.join(base, "articles") };
  const articles =
    "dir" in library ? () => readFolder(library.dir) : () => readPolnear(library.polnear, library.docs);
  return {
    name,
    questions,
    unanswerable: raw.unanswerable ?? [],
    articles,
    articlesKey: createHash("sha1").update(JSON.stringify(library)).digest("hex").slice(0, 12),
  };
}

async function readFolder(dir: string): Promise<SetArticle[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && /\.(txt|md|html?)$/i.test(e.name) && !/^(README|SOURCES)/i.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
  return files.map((f) => ({ name: path.relative(dir, f), path: f }));
}

async function readPolnear(file: string, docs: string[]): Promise<SetArticle[]> {
  const wanted = new Set(docs);
  const texts = new Map<string, string>();
  for (const line of (await fs.readFile(file, "utf8")).split("\n")) {
    if (!line.trim()) continue;
    let record: { doc?: string; text?: string };
    try {
      record = JSON.parse(line);
    } catch {
      continue; // upstream has a few malformed lines
    }
    if (record.doc && record.text && wanted.has(record.doc) && !texts.has(record.doc))
      texts.set(record.doc, record.text);
  }
  const missing = docs.filter((d) => !texts.has(d));
  if (missing.length > 0) throw new Error(`${file} lacks ${missing.length} docs, e.g. ${missing[0]}`);
  return docs.map((doc) => ({ name: `${doc}.txt`, text: texts.get(doc)! }));
}
