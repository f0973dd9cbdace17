/**
 * What /quotes stores per article and returns per query. Extraction runs once at ingest; everything a
 * query needs is in these records, so lookups never re-read article text.
 */
import type { Span } from "../types.ts";

/**
 * - `direct`: the quotation is (most of) its sentence: `"…," Trump said.`
 * - `partial`: quoted words inside the writer's own sentence: `the leaders "emphasized …"`.
 * - `reported`: indirect speech with no quote marks around it: `Putin said he has no desire for …`.
 */
export type QuoteType = "direct" | "partial" | "reported";

export interface SpeakerRecord {
  /** Stable within the article, e.g. "john-mccain". */
  id: string;
  /** Canonical: "John McCain", "Dmitry Peskov", "the Kremlin", "the White House". */
  name: string;
  /** Every form seen or implied: "McCain", "John McCain", "Senator John McCain", "Mr McCain" … */
  aliases: string[];
  /** Titles and roles stripped from the name: "Republican U.S. Senator", "spokesman of the Kremlin". */
  description?: string;
  /**
   * Every title, role and description the article gives them ("Home Secretary", "home secretary",
   * "the South African archbishop"): what /quotes matches a description query against.
   */
  roles?: string[];
  kind: "person" | "organization";
  /** ¶ numbers where the entity is mentioned (quoted or not), ascending. */
  mentions: number[];
  /** "male" | "female" when a first name, honorific or role word says so; used for pronouns. */
  gender?: "male" | "female";
}

/** One piece of a quotation: split quotes and quotes running over several paragraphs have several. */
export interface QuotePart {
  paragraph: number;
  span: Span;
}

export interface QuoteRecord {
  /** ¶ where the quote starts. */
  paragraph: number;
  /**
   * The content within that paragraph's text: inside the marks for direct and partial quotes (the first
   * part when the quote has several), the reported clause for reported speech (an attribution inserted
   * mid-clause, "…, he said, …", lies inside the span but is left out of `text`).
   */
  span: Span;
  /**
   * The content as shown to users. Parts of one quotation are joined with " … " when the attribution
   * split them within a paragraph ("Q1," he said. "Q2.") and with "\n" when the quotation runs over
   * several paragraphs. A trailing comma before the closing mark is dropped.
   */
  text: string;
  /** All ¶ a multi-paragraph quote covers (absent for one-paragraph quotes). */
  paragraphs?: number[];
  /** Every piece of the quotation in order (absent when there is just `span`). */
  parts?: QuotePart[];
  type: QuoteType;
  speakerId: string;
  /** The attribution as written: "said in a statement", "told reporters", "according to". */
  cue: string;
}

export interface ArticleQuotes {
  speakers: SpeakerRecord[];
  quotes: QuoteRecord[];
  /** Set when extraction failed (a bug): the error and its stack. The article is stored without quotes. */
  failed?: string;
  /** The extractor version that made these (version.ts); absent in libraries older than versions. */
  version?: number;
}

// Lookups across many stored articles (lookup.ts).

export interface QuotesInput {
  articleId: string;
  title: string;
  quotes: ArticleQuotes;
  /** The scope the article belongs to ("samples" for the shared samples). */
  scope?: string;
  /** The article's source URL, when it has one. */
  url?: string;
}

export interface QuoteHit {
  articleId: string;
  title: string;
  paragraph: number;
  text: string;
  type: QuoteType;
  /** The speaker's canonical name. */
  speaker: string;
  cue: string;
  /** The scope the article belongs to, so citations can mark shared samples. */
  scope?: string;
  /** The article's source URL, for citations that link. */
  url?: string;
}

export interface QuotesResult {
  /** The query as typed. */
  speaker: string;
  /** Canonical names matched ("Vladimir Putin"). */
  matched: string[];
  /** Direct and partial first, then reported; within a group by article (input order) then ¶. */
  quotes: QuoteHit[];
  /** Articles where a matched entity is mentioned. */
  mentionedIn?: number;
  /** Close matches when nothing matched. */
  suggestions?: string[];
  /** One honest sentence summarising the result. */
  message: string;
}
