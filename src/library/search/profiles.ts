import type { ArticleQuotes } from "../quotes/types.ts";
import { keywordTerm, normalizeWord, tokenize } from "../text/terms.ts";
import type { Article, Paragraph, Span } from "../types.ts";
import { type WordVectors, wordVectors } from "./word-vectors.ts";

/** What the ranker needs to know about a stretch of text, computed once and cached. */
export interface TextProfile {
  stems: Set<string>;
  /** Distinct word-vector rows of the words (for soft matching). */
  wordIds: Int32Array;
  hasNumber: boolean;
  hasTime: boolean;
  hasQuote: boolean;
  /** Capitalised words not at a sentence start: names of people, places, organisations. */
  names: Set<string>;
}

export interface SentenceProfile extends TextProfile {
  span: Span;
  /** Content stems in order (for phrase matching). */
  sequence: string[];
  /** SIF-weighted word-vector average (unit length). */
  vector: Float32Array;
}

export interface ParagraphProfile extends TextProfile {
  sentences: SentenceProfile[];
}

export interface ArticleProfile {
  stems: Set<string>;
  titleStems: Set<string>;
  /** ¶ number → lower-cased names and aliases of everyone quoted (directly or reported) in it. */
  speakersByParagraph: Map<number, Set<string>>;
  /** Lower-cased aliases of every speaker of the article. */
  speakers: Set<string>;
  /** Lower-cased aliases of every entity mentioned (quoted or not). */
  mentioned: Set<string>;
}

const NUMBER =
  /(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|dozen|half|quarter|percent|per cent)\b)/i;
const TIME =
  /\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow|tonight|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|aug|sept|oct|nov|dec|\d{1,2}(?::\d\d)?\s?[ap]\.?m\.?|\d{4}|last (?:week|month|year)|next (?:week|month|year)|ago|morning|evening|afternoon|night|weekend)\b/i;
const QUOTE_MARK = /["“”]/;

/**
 * Full paragraph profiles (word rows, sentence vectors) are the heavy part: at most this many are
 * kept, least recently used first out, so memory stays flat however large the library grows.
 */
const MAX_PROFILES = 20_000;
const paragraphCache = new Map<Paragraph, ParagraphProfile>();
const stemCache = new WeakMap<Paragraph, Set<string>>();
const articleCache = new WeakMap<Article, ArticleProfile>();

/** A paragraph's keyword stems only: cheap, for article-level and within-article statistics. */
export function paragraphStems(paragraph: Paragraph): Set<string> {
  let stems = stemCache.get(paragraph);
  if (!stems) {
    stems = stemsOf(paragraph.text);
    stemCache.set(paragraph, stems);
  }
  return stems;
}

export function profileParagraph(paragraph: Paragraph): ParagraphProfile {
  let profile = paragraphCache.get(paragraph);
  if (profile) {
    paragraphCache.delete(paragraph); // re-insert: most recently used last
    paragraphCache.set(paragraph, profile);
  } else {
    const vectors = wordVectors();
    const spans =
      paragraph.sentences.length > 0 ? paragraph.sentences : [{ start: 0, end: paragraph.text.length }];
    const sentences = spans.map((span) =>
      profileSentence(paragraph.text.slice(span.start, span.end), span, vectors),
    );
    profile = { ...merge(sentences), sentences };
    paragraphCache.set(paragraph, profile);
    if (paragraphCache.size > MAX_PROFILES) paragraphCache.delete(paragraphCache.keys().next().value!);
  }
  return profile;
}

export interface ArticleAttribution {
  speakersByParagraph: Map<number, Set<string>>;
  speakers: Set<string>;
  mentioned: Set<string>;
}

const titleCache = new WeakMap<Article, Set<string>>();
const attributionCache = new WeakMap<Article, ArticleAttribution>();

/** The headline's stems (cheap: checking a name against every headline must not profile every article). */
export function titleStems(article: Article): Set<string> {
  let stems = titleCache.get(article);
  if (!stems) {
    stems = stemsOf(article.title);
    titleCache.set(article, stems);
  }
  return stems;
}

/** Who is quoted where, from the quotes extracted at ingest (lower-cased names and aliases). */
export function articleAttribution(article: Article, quotes: ArticleQuotes | undefined): ArticleAttribution {
  let attribution = attributionCache.get(article);
  if (!attribution) {
    const speakersByParagraph = new Map<number, Set<string>>();
    const speakers = new Set<string>();
    const mentioned = new Set<string>();
    const byId = new Map((quotes?.speakers ?? []).map((s) => [s.id, s]));
    for (const speaker of quotes?.speakers ?? []) {
      for (const alias of [speaker.name, ...speaker.aliases]) mentioned.add(alias.toLowerCase());
    }
    for (const quote of quotes?.quotes ?? []) {
      const speaker = byId.get(quote.speakerId);
      if (!speaker) continue;
      const names = [speaker.name, ...speaker.aliases].map((n) => n.toLowerCase());
      for (const n of quote.paragraphs ?? [quote.paragraph]) {
        const set = speakersByParagraph.get(n) ?? new Set<string>();
        speakersByParagraph.set(n, set);
        for (const name of names) set.add(name);
      }
      for (const name of names) speakers.add(name);
    }
    attribution = { speakersByParagraph, speakers, mentioned };
    attributionCache.set(article, attribution);
  }
  return attribution;
}

export function profileArticle(article: Article, quotes: ArticleQuotes | undefined): ArticleProfile {
  let profile = articleCache.get(article);
  if (!profile) {
    const stems = new Set<string>(titleStems(article));
    for (const paragraph of article.paragraphs) {
      if (paragraph.kind === "teaser") continue;
      for (const stem of paragraphStems(paragraph)) stems.add(stem);
    }
    profile = { stems, titleStems: titleStems(article), ...articleAttribution(article, quotes) };
    articleCache.set(article, profile);
  }
  return profile;
}

export function stemsOf(text: string): Set<string> {
  const stems = new Set<string>();
  for (const token of tokenize(text)) {
    const stem = keywordTerm(token.raw);
    if (stem) stems.add(stem);
  }
  return stems;
}

function profileSentence(text: string, span: Span, vectors: WordVectors): SentenceProfile {
  const stems = new Set<string>();
  const ids = new Set<number>();
  const allIds: number[] = [];
  const names = new Set<string>();
  const sequence: string[] = [];
  const tokens = tokenize(text);
  tokens.forEach((token, index) => {
    const word = normalizeWord(token.raw);
    const id = vectors.id(word);
    if (id >= 0) allIds.push(id);
    const stem = keywordTerm(token.raw);
    if (!stem) return;
    stems.add(stem);
    sequence.push(stem);
    if (id >= 0) ids.add(id);
    if (index > 0 && /^\p{Lu}/u.test(token.raw)) names.add(word);
  });
  return {
    span,
    sequence,
    vector: vectors.textVector(allIds),
    stems,
    wordIds: Int32Array.from(ids),
    hasNumber: NUMBER.test(text),
    hasTime: TIME.test(text),
    hasQuote: QUOTE_MARK.test(text),
    names,
  };
}

function merge(parts: TextProfile[]): TextProfile {
  const stems = new Set<string>();
  const ids = new Set<number>();
  const names = new Set<string>();
  for (const part of parts) {
    for (const stem of part.stems) stems.add(stem);
    for (const id of part.wordIds) ids.add(id);
    for (const name of part.names) names.add(name);
  }
  return {
    stems,
    wordIds: Int32Array.from(ids),
    hasNumber: parts.some((p) => p.hasNumber),
    hasTime: parts.some((p) => p.hasTime),
    hasQuote: parts.some((p) => p.hasQuote),
    names,
  };
}
