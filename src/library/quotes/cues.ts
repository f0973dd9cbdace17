/**
 * Speech cues: the verbs that introduce what someone said. PolNeAR's political news uses "say" for
 * 55% of its cues, then tell 5%, write 4%, add 3%, call 3%, according to 1% … Beliefs
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

/** Cues of one kind whose forms are regular ("note", "notes", "noted", "noting"). */
function cues(kind: CueKind, lemmas: string): CueVerb[] {
  return lemmas.split(" ").map((lemma) => ({ lemma, kind }));
}

/** The cue verbs by kind; irregular ones list their forms (base, -s, past, participle, gerund). */
const VERBS: CueVerb[] = [
  { lemma: "say", kind: "clause", forms: ["say", "says", "said", "saying"] },
  { lemma: "tell", kind: "tell", forms: ["tell", "tells", "told", "telling"] },
  { lemma: "write", kind: "clause", forms: ["write", "writes", "wrote", "written", "writing"] },
  ...cues(
    "clause",
    "add ask note announce argue claim confirm deny insist acknowledge explain reply respond " +
      "state declare testify recall report demand suggest predict complain contend assert " +
      "maintain remark comment observe mention charge allege concede emphasize emphasise " +
      "exclaim shout joke boast caution conclude proclaim reiterate repeat counter retort chant " +
      "yell scream reveal disclose post plead lament recount rule whisper grouse opine fume " +
      "speculate answer retweet indicate recommend propose wonder snipe remember ponder",
  ),
  ...cues("tell", "warn assure inform remind advise"),
  ...cues("infinitive", "urge encourage vow pledge promise exhort threaten order"),
  ...cues(
    "label",
    "call accuse brand term hail blast criticize condemn denounce laud liken compare rate " +
      "deride mock ridicule tout cite criticise praise blame thank",
  ),
  ...cues("intro", "continue"),
  // "characterizes herself as a “change warrior”", "defended his comments as “sarcastic”": a label
  // given with "as" (without a quotation they report speech only with it, see reported.ts).
  ...cues("label", "describe characterize characterise portray defend"),
  // Manner-of-speaking verbs, which only ever introduce the quotation beside them: "“Go back,” he barked".
  ...cues("intro", "bark scoff sneer growl grumble mutter gush interject confide laugh"),
  { lemma: "snap", kind: "intro", forms: ["snap", "snaps", "snapped", "snapping"] },
  // Opinions PolNeAR attributes ("bemoaned the climate in which people “literally hate each other”").
  // Without a quotation most of them are the writer's account (see QUOTED_ONLY in reported.ts).
  ...cues(
    "label",
    "bemoan reject decry chide lambaste rebuke scold assail applaud disavow herald voice rail " +
      "highlight outline congratulate apologize talk detail",
  ),
  { lemma: "tweet", kind: "clause", forms: ["tweet", "tweets", "tweeted", "tweeting"] },
  { lemma: "admit", kind: "clause", forms: ["admit", "admits", "admitted", "admitting"] },
  { lemma: "stress", kind: "clause", forms: ["stress", "stresses", "stressed", "stressing"] },
  { lemma: "quip", kind: "clause", forms: ["quip", "quips", "quipped", "quipping"] },
  { lemma: "refer", kind: "label", forms: ["refer", "refers", "referred", "referring"] },
  { lemma: "dub", kind: "label", forms: ["dub", "dubs", "dubbed", "dubbing"] },
  {
    lemma: "label",
    kind: "label",
    forms: ["label", "labels", "labeled", "labelled", "labeling", "labelling"],
  },
  { lemma: "slam", kind: "label", forms: ["slam", "slams", "slammed", "slamming"] },
  { lemma: "dismiss", kind: "label", forms: ["dismiss", "dismisses", "dismissed", "dismissing"] },
  { lemma: "sing", kind: "intro", forms: ["sing", "sings", "sang", "singing"] },
  { lemma: "echo", kind: "label", forms: ["echo", "echoes", "echoed", "echoing"] },
  { lemma: "brag", kind: "clause", forms: ["brag", "brags", "bragged", "bragging"] },
  { lemma: "concur", kind: "clause", forms: ["concur", "concurs", "concurred", "concurring"] },
  { lemma: "rip", kind: "label", forms: ["rip", "rips", "ripped", "ripping"] },
  // "questioned whether …"; "question" and "questions" are mostly nouns ("used this question to …").
  { lemma: "question", kind: "label", forms: ["questioned", "questioning"] },
  { lemma: "express", kind: "label", forms: ["express", "expresses", "expressed", "expressing"] },
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
