import { isGenerationalSuffix } from "../quotes/name-words.ts";
import type { ArticleQuotes } from "../quotes/types.ts";
import { hyphenParts, keywordTerm, normalizeWord, type Token, tokenize } from "../text/terms.ts";
import type { Article, Paragraph, Span } from "../types.ts";

/** What the ranker needs to know about a stretch of text, computed once and cached. */
export interface TextProfile {
  stems: Set<string>;
  hasQuote: boolean;
}

export interface SentenceProfile extends TextProfile {
  span: Span;
  /** Every word token in order (stop words too): where matches and answer slots sit. */
  tokens: SentenceToken[];
}

/** One word of a sentence as the answer-slot and proximity features see it. */
export interface SentenceToken {
  /** Keyword stem, or null for a stop word. */
  stem: string | null;
  /** Lower-cased form (what a question's own words are compared with). */
  word: string;
  /** What kind of answer this word can be (SLOT_* bits). */
  slot: number;
}

/** A quantity: digits ("11,491", "$185", "52-count"), number words, ordinals ("fourth"). */
export const SLOT_NUMBER = 1;
/** A date or time ("Friday", "Sept.", "8:30", "1995"). */
export const SLOT_TIME = 2;
/** A capitalised word inside the sentence: part of a name. */
export const SLOT_NAME = 4;
/** A word that introduces a cause ("because", "after", "due"). */
export const SLOT_REASON = 8;
/** An amount of money: "$185", "£10m", "€2bn", "40 dollars", "pence". */
export const SLOT_MONEY = 16;
/** A percentage or share: "52%", "52 percent", "per cent", "half", "two-thirds", "a majority". */
export const SLOT_PERCENT = 32;

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

const QUOTE_MARK = /["“”]/;
const NUMBER_WORD =
  /^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|dozen|dozens|hundreds|thousands|millions|billions|half|quarter|percent|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|twice|triple|double|majority|minority)$/;
const TIME_WORD =
  /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow|tonight|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|morning|evening|afternoon|night|weekend|week|month|year|decade|century|ago|earlier|later|am|pm|1[89]\d\d|20\d\d|\d{4}s|\d{1,2}:\d\d)$/;
const REASON_WORD =
  /^(?:because|since|due|after|amid|following|so|reason|reasons|order|thanks|result|cause|caused)$/;

const MONEY_WORD = /^(?:dollars?|pounds?|euros?|cents?|pence|yen|yuan|rupees?|roubles?|rubles?)$/;
const SHARE_WORD =
  /^(?:percent|percentage|half|halves|third|thirds|two-thirds|quarter|quarters|three-quarters|majority|minority)$/;

/**
 * The answer kinds one token can be: a number, a date, part of a name, a cause, money, a share.
 * `before` and `after` are the characters around the token: the "$" and "%" are not part of it.
 */
function slotOf(
  raw: string,
  word: string,
  index: number,
  lowerText: boolean,
  before = "",
  after = "",
): number {
  let slot = 0;
  if (
    (/[$£€¥]/.test(before) && /^\d/.test(raw)) ||
    /^\d[\d.,]*(?:bn|m|k)$/i.test(raw) ||
    MONEY_WORD.test(word)
  )
    slot |= SLOT_MONEY;
  if (
    (after.startsWith("%") && /^\d/.test(raw)) ||
    SHARE_WORD.test(word) ||
    (word === "per" && /^\s*cent\b/.test(after))
  )
    slot |= SLOT_PERCENT;
  // A digit-led token is a quantity; letters around a digit ("EB-5", "F-35", "9/11") make it a name.
  if ((/^[$£€]?\d/.test(raw) && !/\d[-\p{L}]*\p{L}{2}/u.test(raw)) || NUMBER_WORD.test(word))
    slot |= SLOT_NUMBER;
  if (TIME_WORD.test(word)) slot |= SLOT_TIME;
  if (index > 0 && !lowerText && /^\p{Lu}/u.test(raw)) slot |= SLOT_NAME;
  if (REASON_WORD.test(word)) slot |= SLOT_REASON;
  return slot;
}

/**
 * Full paragraph profiles (every token of every sentence) are the heavy part: at most this many are
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
    const spans =
      paragraph.sentences.length > 0 ? paragraph.sentences : [{ start: 0, end: paragraph.text.length }];
    const sentences = spans.map((span) => profileSentence(paragraph.text.slice(span.start, span.end), span));
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
  /**
   * Descriptions of quoted people who speak for a body ("chairman of migration watch uk", "spokesman of
   * the kremlin"), lower-cased: the body is quoted through them.
   */
  speaksFor: Set<string>;
}

/** Roles whose holder's words are their organisation's. */
const SPEAKS_FOR =
  /\b(?:chair(?:man|woman)?|spokes(?:man|woman|person)|director|chief|head|president|leader|secretary|executive|founder)\b/;

const titleCache = new WeakMap<Article, Set<string>>();
const attributionCache = new WeakMap<Article, ArticleAttribution>();

/** The headline's stems (cheap: checking a name against every headline must not profile every article). */
function titleStems(article: Article): Set<string> {
  let stems = titleCache.get(article);
  if (!stems) {
    stems = stemsOf(article.title);
    titleCache.set(article, stems);
  }
  return stems;
}

/**
 * A speaker's lower-cased name and aliases, each also without a generational suffix: a question
 * about "Joe Biden" asks about "Joseph R. Biden Jr." (quotes keep the suffix to tell Donald Trump Jr.
 * from his father; a question rarely spells it).
 */
export function speakerNames(speaker: { name: string; aliases: string[] }): string[] {
  const names = new Set<string>();
  for (const alias of [speaker.name, ...speaker.aliases]) {
    const words = alias.toLowerCase().split(/\s+/);
    names.add(words.join(" "));
    if (words.length >= 2 && isGenerationalSuffix(words.at(-1)!)) names.add(words.slice(0, -1).join(" "));
  }
  return [...names];
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
      for (const alias of speakerNames(speaker)) mentioned.add(alias);
    }
    for (const quote of quotes?.quotes ?? []) {
      const speaker = byId.get(quote.speakerId);
      if (!speaker) continue;
      const names = speakerNames(speaker);
      for (const n of quote.paragraphs ?? [quote.paragraph]) {
        const set = speakersByParagraph.get(n) ?? new Set<string>();
        speakersByParagraph.set(n, set);
        for (const name of names) set.add(name);
      }
      for (const name of names) speakers.add(name);
    }
    const speaksFor = new Set<string>();
    for (const quote of quotes?.quotes ?? []) {
      const description = byId.get(quote.speakerId)?.description?.toLowerCase();
      if (description && SPEAKS_FOR.test(description)) speaksFor.add(description);
    }
    attribution = { speakersByParagraph, speakers, mentioned, speaksFor };
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

/** How an article introduces one speaker: the words around their name, for matching descriptions. */
export interface SpeakerContext {
  /** Lower-cased name and aliases, as in the attribution sets. */
  names: Set<string>;
  /** Stems of the description, the name, and the words around its first mentions. */
  stems: Set<string>;
}

/** Characters read either side of a name: "New Jersey Gov. Chris Christie", "Ryan Ellis, a Republican tax consultant". */
const CONTEXT_CHARS = 60;
/** Mentions read per speaker: the first ones introduce them. */
const CONTEXT_MENTIONS = 3;
const speakerContextCache = new WeakMap<Article, SpeakerContext[]>();

/** Every quoted speaker of an article with the words that introduce them (cached per article). */
export function speakerContexts(article: Article, quotes: ArticleQuotes | undefined): SpeakerContext[] {
  let contexts = speakerContextCache.get(article);
  if (contexts) return contexts;
  const quoted = new Set((quotes?.quotes ?? []).map((q) => q.speakerId));
  contexts = [];
  for (const speaker of quotes?.speakers ?? []) {
    if (!quoted.has(speaker.id)) continue;
    const aliases = [speaker.name, ...speaker.aliases].sort((a, b) => b.length - a.length);
    const pieces = [speaker.description ?? "", ...(speaker.roles ?? []), speaker.name];
    for (const n of speaker.mentions.slice(0, CONTEXT_MENTIONS)) {
      const text = article.paragraphs[n - 1]?.text ?? "";
      for (const alias of aliases) {
        const at = alias.length > 1 ? text.indexOf(alias) : -1;
        if (at < 0) continue;
        pieces.push(text.slice(Math.max(0, at - CONTEXT_CHARS), at + alias.length + CONTEXT_CHARS));
        break;
      }
    }
    contexts.push({
      names: new Set(aliases.map((a) => a.toLowerCase())),
      stems: descriptionStems(pieces.join(" ")),
    });
  }
  speakerContextCache.set(article, contexts);
  return contexts;
}

/**
 * Titles written short in news copy ("Gov. Chris Christie", "Sen. Claire McCaskill (D-Mo.)") and the
 * words a question uses for them ("the New Jersey governor", "which senator").
 */
const TITLE_WORDS: Record<string, string> = Object.assign(Object.create(null), {
  gov: "governor",
  sen: "senator",
  rep: "representative",
  gen: "general",
  lt: "lieutenant",
  col: "colonel",
  sgt: "sergeant",
  adm: "admiral",
  dr: "doctor",
  pres: "president",
  sec: "secretary",
  atty: "attorney",
  amb: "ambassador",
  prof: "professor",
  supt: "superintendent",
  gop: "republican",
});
/** "(R-Utah)", "(D-Mo.)": party and state after a lawmaker's name. */
const PARTY_LETTER: Record<string, string> = Object.assign(Object.create(null), {
  r: "republican",
  d: "democrat",
  i: "independent",
});

/**
 * Stems of a describing phrase, with short titles spelled out and "R-Utah" read as party and state:
 * what a question's description of someone ("the Utah congressman") can be matched against.
 */
export function descriptionStems(text: string): Set<string> {
  const stems = new Set<string>();
  for (const token of tokenize(text)) {
    const parts = token.raw.split("-");
    const party = parts.length === 2 ? PARTY_LETTER[parts[0]!.toLowerCase()] : undefined;
    for (const part of party ? [party, parts[1]!] : [token.raw, ...hyphenParts(token.raw)]) {
      const word = normalizeWord(part);
      const stem = keywordTerm(TITLE_WORDS[word] ?? part);
      if (stem) stems.add(stem);
    }
  }
  return stems;
}

export function stemsOf(text: string): Set<string> {
  const stems = new Set<string>();
  for (const token of tokenize(text)) {
    for (const word of [token.raw, ...hyphenParts(token.raw)]) {
      const stem = keywordTerm(word);
      if (stem) stems.add(stem);
    }
    const title = spelledTitle(token, text);
    if (title) stems.add(title.stem);
  }
  return stems;
}

/**
 * "Sen." before a name is a senator, "Gov." a governor: the spelled-out title, so that "which senator"
 * meets "Sen. Claire McCaskill". Only a capitalised abbreviation with its dot counts ("rep" is not).
 */
export function spelledTitle(token: Token, text: string): { stem: string; word: string } | undefined {
  const word = TITLE_WORDS[token.norm];
  if (!word || !/^\p{Lu}/u.test(token.raw)) return undefined;
  if (token.norm !== "gop" && text[token.end] !== ".") return undefined;
  const stem = keywordTerm(word);
  return stem ? { stem, word } : undefined;
}

function profileSentence(text: string, span: Span): SentenceProfile {
  const stems = new Set<string>();
  // An all-capitals sentence (a subhead) says nothing about names.
  const letters = text.replace(/[^\p{L}]/gu, "");
  const lowerText = letters.length > 3 && letters === letters.toUpperCase();
  const tokens = tokenize(text).map((token, index): SentenceToken => {
    const word = normalizeWord(token.raw);
    const stem = keywordTerm(token.raw);
    const before = text[token.start - 1] ?? "";
    const after = text.slice(token.end, token.end + 5);
    const title = spelledTitle(token, text);
    if (title) stems.add(title.stem);
    if (stem) stems.add(stem);
    return { stem, word, slot: slotOf(token.raw, word, index, lowerText, before, after) };
  });
  return { span, tokens, stems, hasQuote: QUOTE_MARK.test(text) };
}

function merge(parts: TextProfile[]): TextProfile {
  const stems = new Set<string>();
  for (const part of parts) for (const stem of part.stems) stems.add(stem);
  return { stems, hasQuote: parts.some((p) => p.hasQuote) };
}
