import { keywordTerm, normalizeWord, tokenize } from "../text/terms.ts";

/**
 * What kind of answer a question wants. It steers ranking (a "how many" answer holds a number) and
 * abstention (a "what did X say" question needs X to be quoted).
 */
export type AnswerType = "quantity" | "time" | "place" | "entity" | "reason" | "speech" | "yesno" | "other";

export interface QuestionTerm {
  /** As typed. */
  raw: string;
  /** Lower-cased, possessive dropped: the word-vector key. */
  word: string;
  /** Stemmed keyword form: the index key. */
  stem: string;
  /** Capitalised mid-question, or an acronym: a name, which must match exactly. */
  entity: boolean;
  /** A number ("2017", "$185"). */
  numeric: boolean;
}

export interface QuestionAnalysis {
  /** The question as analysed (surrounding quotes removed, ALL CAPS lowered). */
  text: string;
  type: AnswerType;
  /** Content terms, in order, without question words, stop words and the speech frame. */
  terms: QuestionTerm[];
  /** For speech questions: who is asked about ("McCain", "Josh Earnest", "the Kremlin"). */
  speaker?: string;
  /**
   * The speaker is a name ("McCain", "boris johnson") rather than a description ("the Indiana
   * governor", "Italy's premier"): only a name can be checked against who is quoted.
   */
  speakerIsName?: boolean;
  /** For quantity questions, the unit the answer must come in: "how much did X pay" wants money. */
  unit?: "money" | "percent";
}

const MONEY_QUESTION =
  /^how much\b.*\b(?:pay|paid|paying|pays|spend|spent|spending|spends|cost|costs|costing|money|income|compensation|funding|raise|raised|raising|give|gave|given|giving|donate|donated|donating|worth|price|salary|fine|fined|tax|taxes|invest|invested|investing|earn|earned|earning|earns|budget|charge|charged|owe|owed|owes|fee|fees)\b/;
const PERCENT_QUESTION =
  /^(?:what|which) (?:percentage|percent|share|proportion|fraction)\b|^how many percent\b/;

/** Words that frame a question rather than say what it is about. */
const FRAME_WORDS = new Set(
  (
    "how many much what which who whom whose when where why whether does did do is are was were has have had " +
    "can could will would should shall may might tell told say says said according exactly ever also kind sort " +
    "type give gives given happen happened anything something thing things please"
  ).split(" "),
);

const SPEECH_VERBS =
  "say|says|said|tell|tells|told|announce|announced|claim|claimed|argue|argued|write|wrote|tweet|tweeted|" +
  "note|noted|add|added|warn|warned|think|thinks|thought|believe|believes|suggest|suggested|call|called|" +
  "describe|described|comment|commented|respond|responded|reply|replied|admit|admitted|insist|insisted|" +
  "deny|denied|predict|predicted|promise|promised|vow|vowed|urge|urged|accuse|accused|want|wants|mean|meant|" +
  "think about|feel|feels|felt|reveal|revealed|explain|explained|grumble|grumbled|complain|complained|" +
  // Verbs that report a judgement: the answer is how the speaker put it, usually in their own words.
  "characterize|characterized|characterise|characterised|belittle|belittled|lament|lamented|criticize|" +
  "criticized|criticise|criticised|mock|mocked|praise|praised|dismiss|dismissed|rebuke|rebuked|blast|" +
  "blasted|slam|slammed|concede|conceded|acknowledge|acknowledged|recall|recalled|joke|joked|boast|boasted|" +
  "liken|likened|label|labeled|labelled|recommend|recommended|propose|proposed|demand|demanded|pledge|" +
  "pledged|question|questioned|assert|asserted|contend|contended|stress|stressed";

/** Where a question proper starts after a leading "according to X". */
const QUESTION_START = "(?:what|who|whom|how|when|where|why|which|did|does|do|is|was|were|are|has|have)\\b";

const SPEECH_PATTERNS: RegExp[] = [
  new RegExp(`^what (?:did|does|do|has|have|had|will|would) (.+?) (?:${SPEECH_VERBS})(?=[\\s,?.!]|$)`, "i"),
  /^how (?:did|does|do|has|have) (.+?) (?:respond|react|reply|describe|explain)\b/i,
  // "according to the Annenberg organizer": the lower-case head noun makes it a description.
  new RegExp(
    `\\baccording to ((?:the )?[A-Z][\\w.'’-]*(?:\\s+(?!${QUESTION_START})[\\w.'’-]+){0,5}?)(?=\\s*[,?.!;]|\\s+${QUESTION_START}|$)`,
  ),
  /^(?:what was|what is|what were) (.+?)(?:'s|’s) (?:statement|comment|comments|remarks|response|reaction|message|advice|warning|view|position)\b/i,
  /^(?:what )?(?:advice|message|warning) (?:did|does|do) (.+?) (?:give|have|send|offer)\b/i,
];

/**
 * "How did the Indiana governor belittle …", "Which concern does the Vermont senator think …", "What
 * labels does the ex-New York mayor say …": a few words of focus may sit before the auxiliary. Broad,
 * so it only applies when nothing more specific (a number, a date…) is asked for, and the speaker must
 * read as a noun phrase (not "the blue helmets been", not "the president draw to").
 */
const FOCUSED_SPEECH = new RegExp(
  `^(?:what|which|how)(?:\\s+\\S+){0,8}?\\s+(?:did|does|do|has|have|had|will|would) ((?:(?!(?:to|be|been|being|that|if)\\s)\\S+\\s){0,5}?\\S+)(?<!\\b(?:to|be|been|being|that|if)) (?:${SPEECH_VERBS})(?=[\\s,?.!]|$)`,
  "i",
);

export function analyzeQuestion(question: string): QuestionAnalysis {
  const stripped = question.trim().replace(/^["“'‘]+|["”'’]+$/g, "");
  // ALL CAPS carries no case information: read it as lower case, not as a row of acronyms.
  const letters = stripped.replace(/[^\p{L}]/gu, "");
  const text = letters.length > 3 && letters === letters.toUpperCase() ? stripped.toLowerCase() : stripped;
  const lower = text.toLowerCase();
  const analysis: QuestionAnalysis = { text, type: answerType(lower), terms: [] };
  if (analysis.type === "quantity") {
    if (PERCENT_QUESTION.test(lower)) analysis.unit = "percent";
    else if (MONEY_QUESTION.test(lower)) analysis.unit = "money";
  }
  const patterns = analysis.type === "other" ? [...SPEECH_PATTERNS, FOCUSED_SPEECH] : SPEECH_PATTERNS;
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (match?.[1] && match[1].split(/\s+/).length <= 6) {
      analysis.type = "speech";
      analysis.speaker = match[1].replace(/[?.!,]+$/, "").trim();
      analysis.speakerIsName =
        !/^(?:the|a|an|his|her|their|its|our|this|that|one|some|another)\b|['’]s\b/i.test(analysis.speaker) &&
        // "Annenberg organizer": a capitalised word before a lower-case noun describes someone (only
        // when the question uses capitals at all: "what did boris johnson say" names him).
        !(/\p{Lu}/u.test(analysis.speaker) && /\s\p{Ll}[\p{L}-]*$/u.test(analysis.speaker));
      break;
    }
  }
  const tokens = tokenize(text);
  tokens.forEach((token, index) => {
    const word = normalizeWord(token.raw);
    if (FRAME_WORDS.has(word)) return;
    // "how long/often/far/old …" asks for a quantity; the adjective is not a topic.
    if (index === 1 && normalizeWord(tokens[0]?.raw ?? "") === "how") return;
    const stem = keywordTerm(token.raw);
    if (!stem) return;
    if (analysis.type === "speech" && new RegExp(`^(?:${SPEECH_VERBS})$`).test(word)) return;
    const capitalised = /^\p{Lu}/u.test(token.raw);
    const acronym = /^\p{Lu}[\p{Lu}\d.&-]+$/u.test(token.raw);
    analysis.terms.push({
      raw: token.raw,
      word,
      stem,
      entity:
        acronym || (capitalised && (index > 0 || !/^(?:what|which|who|how|why|when|where)$/.test(word))),
      numeric: /\d/.test(token.raw),
    });
  });
  return analysis;
}

const MEASURE =
  /\b(?:poll|polls|polling|forecast|forecasts|rate|rates|margin|vote|votes|score|tally|count|cost|costs|price|prices|estimate|estimates|percentage|percent|share|average|total|number|amount|figure|figures|budget|salary|toll)\b/;

function answerType(lower: string): AnswerType {
  if (
    /^(?:how (?:many|much|often|long|old|far|big|large|tall|high|low|fast)|what (?:share|percentage|percent|proportion|fraction|number|amount|sum|figure)|what (?:was|is|were|are) the (?:[\w-]+ ){0,3}(?:vote|margin|score|rate|number|total|cost|price|tally|count|size|majority|figure|forecast|estimate))\b/.test(
      lower,
    )
  ) {
    return "quantity";
  }
  if (/^(?:when|what (?:time|date|day|year|month))\b/.test(lower)) return "time";
  if (/^(?:where|which (?:city|country|state|town|place|venue|region|county|nation))\b/.test(lower))
    return "place";
  if (/^(?:why|what (?:caused|led|prompted|triggered|inspired|motivated))\b/.test(lower)) return "reason";
  if (
    /^(?:who|whom|whose|which (?:\w+ ){0,3}?(?:\w+ers?|\w+ists?|\w+ians?|\w+men|senator|judge|person|people|official|leader|star|player|company|group|firm|party|candidate|president|minister|singer|team|club|publishers?|newspapers?))\b/.test(
      lower,
    )
  ) {
    return "entity";
  }
  if (/^(?:is|are|was|were|does|do|did|has|have|had|can|could|will|would|should)\b/.test(lower))
    return "yesno";
  // A search-box query without a question word ("IMF forecast for US growth", "veteran suicide rate")
  // that names a measure asks for its figure.
  if (!/\b(?:what|which|who|whom|whose|how|why|when|where)\b/.test(lower) && MEASURE.test(lower))
    return "quantity";
  return "other";
}
