/**
 * extractQuotes: who said what in one article, computed once at ingest.
 *
 * 1. Quote marks are paired across the article (quote-spans.ts), paragraphs tokenised into units whose
 *    quotations are opaque (tokens.ts).
 * 2. First pass: every full name with its title registers an entity (speakers.ts), so a later "McCain"
 *    or "the senator" has something to resolve to.
 * 3. Second pass, in reading order: names and attribution clauses (clauses.ts) are resolved to entities
 *    as they come, which keeps pronoun resolution honest ("he" is whoever was salient at that point);
 *    each quotation is credited by the clause that contains or abuts it (attribute.ts), or continues the
 *    previous speaker when a paragraph or sentence is wholly a quotation.
 * 4. Clauses whose content is the writer's words become reported speech (reported.ts).
 *
 * Never throws: malformed input yields fewer quotes.
 */
import type { Paragraph } from "../types.ts";
import { type ArticleText, nameRuns, prepare } from "./article-text.ts";
import {
  assignQuotes,
  type Credit,
  type ParagraphMemory,
  quotationRecord,
  type SpeakerState,
} from "./attribute.ts";
import { DOCUMENTS, isWord } from "./clause-words.ts";
import { type Clause, findClauses, signatureLine } from "./clauses.ts";
import { titleQuoteEnd } from "./cue-tail.ts";
import { isAdverbLike, isFiniteVerb, isFunctionWord, isRoleWord, isVerbish } from "./lexicon.ts";
import { type NounPhrase, phraseEndingAt, type RunReading, sliceText } from "./noun-phrases.ts";
import { cueText, reportedRecord } from "./reported.ts";
import { creditSecondChances, type Mention, type SecondChance, secondChances } from "./second-chance.ts";
import { isSpokesperson } from "./speaker-names.ts";
import { type Entity, Registry } from "./speakers.ts";
import { sharedSubject } from "./subjects.ts";
import type { Token } from "./tokens.ts";
import type { ArticleQuotes, QuoteRecord, SpeakerRecord } from "./types.ts";
import { QUOTES_VERSION } from "./version.ts";

export function extractQuotes(article: { title: string; paragraphs: Paragraph[] }): ArticleQuotes {
  try {
    return { ...extract(article.paragraphs), version: QUOTES_VERSION };
  } catch (error) {
    // A bug on some odd input must not break ingest: the article is stored without quotes, and says
    // why, so the caller logs it (with the stack) and verify counts it.
    const failed = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return { speakers: [], quotes: [], failed, version: QUOTES_VERSION };
  }
}

/** extractQuotes without the safety net: for tests and the eval script, where a bug must show. */
export function extractQuotesStrict(article: { title: string; paragraphs: Paragraph[] }): ArticleQuotes {
  return extract(article.paragraphs);
}

/** A quotation no rule credited, as the second-chance model saw it: for fitting that model. */
export interface SecondChanceExample {
  text: string;
  /** The sentence the quotation stands in. */
  sentence: string;
  /** rows[0] is "nobody", rows[i + 1] the candidate whose names are names[i]. */
  rows: number[][];
  names: string[][];
}

/**
 * extractQuotesStrict without the second-chance model, with every quotation it would have judged:
 * what `npm run fit:quotes` fits that model on.
 */
export function extractForFitting(article: { title: string; paragraphs: Paragraph[] }): {
  quotes: ArticleQuotes;
  examples: SecondChanceExample[];
} {
  const seen: SecondChance[] = [];
  const quotes = extract(article.paragraphs, { secondChance: false, observe: (c) => seen.push(...c) });
  const examples = seen.map((chance) => ({
    text: chance.text,
    sentence: chance.sentence,
    rows: chance.rows,
    names: chance.candidates.map((e) => [...e.aliases, e.nameWords.join(" ")]),
  }));
  return { quotes, examples };
}

interface ExtractOptions {
  /** Let the fitted model credit quotations no rule credited (default true). */
  secondChance?: boolean;
  observe?: (chances: SecondChance[]) => void;
}

function extract(paragraphs: Paragraph[], options: ExtractOptions = {}): ArticleQuotes {
  const article = prepare(paragraphs);
  const registry = new Registry();
  registerNames(article, registry);

  const credits: Credit[] = [];
  const reported: { clause: Clause; paragraph: number; entity: Entity }[] = [];
  const clauseEntity = new Map<Clause, Entity | undefined>();
  const state: SpeakerState = { label: transcriptLabels(article, registry), credited: new Set() };
  const mentions: Mention[] = [];
  // A signed quotation waits for its signature: no rule before it may credit it to someone else.
  const signatures = signedQuotations(article);
  for (const { quotation } of signatures.values()) state.credited.add(quotation);

  const clausesByUnit = new Map<string, Clause[]>();
  for (const p of article.paragraphs) {
    if (p.kind !== "body") continue;
    p.units.forEach((unit, u) => {
      const clauses = findClauses(p.tokens, unit, p.start);
      for (const clause of clauses) clause.paragraph = p.index;
      clausesByUnit.set(`${p.index}:${u}`, clauses);
    });
  }

  for (const p of article.paragraphs) {
    if (p.kind === "teaser") continue;
    const runs = nameRuns(p);
    if (p.kind !== "body") {
      for (const run of runs) {
        registry.position = p.index * 1e6 + run.first;
        const entity = registry.resolveName(p.tokens, run.reading, false);
        if (entity) entity.mentions.add(p.n);
      }
      continue;
    }
    state.previousParagraph = state.currentParagraph;
    const memory: ParagraphMemory = { index: p.index };
    state.currentParagraph = memory;
    const runsByUnit = new Map<number, typeof runs>();
    for (const run of runs) {
      const list = runsByUnit.get(run.unit) ?? [];
      list.push(run);
      runsByUnit.set(run.unit, list);
    }
    p.units.forEach((unit, u) => {
      const clauses = clausesByUnit.get(`${p.index}:${u}`) ?? [];
      // Names and clauses in reading order, so salience is what a reader has seen so far.
      type Event = { at: number; run?: (typeof runs)[number]; clause?: Clause };
      const events: Event[] = [
        ...(runsByUnit.get(u) ?? []).map((run) => ({ at: run.first, run })),
        ...clauses.map((clause) => ({ at: clause.cue + 0.5, clause })),
      ].sort((a, b) => a.at - b.at);
      let lastInUnit: Entity | undefined;
      for (const event of events) {
        registry.position = p.index * 1e6 + Math.floor(event.at);
        if (event.run) {
          const { run } = event;
          const inQuote = p.tokens[run.first]!.quote >= 0;
          const create =
            !inQuote &&
            !whereFrom(p.tokens, run) &&
            (run.reading.kind === "person" || run.reading.kind === "organization");
          const phrase = phraseEndingAt(p.tokens, run.last, Math.max(unit.first, p.start));
          const entity = registry.resolveName(
            p.tokens,
            run.reading,
            create,
            headDeterminer(p, run.last, phrase?.determiner),
          );
          if (!entity) continue;
          if (inQuote) {
            entity.mentions.add(p.n);
            continue;
          }
          // A subject inside someone's reported words ("Earnest said Obama has long called …") is not
          // who a following "he said" means.
          const embedded =
            insideContent(clauses, run.first) || insideSplitQuotation(p, unit, clauses, run.first);
          const prominent = !embedded && isProminent(p, run.first, run.last, unit.first);
          // "America Rising … called him “a walking liability.” “…,” spokesman Jeff Bechdel said": a bare
          // spokesperson's title speaks for the body the text was just about.
          const at = run.reading.role >= 0 ? run.reading.role : run.first - 1;
          const title = p.tokens[at]?.lower ?? "";
          // A bare title only: "Seaside spokesman Tim Oakes" already says for whom.
          const before = p.tokens[at - 1];
          const bare = !(before?.kind === "word" && before.cap) && before?.kind !== "poss";
          if (entity.kind === "person" && bare && isSpokesperson(title))
            registry.spokespersonOfRecent(entity, p.index, title);
          registry.mention(entity, p.index, prominent, p.n, nameForm(p.tokens, run.reading, entity));
          mentions.push({
            entity,
            paragraph: p.index,
            unit: u,
            token: phrase?.first ?? run.first,
            last: run.last,
            prominent,
          });
          if (prominent && entity.kind === "person") {
            memory.lastSubject = entity;
            memory.lastSubjectUnit = u;
          }
          continue;
        }
        const clause = event.clause!;
        let entity: Entity | undefined;
        if (clause.speaker) {
          entity = registry.resolvePhrase(p.tokens, clause.speaker, p.index, p.text);
          const opener = p.tokens[clause.content[0]?.[0] ?? -1];
          if (
            entity &&
            clause.form === "leading" &&
            clause.speaker.kind === "name" &&
            clause.speaker.nameLast > clause.speaker.nameFirst &&
            opener?.quote === -1 &&
            isWord(opener, "he", "she")
          )
            registry.selfReference(entity, opener.lower);
          if (entity && clause.appositive) {
            const [s, e] = clause.appositive;
            const aside = sliceText(p.text, p.tokens, s, e);
            // "the Kremlin spokesman", or a bare title: "chief executive of the Refugee Council".
            const titled =
              /^(?:the|a|an)\s/i.test(aside) || (!p.tokens[s]!.cap && isRoleWord(p.tokens[s]!.lower));
            if (titled && aside.split(/\s+/).length <= 8) registry.addDescription(entity, aside);
          }
        } else {
          entity = lastInUnit;
          if (!entity) {
            const subject = sharedSubject(p.tokens, unit, p.start, clause.cue);
            if (subject) entity = registry.resolvePhrase(p.tokens, subject, p.index, p.text);
          }
        }
        clauseEntity.set(clause, entity);
        // "“…?” Clinton said.": the quotation before was waiting for this clause.
        if (entity && memory.lastCredit?.clause === clause) {
          memory.lastQuote = entity;
          memory.lastSpeaker = entity;
          memory.lastSpeakerUnit = u;
          memory.lastCreditUnit = u;
        }
        if (entity) {
          if (clause.speaker) {
            mentions.push({
              entity,
              paragraph: p.index,
              unit: u,
              token: clause.speaker.first,
              last: clause.speaker.last,
              prominent: true,
            });
          }
          if (!clause.nominal) lastInUnit = entity;
          // "Rubio was asked by moderator Gerard Baker whether …": the one asked answers next, so a
          // following "he said" is Rubio, not the questioner.
          const questioner =
            (clause.lemma === "ask" || clause.lemma === "question") && isWord(p.tokens[clause.cue + 1], "by");
          registry.spoke(entity, p.index, !questioner && !insideContent(clauses, clause.cue));
          entity.mentions.add(p.n);
          memory.lastClause = entity;
          memory.lastSpeaker = entity;
          memory.lastSpeakerUnit = u;
          memory.lastCue = cueText(p, clause);
          reported.push({ clause, paragraph: p.index, entity });
        }
      }
      credits.push(...assignQuotes(article, p, u, clausesByUnit, clauseEntity, state));
      const chances = secondChances({
        article,
        p,
        u,
        clauses,
        clauseEntity,
        mentions,
        memory,
        previous: state.previousParagraph,
        credited: state.credited,
      });
      options.observe?.(chances);
      const second = options.secondChance === false ? [] : creditSecondChances(article, chances);
      for (const credit of second) {
        credits.push(credit);
        memory.lastQuote = credit.entity;
        memory.lastSpeaker = credit.entity;
        memory.lastSpeakerUnit = u;
      }
    });
    const signature = signatures.get(p.index);
    const signer = signature && registry.resolvePhrase(p.tokens, signature.speaker, p.index, p.text);
    if (signature && signer) {
      credits.push({ record: quotationRecord(article, signature.quotation, "direct", "―"), entity: signer });
      memory.lastQuote = memory.lastSpeaker = signer;
    }
    memory.introduces = p.text.trimEnd().endsWith(":");
  }

  const body = article.paragraphs.find((p) => p.kind === "body");
  const firstBody = body?.index ?? 0;
  const delayed = registry.delayedNames(firstBody);
  for (const [from, to] of registry.acronymNames(body?.n ?? 0)) {
    delayed.set(from, to);
    for (const alias of from.aliases) to.aliases.add(alias);
  }
  for (const [from, to] of delayed) for (const n of from.mentions) to.mentions.add(n);
  const records = registry.records().filter(({ entity }) => !delayed.has(entity));
  const idOf = new Map<Entity, string>(records.map(({ entity, record }) => [entity, record.id]));
  for (const [from, to] of delayed) {
    const id = idOf.get(to);
    if (id) idOf.set(from, id);
  }
  const quotes: QuoteRecord[] = [];
  for (const credit of credits) {
    const entity = credit.entity ?? (credit.clause ? clauseEntity.get(credit.clause) : undefined);
    const id = entity ? idOf.get(entity) : undefined;
    if (!entity || !id) continue;
    quotes.push({ ...credit.record, speakerId: id });
  }
  for (const { clause, paragraph, entity } of reported) {
    const id = idOf.get(entity);
    const record = id ? reportedRecord(article.paragraphs[paragraph]!, clause, id) : undefined;
    if (record) quotes.push(record);
  }
  quotes.sort((a, b) => a.paragraph - b.paragraph || a.span.start - b.span.start);
  // "The biases shown in the report …": a speaker read from a lone grammatical word names nobody.
  const nobody = new Set(
    records
      .filter(({ record }) => /^(?:the|a|an|this|that|these|those)$/i.test(record.name))
      .map(({ record }) => record.id),
  );
  // "'A really tough decision.'" alone on its line: a section heading in single marks, nobody's words
  // until the text attributes them below it.
  const headings = new Set(
    article.paragraphs.filter((p) => SECTION_HEADING.test(p.text.trim())).map((p) => p.n),
  );
  const kept = quotes.filter((q) => !nobody.has(q.speakerId) && !headings.has(q.paragraph));
  const speakers: SpeakerRecord[] = records.map(({ record }) => record).filter((r) => !nobody.has(r.id));
  return { speakers, quotes: dedupe(kept) };
}

/** A line that is only a short quotation in single marks. */
const SECTION_HEADING = /^['‘][^'‘’"“”]{1,80}['’]$/;

/**
 * "a retiree from Las Vegas": after a description's "from" or "in", a name the lexicon cannot place
 * (no given name, no title) is where the person is from, not someone the article introduces.
 */
function whereFrom(tokens: Token[], run: { first: number; reading: RunReading }): boolean {
  const before = tokens[run.first - 2];
  return (
    run.reading.kind === "person" &&
    run.reading.gender === undefined &&
    run.reading.role < 0 &&
    isWord(tokens[run.first - 1], "from", "in") &&
    before?.kind === "word" &&
    !before.cap &&
    // a noun for a person ("a retiree", "a nurse"), not "a letter from Sanders" nor "came from"
    !isVerbish(before.lower) &&
    !DOCUMENTS.has(before.lower)
  );
}

/** Pass 1: full names (with titles) and organisations, wherever they appear. */
function registerNames(article: ArticleText, registry: Registry): void {
  for (const p of article.paragraphs) {
    if (p.kind === "teaser") continue;
    for (const run of nameRuns(p)) {
      if (p.tokens[run.first]!.quote >= 0 || whereFrom(p.tokens, run)) continue;
      registry.position = p.index * 1e6 + run.first;
      const unit = p.units[run.unit]!;
      const phrase = phraseEndingAt(p.tokens, run.last, Math.max(unit.first, p.start));
      let description: string | undefined;
      if (phrase && phrase.kind === "name" && phrase.first < phrase.nameFirst) {
        description = p.text.slice(p.tokens[phrase.first]!.start, p.tokens[phrase.nameFirst]!.start).trim();
      }
      registry.registerRun(
        p.tokens,
        run.reading,
        description,
        headDeterminer(p, run.last, phrase?.determiner),
      );
    }
  }
}

/** "the" belongs to a name only when the name heads its phrase: not in "the Wells Fargo scandal". */
function headDeterminer(
  p: ArticleText["paragraphs"][number],
  last: number,
  determiner: string | undefined,
): string | undefined {
  const next = p.tokens[last + 1];
  if (
    next &&
    next.kind === "word" &&
    !next.cap &&
    next.quote < 0 &&
    !isFiniteVerb(next.lower) &&
    !cueLike(next.lower)
  )
    return undefined;
  return determiner;
}

function cueLike(lower: string): boolean {
  return /^(?:said|says|told|added|announced|reported|wrote|stated|noted|warned|claimed|insisted|denied|confirmed)$/.test(
    lower,
  );
}

/**
 * Transcript labels ("PENCE:", "WALLACE:") are trusted when the article has at least two distinct ones
 * or the label is the surname of someone the article names.
 */
function transcriptLabels(
  article: ArticleText,
  registry: Registry,
): ((label: string) => Entity | undefined) | undefined {
  const labels = new Set<string>();
  for (const q of article.quotations) {
    for (const piece of q.pieces) {
      const text = article.paragraphs[piece.paragraph]!.text.slice(piece.start, piece.end);
      const match = /^([A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,2}):\s/.exec(text);
      if (match) labels.add(match[1]!);
    }
  }
  if (labels.size === 0) return undefined;
  return (label: string) => registry.resolveLabel(label, labels.size >= 2);
}

/** Whether a name run gives a person's first name and surname ("full") or the surname alone ("bare"). */
function nameForm(tokens: Token[], reading: RunReading, entity: Entity): "full" | "bare" | undefined {
  if (entity.nameWords.length < 2) return undefined;
  const first = tokens[reading.nameFirst]!.text;
  if (reading.nameLast > reading.nameFirst) return first === entity.nameWords[0] ? "full" : undefined;
  return reading.role < 0 && first === entity.nameWords.at(-1) ? "bare" : undefined;
}

/** Signature lines ("- Marta Quill.") by paragraph, with the quotation each signs. */
function signedQuotations(article: ArticleText): Map<number, { speaker: NounPhrase; quotation: number }> {
  const signatures = new Map<number, { speaker: NounPhrase; quotation: number }>();
  for (const p of article.paragraphs) {
    const speaker = p.kind === "body" ? signatureLine(p.tokens, p.start) : undefined;
    const quotation = speaker ? quotationAbove(article, p.index) : undefined;
    if (speaker && quotation !== undefined) signatures.set(p.index, { speaker, quotation });
  }
  return signatures;
}

/**
 * The quotation that makes up the whole paragraph before this one (it may have begun paragraphs
 * earlier): what a signature line under it signs.
 */
function quotationAbove(article: ArticleText, index: number): number | undefined {
  const above = article.paragraphs[index - 1];
  const ref = above?.pieces.filter((r) => r.first >= 0).at(-1);
  if (above?.kind !== "body" || !ref) return undefined;
  const quotation = article.quotations[ref.quotation]!;
  if (ref.piece !== quotation.pieces.length - 1) return undefined;
  if (above.tokens.slice(ref.last + 1).some((t) => t.kind !== "punct")) return undefined;
  const opening = quotation.pieces[0]!;
  const opener = article.paragraphs[opening.paragraph]!;
  const first = opener.pieces.find((r) => r.quotation === ref.quotation && r.piece === 0);
  return first && first.first <= opener.start ? ref.quotation : undefined;
}

/** A subject-like mention: it opens a clause and a verb follows (perhaps after an aside in commas). */
function isProminent(
  p: ArticleText["paragraphs"][number],
  first: number,
  last: number,
  unitFirst: number,
): boolean {
  const { tokens } = p;
  const phrase = phraseEndingAt(tokens, last, Math.max(unitFirst, p.start));
  const start = phrase ? phrase.first : first;
  const before = tokens[start - 1];
  // "For Major, a retiree …, making calls is …", "To Florida consultant Wilson, the party line is …": a
  // fronted "For"/"To" names whose view the sentence gives, who a following "she said" means.
  if (
    before?.kind === "word" &&
    before.cap &&
    /^(?:for|to)$/.test(before.lower) &&
    start - 1 <= Math.max(unitFirst, p.start) &&
    tokens[last + 1]?.text === ","
  )
    return true;
  const opens =
    start <= Math.max(unitFirst, p.start) ||
    (before !== undefined &&
      (before.text === "," ||
        before.kind === "quote" ||
        /^(?:and|but|that|while|as|when)$/.test(before.lower)));
  if (!opens) return false;
  let k = last + 1;
  // "Suu Kyi's fate is still unclear, but she said …": the possessor of the clause's subject is who
  // the sentence is about.
  if (tokens[k]?.kind === "poss") {
    k++;
    const noun = (t: Token | undefined) =>
      t?.kind === "word" && !t.cap && !isFunctionWord(t.lower) && !isFiniteVerb(t.lower);
    for (let words = 0; words < 3 && noun(tokens[k]); words++) k++;
  }
  if (tokens[k]?.text === "(") {
    while (k < tokens.length && tokens[k]!.text !== ")") k++;
    k++;
  }
  if (tokens[k]?.text === ",") {
    let m = k + 1;
    let closedInTitle = false;
    while (m < tokens.length && m - k < 25 && tokens[m]!.text !== ",") {
      // "Donald Trump, former host of the reality show “The Apprentice,” listed …": a title in quote
      // marks is part of the aside, and its comma may close it.
      const title = tokens[m]!.quote >= 0 ? titleQuoteEnd(tokens, m) : -1;
      if (tokens[m]!.quote >= 0 && title < 0) break;
      if (title >= 0) {
        closedInTitle = tokens[title]!.text === "," || tokens[title - 1]!.text === ",";
        m = title + 1;
        if (closedInTitle) break;
        continue;
      }
      // "Chris Panayis, managing director of ISP Freedom2surf said …": an aside left unclosed; but in
      // "like Pat Robertson, who had condemned …" the verb is the relative clause's own.
      if (
        tokens[m]!.kind === "word" &&
        m - k > 2 &&
        isFiniteVerb(tokens[m]!.lower) &&
        !isWord(tokens[k + 1], "who", "which", "whose", "whom")
      )
        return true;
      m++;
    }
    if (!closedInTitle && tokens[m]?.text !== ",") return false;
    k = closedInTitle ? m : m + 1;
  }
  // "Mr Blair has probably been closer to …": auxiliaries and adverbs before the verb.
  while (
    tokens[k] &&
    tokens[k]!.kind === "word" &&
    (/^(?:also|later|earlier|then|has|had|have|repeatedly|once|again|previously|still|not|never|yet)$/.test(
      tokens[k]!.lower,
    ) ||
      isAdverbLike(tokens[k]!.lower))
  )
    k++;
  const after = tokens[k];
  return after !== undefined && after.kind === "word" && isVerbish(after.lower);
}

function insideContent(clauses: Clause[], token: number): boolean {
  return clauses.some((c) => c.cue < token && c.content.some(([s, e]) => s <= token && token <= e));
}

/**
 * The writer's aside inside a split quotation ("“I don't think the wisdom” -- that Reilly is seen as a
 * liberal -- “is going to last,” he says"): between two quotations of one sentence, with no cue of its
 * own, so its subject is not who the quotation's "he" means.
 */
function insideSplitQuotation(
  p: ArticleText["paragraphs"][number],
  unit: { first: number; last: number },
  clauses: Clause[],
  token: number,
): boolean {
  const pieces = p.pieces.filter((r) => r.first >= unit.first && r.last <= unit.last);
  const before = pieces.filter((r) => r.last < token).at(-1);
  const after = pieces.find((r) => r.first > token);
  if (!before || !after) return false;
  return !clauses.some((c) => c.cue > before.last && c.cue < after.first);
}

/** Identical records (same ¶, span, type, speaker) can arise when two clauses claim one quotation. */
function dedupe(quotes: QuoteRecord[]): QuoteRecord[] {
  const seen = new Set<string>();
  return quotes.filter((q) => {
    const key = `${q.paragraph}:${q.span.start}:${q.span.end}:${q.type}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
