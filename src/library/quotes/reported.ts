/**
 * Reported (indirect) speech: a clause whose content is mostly the writer's words ("Putin said he has
 * no desire for an arms race"). A content that is only a quotation, or that names rather than reports
 * ("called Trump a 'bully'"), is not reported speech.
 */
import type { ParagraphState } from "./article-text.ts";
import { isWord } from "./clause-words.ts";
import type { Clause } from "./clauses.ts";
import { isFiniteVerb, isVerbish } from "./lexicon.ts";
import { phraseStartingAt } from "./noun-phrases.ts";
import type { QuoteRecord } from "./types.ts";

export function cueText(p: ParagraphState, clause: Clause): string {
  const first = p.tokens[clause.cueFirst]!;
  const last = p.tokens[clause.cueLast]!;
  return p.text.slice(first.start, last.end).replace(/\s+/g, " ");
}

export function reportedRecord(
  p: ParagraphState,
  clause: Clause,
  speakerId: string,
): QuoteRecord | undefined {
  if (clause.content.length === 0 || clause.kind === "intro") return undefined;
  let words = 0;
  let verb = false;
  let quoted = false;
  for (const [s, e] of clause.content) {
    for (let i = s; i <= e; i++) {
      const t = p.tokens[i]!;
      if (t.quote >= 0) {
        if (t.kind === "word") {
          verb = true; // "said the phrase “tars” the many with the few"
          quoted = true;
        }
        continue;
      }
      if (t.kind !== "word") continue;
      words++;
      if (isVerbish(t.lower)) verb = true;
    }
  }
  // Two words of the writer's are a clause when they frame the speaker's own: "he voted “uncommitted”".
  if (words < (quoted ? 2 : 3)) return undefined;
  // "they have adequate resources": a subject pronoun makes it a clause whatever the verb's tag.
  const opener = p.tokens[clause.content[0]![0]];
  if (opener && /^(?:he|she|they|we|i|it|there)$/.test(opener.lower)) verb = true;
  // A label reports an opinion ("accused the government of trying to confuse the issue", "praised
  // the deal"), but "called Putin" is a phone call and "referring to the convention" the writer's
  // gloss: without a quotation, those two report speech only as "called for …" and "referred to X as …".
  if (!quoted && !reportingSense(p, clause)) return undefined;
  if (!verb && !(clause.kind === "infinitive" || clause.kind === "tell" || clause.kind === "label"))
    return undefined;
  // "Ebbers denied he met him": the verb is part of what is reported (without it the words read as
  // the speaker's claim), so a content that follows its cue is kept with the verb group before it.
  const from = verbGroupStart(p, clause);
  const ranges = clause.content.map(([s, e], k): [number, number] => [
    k === 0 && from >= 0 ? from : s,
    clause.kind === "label" && !quoted ? labelEnd(p, s, e) : e,
  ]);
  const pieces = ranges.map(([s, e]) => p.text.slice(p.tokens[s]!.start, p.tokens[e]!.end));
  // "said that was a natural part of …": before a verb, "that" is the statement's subject, not the
  // conjunction that introduces it.
  const afterThat = p.tokens[ranges[0]![0] + 1];
  const thatIsSubject = afterThat?.kind === "word" && afterThat.quote < 0 && isFiniteVerb(afterThat.lower);
  const joined = pieces.map((piece) => piece.trim()).join(" ");
  const text = (thatIsSubject ? joined : joined.replace(/^that\s+/i, ""))
    .replace(/[\s,;:.\u2014-]+$/, "")
    .replace(/\s+/g, " ")
    .trim();
  if (!text) return undefined;
  const start = p.tokens[ranges[0]![0]]!.start;
  const end = p.tokens[clause.content.at(-1)![1]]!.end;
  return {
    paragraph: p.n,
    span: { start, end },
    text,
    type: "reported",
    speakerId,
    cue: cueText(p, clause),
  };
}

/** Label cues that report speech only around a quotation: "defended the plan" is the writer's account. */
const QUOTED_ONLY = new Set("echo disavow applaud".split(" "));
/** "referred to the deal as …", "defended the plan as …": a report only with the label after "as". */
const LABELS_WITH_AS = new Set("refer characterize characterise portray defend".split(" "));

function reportingSense(p: ParagraphState, clause: Clause): boolean {
  const [s, e] = clause.content[0]!;
  if (QUOTED_ONLY.has(clause.lemma)) return false;
  // "talked about his plans", "spoke of a new era": a topic of speech; not "spoke at the White House",
  // "spoke on condition of anonymity" or the noun in "speaking fees".
  if (clause.lemma === "speak" || clause.lemma === "talk")
    return isWord(p.tokens[clause.cue + 1], "about", "of", "up", "out");
  if (clause.lemma === "call")
    return p.tokens[s]?.lower === "for" || callsUpon(p, clause) || namesAs(p, s, e);
  if (LABELS_WITH_AS.has(clause.lemma)) return p.tokens.slice(s, e + 1).some((t) => t.lower === "as");
  return true;
}

/** "called on the governor to resign": an appeal, whose infinitive is the content. */
function callsUpon(p: ParagraphState, clause: Clause): boolean {
  const [s] = clause.content[0]!;
  return isWord(p.tokens[clause.cue + 1], "on", "upon") && p.tokens[s]?.lower === "to";
}

/**
 * "called the mayor a liar": an object, then what the speaker called it (not "called Putin a day
 * later", a phone call and when).
 */
function namesAs(p: ParagraphState, s: number, e: number): boolean {
  const objectLast = isWord(p.tokens[s], "him", "her", "them", "it")
    ? s
    : phraseStartingAt(p.tokens, s, e)?.last;
  if (objectLast === undefined) return false;
  const article = p.tokens[objectLast + 1];
  const noun = p.tokens[objectLast + 2];
  if (!isWord(article, "a", "an") || noun?.kind !== "word" || noun.quote >= 0) return false;
  return !/^(?:day|days|week|weeks|month|months|year|years|hour|hours|minute|minutes|few|couple|second|moment|time|number|lot)$/.test(
    noun.lower,
  );
}

/**
 * Where a label's opinion without quotation marks ends: "blamed Moscow for the attack, a charge Russia
 * denies" and "accused Russia of hacking the grid and approved sanctions" stop at the writer's comma
 * or next verb.
 */
function labelEnd(p: ParagraphState, s: number, e: number): number {
  for (let k = s + 1; k <= e; k++) {
    const t = p.tokens[k]!;
    if (t.quote >= 0) continue;
    if (t.text === ",") return k - 1;
    const next = p.tokens[k + 1];
    if (/^(?:and|but)$/.test(t.lower) && next?.kind === "word" && next.quote < 0 && isFiniteVerb(next.lower))
      return k - 1;
  }
  return e;
}

/** Cues that only say that something was said: the reported words stand without them. */
const NEUTRAL_CUES = new Set(
  "say tell add write tweet note state explain report announce comment remark post reply respond".split(" "),
);

/** Auxiliaries and adverbs that belong to the cue's verb group: "has told", "had also warned". */
const VERB_GROUP = new Set(
  "has have had would will also later previously repeatedly again then once earlier recently".split(" "),
);

/**
 * Where a reported statement starts when its content follows the cue: the cue verb, or the
 * auxiliaries before it ("has told England to …"); -1 when the content is not after the cue (a
 * trailing or parenthetical attribution keeps the content alone).
 */
function verbGroupStart(p: ParagraphState, clause: Clause): number {
  if (clause.content.length !== 1 || clause.content[0]![0] <= clause.cueLast) return -1;
  if (clause.form !== "leading" && clause.form !== "shared") return -1;
  // "As Menendez pointed out, rulings have …": content after a comma stands on its own.
  if (p.tokens[clause.content[0]![0] - 1]?.text === ",") return -1;
  // "said (that) …", "told reporters (that) …": the content reads as a statement on its own; "told
  // England to stop …" does not.
  if (
    NEUTRAL_CUES.has(clause.lemma) &&
    clause.kind !== "label" &&
    p.tokens[clause.content[0]![0]]?.lower !== "to"
  )
    return -1;
  const floor = Math.max(clause.span[0], (clause.speaker?.last ?? -1) + 1);
  let first = clause.cueFirst;
  while (first - 1 >= floor) {
    const t = p.tokens[first - 1]!;
    if (t.kind !== "word" || t.quote >= 0 || !VERB_GROUP.has(t.lower)) break;
    first--;
  }
  return first;
}
