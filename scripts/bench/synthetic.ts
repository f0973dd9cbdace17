/**
 * Deterministic synthetic news-like data for the scale points of the benchmark: articles of 20
 * paragraphs of Zipf-distributed pseudo-words (so the keyword index has a realistic long tail of
 * terms), and 384-d unit vectors clustered by topic (so nearest neighbours are not pure noise).
 * Nothing here is stored in the repository: every run regenerates the same data from the seed.
 */
import { identifyArticle } from "../../src/library/articles/identify.ts";
import { parsePlainText } from "../../src/library/ingest/structure.ts";
import type { Article, ArticleDraft, Paragraph, Span } from "../../src/library/types.ts";

export const SYNTHETIC_DIMENSIONS = 384;
export const PARAGRAPHS_PER_ARTICLE = 20;

/** A small fast PRNG (mulberry32); `gaussian` by Box–Muller. */
export class Random {
  private state: number;
  private spare: number | undefined;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  gaussian(): number {
    if (this.spare !== undefined) {
      const value = this.spare;
      this.spare = undefined;
      return value;
    }
    const u = this.next() || 1e-12;
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }
}

const ONSETS = [
  "b",
  "c",
  "d",
  "f",
  "g",
  "h",
  "j",
  "k",
  "l",
  "m",
  "n",
  "p",
  "r",
  "s",
  "t",
  "v",
  "w",
  "z",
  "br",
  "ch",
  "cl",
  "dr",
  "gr",
  "pl",
  "pr",
  "sh",
  "st",
  "th",
  "tr",
];
const VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "ou", "io"];
const CODAS = ["", "", "n", "r", "s", "t", "l", "m", "nd", "rt", "st"];
const FUNCTION_WORDS = [
  "the",
  "of",
  "and",
  "to",
  "in",
  "a",
  "said",
  "on",
  "for",
  "that",
  "with",
  "was",
  "by",
  "at",
  "as",
  "from",
  "his",
  "her",
  "their",
  "it",
  "after",
  "new",
  "has",
  "have",
  "will",
  "were",
  "is",
];

/** 30,000 pseudo-words, ranked; drawn with Zipf frequencies (s = 1.05) like words in news text. */
export class Vocabulary {
  readonly words: string[];
  private readonly cumulative: Float64Array;

  constructor(size = 30_000, seed = 17) {
    const random = new Random(seed);
    const seen = new Set<string>(FUNCTION_WORDS);
    const words: string[] = [];
    while (words.length < size) {
      const syllables = 1 + random.int(3);
      let word = "";
      for (let s = 0; s < syllables; s++) {
        word +=
          ONSETS[random.int(ONSETS.length)]! +
          VOWELS[random.int(VOWELS.length)]! +
          CODAS[random.int(CODAS.length)]!;
      }
      if (word.length >= 4 && !seen.has(word)) {
        seen.add(word);
        words.push(word);
      }
    }
    this.words = words;
    this.cumulative = new Float64Array(size);
    let total = 0;
    for (let i = 0; i < size; i++) {
      total += 1 / (i + 1) ** 1.05;
      this.cumulative[i] = total;
    }
    for (let i = 0; i < size; i++) this.cumulative[i]! /= total;
  }

  pick(random: Random): string {
    const x = random.next();
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return this.words[lo]!;
  }

  sentence(random: Random): string {
    const length = 12 + random.int(10);
    const words: string[] = [];
    for (let i = 0; i < length; i++) {
      words.push(
        random.next() < 0.35 ? FUNCTION_WORDS[random.int(FUNCTION_WORDS.length)]! : this.pick(random),
      );
    }
    const first = words[0]!;
    words[0] = first[0]!.toUpperCase() + first.slice(1);
    return `${words.join(" ")}.`;
  }

  paragraph(random: Random): string {
    const sentences = 2 + random.int(3);
    return Array.from({ length: sentences }, () => this.sentence(random)).join(" ");
  }
}

/** Headline and paragraphs (each a list of sentences) of synthetic article `n`: the same n, the same text. */
function syntheticParts(
  vocabulary: Vocabulary,
  n: number,
  paragraphs: number,
): { title: string; body: string[][] } {
  const random = new Random(1_000_003 * (n + 1));
  const title = `${vocabulary
    .sentence(random)
    .slice(0, 60)
    .replace(/\s+\S*$/, "")} (story ${n})`;
  const body = Array.from({ length: paragraphs }, () =>
    Array.from({ length: 2 + random.int(3) }, () => vocabulary.sentence(random)),
  );
  return { title, body };
}

/** The text of synthetic article `n` as a plain-text file (headline, blank line, paragraphs). */
export function syntheticText(
  vocabulary: Vocabulary,
  n: number,
  paragraphs = PARAGRAPHS_PER_ARTICLE,
): string {
  const { title, body } = syntheticParts(vocabulary, n, paragraphs);
  return `${title}\n\n${body.map((sentences) => sentences.join(" ")).join("\n\n")}`;
}

/**
 * Synthetic article `n`, structured as the plain-text parser structures it (¶ numbers from 1, sentence
 * spans, identity from the normalised text) but built directly: the parser's cleaning and sentence
 * segmentation cost ~2 ms an article, which at 250k paragraphs is most of a build. `checkSynthetic`
 * (run by the bench) confirms the two agree.
 */
export function syntheticArticle(
  vocabulary: Vocabulary,
  n: number,
  scope: string,
  paragraphs = PARAGRAPHS_PER_ARTICLE,
): Article {
  const { title, body } = syntheticParts(vocabulary, n, paragraphs);
  const draft: ArticleDraft = {
    title,
    paragraphs: body.map((sentences, i): Paragraph => {
      const spans: Span[] = [];
      let at = 0;
      for (const sentence of sentences) {
        spans.push({ start: at, end: at + sentence.length });
        at += sentence.length + 1;
      }
      return { n: i + 1, text: sentences.join(" "), kind: "body", sentences: spans };
    }),
    source: { kind: "text" },
  };
  return identifyArticle(draft, scope, "bench", new Date(Date.UTC(2026, 0, 1) + n * 60_000));
}

/** Throws unless the direct construction matches the real parser for a few articles. */
export function checkSynthetic(vocabulary: Vocabulary): void {
  for (const n of [0, 1, 7, 123]) {
    const direct = syntheticArticle(vocabulary, n, "local");
    const parsed = identifyArticle(
      parsePlainText(syntheticText(vocabulary, n), { kind: "text" }),
      "local",
      "bench",
      new Date(direct.addedAt),
    );
    if (JSON.stringify(direct) !== JSON.stringify(parsed)) {
      throw new Error(`synthetic article ${n} differs from what the plain-text parser makes of its text`);
    }
  }
}

/** Topic centroids: paragraphs of one article share a topic, so a query has true near neighbours. */
export class VectorSpace {
  readonly topics: Float32Array[];
  constructor(
    readonly dimensions = SYNTHETIC_DIMENSIONS,
    topics = 512,
    seed = 29,
  ) {
    const random = new Random(seed);
    this.topics = Array.from({ length: topics }, () => unitVector(random, dimensions));
  }

  /** Chunk vectors of article `n`: topic + noise, unit length. */
  articleVectors(n: number, rows: number): Float32Array[] {
    const random = new Random(7_919 * (n + 1));
    const topic = this.topics[n % this.topics.length]!;
    const dims = this.dimensions;
    // Noise of norm ≈ 1 (σ = 1/√d per coordinate), mixed 0.55 : 0.45 with the topic, then normalised.
    const sigma = 1 / Math.sqrt(dims);
    return Array.from({ length: rows }, () => {
      const v = new Float32Array(dims);
      for (let d = 0; d < dims; d++) v[d] = 0.45 * topic[d]! + 0.55 * sigma * random.gaussian();
      return normalise(v);
    });
  }

  /** A query near a random chunk (as a question about a paragraph would be). */
  query(random: Random, n: number): Float32Array {
    const rows = this.articleVectors(n, 1 + random.int(PARAGRAPHS_PER_ARTICLE));
    return mix(rows[rows.length - 1]!, unitVector(random, this.dimensions), 0.8);
  }
}

export function unitVector(random: Random, dimensions: number): Float32Array {
  const v = new Float32Array(dimensions);
  for (let d = 0; d < dimensions; d++) v[d] = random.gaussian();
  return normalise(v);
}

export function normalise(v: Float32Array): Float32Array {
  let norm = 0;
  for (let d = 0; d < v.length; d++) norm += v[d]! * v[d]!;
  norm = Math.sqrt(norm) || 1;
  for (let d = 0; d < v.length; d++) v[d]! /= norm;
  return v;
}

function mix(a: Float32Array, b: Float32Array, weightA: number): Float32Array {
  const out = new Float32Array(a.length);
  for (let d = 0; d < a.length; d++) out[d] = weightA * a[d]! + (1 - weightA) * b[d]!;
  return normalise(out);
}
