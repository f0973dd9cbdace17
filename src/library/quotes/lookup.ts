/**
 * Queries over the quotes stored with many articles. Pure lookups: extraction already resolved every
 * quote to a speaker with aliases, so a query only has to decide which speakers it names.
 *
 * A query names a speaker when, case-insensitively and ignoring periods and accents, it equals one of
 * the speaker's aliases; or, with leading titles removed ("President Trump" → "trump"), equals the
 * surname, the full name, or first name + surname ("Paul Ryan" for "Paul D. Ryan"); organisations match
 * with or without "the". The query is never used as a pattern, so ".*(" is just text.
 */
import { stemmer } from "stemmer";
import { editDistance, normalizeName } from "./fuzzy.ts";
import { NAME_PARTICLES } from "./name-particles.ts";
import { AFFILIATES, isGenerationalSuffix, isNameTitle } from "./name-words.ts";
import { withoutSourceLink } from "./source-links.ts";
import type { QuoteHit, QuoteRecord, QuotesInput, QuotesResult, SpeakerRecord } from "./types.ts";

export type { QuoteHit, QuotesInput, QuotesResult } from "./types.ts";

interface Matchable {
  record: SpeakerRecord;
  aliases: Set<string>;
  /** Aliases word by word stemmed: "the Democrat convention committee" is the Democratic one. */
  stemmed: Set<string>;
  surname: string;
  lastWord: string;
  firstName: string;
  /** The entity has no first name in this article ("Trump" only). */
  surnameOnly: boolean;
  /** The name ends in "Jr."/"Sr."/"III": a bare surname names them only when no one else has it. */
  suffixed: boolean;
}

function stemWords(text: string): string {
  return text
    .replace(/^the /, "")
    .split(" ")
    .map((w) => stemmer(w))
    .join(" ");
}

function stripTitles(words: string[]): string[] {
  let i = 0;
  while (i < words.length - 1 && isNameTitle(words[i]!)) i++;
  return words.slice(i);
}

function matchable(record: SpeakerRecord): Matchable {
  const aliases = new Set<string>();
  for (const alias of [record.name, ...record.aliases]) {
    const n = normalizeName(alias);
    if (!n) continue;
    aliases.add(n);
    aliases.add(n.replace(/^the /, ""));
  }
  const stemmed = new Set([...aliases].map(stemWords));
  const all = normalizeName(record.name).split(" ");
  const suffixed = all.length > 2 && isGenerationalSuffix(all.at(-1)!);
  const words = suffixed ? all.slice(0, -1) : all;
  let start = words.length - 1;
  while (start > 1 && NAME_PARTICLES.has(words[start - 1]!)) start--;
  const surname = words.slice(start).join(" ");
  return {
    record,
    aliases,
    stemmed,
    surname,
    lastWord: words.at(-1) ?? "",
    firstName: words.length > 1 ? words[0]! : "",
    surnameOnly: words.length === 1,
    suffixed,
  };
}

/**
 * How a query names a speaker: 2 = an alias as written, 1 = by surname/full name after titles, 0.5 = by
 * a short form of the first name with the surname ("Ken Starr" for Kenneth Starr) or by the first name
 * alone ("Hillary"), 0 = no.
 */
function matchStrength(query: string, m: Matchable): number {
  const q = normalizeName(query);
  if (!q) return 0;
  if (m.aliases.has(q) || m.aliases.has(q.replace(/^the /, ""))) return 2;
  // An organisation or description written with another form of a word ("Democrat"/"Democratic",
  // "committee"/"committees"); never a person's name, where "Rogers" is not "Roger".
  if ((m.record.kind !== "person" || isUnnamed(m.record)) && m.stemmed.has(stemWords(q))) return 1;
  // Surname rules are for names: "the South African archbishop" has no surname "archbishop" (a
  // description query is matched against roles instead; see describedBy).
  if (m.record.kind !== "person" || isUnnamed(m.record)) return 0;
  const words = stripTitles(q.split(" "));
  const bare = words.join(" ");
  if (bare === m.surname || (words.length === 1 && bare === m.lastWord)) return 1;
  // "Hillary" for Hillary Clinton: a first name alone, when no one answers to it as a surname.
  if (words.length === 1 && m.firstName !== "" && bare === m.firstName) return 0.5;
  if (words.length >= 2) {
    const last = words.at(-1)!;
    if (words[0] === m.firstName && (last === m.lastWord || bare.endsWith(` ${m.surname}`))) return 1;
    // "Donald Trump" for an article that only ever says "Trump".
    if (m.surnameOnly && last === m.lastWord) return 1;
    if (isShortForm(words[0]!, m.firstName) && (last === m.lastWord || bare.endsWith(` ${m.surname}`)))
      return 0.5;
  }
  return 0;
}

/** "Ken" for Kenneth, "Dan" for Daniel: a first name's opening letters, at least three of them. */
function isShortForm(short: string, full: string): boolean {
  return short.length >= 3 && short.length < full.length && full.startsWith(short);
}

/** Articles name a person's role in several spellings: "Home Secretary", "home secretary". */
function words(text: string): string[] {
  return normalizeName(text)
    .replace(/^(?:the|a|an) /, "")
    .split(/[\s-]+/)
    .filter(Boolean);
}

/**
 * A query that is a description ("the home secretary", "the archbishop") names the speakers the
 * article gives that description: every word of it among the words of one of their titles, roles or
 * descriptions, and none of "former", "ex", "deputy", "vice" or "acting" there unless the query says so
 * (the former president is not the president). The article's named person with it wins: an unnamed
 * speaker described the same way ("the South African archbishop" beside Archbishop Desmond Tutu) is
 * the same person, and their quotes are credited to the name. Empty when nothing fits, or when two
 * named people fit (the article does not say which one is meant).
 */
function describedBy(
  query: string,
  speakers: SpeakerRecord[],
): { ids: Set<string>; names: Map<string, string>; mentioned: boolean }[] {
  const wanted = words(query);
  if (wanted.length === 0 || wanted.length > 6) return [];
  const unnamed = isUnnamed;
  const fits = speakers.filter((s) => {
    const texts = [s.description, ...(s.roles ?? []), ...(unnamed(s) || s.kind !== "person" ? [s.name] : [])];
    return texts.some((text) => {
      if (!text) return false;
      // "a person close to the campaign" is not the campaign: what a source is close to never matches.
      const have = new Set(words(withoutSourceLink(text)));
      const qualified = [...QUALIFIERS].some((q) => have.has(q) && !wanted.includes(q));
      return !qualified && wanted.every((w) => have.has(w));
    });
  });
  const named = fits.filter((s) => !unnamed(s) && s.kind === "person");
  const chosen = named.length === 1 ? named[0]! : named.length === 0 ? undefined : null;
  if (chosen === null) return [];
  const ids = new Set(
    fits.filter((s) => chosen === undefined || s === chosen || unnamed(s)).map((s) => s.id),
  );
  if (ids.size === 0) return [];
  const names = new Map<string, string>();
  for (const s of fits) if (ids.has(s.id)) names.set(s.id, chosen?.name ?? s.name);
  return [{ ids, names, mentioned: fits.some((s) => ids.has(s.id) && s.mentions.length > 0) }];
}

/** A speaker the article only describes ("the South African archbishop", "a spokesman"). */
function isUnnamed(s: SpeakerRecord): boolean {
  return /^(?:the|a|an) /i.test(s.name);
}

const QUALIFIERS = new Set(["former", "ex", "deputy", "vice", "acting", "shadow", "assistant", "under"]);

function hitsFor(input: QuotesInput, speakerIds: Set<string>, names: Map<string, string>): QuoteHit[] {
  return input.quotes.quotes.filter((q) => speakerIds.has(q.speakerId)).map((q) => toHit(input, q, names));
}

function toHit(input: QuotesInput, q: QuoteRecord, names: Map<string, string>): QuoteHit {
  const hit: QuoteHit = {
    articleId: input.articleId,
    title: input.title,
    paragraph: q.paragraph,
    text: q.text,
    type: q.type,
    speaker: names.get(q.speakerId) ?? q.speakerId,
    cue: q.cue,
  };
  if (input.scope) hit.scope = input.scope;
  if (input.url) hit.url = input.url;
  return hit;
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

function listNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

export function lookupQuotes(query: string, inputs: QuotesInput[]): QuotesResult {
  const typed = String(query ?? "");
  const perArticle: {
    input: QuotesInput;
    ids: Set<string>;
    names: Map<string, string>;
    mentioned: boolean;
    /** Speakers named only by the surname they share with a suffixed name ("Biden" for "Joseph R. Biden Jr."). */
    bySuffixedSurname: Set<string>;
  }[] = [];
  const matchedNames = new Map<string, string>(); // lower canonical → canonical
  let byDescription = false;
  for (const input of inputs) {
    const ids = new Set<string>();
    const names = new Map<string, string>();
    let mentioned = false;
    const bySuffixedSurname = new Set<string>();
    const candidates = input.quotes.speakers.map(matchable);
    const strengths = candidates.map((m) => matchStrength(typed, m));
    const best = Math.max(0, ...strengths);
    if (best === 0) {
      const described = describedBy(typed, input.quotes.speakers);
      if (described.length > 0) {
        perArticle.push({ input, ...described[0]!, bySuffixedSurname: new Set() });
        byDescription = true;
        continue;
      }
    }
    candidates.forEach((m, k) => {
      // An exact alias beats a surname match within one article: "Bill Clinton" is not Hillary.
      if (strengths[k]! === 0 || strengths[k]! < best) return;
      ids.add(m.record.id);
      names.set(m.record.id, m.record.name);
      if (m.record.mentions.length > 0) mentioned = true;
      if (m.suffixed && strengths[k] === 1) bySuffixedSurname.add(m.record.id);
    });
    if (ids.size > 0) perArticle.push({ input, ids, names, mentioned, bySuffixedSurname });
  }
  dropSuffixedWhenAmbiguous(perArticle);
  mergeSurnameOnly(perArticle);
  for (const a of perArticle) for (const name of a.names.values()) matchedNames.set(name.toLowerCase(), name);
  const voices = new Set<string>();
  // What someone said together with others ("John Smith and Jane Doe wrote") is theirs too; each such
  // quote keeps the joint speaker's name, so the citation says who else signed.
  for (const a of perArticle) {
    for (const joint of jointSpeakers(a.input.quotes.speakers, a.ids)) {
      a.ids.add(joint.id);
      a.names.set(joint.id, joint.name);
    }
    // "Kremlin spokesman Dmitry Peskov told …" is the Kremlin speaking; the quote keeps his name.
    for (const spokesperson of spokespeople(a.input.quotes.speakers, a.ids)) {
      a.ids.add(spokesperson.id);
      a.names.set(spokesperson.id, spokesperson.name);
      voices.add(spokesperson.name);
    }
  }

  if (perArticle.length === 0) {
    const suggestions = suggest(typed, inputs);
    const message =
      suggestions.length > 0
        ? `No one by that name is quoted. Did you mean ${listNames(suggestions.map((s) => s))}?`
        : "No one by that name is quoted in the stored articles.";
    const result: QuotesResult = { speaker: typed, matched: [], quotes: [], message };
    if (suggestions.length > 0) result.suggestions = suggestions;
    return result;
  }

  const hits = perArticle.flatMap((a) => hitsFor(a.input, a.ids, a.names));
  const order = new Map(inputs.map((input, k) => [input.articleId, k]));
  const byPlace = (x: QuoteHit, y: QuoteHit): number =>
    (order.get(x.articleId) ?? 0) - (order.get(y.articleId) ?? 0) || x.paragraph - y.paragraph;
  const quoted = hits.filter((h) => h.type !== "reported").sort(byPlace);
  const reported = hits.filter((h) => h.type === "reported").sort(byPlace);
  const matched = [...matchedNames.values()];
  const mentionedIn = perArticle.filter((a) => a.mentioned).length;
  return {
    speaker: typed,
    matched,
    quotes: [...quoted, ...reported],
    mentionedIn,
    message: capitalise(
      summarise(typed, matched, quoted, reported, mentionedIn, byDescription) +
        (voices.size > 0 ? ` Includes what its spokesperson ${listNames([...voices])} said.` : ""),
    ),
  };
}

/** Speakers named as several people joined by "and" of whom one is among `ids`. */
function jointSpeakers(speakers: SpeakerRecord[], ids: Set<string>): SpeakerRecord[] {
  const chosen = speakers.filter((s) => ids.has(s.id)).map(matchable);
  if (chosen.length === 0) return [];
  return speakers.filter((s) => {
    if (ids.has(s.id) || !/ and /.test(s.name)) return false;
    // Each part names someone as a query would: "Sanders and his supporters" is Bernie Sanders's too.
    // "Sen. Ada Nye (Vt.) and former governor Ben Marsh": a party or state in
    // brackets is no part of a name.
    const parts = s.name.replace(/\s*\([^)]*\)/g, "").split(/,\s*|\s+and\s+/);
    return parts.some((part) => chosen.some((m) => matchStrength(part, m) > 0));
  });
}

/**
 * Named people the article makes the spokesperson of an organisation among `ids` ("Kremlin spokesman
 * Dmitry Peskov", "Peskov, the Kremlin's spokesman"): what they say, the organisation says.
 */
function spokespeople(speakers: SpeakerRecord[], ids: Set<string>): SpeakerRecord[] {
  // "the Cruz campaign" speaks through "Cruz spokesman Rick Tyler": a person's campaign or office is
  // named by the person's words alone.
  const organisations = speakers
    .filter((s) => ids.has(s.id) && s.kind === "organization")
    .map((s) => {
      const named = words(s.name);
      const person = named.filter((w) => !AFFILIATES.has(w));
      return person.length > 0 && person.length < named.length ? person : named;
    });
  if (organisations.length === 0) return [];
  return speakers.filter((s) => {
    if (ids.has(s.id) || s.kind !== "person" || isUnnamed(s)) return false;
    return [s.description, ...(s.roles ?? [])].some((text) => {
      if (!text) return false;
      const have = words(text);
      const at = have.findIndex((w) => SPOKESPERSON.test(w));
      if (at < 0) return false;
      // "Priorities spokesman Justin Barasky" speaks for Priorities USA: the organisation's name, or its
      // opening words written as a name, before the title.
      const before = have.slice(0, at);
      const shortName = before.length > 0 && /^\p{Lu}/u.test(text.trim());
      return organisations.some(
        (org) =>
          org.length > 0 && (org.every((w) => have.includes(w)) || (shortName && partOfName(before, org))),
      );
    });
  });
}

const SPOKESPERSON = /^spokes(?:man|woman|person)$/;

/** `part` runs on inside `name`, shorter than it ("priorities" in "priorities usa action"). */
function partOfName(part: string[], name: string[]): boolean {
  if (part.length === 0 || part.length >= name.length) return false;
  for (let start = 0; start + part.length <= name.length; start++)
    if (part.every((w, k) => name[start + k] === w)) return true;
  return false;
}

/**
 * "Trump" names Donald Trump when he is quoted anywhere; Donald Trump Jr. only when no one without a
 * suffix answers to it ("Biden" for "Joseph R. Biden Jr." in a library without another Biden).
 */
function dropSuffixedWhenAmbiguous(
  perArticle: { ids: Set<string>; names: Map<string, string>; bySuffixedSurname: Set<string> }[],
): void {
  const plain = perArticle.some((a) => [...a.ids].some((id) => !a.bySuffixedSurname.has(id)));
  if (!plain) return;
  for (let i = perArticle.length - 1; i >= 0; i--) {
    const a = perArticle[i]!;
    for (const id of a.bySuffixedSurname) {
      a.ids.delete(id);
      a.names.delete(id);
    }
    if (a.ids.size === 0) perArticle.splice(i, 1);
  }
}

/** A surname-only speaker ("Trump") joins the one full name it could be ("Donald Trump"), if unique. */
function mergeSurnameOnly(perArticle: { names: Map<string, string> }[]): void {
  const full = new Set<string>();
  for (const a of perArticle) for (const name of a.names.values()) if (name.includes(" ")) full.add(name);
  for (const a of perArticle) {
    for (const [id, name] of a.names) {
      if (name.includes(" ")) continue;
      const candidates = [...full].filter((f) => normalizeName(f).split(" ").at(-1) === normalizeName(name));
      if (candidates.length === 1) a.names.set(id, candidates[0]!);
    }
  }
}

function summarise(
  query: string,
  matched: string[],
  quoted: QuoteHit[],
  reported: QuoteHit[],
  mentionedIn: number,
  byDescription = false,
): string {
  // A description says whom the article ties it to: "the treasury secretary: Steven Mnuchin".
  const who = byDescription
    ? `${query.trim()}: ${listNames(matched)}`
    : matched.length === 1
      ? matched[0]!
      : `"${query.trim()}" (${listNames(matched)})`;
  const articles = new Set(quoted.map((h) => h.articleId)).size;
  const reportedPart = reported.length > 0 ? `; ${plural(reported.length, "reported statement")}` : "";
  if (quoted.length > 0) {
    return `${who} ${matched.length === 1 ? "is" : "are"} quoted ${plural(quoted.length, "time")} in ${plural(articles, "article")}${reportedPart}.`;
  }
  const mentioned = `${who} ${matched.length === 1 ? "is" : "are"} mentioned in ${plural(mentionedIn, "article")}`;
  if (reported.length > 0) return `${mentioned} but never quoted directly${reportedPart}.`;
  return `${mentioned} but not quoted.`;
}

/** "the Kremlin is quoted …" opens a sentence: "The Kremlin is quoted …". */
function capitalise(sentence: string): string {
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

function suggest(query: string, inputs: QuotesInput[]): string[] {
  const q = stripTitles(normalizeName(query).split(" ")).join(" ");
  if (q.length < 2) return [];
  const scored = new Map<string, number>();
  for (const input of inputs) {
    for (const record of input.quotes.speakers) {
      const m = matchable(record);
      const forms = new Set([...m.aliases, m.surname, m.lastWord].filter((f) => f.length > 0));
      let best = Number.POSITIVE_INFINITY;
      for (const form of forms) {
        const limit = Math.max(1, Math.floor(Math.max(form.length, q.length) / 4));
        const d = editDistance(q, form, limit);
        if (d <= limit) best = Math.min(best, d);
        else if (q.length >= 3 && form.startsWith(q)) best = Math.min(best, limit);
      }
      if (best < Number.POSITIVE_INFINITY) {
        const previous = scored.get(record.name);
        if (previous === undefined || best < previous) scored.set(record.name, best);
      }
    }
  }
  return [...scored.entries()]
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .slice(0, 5)
    .map(([name]) => name);
}

export interface SpeakerListing {
  name: string;
  aliases: string[];
  /** Direct and partial quotes. */
  direct: number;
  reported: number;
  articles: number;
}

/**
 * Speakers with at least one quote, for autocomplete: those whose name or an alias (or a word of one)
 * starts with `prefix`, most quoted first. At most `limit` (≤ 25, Discord's cap).
 */
export function listSpeakers(inputs: QuotesInput[], prefix = "", limit = 25): SpeakerListing[] {
  const p = normalizeName(prefix);
  const byName = new Map<string, SpeakerListing & { ids: Set<string> }>();
  for (const input of inputs) {
    const counts = new Map<string, { direct: number; reported: number }>();
    for (const q of input.quotes.quotes) {
      const c = counts.get(q.speakerId) ?? { direct: 0, reported: 0 };
      if (q.type === "reported") c.reported++;
      else c.direct++;
      counts.set(q.speakerId, c);
    }
    for (const record of input.quotes.speakers) {
      const c = counts.get(record.id);
      if (!c) continue;
      if (p && !startsWithAny(p, [record.name, ...record.aliases])) continue;
      const key = record.name.toLowerCase();
      const entry = byName.get(key) ?? {
        name: record.name,
        aliases: [],
        direct: 0,
        reported: 0,
        articles: 0,
        ids: new Set(),
      };
      entry.direct += c.direct;
      entry.reported += c.reported;
      entry.articles++;
      for (const alias of record.aliases) if (!entry.aliases.includes(alias)) entry.aliases.push(alias);
      byName.set(key, entry);
    }
  }
  // "Trump" in one article and "Donald Trump" in another are one speaker when the surname is unique.
  for (const [key, entry] of byName) {
    if (entry.name.includes(" ")) continue;
    const surname = normalizeName(entry.name);
    const full = [...byName.values()].filter(
      (e) => e.name.includes(" ") && normalizeName(e.name).split(" ").at(-1) === surname,
    );
    if (full.length !== 1) continue;
    const into = full[0]!;
    into.direct += entry.direct;
    into.reported += entry.reported;
    into.articles += entry.articles;
    for (const alias of entry.aliases) if (!into.aliases.includes(alias)) into.aliases.push(alias);
    byName.delete(key);
  }
  return [...byName.values()]
    .sort((a, b) => b.direct + b.reported - (a.direct + a.reported) || a.name.localeCompare(b.name))
    .slice(0, Math.max(0, Math.min(25, limit)))
    .map(({ name, aliases, direct, reported, articles }) => ({ name, aliases, direct, reported, articles }));
}

function startsWithAny(prefix: string, names: string[]): boolean {
  return names.some((name) => {
    const n = normalizeName(name);
    return n.startsWith(prefix) || n.split(" ").some((word) => word.startsWith(prefix));
  });
}

/** Every extracted quote with its speaker, by article (input order), ¶, then position. */
export function allQuotes(inputs: QuotesInput[]): QuoteHit[] {
  return inputs.flatMap((input) => {
    const names = new Map(input.quotes.speakers.map((s) => [s.id, s.name]));
    return [...input.quotes.quotes]
      .sort((a, b) => a.paragraph - b.paragraph || a.span.start - b.span.start)
      .map((q) => toHit(input, q, names));
  });
}

/**
 * Who said a quote, as a citation line shows it: "Bernie Ebbers, told reporters". A reported statement
 * that already opens with its cue ("denied he met him") is not given the verb twice.
 */
export function attribution(quote: Pick<QuoteHit, "speaker" | "cue" | "text" | "type">): string {
  const repeats = quote.type === "reported" && quote.text.toLowerCase().startsWith(quote.cue.toLowerCase());
  return repeats || !quote.cue ? quote.speaker : `${quote.speaker}, ${quote.cue}`;
}
