/**
 * Word knowledge for attribution. First names (with gender), surnames, role nouns ("president",
 * "secretary"), organisation words ("committee", "ministry"), places and parts of speech come from
 * compromise's lexicon (nlp.model()), read as plain lookups: running compromise's tagger over a whole
 * article costs ~100 ms per 1,000 words, far over the ingest budget, while its word lists answer the
 * questions that matter here (is "Elaine" a woman's name? is "remains" a verb?) in constant time.
 * The short lists below fill the gaps news copy needs (spokesman, senator, ministry …).
 */
import nlp from "compromise";
import { isGenerationalSuffix } from "./name-words.ts";

type Tags = string | string[] | undefined;

interface CompromiseModel {
  one: { lexicon: Record<string, Tags> };
  two: { switches: Record<string, string>; orgWords: Record<string, boolean> };
}

const model = (nlp as unknown as { model(): CompromiseModel }).model();
const LEXICON = model.one.lexicon;
const SWITCHES = model.two.switches;
const ORG_WORDS = model.two.orgWords;

const NO_TAGS: string[] = [];

/** compromise's tables are plain objects: only own keys are words ("constructor" is not a tag list). */
function own<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** "doesn't", "can't", "won't": a negated auxiliary. */
const NEGATED_AUXILIARY = /^[a-z]+n't$/;
/**
 * "they're", "he'll", "I'm": a pronoun with its auxiliary in one token. Tagged a pronoun only, so
 * "wrote that he'd been …" still reads "that" as opening what was written, not a relative clause.
 */
const PRONOUN_AUXILIARY = /^(?:i|you|he|she|it|we|they|there|that|who|what)'(?:re|ll|d|ve|m)$/;
const AUXILIARY_TAGS = ["Auxiliary"];
const PRONOUN_TAGS = ["Pronoun"];

function tagsOf(lower: string): string[] {
  const tags = own(LEXICON, lower);
  if (!tags) {
    // The lexicon has no contractions, which left "said his community doesn't …" without a verb.
    if (NEGATED_AUXILIARY.test(lower)) return AUXILIARY_TAGS;
    if (PRONOUN_AUXILIARY.test(lower)) return PRONOUN_TAGS;
    return NO_TAGS;
  }
  return Array.isArray(tags) ? tags : [tags];
}

/** Per-word answers are asked again and again for the same few thousand words: remember them. */
function memo(fn: (word: string) => boolean): (word: string) => boolean {
  const cache = new Map<string, boolean>();
  return (word: string) => {
    let answer = cache.get(word);
    if (answer === undefined) {
      answer = fn(word);
      if (cache.size > 50_000) cache.clear();
      cache.set(word, answer);
    }
    return answer;
  };
}

export function hasTag(lower: string, tag: string): boolean {
  return tagsOf(lower).includes(tag);
}

/** An adverb: known as one, or an unknown word in -ly ("reassuringly"; not "rally", "family"). */
export function isAdverbLike(lower: string): boolean {
  if (hasTag(lower, "Adverb")) return true;
  return !isKnownWord(lower) && /[a-z]{3,}ly$/.test(lower);
}

/** A word that can be a noun though it can also be a verb ("report", "interview", "poll"). */
export function canBeNoun(lower: string): boolean {
  const switches = own(SWITCHES, lower);
  return switches !== undefined && /Noun|Plural|Singular/.test(switches);
}

/** Whether the lexicon knows the word at all (as anything). */
export function isKnownWord(lower: string): boolean {
  return own(LEXICON, lower) !== undefined || own(SWITCHES, lower) !== undefined;
}

export type Gender = "male" | "female";

/**
 * Given names the lexicon files without a gender, mostly because they are also common words ("Bill",
 * "Mark", "Hope") or are rare in its lists ("Barack", "Melania"): those PolNeAR's articles use most
 * before a surname and a following "he" or "she" (no guesses beyond that list).
 */
const GIVEN_NAME_GENDER = new Map<string, Gender>([
  ..."bill barack jeb mitt mark jack bob chuck reince khizr".split(" ").map((n) => [n, "male"] as const),
  ..."melania megyn huma ivanka tashfeen hope".split(" ").map((n) => [n, "female"] as const),
]);

/** The gender a first name implies, when the lexicon knows it as a first name of one gender. */
export function firstNameGender(word: string): Gender | undefined {
  const known = GIVEN_NAME_GENDER.get(word.toLowerCase());
  if (known) return known;
  const tags = tagsOf(word.toLowerCase());
  const male = tags.includes("MaleName");
  const female = tags.includes("FemaleName");
  if (male && !female) return "male";
  if (female && !male) return "female";
  return undefined;
}

/**
 * Korean and Chinese surnames that Western lists also file as given names ("Kim", "Lee"): "Kim Kye Gwan"
 * and "Kim Jong Un" put the family name first, so the first word says nothing of gender.
 */
const FAMILY_NAME_FIRST = new Set("kim lee park moon song jung han lim lin ma li".split(" "));

/** The gender a full name's given name implies; none for a family name written first ("Kim Kye Gwan"). */
export function nameGender(words: string[]): Gender | undefined {
  if (words.length >= 3 && FAMILY_NAME_FIRST.has(words[0]!.toLowerCase())) return undefined;
  return words[0] === undefined ? undefined : firstNameGender(words[0]);
}

export const isFirstName = memo(function isFirstNameUncached(word: string): boolean {
  const tags = tagsOf(word.toLowerCase());
  return tags.includes("FirstName") || tags.includes("MaleName") || tags.includes("FemaleName");
});

export const isLastName = memo(function isLastNameUncached(word: string): boolean {
  const tags = tagsOf(word.toLowerCase());
  return tags.includes("LastName") || tags.includes("Person");
});

const PLACE_TAGS = ["Country", "City", "Region", "Place", "Address"];
export const isPlaceWord = memo(function isPlaceWordUncached(word: string): boolean {
  const tags = tagsOf(word.toLowerCase());
  return PLACE_TAGS.some((tag) => tags.includes(tag));
});

/** Calendar words, which are capitalised but never entities. */
export const isDateWord = memo(function isDateWordUncached(word: string): boolean {
  const tags = tagsOf(word.toLowerCase());
  return (
    tags.includes("Month") || tags.includes("WeekDay") || tags.includes("Date") || tags.includes("Holiday")
  );
});

/**
 * Role nouns that compromise lacks or tags as something else. With compromise's "Actor" words they
 * make the description in "Kremlin spokesman Dmitry Peskov" and the head of "the senator said".
 */
const EXTRA_ROLES = new Set(
  (
    "spokesman spokeswoman spokesperson spokespeople spokesmen spokeswomen senator senators sen sens " +
    "representative rep reps congressman congresswoman lawmaker lawmakers legislator governor gov govs " +
    "official officials aide aides adviser advisers advisor advisors ambassador envoy commissioner " +
    "nominee candidate candidates chief head heads strategist director prosecutor judge justice attorney " +
    "general gen prince princess king queen premier chancellor speaker whip chair chairwoman chairman " +
    "member members founder cofounder co-founder executive manager owner officer sheriff commander " +
    "secretary minister ministers president vice-president vp mayor treasurer analyst economist expert " +
    "experts professor prof dr mr mrs ms miss mx sir dame lord lady rev reverend pastor father bishop " +
    "cardinal pope sheikh emir col lt sgt capt cmdr adm maj supt det insp pres dep atty del delegate " +
    "deputy leader leaders ceo cfo coo cto spokesperson correspondent editor columnist host anchor " +
    "negotiator diplomat diplomats administrator superintendent inspector detective captain lieutenant " +
    "sergeant colonel major admiral marshal coach manager striker midfielder defender goalkeeper player " +
    "captain chairperson counsel lawyer lawyers doctor physician scientist researcher researchers " +
    "activist activists campaigner campaigners protester protesters demonstrators witness witnesses " +
    "resident residents source sources insider insiders narrator announcer publicist pollster " +
    "surrogate surrogates operative operatives regulator regulators investigator investigators " +
    "authorities authority police officer officers trooper troopers agent agents mp mps mep meps msp mla " +
    // Pre-name roles PolNeAR's annotated sources use that compromise does not tag as people
    // ("Republican presidential hopeful Donald Trump", "Cruz constituent Dan Golvach").
    "hopeful hopefuls front-runner frontrunner constituent constituents commentator commentators " +
    "co-anchor co-host donor donors supporter supporters voter voters billionaire pontiff " +
    "speechwriter speechwriters incumbent ally allies rival rivals counterpart councilmember " +
    "councilman councilwoman surgeon neurosurgeon star " +
    // People a report quotes for what they are ("a nurse from Dayton said"), which the lexicon lacks.
    "nurse student retiree shopper passenger patient victim volunteer attendee fan homeowner " +
    "worshipper congregant engineer contractor miner steelworker"
  ).split(" "),
);

/** Role words that belong to organisations rather than people when they head a phrase. */
const EXTRA_ORG_WORDS = new Set(
  (
    "ministry ministries department office house parliament congress senate assembly cabinet " +
    "administration government campaign party agency agencies committee commission council court " +
    "board bureau service police army navy military kremlin pentagon whitehall embassy consulate " +
    "foundation institute university newspaper paper network station channel broadcaster tribunal " +
    "regime team club federation union league organisation organization association company firm " +
    "group bank fund coalition alliance movement caucus panel legislature pac"
  ).split(" "),
);

/** "46-year-old", "the 19-year-old": a person named by their age. */
export const AGE_EPITHET = /^\d{1,3}-year-old$/;

export const isRoleWord = memo(function isRoleWordUncached(word: string): boolean {
  const lower = word.toLowerCase().replace(/\.$/, "");
  if (isGenerationalSuffix(lower)) return false;
  // The lexicon files "human" with the roles; it titles no one ("Human Rights Watch" is a body).
  if (lower === "human") return false;
  if (EXTRA_ROLES.has(lower)) return true;
  // "the ex-Wallaby", "ex-minister": whatever follows it, "ex-" names what someone used to be.
  if (/^ex-\p{L}/u.test(lower)) return true;
  // "said the 46-year-old": an age stands for the person.
  if (AGE_EPITHET.test(lower)) return true;
  const tags = tagsOf(lower);
  if (tags.includes("Actor") || tags.includes("Honorific")) return true;
  // "prosecutors", "analysts", "spokeswomen": the plural of a role is a role (the lexicon lists few).
  const singular = singularOf(lower);
  return singular !== undefined && singularIsRole(singular);
});

/** "spokeswomen" → "spokeswoman", "agencies" → "agency", "groups" → "group"; undefined when not plural. */
function singularOf(lower: string): string | undefined {
  const singular = /men$/.test(lower)
    ? `${lower.slice(0, -3)}man`
    : /ies$/.test(lower)
      ? `${lower.slice(0, -3)}y`
      : /[^s]s$/.test(lower)
        ? lower.slice(0, -1)
        : undefined;
  return singular !== undefined && singular.length > 2 ? singular : undefined;
}

function singularIsRole(lower: string): boolean {
  if (EXTRA_ROLES.has(lower)) return true;
  const tags = tagsOf(lower);
  return tags.includes("Actor") && !tags.includes("Plural");
}

/**
 * Seats of power that news uses for the institution itself ("the Kremlin said"). Generic knowledge of
 * how political copy names governments, not a list of any article's speakers.
 */
const INSTITUTIONS = new Set(
  "kremlin pentagon vatican elysee élysée whitehall capitol knesset bundestag duma quai downing".split(" "),
);

export const isOrgWord = memo(function isOrgWordUncached(word: string): boolean {
  const lower = word.toLowerCase().replace(/\.$/, "");
  // "the groups say", "coalitions": bodies speak in the plural too.
  return [lower, singularOf(lower) ?? lower].some(
    (w) =>
      ORG_WORDS[w] === true || EXTRA_ORG_WORDS.has(w) || INSTITUTIONS.has(w) || hasTag(w, "Organization"),
  );
});

export function isOrganizationName(lower: string): boolean {
  return hasTag(lower, "Organization");
}

/** Honorifics that carry a gender: "Mr Smith", "Mrs Jones". */
export function honorificGender(word: string): Gender | undefined {
  const lower = word.toLowerCase().replace(/\.$/, "");
  if (lower === "mr" || lower === "sir" || lower === "lord" || lower === "king" || lower === "prince") {
    return "male";
  }
  if (["mrs", "ms", "miss", "dame", "lady", "queen", "princess"].includes(lower)) return "female";
  return undefined;
}

/** Nouns ending in "-ess" that are no woman: "the press", "Congress", "a witness". */
const NEUTRAL_ESS = /(?:congress|press|progress|address|business|witness|access|success|process)$/;

/** Role nouns that carry a gender: "spokeswoman", "chairman", "the first lady", "the pontiff". */
export function roleGender(word: string): Gender | undefined {
  const lower = word.toLowerCase();
  if (
    (/(?:woman|women|ess|lady|ladies|mother|girl)$/.test(lower) && !NEUTRAL_ESS.test(lower)) ||
    ["wife", "daughter", "sister", "widow"].includes(lower)
  ) {
    return "female";
  }
  if (
    (/(?:man|men|father|boy)$/.test(lower) && lower !== "human") ||
    ["husband", "son", "brother", "widower", "pope", "pontiff"].includes(lower)
  ) {
    return "male";
  }
  return undefined;
}

const VERB_TAGS = ["PastTense", "PresentTense", "Copula", "Modal", "Verb", "Auxiliary", "Participle"];

/**
 * The lexicon files "have" and "do" as base forms only and "has" as a bare verb; all three are present
 * tense ("others have sophisticated encryption", "she has said").
 */
const PRESENT_AUXILIARIES = new Set(["have", "has", "do"]);

/** A finite-looking verb: used to tell a clause ("noted the plan was dead") from a noun phrase. */
export const isVerbish = memo(function isVerbishUncached(lower: string): boolean {
  if (PRESENT_AUXILIARIES.has(lower)) return true;
  const tags = tagsOf(lower);
  if (VERB_TAGS.some((tag) => tags.includes(tag))) return true;
  const switches = own(SWITCHES, lower);
  if (switches && /Verb|Past/.test(switches)) return true;
  if (tags.length === 0 && /^[a-z]{3,}ed$/.test(lower)) return true;
  return false;
});

/** A clearly finite verb form (past or present tense, copula, modal): "remains", "was", "would". */
export const isFiniteVerb = memo(function isFiniteVerbUncached(lower: string): boolean {
  if (PRESENT_AUXILIARIES.has(lower)) return true;
  const tags = tagsOf(lower);
  return ["PastTense", "PresentTense", "Copula", "Modal", "Auxiliary"].some((tag) => tags.includes(tag));
});

/** Words that are grammar, not content: "the", "but", "in" … (capitalised only at a sentence start). */
export const isFunctionWord = memo(function isFunctionWordUncached(lower: string): boolean {
  // "There have been …": the lexicon leaves the expletive untagged, and a capitalised one read as a name.
  if (lower === "there") return true;
  const tags = tagsOf(lower);
  return [
    "Determiner",
    "Conjunction",
    "Preposition",
    "Pronoun",
    "QuestionWord",
    "Adverb",
    "Modal",
    "Copula",
    "Negative",
  ].some((tag) => tags.includes(tag));
});

export const isAdjective = memo(function isAdjectiveUncached(lower: string): boolean {
  const tags = tagsOf(lower);
  return tags.includes("Adjective") || tags.includes("Demonym") || tags.includes("Comparative");
});

/** Any lexicon knowledge that marks a capitalised word as ordinary vocabulary rather than a name. */
export const isCommonVocabulary = memo(function isCommonVocabularyUncached(lower: string): boolean {
  const tags = tagsOf(lower);
  if (tags.length === 0) return SWITCHES[lower] !== undefined;
  return !tags.some((tag) =>
    ["FirstName", "MaleName", "FemaleName", "LastName", "Person", "ProperNoun", "Organization"].includes(tag),
  );
});
