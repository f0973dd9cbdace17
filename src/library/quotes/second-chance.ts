/**
 * A second chance for quotations no attribution rule credited ("Kelly responded pointedly, with a
 * smile: “…”", a quotation in a sentence whose cue the rules could not parse). Instead of one more
 * hand-ordered rule, a conditional logit fitted on PolNeAR's training articles (`npm run fit:quotes`,
 * second-chance-weights.json) weighs the people the passage mentions against "nobody": how near each
 * is, whether they are a sentence's subject or a clause's speaker, who spoke last, and whether the
 * quotation reads like speech at all (a whole sentence with a verb) rather than a title or scare quote.
 * A quotation is credited only when the model is confident; otherwise it stays unattributed, because
 * a wrong credit is worse than a miss.
 */
import type { ArticleText, ParagraphState, PieceRef } from "./article-text.ts";
import {
  type Credit,
  isWholeSentence,
  lastTokenOf,
  outsideWords,
  type ParagraphMemory,
  quotationRecord,
} from "./attribute.ts";
import { PREPOSITIONS } from "./clause-words.ts";
import type { Clause } from "./clauses.ts";
import { TITLE_PREPOSITIONS, titleQuoteEnd } from "./cue-tail.ts";
import { cueForm, NOT_SPEECH } from "./cues.ts";
import { isFiniteVerb } from "./lexicon.ts";
import { cueText } from "./reported.ts";
import fitted from "./second-chance-weights.json" with { type: "json" };
import type { Entity } from "./speakers.ts";

/** Someone named (or referred to) outside quotation marks, where the text names them. */
export interface Mention {
  entity: Entity;
  paragraph: number;
  unit: number;
  /** First token of the phrase. */
  token: number;
  /** Last token of the name (or phrase). */
  last: number;
  /** The subject of a clause or the speaker of a cue. */
  prominent: boolean;
}

/** Evidence for one candidate speaker of a quotation. */
export const CANDIDATE_FEATURES = [
  "sameSentence",
  "previousSentence",
  "otherParagraph",
  "distance",
  "before",
  "prominent",
  "clauseSpeaker",
  "clauseWithoutContent",
  "lastSpeaker",
  "previousQuote",
  "person",
  "afterPreposition",
  "spokeBefore",
  "unnamed",
  "adjacent",
  "beforeCue",
  "onlyOneInSentence",
  "introducedBefore",
  "passiveCue",
  "otherBetween",
  "verbBetween",
] as const;

/** Evidence that the quotation is nobody's words (a title, a scare quote): carried by the "nobody" row. */
export const QUOTATION_FEATURES = [
  "nobody",
  "words",
  "wholeSentence",
  "capitalised",
  "finiteVerb",
  "closingPunctuation",
  "title",
  "cueInSentence",
  "wholeParagraph",
  "mostlyCapitalised",
  "sentencePunctuation",
  "possessiveBefore",
  "complementBefore",
  "toBefore",
  "nounAfter",
  "prepositionBefore",
] as const;

export const FEATURES: readonly string[] = [...CANDIDATE_FEATURES, ...QUOTATION_FEATURES];

const WEIGHTS: number[] = FEATURES.map((name) => (fitted.weights as Record<string, number>)[name] ?? 0);

/** The quotation, its "nobody" row first, then one row per candidate (for fitting and for choosing). */
export interface SecondChance {
  ref: PieceRef;
  candidates: Entity[];
  /** rows[0] is "nobody"; rows[i + 1] is candidates[i]. */
  rows: number[][];
  /** Text of the quotation (all its pieces), for fitting. */
  text: string;
  /** The sentence it stands in, for reading the fit's errors. */
  sentence: string;
  wholeSentence: boolean;
  /** Introduced by a colon: "… went even further: “…”". */
  introduced: boolean;
  /** The clause of the sentence each candidate speaks in, for the cue shown. */
  clauses: (Clause | undefined)[];
}

export interface SecondChanceInput {
  article: ArticleText;
  p: ParagraphState;
  u: number;
  clauses: Clause[];
  clauseEntity: Map<Clause, Entity | undefined>;
  mentions: Mention[];
  memory: ParagraphMemory;
  previous: ParagraphMemory | undefined;
  credited: Set<number>;
}

/** The uncredited quotations of one sentence with their candidates' evidence. */
export function secondChances(input: SecondChanceInput): SecondChance[] {
  const { article, p, u, credited } = input;
  const unit = p.units[u]!;
  const refs = p.pieces.filter(
    (ref) =>
      ref.first >= Math.max(unit.first, p.start) &&
      ref.first <= unit.last &&
      ref.piece === 0 &&
      !credited.has(ref.quotation),
  );
  return refs.map((ref) => evidence(input, ref, article.quotations[ref.quotation]!));
}

function evidence(
  input: SecondChanceInput,
  ref: PieceRef,
  quotation: ArticleText["quotations"][number],
): SecondChance {
  const { article, p, u, clauses, clauseEntity, mentions, memory, previous } = input;
  const unit = p.units[u]!;
  const tokens = p.tokens;
  const last = lastTokenOf(p, ref, quotation);
  const start = Math.max(unit.first, p.start);
  const wholeSentence = isWholeSentence(p, u, ref, quotation);
  const inner = tokens.slice(ref.first + 1, ref.last);
  const words = inner.filter((t) => t.kind === "word");
  const closing = tokens[ref.last - 1];
  let cueInSentence = false;
  for (let k = start; k <= unit.last; k++) {
    const t = tokens[k]!;
    if (t.kind === "word" && t.quote < 0 && cueForm(t.lower) && !NOT_SPEECH.has(t.lower))
      cueInSentence = true;
  }
  const nobody = [
    1,
    Math.log1p(quotation.pieces.reduce((n, piece) => n + piece.end - piece.start, 0) / 6),
    wholeSentence ? 1 : 0,
    words[0]?.cap ? 1 : 0,
    words.some((t) => isFiniteVerb(t.lower)) ? 1 : 0,
    closing && /^[,.?!…]$/.test(closing.text) ? 1 : 0,
    titleQuoteEnd(tokens, ref.first) >= 0 ? 1 : 0,
    cueInSentence ? 1 : 0,
    ref.first <= p.start && outsideWords(p, last + 1, tokens.length - 1) <= 2 ? 1 : 0,
    // "Orange Is the New Black", "Game of Thrones": a title, not words someone said.
    words.length <= 8 && words.filter((t) => t.cap).length >= 0.6 * words.length ? 1 : 0,
    inner.some((t, i) => i < inner.length - 1 && /^[.?!]$/.test(t.text)) ||
    /^[.?!]$/.test(closing?.text ?? "")
      ? 1
      : 0,
    POSSESSIVES.has(tokens[ref.first - 1]?.lower ?? "") || tokens[ref.first - 1]?.kind === "poss" ? 1 : 0,
    /^(?:that|as)$/.test(tokens[ref.first - 1]?.lower ?? "") ? 1 : 0,
    tokens[ref.first - 1]?.lower === "to" ? 1 : 0,
    nounAfter(tokens, lastTokenOf(p, ref, quotation)) ? 1 : 0,
    TITLE_PREPOSITIONS.has(tokens[ref.first - 1]?.lower ?? "") ? 1 : 0,
  ];
  const candidates: Entity[] = [];
  for (const m of mentions) {
    if (m.paragraph === p.index && (m.unit === u || m.unit === u - 1) && !candidates.includes(m.entity))
      candidates.push(m.entity);
  }
  for (const e of [memory.lastSpeaker, memory.lastSubject, previous?.lastQuote, previous?.lastClause]) {
    if (e && !candidates.includes(e)) candidates.push(e);
  }
  const opensParagraph = ref.first <= p.start;
  const speakerClauses = new Map<Entity, Clause>();
  for (const clause of clauses) {
    const entity = clauseEntity.get(clause);
    if (entity && !speakerClauses.has(entity)) speakerClauses.set(entity, clause);
  }
  const rows: number[][] = [[...CANDIDATE_FEATURES.map(() => 0), ...nobody]];
  const inSentence = new Set(
    mentions.filter((m) => m.paragraph === p.index && m.unit === u).map((m) => m.entity),
  );
  for (const entity of candidates) {
    const own = mentions.filter((m) => m.entity === entity && m.paragraph === p.index);
    const here = own.filter((m) => m.unit === u);
    const nearest = [...here, ...own.filter((m) => m.unit !== u)]
      .map((m) => ({ m, d: m.token < ref.first ? ref.first - m.token : m.token - last }))
      .sort((a, b) => a.d - b.d)[0];
    const clause = speakerClauses.get(entity);
    const before = nearest !== undefined && nearest.m.token < ref.first;
    const prepositional = nearest !== undefined && PREPOSITIONS.has(tokens[nearest.m.token - 1]?.lower ?? "");
    const lastBefore = here.filter((m) => m.token < ref.first).sort((a, b) => b.token - a.token)[0];
    // Someone else named between this candidate and the quotation.
    const otherBetween =
      lastBefore !== undefined &&
      mentions.some(
        (m) =>
          m.paragraph === p.index &&
          m.unit === u &&
          m.entity !== entity &&
          m.token > lastBefore.token &&
          m.token < ref.first,
      );
    let verbBetween = false;
    if (lastBefore) {
      for (let k = lastBefore.last + 1; k < ref.first; k++) {
        const t = tokens[k]!;
        if (t.kind === "word" && t.quote < 0 && !t.cap && isFiniteVerb(t.lower)) verbBetween = true;
      }
    }
    const row = [
      here.length > 0 ? 1 : 0,
      here.length === 0 && own.some((m) => m.unit === u - 1) ? 1 : 0,
      own.length === 0 ? 1 : 0,
      Math.log1p(nearest ? nearest.d : 100) / 5,
      before ? 1 : 0,
      here.some((m) => m.prominent) ? 1 : 0,
      clause ? 1 : 0,
      clause && clause.content.length === 0 ? 1 : 0,
      entity === memory.lastSpeaker ? 1 : 0,
      opensParagraph && entity === previous?.lastQuote ? 1 : 0,
      entity.kind === "person" ? 1 : 0,
      prepositional ? 1 : 0,
      entity.spoke ? 1 : 0,
      entity.unnamed ? 1 : 0,
      nearest !== undefined && nearest.d <= 2 ? 1 : 0,
      here.some((m) => cueFollows(tokens, m.token, unit.last) === "active") ? 1 : 0,
      inSentence.size === 1 && inSentence.has(entity) ? 1 : 0,
      opensParagraph && previous?.introduces && entity === previous.lastSubject ? 1 : 0,
      here.some((m) => cueFollows(tokens, m.token, unit.last) === "passive") ? 1 : 0,
      otherBetween ? 1 : 0,
      verbBetween ? 1 : 0,
    ];
    rows.push([...row, ...QUOTATION_FEATURES.map(() => 0)]);
  }
  const text = quotation.pieces
    .map((piece) => article.paragraphs[piece.paragraph]!.text.slice(piece.start, piece.end))
    .join(" ");
  return {
    ref,
    candidates,
    rows,
    text,
    sentence: p.text.slice(tokens[start]?.start ?? 0, tokens[unit.last]?.end ?? p.text.length),
    wholeSentence,
    introduced: tokens[ref.first - 1]?.text === ":",
    clauses: candidates.map((e) => speakerClauses.get(e)),
  };
}

const POSSESSIVES = new Set(["his", "her", "their", "its", "our", "my", "your"]);
/** The quotation modifies a noun after it ("the “Gang of Eight” bill"): a label, not speech. */
function nounAfter(tokens: ParagraphState["tokens"], last: number): boolean {
  const next = tokens[last + 1];
  if (next?.kind !== "word" || next.cap || next.quote >= 0) return false;
  return (
    !isFiniteVerb(next.lower) &&
    !PREPOSITIONS.has(next.lower) &&
    !/^(?:and|or|but|that|which|who|as|if|when|because|while|so)$/.test(next.lower)
  );
}

/**
 * A speech verb within a few words after the mention: a subject whose cue the rules could not parse
 * ("active"), or one who was asked or told ("passive": "Trump was asked, “…”").
 */
function cueFollows(
  tokens: ParagraphState["tokens"],
  from: number,
  ceiling: number,
): "active" | "passive" | undefined {
  for (let k = from + 1; k <= Math.min(ceiling, from + 6); k++) {
    const t = tokens[k]!;
    if (t.quote >= 0) return undefined;
    if (t.kind === "word" && !t.cap && cueForm(t.lower) && !NOT_SPEECH.has(t.lower)) {
      return /^(?:was|were|is|are|been|being|be)$/.test(tokens[k - 1]?.lower ?? "") ? "passive" : "active";
    }
  }
  return undefined;
}

/** Probabilities over the rows (softmax of the fitted scores). */
export function probabilities(rows: number[][], weights: readonly number[] = WEIGHTS): number[] {
  const scores = rows.map((row) => row.reduce((sum, x, i) => sum + x * (weights[i] ?? 0), 0));
  const top = Math.max(...scores);
  const exp = scores.map((s) => Math.exp(s - top));
  const total = exp.reduce((a, b) => a + b, 0);
  return exp.map((e) => e / total);
}

/** The candidate to credit (an index into candidates), or -1 when nobody is likely enough. */
export function choose(
  chance: SecondChance,
  weights: readonly number[] = WEIGHTS,
  threshold: number = fitted.threshold,
): number {
  if (chance.candidates.length === 0) return -1;
  const probs = probabilities(chance.rows, weights);
  let best = 1;
  for (let i = 2; i < probs.length; i++) if (probs[i]! > probs[best]!) best = i;
  return probs[best]! >= threshold ? best - 1 : -1;
}

/** Credits for the quotations the model is confident about. */
export function creditSecondChances(article: ArticleText, chances: SecondChance[]): Credit[] {
  const credits: Credit[] = [];
  for (const chance of chances) {
    const pick = choose(chance);
    if (pick < 0) continue;
    const entity = chance.candidates[pick]!;
    const clause = chance.clauses[pick];
    const p = article.paragraphs[clause?.paragraph ?? -1];
    const cue = clause && p ? cueText(p, clause) : "";
    const type = chance.wholeSentence || chance.introduced ? "direct" : "partial";
    const record = quotationRecord(article, chance.ref.quotation, type, cue);
    credits.push({ record, entity });
  }
  return credits;
}
