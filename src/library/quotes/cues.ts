/**
 * Speech cues: the verbs that introduce what someone said. Ordered roughly by how often PolNeAR's
 * political news uses them (say 55%, tell 5%, write 4%, add 3%, call 3%, according to 1% …). Beliefs
 * and intentions (think, want, expect, hope) are not speech and are deliberately absent.
 */

export type CueKind =
  /** Takes a clause: "said (that) …". */
  | "clause"
  /** Takes an addressee, then a clause: "told reporters (that) …". */
  | "tell"
  /** Names or labels: "called Trump a 'pathological liar'", "described it as 'unhinged'". Quotes only. */
  | "label"
  /** Takes an infinitive: "urged X to …", "vowed to …". */
  | "infinitive"
  /** Only introduces an adjacent quotation: "Limbaugh continued: “…”". */
  | "intro";

interface CueVerb {
  lemma: string;
  kind: CueKind;
  forms?: string[];
}

/** [lemma, kind, irregular forms (base, -s, past, participle, gerund)] */
const VERBS: CueVerb[] = [
  { lemma: "say", kind: "clause", forms: ["say", "says", "said", "saying"] },
  { lemma: "tell", kind: "tell", forms: ["tell", "tells", "told", "telling"] },
  { lemma: "write", kind: "clause", forms: ["write", "writes", "wrote", "written", "writing"] },
  { lemma: "add", kind: "clause" },
  { lemma: "call", kind: "label" },
  { lemma: "ask", kind: "clause" },
  { lemma: "tweet", kind: "clause", forms: ["tweet", "tweets", "tweeted", "tweeting"] },
  { lemma: "note", kind: "clause" },
  { lemma: "announce", kind: "clause" },
  { lemma: "argue", kind: "clause" },
  { lemma: "claim", kind: "clause" },
  { lemma: "confirm", kind: "clause" },
  { lemma: "deny", kind: "clause" },
  { lemma: "insist", kind: "clause" },
  { lemma: "warn", kind: "tell" },
  { lemma: "urge", kind: "infinitive" },
  { lemma: "encourage", kind: "infinitive" },
  { lemma: "accuse", kind: "label" },
  { lemma: "vow", kind: "infinitive" },
  { lemma: "pledge", kind: "infinitive" },
  { lemma: "promise", kind: "infinitive" },
  { lemma: "admit", kind: "clause", forms: ["admit", "admits", "admitted", "admitting"] },
  { lemma: "acknowledge", kind: "clause" },
  { lemma: "stress", kind: "clause", forms: ["stress", "stresses", "stressed", "stressing"] },
  { lemma: "explain", kind: "clause" },
  { lemma: "reply", kind: "clause" },
  { lemma: "respond", kind: "clause" },
  { lemma: "state", kind: "clause" },
  { lemma: "declare", kind: "clause" },
  { lemma: "testify", kind: "clause" },
  { lemma: "recall", kind: "clause" },
  { lemma: "report", kind: "clause" },
  { lemma: "demand", kind: "clause" },
  { lemma: "suggest", kind: "clause" },
  { lemma: "predict", kind: "clause" },
  { lemma: "complain", kind: "clause" },
  { lemma: "contend", kind: "clause" },
  { lemma: "assert", kind: "clause" },
  { lemma: "maintain", kind: "clause" },
  { lemma: "remark", kind: "clause" },
  { lemma: "comment", kind: "clause" },
  { lemma: "observe", kind: "clause" },
  { lemma: "mention", kind: "clause" },
  { lemma: "charge", kind: "clause" },
  { lemma: "allege", kind: "clause" },
  { lemma: "concede", kind: "clause" },
  { lemma: "emphasize", kind: "clause" },
  { lemma: "emphasise", kind: "clause" },
  { lemma: "exclaim", kind: "clause" },
  { lemma: "shout", kind: "clause" },
  { lemma: "joke", kind: "clause" },
  { lemma: "quip", kind: "clause", forms: ["quip", "quips", "quipped", "quipping"] },
  { lemma: "boast", kind: "clause" },
  { lemma: "caution", kind: "clause" },
  { lemma: "conclude", kind: "clause" },
  { lemma: "proclaim", kind: "clause" },
  { lemma: "reiterate", kind: "clause" },
  { lemma: "repeat", kind: "clause" },
  { lemma: "counter", kind: "clause" },
  { lemma: "retort", kind: "clause" },
  { lemma: "chant", kind: "clause" },
  { lemma: "yell", kind: "clause" },
  { lemma: "scream", kind: "clause" },
  { lemma: "reveal", kind: "clause" },
  { lemma: "disclose", kind: "clause" },
  { lemma: "post", kind: "clause" },
  { lemma: "assure", kind: "tell" },
  { lemma: "inform", kind: "tell" },
  { lemma: "remind", kind: "tell" },
  { lemma: "advise", kind: "tell" },
  { lemma: "plead", kind: "clause" },
  { lemma: "lament", kind: "clause" },
  { lemma: "recount", kind: "clause" },
  { lemma: "exhort", kind: "infinitive" },
  { lemma: "describe", kind: "label" },
  // "characterizes herself as a “change warrior”", "defended his comments as “sarcastic”": a label
  // given with "as" (without a quotation they report speech only with it, see reported.ts).
  { lemma: "characterize", kind: "label" },
  { lemma: "characterise", kind: "label" },
  { lemma: "portray", kind: "label" },
  { lemma: "defend", kind: "label" },
  { lemma: "refer", kind: "label", forms: ["refer", "refers", "referred", "referring"] },
  { lemma: "dub", kind: "label", forms: ["dub", "dubs", "dubbed", "dubbing"] },
  {
    lemma: "label",
    kind: "label",
    forms: ["label", "labels", "labeled", "labelled", "labeling", "labelling"],
  },
  { lemma: "brand", kind: "label" },
  { lemma: "term", kind: "label" },
  { lemma: "hail", kind: "label" },
  { lemma: "blast", kind: "label" },
  { lemma: "slam", kind: "label", forms: ["slam", "slams", "slammed", "slamming"] },
  { lemma: "criticize", kind: "label" },
  { lemma: "condemn", kind: "label" },
  { lemma: "denounce", kind: "label" },
  { lemma: "laud", kind: "label" },
  { lemma: "liken", kind: "label" },
  { lemma: "compare", kind: "label" },
  { lemma: "dismiss", kind: "label", forms: ["dismiss", "dismisses", "dismissed", "dismissing"] },
  { lemma: "rate", kind: "label" },
  { lemma: "deride", kind: "label" },
  { lemma: "mock", kind: "label" },
  { lemma: "ridicule", kind: "label" },
  { lemma: "tout", kind: "label" },
  { lemma: "rule", kind: "clause" },
  { lemma: "cite", kind: "label" },
  { lemma: "continue", kind: "intro" },
  { lemma: "sing", kind: "intro", forms: ["sing", "sings", "sang", "singing"] },
  // Manner-of-speaking verbs, which only ever introduce the quotation beside them: "“Go back,” he barked".
  ...["bark", "snap", "fume", "scoff", "sneer", "growl", "grumble", "mutter", "whisper", "gush", "chide"]
    .concat(["interject", "opine", "brag", "confide", "concur", "laugh"])
    .map((lemma): CueVerb => ({ lemma, kind: "intro" })),
  { lemma: "criticise", kind: "label" },
  { lemma: "praise", kind: "label" },
  { lemma: "blame", kind: "label" },
  { lemma: "thank", kind: "label" },
  // Opinions PolNeAR attributes ("bemoaned the climate in which people “literally hate each other”").
  // Without a quotation most of them are the writer's account (see QUOTED_ONLY in reported.ts).
  { lemma: "bemoan", kind: "label" },
  { lemma: "reject", kind: "label" },
  { lemma: "decry", kind: "label" },
  { lemma: "chide", kind: "label" },
  { lemma: "lambaste", kind: "label" },
  { lemma: "rebuke", kind: "label" },
  { lemma: "scold", kind: "label" },
  { lemma: "assail", kind: "label" },
  { lemma: "applaud", kind: "label" },
  { lemma: "disavow", kind: "label" },
  { lemma: "echo", kind: "label", forms: ["echo", "echoes", "echoed", "echoing"] },
  { lemma: "brag", kind: "clause", forms: ["brag", "brags", "bragged", "bragging"] },
  { lemma: "whisper", kind: "clause" },
  { lemma: "concur", kind: "clause", forms: ["concur", "concurs", "concurred", "concurring"] },
  { lemma: "grouse", kind: "clause" },
  { lemma: "opine", kind: "clause" },
  { lemma: "fume", kind: "clause" },
  { lemma: "herald", kind: "label" },
  { lemma: "rip", kind: "label", forms: ["rip", "rips", "ripped", "ripping"] },
  // "questioned whether …"; "question" and "questions" are mostly nouns ("used this question to …").
  { lemma: "question", kind: "label", forms: ["questioned", "questioning"] },
  { lemma: "speculate", kind: "clause" },
  { lemma: "answer", kind: "clause" },
  { lemma: "retweet", kind: "clause" },
  { lemma: "express", kind: "label", forms: ["express", "expresses", "expressed", "expressing"] },
  { lemma: "voice", kind: "label" },
  { lemma: "rail", kind: "label" },
  { lemma: "indicate", kind: "clause" },
  { lemma: "recommend", kind: "clause" },
  { lemma: "propose", kind: "clause" },
  { lemma: "highlight", kind: "label" },
  { lemma: "outline", kind: "label" },
  { lemma: "wonder", kind: "clause" },
  { lemma: "threaten", kind: "infinitive" },
  { lemma: "congratulate", kind: "label" },
  { lemma: "apologize", kind: "label" },
  { lemma: "snipe", kind: "clause" },
  { lemma: "talk", kind: "label" },
  { lemma: "remember", kind: "clause" },
  { lemma: "detail", kind: "label" },
  { lemma: "order", kind: "infinitive" },
  { lemma: "ponder", kind: "clause" },
  { lemma: "speak", kind: "label", forms: ["speak", "speaks", "spoke", "speaking"] },
];

function regularForms(lemma: string): string[] {
  if (lemma.endsWith("e")) return [lemma, `${lemma}s`, `${lemma}d`, `${lemma.slice(0, -1)}ing`];
  if (/[^aeiou]y$/.test(lemma)) {
    const stem = lemma.slice(0, -1);
    return [lemma, `${stem}ies`, `${stem}ied`, `${lemma}ing`];
  }
  if (/(?:s|sh|ch|x|z)$/.test(lemma)) return [lemma, `${lemma}es`, `${lemma}ed`, `${lemma}ing`];
  return [lemma, `${lemma}s`, `${lemma}ed`, `${lemma}ing`];
}

export interface CueForm {
  lemma: string;
  kind: CueKind;
  gerund: boolean;
}

const FORMS = new Map<string, CueForm>();
for (const verb of VERBS) {
  for (const form of verb.forms ?? regularForms(verb.lemma)) {
    FORMS.set(form, { lemma: verb.lemma, kind: verb.kind, gerund: form.endsWith("ing") });
  }
}

/** The cue a word form belongs to, if any ("told" → tell). */
export function cueForm(lower: string): CueForm | undefined {
  return FORMS.get(lower);
}

/**
 * Cues written with a particle: "pointed out that …", "“…,” Bozell points out." The verb alone is
 * another verb ("pointed to the map"), so it is a cue only with its particle next to it.
 */
const PHRASAL_VERBS: (CueVerb & { particle: string })[] = [
  { lemma: "point", particle: "out", kind: "clause" },
  // "As Vulture put it, “Hello, it’s the Biebs.”"
  { lemma: "put", particle: "it", kind: "clause", forms: ["put", "puts", "putting"] },
  // "Clinton fired back that the “people of New York …”"
  { lemma: "fire", particle: "back", kind: "clause" },
  { lemma: "hit", particle: "back", kind: "clause", forms: ["hit", "hits", "hitting"] },
  { lemma: "shoot", particle: "back", kind: "clause", forms: ["shoot", "shoots", "shot", "shooting"] },
  // "lashed out at the press as …"
  { lemma: "lash", particle: "out", kind: "label", forms: ["lash", "lashes", "lashed", "lashing"] },
];

const PHRASAL = new Map<string, { particle: string; form: CueForm }>();
for (const verb of PHRASAL_VERBS) {
  for (const form of verb.forms ?? regularForms(verb.lemma)) {
    const lemma = `${verb.lemma} ${verb.particle}`;
    PHRASAL.set(form, {
      particle: verb.particle,
      form: { lemma, kind: verb.kind, gerund: form.endsWith("ing") },
    });
  }
}

/** The cue at a word, given the word after it: cueForm, or a phrasal cue with its particle. */
export function cueFormBefore(lower: string, nextLower: string | undefined): CueForm | undefined {
  const phrasal = PHRASAL.get(lower);
  return phrasal && phrasal.particle === nextLower ? phrasal.form : FORMS.get(lower);
}

/** Whether the word after a cue is its particle ("pointed out"), part of the cue as written. */
export function isCueParticle(lower: string, nextLower: string | undefined): boolean {
  return nextLower !== undefined && PHRASAL.get(lower)?.particle === nextLower;
}

/**
 * Cue words that are more often something else ("charge the men", "maintain the roads", "state
 * funding"): they report speech only with "that", a colon or a quotation right after them.
 */
export const NEEDS_THAT = new Set([
  "put it",
  "charge",
  "maintain",
  "state",
  "post",
  "observe",
  "counter",
  "rule",
  "plead",
  "repeat",
]);

/** Verbs of belief or intention: "said he hoped …" is speech, "he hoped …" alone is not. */
export const NOT_SPEECH = new Set(
  "think thinks thought believe believes believed want wants wanted expect expects expected hope hopes hoped feel feels felt know knows knew fear fears feared wish wishes wished".split(
    " ",
  ),
);

/** Nouns that make "in a statement", "in an interview" part of the cue as written. */
export const CUE_MEDIA = new Set(
  (
    "statement interview interviews tweet tweets post posting letter email e-mail speech briefing " +
    "conference call message memo release video op-ed column blog radio television broadcast " +
    "appearance remarks testimony hearing filing report rally twitter facebook instagram website " +
    "news statements address"
  ).split(" "),
);
