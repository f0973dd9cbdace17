/**
 * How an entity is named and found: canonical names, aliases ("Senator McCain", "Mr McCain"),
 * descriptions ("spokesman of the Kremlin"), surname keys, and the word lists that decide which titles
 * and generic nouns point back to someone already named.
 */
import { isOrgWord, isRoleWord } from "./lexicon.ts";
import { isGenerationalSuffix } from "./name-words.ts";
import { isParticle, type NounPhrase } from "./noun-phrases.ts";
import type { Entity } from "./speakers.ts";
import type { Token } from "./tokens.ts";

/** Abbreviated titles, expanded for aliases ("Sen. Warren" → "Senator Warren"). */
export const TITLE_EXPANSIONS: Record<string, string> = Object.assign(Object.create(null), {
  sen: "Senator",
  sens: "Senator",
  rep: "Representative",
  reps: "Representative",
  gov: "Governor",
  gen: "General",
  pres: "President",
  lt: "Lieutenant",
  col: "Colonel",
  capt: "Captain",
  sgt: "Sergeant",
  adm: "Admiral",
  maj: "Major",
  prof: "Professor",
  rev: "Reverend",
  atty: "Attorney",
  del: "Delegate",
  dr: "Dr",
  mr: "Mr",
  mrs: "Mrs",
  ms: "Ms",
});
export function normalizeRole(word: string): string {
  const bare = word.replace(/\.$/, "").toLowerCase();
  const expanded = TITLE_EXPANSIONS[bare] ?? ROLE_SYNONYMS[bare];
  return (expanded ?? bare).toLowerCase();
}

/** The words news uses for a title the second time round ("Pope Francis … the pontiff said"). */
const ROLE_SYNONYMS: Record<string, string> = Object.assign(Object.create(null), {
  pontiff: "pope",
});
export function keyOf(words: string[]): string {
  return words
    .map((w) => w.toLowerCase().replace(/[’']/g, "'"))
    .filter((w) => !/^\p{L}\.$/u.test(w))
    .join(" ");
}
/** The capitalised run inside a document phrase: "the IMF report" → "IMF", "Trump's statement" → "Trump". */
export function documentOwner(tokens: Token[], phrase: NounPhrase): [number, number] | undefined {
  if (phrase.possessor) return phrase.possessor;
  let last = -1;
  for (let i = phrase.head - 1; i >= phrase.first; i--) {
    // "Two other emails highlight …", "One tweet said": a capitalised count opens the sentence, it owns nothing.
    if (
      tokens[i]!.cap &&
      tokens[i]!.kind === "word" &&
      !/^(?:the|a|an)$/i.test(tokens[i]!.text) &&
      !COUNT_WORDS.test(tokens[i]!.lower)
    ) {
      last = i;
      break;
    }
  }
  if (last < 0) return undefined;
  const first = capitalisedRunStart(tokens, last, phrase.first);
  // "a campaign TV ad", "a Facebook post": the medium carries the document, it did not write it.
  if (tokens.slice(first, last + 1).every((t) => MEDIA.has(t.lower))) return undefined;
  return [first, last];
}

const COUNT_WORDS =
  /^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|many|some|most|both|all|other|another|dozens|hundreds|thousands)$/;

const MEDIA = new Set(
  "tv radio web internet online facebook twitter instagram youtube tiktok cable".split(" "),
);

/** Where the capitalised run ending at `last` starts, going back no further than `floor` ("the" stops it). */
export function capitalisedRunStart(tokens: Token[], last: number, floor: number): number {
  let first = last;
  while (first - 1 >= floor && tokens[first - 1]!.cap && !/^(?:the|a|an)$/i.test(tokens[first - 1]!.text))
    first--;
  return first;
}
/** Generic nouns for an organisation already named: "the company said". */
export const GENERIC_ORGS = new Set(
  "company firm bank group airline carrier retailer manufacturer maker network broadcaster newspaper paper agency ministry department union charity club team campaign party".split(
    " ",
  ),
);
export const BUSINESS_NOUNS = new Set(
  "company firm bank group airline carrier retailer manufacturer maker network broadcaster newspaper paper".split(
    " ",
  ),
);
/** Generic nouns for a broadcaster, and the words that title a newspaper (which no broadcaster is). */
export const BROADCAST_NOUNS = new Set(["network", "broadcaster"]);
export const NEWSPAPER_TITLES = new Set(
  "times post journal tribune herald gazette telegraph guardian newspaper chronicle observer".split(" "),
);
export const GOVERNMENT_WORDS = new Set(
  "committee commission council department ministry house senate congress parliament government administration agency bureau court police party kremlin pentagon office".split(
    " ",
  ),
);
/** Public titles, for which a later named holder of the same title is the same person. */
export function isPublicRole(role: string): boolean {
  return PUBLIC_ROLES.has(normalizeRole(role));
}
/**
 * Titles by which news refers back to someone already named ("the senator", "the New York
 * businessman"). A narrator, an announcer or a witness is someone new, never a back-reference.
 */
export const PUBLIC_ROLES = new Set(
  (
    "president senator governor mayor secretary minister nominee candidate chairman chairwoman chair " +
    "speaker congressman congresswoman representative leader businessman businesswoman billionaire " +
    "mogul premier chancellor king queen prince princess lawmaker commissioner judge justice " +
    "ambassador general director ceo founder pope star coach manager prosecutor attorney republican democrat"
  ).split(" "),
);
/**
 * The public roles that are offices (or candidacies for one): a person rarely holds two at once, unlike
 * epithets ("the mogul", "the billionaire"), which exclude no one.
 */
export const OFFICES = new Set(
  "president senator governor mayor minister premier chancellor judge justice ambassador prosecutor pope congressman congresswoman nominee candidate".split(
    " ",
  ),
);
export function isSpokesperson(lower: string): boolean {
  return /^spokes(?:man|woman|person|people|men|women)$/.test(lower);
}
export function isPluralName(entity: Entity): boolean {
  return entity.unnamed && /s$/i.test(entity.nameWords[0] ?? "");
}
export function lowerDeterminer(phrase: string): string {
  return phrase.replace(/^(The|A|An)\s/, (m) => m.toLowerCase());
}
/** "de Blasio", "bin Salman": particles belong to the surname. */
export function surnameWords(words: string[]): string[] {
  let start = words.length - 1;
  while (start > 1 && isParticle({ lower: words[start - 1]!.toLowerCase() } as Token)) start--;
  // "Joseph R. Biden Jr." is "Mr. Biden" later: the suffix is not part of the surname.
  if (words.length >= 2 && isGenerationalSuffix(words.at(-1)!)) return surnameWords(words.slice(0, -1));
  return words.slice(start);
}
/** A name without its generational suffix ("Donald Trump Jr." → Donald Trump, "Jr."). */
export function splitSuffix(core: string[]): { name: string[]; suffix?: string } {
  const last = core.at(-1);
  if (core.length >= 2 && last && isGenerationalSuffix(last)) {
    return { name: core.slice(0, -1), suffix: last.replace(/\.$/, "") };
  }
  return { name: core };
}

/**
 * The key of a full name (two words or more besides a suffix): first name and surname, and the
 * generational suffix when there is one, so "Donald Trump Jr." and "Donald Trump" stay two people
 * while "Mr. Biden" still finds "Joseph R. Biden Jr.". Undefined for a lone surname.
 */
export function fullNameKey(core: string[]): string | undefined {
  const { name, suffix } = splitSuffix(core);
  if (name.length < 2) return undefined;
  return keyOf([name[0]!, ...surnameWords(name), ...(suffix ? [suffix] : [])]);
}
export function hasGenerationalSuffix(entity: Entity): boolean {
  return splitSuffix(entity.nameWords).suffix !== undefined;
}
export const surnameCache = new WeakMap<string[], string>();
export function surnameKey(entity: Entity): string {
  let key = surnameCache.get(entity.nameWords);
  if (key === undefined) {
    const words = entity.nameWords.filter((w) => !/^\p{Lu}\.$/u.test(w));
    key = words.length === 0 ? "" : keyOf(surnameWords(words));
    surnameCache.set(entity.nameWords, key);
  }
  return key;
}
export function sameSurname(entity: Entity, surname: string): boolean {
  const own = surnameKey(entity);
  if (!own) return false;
  if (own === surname) return true;
  // "Blasio" for "de Blasio".
  const space = own.lastIndexOf(" ");
  return space >= 0 && own.slice(space + 1) === surname;
}
export function canonicalName(entity: Entity): string {
  const words = entity.nameWords.join(" ").replace(/\s+/g, " ").trim();
  if (entity.kind === "organization" && entity.definite && !/^the\s/i.test(words)) return `the ${words}`;
  return words;
}
export function aliasesOf(entity: Entity, name: string): string[] {
  const aliases = new Set<string>([name]);
  for (const alias of entity.aliases) aliases.add(alias);
  if (entity.kind === "person" && !entity.unnamed) {
    const core = entity.nameWords.filter((w) => !/^\p{Lu}\.$/u.test(w));
    // A suffixed name keeps its suffix in every alias: "Trump" alone is the father, not Donald Trump Jr.
    const { name, suffix } = splitSuffix(core);
    const surname = `${surnameWords(core).join(" ")}${suffix ? ` ${suffix}.` : ""}`;
    aliases.add(surname);
    if (name.length >= 2) aliases.add(`${name[0]} ${surname}`);
    const titles = [...entity.roles]
      .filter((r) => /^[a-z]+$/.test(r) && r.length > 1 && isTitleLike(r))
      .map((r) => r[0]!.toUpperCase() + r.slice(1));
    for (const title of titles) {
      aliases.add(`${title} ${surname}`);
      if (core.length >= 2) aliases.add(`${title} ${core.join(" ")}`);
    }
    if (entity.gender === "male") aliases.add(`Mr ${surname}`);
    if (entity.gender === "female") aliases.add(`Ms ${surname}`);
  }
  if (entity.kind === "organization") {
    const bare = name.replace(/^the\s+/i, "");
    aliases.add(bare);
    if (entity.definite) aliases.add(`the ${bare}`);
  }
  return [...aliases].filter((a) => a.trim().length > 0);
}
/** Titles that go before a name in speech: "President Trump", "Senator McCain", "Mayor de Blasio". */
export function isTitleLike(role: string): boolean {
  return /^(?:president|senator|representative|governor|mayor|speaker|secretary|minister|chancellor|prime|general|judge|justice|ambassador|commissioner|chairman|chairwoman|chair|director|sheriff|chief|leader|reverend|dr|mr|mrs|ms|professor|prince|king|queen|delegate|attorney|colonel|captain|lieutenant|sergeant|admiral|major|pope|cardinal|bishop)$/.test(
    role,
  );
}
export function describe(entity: Entity): string | undefined {
  if (entity.unnamed) return undefined;
  const sorted = [...entity.descriptions].sort((a, b) => b.length - a.length);
  const best = sorted[0];
  if (!best) return undefined;
  // "Kremlin spokesman" → "spokesman of the Kremlin".
  const match = /^((?:\p{Lu}[\p{L}.'’-]*\s)+)([a-z][a-z ]+)$/u.exec(best);
  if (
    match?.[2] &&
    isRoleWord(match[2].trim().split(" ").at(-1)!) &&
    !isRoleWord(match[1]!.trim().split(" ").at(-1)!)
  ) {
    const org = match[1]!.trim();
    if (org.split(" ").some((w) => isOrgWord(w))) {
      return `${match[2].trim()} of the ${org}`;
    }
  }
  return best;
}
export function slug(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[’']/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
}
