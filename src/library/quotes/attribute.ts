/**
 * Credits each quotation to a speaker:
 * 1. the clause whose content holds it ("Cruz said he had “areas of significant disagreement”");
 * 2. the attribution right after it ("“…,” McCain said in a statement") or right before it ("Trump said:
 *    “…”"); for a quotation running over paragraphs, the attribution after its last part also counts;
 * 3. otherwise, a quotation that is a whole sentence continues the current speaker: the one credited
 *    earlier in the paragraph, or — when it opens the paragraph — the last one of the previous paragraph.
 * Anything else (scare quotes, titles, short phrases without a cue) is not a quote.
 */
import type { ArticleText, ParagraphState, PieceRef } from "./article-text.ts";
import type { Clause } from "./clauses.ts";
import { TITLE_PREPOSITIONS, titleQuoteEnd } from "./cue-tail.ts";
import { cueForm } from "./cues.ts";
import { cueText } from "./reported.ts";
import type { Entity } from "./speakers.ts";
import type { QuotePart, QuoteRecord, QuoteType } from "./types.ts";

export interface Credit {
  record: Omit<QuoteRecord, "speakerId">;
  /** Resolved through this clause's speaker … */
  clause?: Clause;
  /** … or directly (continuations). */
  entity?: Entity;
}

export interface ParagraphMemory {
  index: number;
  /** Speaker of the last quotation credited in the paragraph, and its record. */
  lastQuote?: Entity;
  lastCredit?: Credit;
  lastCreditUnit?: number;
  /** Speaker of the last attribution clause in the paragraph. */
  lastClause?: Entity;
  /** Whoever spoke last in the paragraph, by quotation or by clause, and the cue as written. */
  lastSpeaker?: Entity;
  lastCue?: string;
  /** The last person who was the subject of a sentence in the paragraph. */
  lastSubject?: Entity;
  /** The sentences (units) in which lastSpeaker and lastSubject were last set. */
  lastSpeakerUnit?: number;
  lastSubjectUnit?: number;
  /** The paragraph ends with a colon: it introduces what follows ("Sanders made the following comment:"). */
  introduces?: boolean;
}

export interface SpeakerState {
  previousParagraph?: ParagraphMemory;
  currentParagraph?: ParagraphMemory;
  /** Resolves a transcript speaker label ("PENCE") to a person, when the article makes that safe. */
  label?: (label: string) => Entity | undefined;
  /** Quotations (indices into ArticleText.quotations) credited so far. */
  credited: Set<number>;
}

/** "PENCE: Well, look, …": a transcript line's speaker label. */
const LABEL = /^([A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,2}):\s+\S/;

/**
 * Transcript quotations ("WALLACE: … ¶ "PENCE: …") are credited line by line to their labels: each
 * piece that opens with a label starts a new record for that speaker.
 */
function labelledRecords(
  article: ArticleText,
  quotation: number,
  label: (name: string) => Entity | undefined,
): Credit[] | undefined {
  const q = article.quotations[quotation]!;
  const credits: Credit[] = [];
  let current: { entity: Entity; parts: QuotePart[]; texts: string[] } | undefined;
  const flush = (): void => {
    if (!current) return;
    const paragraphs = [...new Set(current.parts.map((part) => part.paragraph))];
    const record: Omit<QuoteRecord, "speakerId"> = {
      paragraph: current.parts[0]!.paragraph,
      span: current.parts[0]!.span,
      text: current.texts.join("\n"),
      type: "direct",
      cue: "transcript",
    };
    if (paragraphs.length > 1) record.paragraphs = paragraphs;
    if (current.parts.length > 1) record.parts = current.parts;
    credits.push({ record, entity: current.entity });
    current = undefined;
  };
  for (const piece of q.pieces) {
    const p = article.paragraphs[piece.paragraph]!;
    const text = p.text.slice(piece.start, piece.end);
    const match = LABEL.exec(text);
    if (match) {
      flush();
      const entity = label(match[1]!);
      if (!entity) continue;
      const start = piece.start + match[0].length - 1;
      current = {
        entity,
        parts: [{ paragraph: p.n, span: { start, end: piece.end } }],
        texts: [cleanQuote(pieceText(p, start, piece.end))],
      };
      continue;
    }
    if (current) {
      current.parts.push({ paragraph: p.n, span: { start: piece.start, end: piece.end } });
      current.texts.push(cleanQuote(pieceText(p, piece.start, piece.end)));
    }
  }
  flush();
  return credits.length > 0 ? credits : undefined;
}

interface Found {
  clause: Clause;
  type: QuoteType;
}

function onlyPunctuation(p: ParagraphState, from: number, to: number, allowThat = false): boolean {
  for (let i = from; i <= to; i++) {
    const t = p.tokens[i]!;
    if (t.kind === "punct" && t.quote < 0) continue;
    if (allowThat && t.kind === "word" && t.lower === "that" && t.quote < 0) continue;
    return false;
  }
  return true;
}

export function outsideWords(p: ParagraphState, from: number, to: number): number {
  let n = 0;
  for (let i = from; i <= to; i++) {
    const t = p.tokens[i]!;
    if (t.quote < 0 && t.kind === "word") n++;
  }
  return n;
}

/** The clause that credits the piece [first, last] within its unit. */
function creditIn(
  p: ParagraphState,
  clauses: Clause[],
  ref: { first: number; last: number },
  trailingOnly = false,
): Found | undefined {
  let best: Found | undefined;
  let bestSize = Number.POSITIVE_INFINITY;
  for (const clause of clauses) {
    // Adjacent after: "“…,” McCain said", "“…?” Vitter demanded", and a speaker and verb straight
    // after the quotation whatever follows them ("“…,” Romney tweeted the day after …").
    if (
      (clause.form === "trailing" || clause.form === "parenthetical" || adjacentLeading(p, clause, ref)) &&
      clause.span[0] > ref.last &&
      (onlyPunctuation(p, ref.last + 1, clause.span[0] - 1) || asClause(p, ref.last + 1, clause.span[0] - 1))
    ) {
      return { clause, type: clause.kind === "label" ? "partial" : "direct" };
    }
    if (trailingOnly) continue;
    // Adjacent before: "Trump said: “…”", "He says, “…”".
    if (clause.span[1] < ref.first && onlyPunctuation(p, clause.span[1] + 1, ref.first - 1, true)) {
      if (clause.kind !== "label") return { clause, type: "direct" };
    }
    for (const [s, e] of clause.content) {
      if (s <= ref.first && e >= ref.last && namedTitle(p, ref.first)) continue;
      // The content opens with the quotation: "with Trump saying last week: “It certainly looks …” the incident".
      if (s === ref.first && clause.kind !== "label" && clause.form !== "trailing") {
        const introduced = /^[:,]$/.test(p.tokens[ref.first - 1]?.text ?? "");
        const rest = outsideWords(p, ref.last + 1, e);
        return { clause, type: introduced || rest <= 2 ? "direct" : "partial" };
      }
      if (s <= ref.first && e >= ref.last) {
        if (clause.kind === "label" && objectSpeaks(p, s, ref.first)) continue;
        const size = e - s;
        if (size < bestSize) {
          bestSize = size;
          const others = outsideWords(p, s, ref.first - 1) + outsideWords(p, ref.last + 1, e);
          const type: QuoteType =
            clause.kind !== "label" && others <= 1 && s >= ref.first - 1 ? "direct" : "partial";
          best = { clause, type };
        }
      }
    }
  }
  return best;
}

/**
 * "proposed a debate on ABC's “Good Morning America”", "ideas from a speech in “Atlas Shrugged”": a
 * short title after a preposition or a possessive names a show or a book, nobody's words.
 */
function namedTitle(p: ParagraphState, first: number): boolean {
  const before = p.tokens[first - 1];
  return (
    titleQuoteEnd(p.tokens, first) >= 0 &&
    (before?.kind === "poss" || TITLE_PREPOSITIONS.has(before?.lower ?? ""))
  );
}

/**
 * "slammed Obama as elitist for suggesting that rural voters “cling to guns”", "accused her of saying
 * “…”": the words quoted after a speech gerund are the object's, not those of whoever slammed or
 * accused, though the label's report (content) runs on through them.
 */
function objectSpeaks(p: ParagraphState, from: number, to: number): boolean {
  for (let k = from; k < to - 1; k++) {
    const t = p.tokens[k]!;
    const next = p.tokens[k + 1]!;
    if (t.quote >= 0 || !/^(?:for|of)$/.test(t.lower)) continue;
    if (next.kind === "word" && next.lower.endsWith("ing") && cueForm(next.lower)) return true;
  }
  return false;
}

/**
 * A leading clause with its own speaker whose words after the cue are not a quotation, after a
 * quotation that is not a title ("On CBS's “Face the Nation,” Ryan said …").
 */
function adjacentLeading(p: ParagraphState, clause: Clause, ref: { first: number }): boolean {
  if (clause.form !== "leading" || !clause.speaker || clause.kind === "intro") return false;
  if (titleQuoteEnd(p.tokens, ref.first) >= 0) return false;
  return !clause.content.some(([s]) => p.tokens[s]!.quote >= 0);
}

/** "the contest “is neck and neck,” as Cole said": only punctuation and "as" between. */
function asClause(p: ParagraphState, from: number, to: number): boolean {
  const words = p.tokens.slice(from, to + 1).filter((t) => t.kind === "word");
  return (
    words.length === 1 &&
    words[0]!.lower === "as" &&
    words[0]!.quote < 0 &&
    to === p.tokens.indexOf(words[0]!)
  );
}

function pieceText(p: ParagraphState, start: number, end: number): string {
  return p.text.slice(start, end).replace(/\s+/g, " ").trim();
}

function cleanQuote(text: string): string {
  return text.replace(/[\s,]+$/, "").trim();
}

/** A record for a whole quotation (all its pieces, across paragraphs when it runs on). */
export function quotationRecord(
  article: ArticleText,
  quotation: number,
  type: QuoteType,
  cue: string,
): Omit<QuoteRecord, "speakerId"> {
  const q = article.quotations[quotation]!;
  const parts: QuotePart[] = q.pieces.map((piece) => ({
    paragraph: article.paragraphs[piece.paragraph]!.n,
    span: { start: piece.start, end: piece.end },
  }));
  const text = q.pieces
    .map((piece) => cleanQuote(pieceText(article.paragraphs[piece.paragraph]!, piece.start, piece.end)))
    .join("\n");
  const record: Omit<QuoteRecord, "speakerId"> = {
    paragraph: parts[0]!.paragraph,
    span: parts[0]!.span,
    text,
    type,
    cue,
  };
  const paragraphs = [...new Set(parts.map((part) => part.paragraph))];
  if (paragraphs.length > 1) record.paragraphs = paragraphs;
  if (parts.length > 1) record.parts = parts;
  return record;
}

/** Adds a quotation to an existing record: "“Q1,” he said. “Q2.”" is one quotation in two parts. */
function mergeInto(credit: Credit, other: Omit<QuoteRecord, "speakerId">): void {
  const record = credit.record;
  const parts = record.parts ?? [{ paragraph: record.paragraph, span: record.span }];
  const extra = other.parts ?? [{ paragraph: other.paragraph, span: other.span }];
  record.parts = [...parts, ...extra];
  record.text = `${record.text} … ${other.text}`;
  const paragraphs = [...new Set(record.parts.map((part) => part.paragraph))];
  if (paragraphs.length > 1) record.paragraphs = paragraphs;
  if (record.type === "partial" && other.type === "direct") record.type = "direct";
}

function unitOf(p: ParagraphState, token: number): number {
  return p.units.findIndex((unit) => token >= unit.first && token <= unit.last);
}

export function assignQuotes(
  article: ArticleText,
  p: ParagraphState,
  u: number,
  clausesByUnit: Map<string, Clause[]>,
  clauseEntity: Map<Clause, Entity | undefined>,
  state: SpeakerState,
): Credit[] {
  const credits: Credit[] = [];
  const unit = p.units[u]!;
  const memory = state.currentParagraph!;
  const clauses = clausesByUnit.get(`${p.index}:${u}`) ?? [];
  const refs = p.pieces.filter((ref) => ref.first >= unit.first && ref.first <= unit.last && ref.piece === 0);
  let previousInUnit: { credit: Credit; clause?: Clause; ref: PieceRef } | undefined;
  for (const ref of refs) {
    if (state.credited.has(ref.quotation)) continue; // signed below, or credited by a label already
    const quotation = article.quotations[ref.quotation]!;
    const transcript = state.label ? labelledRecords(article, ref.quotation, state.label) : undefined;
    if (transcript) {
      credits.push(...transcript);
      state.credited.add(ref.quotation);
      continue;
    }
    let found = creditIn(p, clauses, ref);
    if (!found && quotation.pieces.length > 1) {
      // "…" ¶ "…," he said: the attribution after the last part.
      const lastPiece = quotation.pieces.at(-1)!;
      const lastP = article.paragraphs[lastPiece.paragraph]!;
      const lastRef = lastP.pieces.find(
        (r) => r.quotation === ref.quotation && r.piece === quotation.pieces.length - 1,
      );
      if (lastRef && lastRef.first >= 0) {
        const lastUnit = unitOf(lastP, lastRef.first);
        const lastClauses = clausesByUnit.get(`${lastP.index}:${lastUnit}`) ?? [];
        found = creditIn(lastP, lastClauses, lastRef, true);
      }
    }
    if (!found) found = creditAcrossSentence(p, u, ref, clausesByUnit);
    if (!found && previousInUnit) found = resumedAfterAttribution(p, clauses, previousInUnit, ref);
    if (found) {
      state.credited.add(ref.quotation);
      const entity = clauseEntity.get(found.clause);
      const record = quotationRecord(
        article,
        ref.quotation,
        found.type,
        cueText(clauseParagraph(article, p, found.clause), found.clause),
      );
      if (previousInUnit && previousInUnit.clause === found.clause) {
        mergeInto(previousInUnit.credit, record);
        continue;
      }
      const credit: Credit = { record, clause: found.clause };
      if (entity) credit.entity = entity;
      credits.push(credit);
      previousInUnit = { credit, clause: found.clause, ref };
      if (entity) rememberCredit(memory, credit, entity, u);
      continue;
    }
    // No clause. "President Obama is rolling out a new campaign message: “It's about me.”": a colon
    // that closes a sentence about a person introduces that person's words; not a title ("named a sitcom
    // as his favourite: “Night Owls.”").
    if (
      p.tokens[ref.first - 1]?.text === ":" &&
      titleQuoteEnd(p.tokens, ref.first) < 0 &&
      memory.lastSubject &&
      memory.lastSubjectUnit === u &&
      outsideWords(p, lastTokenOf(p, ref, quotation) + 1, unit.last) === 0
    ) {
      state.credited.add(ref.quotation);
      const record = quotationRecord(article, ref.quotation, "direct", "");
      const credit: Credit = { record, entity: memory.lastSubject };
      credits.push(credit);
      rememberCredit(memory, credit, memory.lastSubject, u);
      continue;
    }
    // Otherwise a whole-sentence quotation continues the current speaker.
    const whole = isWholeSentence(p, u, ref, quotation);
    if (!whole) {
      const writerFrames = finishedByWriter(p, u, ref, quotation) || startedByWriter(p, u, ref, quotation);
      if (!writerFrames || memory.lastCreditUnit !== u - 1) continue;
      // "“…,” said Ana Ruiz. “People want the tram line” to reach the valley.": straight after a
      // quotation credited in the sentence before, one that opens its sentence is the same speaker's,
      // though the writer finishes the sentence (or opens it: see startedByWriter).
      const entity = memory.lastCredit?.entity;
      if (!entity) continue;
      state.credited.add(ref.quotation);
      const record = quotationRecord(article, ref.quotation, "partial", memory.lastCredit!.record.cue);
      // "“Voters are tired,” the mayor said at the rally. “What do we do now? That is the question
      // we put” to every district.": one quotation run on, so one record.
      const base = memory.lastCredit!;
      if (base.record.type === "direct" && !quotation.pieces.some((piece) => piece.paragraph !== p.index)) {
        mergeInto(base, record);
        memory.lastCreditUnit = u;
        continue;
      }
      const credit: Credit = { record, entity };
      credits.push(credit);
      memory.lastCredit = credit;
      memory.lastCreditUnit = u;
      continue;
    }
    const opensParagraph = ref.first <= p.start;
    let entity: Entity | undefined;
    let base: Credit | undefined;
    const previous = state.previousParagraph;
    if (
      memory.lastSubject &&
      memory.lastSpeaker &&
      memory.lastSubject !== memory.lastSpeaker &&
      (memory.lastSubjectUnit ?? -1) > (memory.lastSpeakerUnit ?? -1)
    ) {
      // "… according to Mr Lane. His friend, Saxon Spence, lays the blame on one issue. “You cannot
      // underestimate …”": a sentence about someone new, since the last speaker, introduces them.
      entity = memory.lastSubject;
    } else if (memory.lastSpeaker) {
      // Within a paragraph the quotation goes to whoever spoke last: "The company said …. Adam Jollans
      // said …. “We believe …”" is Jollans.
      entity = memory.lastSpeaker;
      base = memory.lastCredit?.entity === entity ? memory.lastCredit : undefined;
    } else if (opensParagraph && previous) {
      entity =
        previous.lastQuote ?? previous.lastClause ?? (previous.introduces ? previous.lastSubject : undefined);
      base = previous.lastCredit;
    } else if (!opensParagraph && memory.lastSubject) {
      // "Sanders … identified young voters' exhaustion … . “The younger people are …”": a sentence that is
      // only a quotation, after one about a person, is that person speaking.
      entity = memory.lastSubject;
    }
    if (!entity) continue;
    state.credited.add(ref.quotation);
    const record = quotationRecord(
      article,
      ref.quotation,
      "direct",
      base?.record.cue ?? (entity === memory.lastSpeaker ? memory.lastCue : previous?.lastCue) ?? "",
    );
    if (
      base &&
      memory.lastCredit === base &&
      memory.lastCreditUnit === u - 1 &&
      base.entity === entity &&
      base.record.type === "direct" &&
      !quotation.pieces.some((piece) => piece.paragraph !== p.index)
    ) {
      mergeInto(base, record);
      memory.lastCreditUnit = u;
      continue;
    }
    const credit: Credit = { record, entity };
    credits.push(credit);
    rememberCredit(memory, credit, entity, u);
  }
  return credits;
}

/**
 * "“The risk,” said Edward Leamer, an economist who directs the forecast, “is that …”": a quotation
 * broken by its attribution resumes after the speaker's aside. The first part ends in a comma, the
 * attribution trails it, and a comma leads into the second part with no other cue or quotation
 * between, so both parts are one speaker's.
 */
function resumedAfterAttribution(
  p: ParagraphState,
  clauses: Clause[],
  previous: { clause?: Clause; ref: PieceRef },
  ref: PieceRef,
): Found | undefined {
  const { clause, ref: before } = previous;
  if (!clause || (clause.form !== "trailing" && clause.form !== "parenthetical")) return undefined;
  // The trailing clause's span may run on over the second part; its cue must lie between the parts.
  if (clause.span[0] <= before.last || clause.cue >= ref.first) return undefined;
  const tokens = p.tokens;
  const brokenOff = tokens[before.last - 1]?.text === "," || tokens[before.last + 1]?.text === ",";
  if (!brokenOff || tokens[ref.first - 1]?.text !== ",") return undefined;
  for (let k = before.last + 1; k < ref.first; k++) if (tokens[k]!.quote >= 0) return undefined;
  if (clauses.some((other) => other !== clause && other.cue > clause.cue && other.cue < ref.first))
    return undefined;
  return { clause, type: "direct" };
}

/** The paragraph's memory after a quotation is credited to `entity` in sentence `u`. */
function rememberCredit(memory: ParagraphMemory, credit: Credit, entity: Entity, u: number): void {
  memory.lastQuote = entity;
  memory.lastSpeaker = entity;
  memory.lastSpeakerUnit = u;
  memory.lastCredit = credit;
  memory.lastCreditUnit = u;
}

/**
 * The quotation opens its sentence and the writer's words after it name no one and cue nothing ("“…”
 * to support him as a candidate.", "“…” - increasing his name recognition").
 */
function finishedByWriter(
  p: ParagraphState,
  u: number,
  ref: PieceRef,
  quotation: { pieces: unknown[] },
): boolean {
  if (!opensItsSentence(p, u, ref) || quotation.pieces.length > 1) return false;
  const words = p.tokens.slice(ref.last + 1, p.units[u]!.last + 1).filter((t) => t.kind === "word");
  return words.length > 0 && words.every((t) => t.quote < 0 && !t.cap && !cueForm(t.lower));
}

/**
 * "“The mayor is careful,” said Vance. Lind “got it wrong. He will admit it.”": a few words of the
 * writer's, no cue among them, open a quotation that closes the sentence and holds a sentence of its
 * own: the speaker is still talking.
 */
function startedByWriter(
  p: ParagraphState,
  u: number,
  ref: PieceRef,
  quotation: { pieces: unknown[] },
): boolean {
  if (quotation.pieces.length > 1) return false;
  const unit = p.units[u]!;
  const before = p.tokens.slice(Math.max(unit.first, p.start), ref.first).filter((t) => t.kind === "word");
  if (before.length === 0 || before.length > 3 || before.some((t) => cueForm(t.lower))) return false;
  if (!onlyPunctuation(p, ref.last + 1, unit.last)) return false;
  return p.tokens
    .slice(ref.first + 1, ref.last - 1)
    .some((t, i, inner) => /^[.?!]$/.test(t.text) && inner[i + 1]?.cap === true);
}

/** The quotation is its sentence: nothing before it, at most a word or two after ("“…” workers."). */
export function isWholeSentence(
  p: ParagraphState,
  u: number,
  ref: PieceRef,
  quotation: { pieces: unknown[] },
): boolean {
  return (
    opensItsSentence(p, u, ref) && outsideWords(p, lastTokenOf(p, ref, quotation) + 1, p.units[u]!.last) <= 2
  );
}

/** Nothing but punctuation before the quotation in its sentence. */
function opensItsSentence(p: ParagraphState, u: number, ref: PieceRef): boolean {
  return onlyPunctuation(p, Math.max(p.units[u]!.first, p.start), ref.first - 1);
}

export function lastTokenOf(p: ParagraphState, ref: PieceRef, quotation: { pieces: unknown[] }): number {
  // A quotation running on to a later paragraph occupies the rest of this one.
  if (quotation.pieces.length > 1) {
    const own = p.pieces.filter((r) => r.quotation === ref.quotation && r.first >= 0);
    return Math.max(...own.map((r) => r.last));
  }
  return ref.last;
}

/**
 * "“Why isn’t this … too big to regulate?” Vitter demanded.": a question or exclamation mark ends the
 * unit, but the attribution after it is still this quotation's.
 */
function creditAcrossSentence(
  p: ParagraphState,
  u: number,
  ref: PieceRef,
  clausesByUnit: Map<string, Clause[]>,
): Found | undefined {
  const unit = p.units[u]!;
  if (ref.last !== unit.last) return undefined;
  const inner = p.tokens[ref.last - 1];
  if (!inner || !/^(?:[?!.…]|\.\.\.)$/.test(inner.text)) return undefined;
  const next = p.units[u + 1];
  if (!next) return undefined;
  for (const clause of clausesByUnit.get(`${p.index}:${u + 1}`) ?? []) {
    if (clause.span[0] !== next.first) continue;
    const noContent = clause.content.length === 0 || clause.form === "trailing";
    // "“…emails.” Trump said.": after a full stop only a bare attribution, the whole next sentence.
    const bare = clause.content.length === 0 && onlyPunctuation(p, clause.span[1] + 1, next.last);
    if (/^[?!]$/.test(inner.text) ? noContent : bare) return { clause, type: "direct" };
  }
  return undefined;
}

/** The paragraph a clause was found in (clauses carry their paragraph index). */
function clauseParagraph(article: ArticleText, p: ParagraphState, clause: Clause): ParagraphState {
  return clause.paragraph === undefined ? p : (article.paragraphs[clause.paragraph] ?? p);
}
