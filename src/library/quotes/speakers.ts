/**
 * The people and organisations of one article, each resolved to one canonical entity: "Republican U.S.
 * Senator John McCain", "McCain" and "he" are one speaker, John McCain, described as "Republican U.S.
 * Senator". Mentions are resolved in reading order so that a bare surname or pronoun goes to whoever is
 * most salient at that point: the latest speaker or sentence subject of a compatible kind and gender.
 */

import { DOCUMENTS } from "./clause-words.ts";
import {
  AGE_EPITHET,
  type Gender,
  hasTag,
  honorificGender,
  isFirstName,
  isOrgWord,
  isRoleWord,
  nameGender,
  roleGender,
} from "./lexicon.ts";
import { AFFILIATES } from "./name-words.ts";
import { interpretRun, type NounPhrase, PRONOUNS, type RunReading } from "./noun-phrases.ts";
import {
  aliasesOf,
  BROADCAST_NOUNS,
  BUSINESS_NOUNS,
  canonicalName,
  capitalisedRunStart,
  describe,
  documentOwner,
  fullNameKey,
  GENERIC_ORGS,
  GOVERNMENT_WORDS,
  hasGenerationalSuffix,
  isPluralName,
  isPublicRole,
  isSpokesperson,
  keyOf,
  lowerDeterminer,
  NEWSPAPER_TITLES,
  normalizeRole,
  OFFICES,
  PUBLIC_ROLES,
  sameSurname,
  slug,
  splitSuffix,
  surnameKey,
  surnameWords,
  TITLE_EXPANSIONS,
} from "./speaker-names.ts";
import { subjectAt } from "./subjects.ts";
import type { Token } from "./tokens.ts";
import type { SpeakerRecord } from "./types.ts";

/** Last words of organisation names that take "the". */
const TAKES_THE = new Set(
  "office house ministry department commission committee council agency bureau court administration parliament senate pentagon kremlin vatican police army navy government treasury".split(
    " ",
  ),
);

export interface Entity {
  key: string;
  kind: "person" | "organization";
  /** Name words as written, titles excluded ("John", "McCain"). */
  nameWords: string[];
  gender?: Gender;
  aliases: Set<string>;
  descriptions: string[];
  /** Role and organisation nouns from titles and descriptions, lower-case ("senator", "spokesman"). */
  roles: Set<string>;
  mentions: Set<number>;
  /** Seen with "the" ("the Kremlin"). */
  definite: boolean;
  /** Reading position of the first full-name mention (see Registry.position). */
  intro: number;
  /** An unnamed description ("a Homeland Security Department official"). */
  unnamed: boolean;
  spoke: boolean;
}
interface Salience {
  entity: Entity;
  paragraph: number;
  order: number;
  /** Subject of a clause or the speaker of a cue: what "he said" most often points back to. */
  prominent: boolean;
  /**
   * The organisation spoke through a spokesman ("a Downing Street spokesman said"): a following "he"
   * is that spokesman, so the words are the organisation's. The spokesperson's gender, when the noun
   * says it.
   */
  spokesperson?: Gender | "any";
}
export class Registry {
  readonly entities: Entity[] = [];
  private readonly byKey = new Map<string, Entity>();
  private readonly salience: Salience[] = [];
  /** Reading order of each entity's latest mention, and of its latest subject or speaker role. */
  private readonly lastSeen = new Map<Entity, number>();
  private readonly lastProminent = new Map<Entity, number>();
  /** How often the text (not a headline, not a quotation) names each person in full. */
  private readonly fullMentions = new Map<Entity, number>();
  /** People the text (not a headline, not a quotation) has called by their surname alone. */
  private readonly bareMentions = new Set<Entity>();
  /** Where reading is: paragraph index × 1e6 + token index. Set by the caller before each resolution. */
  position = 0;
  private order = 0;

  /** Registers a full name found anywhere in the article (first pass), so later surnames can link to it. */
  registerRun(
    tokens: Token[],
    reading: RunReading,
    description: string | undefined,
    determiner?: string,
  ): Entity | undefined {
    if (reading.nameFirst < 0) return undefined;
    const words = tokens.slice(reading.nameFirst, reading.nameLast + 1).map((t) => t.text);
    if (reading.kind === "organization") return this.organization(words, determiner === "the", description);
    if (reading.kind !== "person") return undefined;
    const core = words.filter((w) => !/^\p{Lu}\.$/u.test(w));
    const key = fullNameKey(core);
    if (!key) return undefined;
    let entity = this.byKey.get(key) ?? this.longerName(core);
    if (!entity) {
      entity = this.create(key, "person", words);
      entity.aliases.add(words.join(" "));
    }
    if (words.length > entity.nameWords.length) {
      entity.nameWords = words;
      this.index(entity);
    }
    entity.aliases.add(core.join(" "));
    const gender = reading.gender ?? nameGender(core);
    if (gender && !entity.gender) entity.gender = gender;
    if (reading.role >= 0) this.addTitle(entity, tokens[reading.role]!.text);
    if (description) this.addDescription(entity, description);
    return entity;
  }

  private create(key: string, kind: Entity["kind"], nameWords: string[]): Entity {
    const entity: Entity = {
      key,
      kind,
      nameWords,
      aliases: new Set(),
      descriptions: [],
      roles: new Set(),
      mentions: new Set(),
      definite: false,
      intro: this.position,
      unnamed: false,
      spoke: false,
    };
    this.byKey.set(key, entity);
    this.entities.push(entity);
    this.index(entity);
    return entity;
  }

  /** People by surname key and by the surname's last word ("de blasio" and "blasio"). */
  private readonly bySurname = new Map<string, Set<Entity>>();

  private index(entity: Entity): void {
    if (entity.kind !== "person" || entity.unnamed) return;
    const key = surnameKey(entity);
    if (!key) return;
    for (const k of new Set([key, key.slice(key.lastIndexOf(" ") + 1)])) {
      const set = this.bySurname.get(k) ?? new Set();
      set.add(entity);
      this.bySurname.set(k, set);
    }
  }

  organization(named: string[], definite: boolean, description?: string): Entity {
    const words = /^the$/i.test(named[0] ?? "") && named.length > 1 ? named.slice(1) : named;
    const key = `org:${keyOf(words)}`;
    let entity = this.byKey.get(key);
    if (!entity) {
      entity = this.create(key, "organization", words);
      entity.aliases.add(words.join(" "));
      for (const word of words) if (isOrgWord(word)) entity.roles.add(word.toLowerCase());
    }
    // "the Home Office", "the State Department": English names of bodies take the article even where
    // the text uses them as modifiers ("a Home Office spokesman").
    if (definite || TAKES_THE.has(words.at(-1)!.toLowerCase())) entity.definite = true;
    if (description) this.addDescription(entity, description);
    return entity;
  }

  /** "the Sanders campaign", also "Sanders's campaign": an organisation named for its person. */
  private affiliate(owner: Entity, noun: string): Entity {
    const surname = surnameWords(owner.nameWords);
    const entity = this.organization([...surname, noun], true);
    const possessive = `${surname.join(" ")}${/s$/i.test(surname.at(-1)!) ? "'" : "'s"} ${noun}`;
    entity.aliases.add(possessive);
    return entity;
  }

  /** An unnamed speaker: "a Homeland Security Department official", "Democrats". */
  unnamed(phrase: string, headWord: string, plural: boolean): Entity {
    const key = `desc:${phrase.toLowerCase()}`;
    let entity = this.byKey.get(key);
    if (!entity) {
      const org = isOrgWord(headWord) || plural;
      entity = this.create(key, org ? "organization" : "person", [phrase]);
      entity.unnamed = true;
      entity.aliases.add(phrase);
      entity.roles.add(normalizeRole(headWord));
      const gender = roleGender(headWord);
      if (gender) entity.gender = gender;
    }
    return entity;
  }

  /**
   * "Adel Nefzi said he never saw …": a full name whose own clause opens with "he" or "she" says the
   * person's gender, and the article outweighs a list of first names (which has Adel as a woman's
   * name). On PolNeAR's development articles the two agree 24 times in 25, the 25th being the list's
   * mistake. A title's gender ("Mrs.", "congresswoman") stands.
   */
  selfReference(entity: Entity, pronoun: string): void {
    if (entity.kind !== "person" || entity.unnamed) return;
    const gender = PRONOUNS[pronoun];
    if (gender !== "male" && gender !== "female") return;
    if ([...entity.roles].some((role) => honorificGender(role) ?? roleGender(role))) return;
    entity.gender = gender;
  }

  addTitle(entity: Entity, title: string): void {
    const expanded = TITLE_EXPANSIONS[title.replace(/\.$/, "").toLowerCase()] ?? title;
    entity.roles.add(expanded.toLowerCase());
    const gender = honorificGender(title) ?? roleGender(title);
    if (gender && !entity.gender) entity.gender = gender;
  }

  /**
   * A definite description read as a named entity ("The home secretary said" for Charles Clarke) ties
   * the description to them: later, /quotes "the home secretary" finds Clarke by it.
   */
  private described(entity: Entity, phrase: string): Entity {
    if (!entity.unnamed && /^the\s/i.test(phrase)) this.addDescription(entity, phrase);
    return entity;
  }

  addDescription(entity: Entity, description: string): void {
    const clean = description
      .replace(/^(?:the|a|an)\s+/i, "")
      .replace(/[,\s]+$/, "")
      .trim();
    if (!clean || clean.length > 120) return;
    if (!entity.descriptions.includes(clean)) entity.descriptions.push(clean);
    // "America Rising, a conservative political action committee": a name the words alone left as a
    // person's is a body when the text describes it as one.
    const head = clean
      .split(/\s+(?:of|for|at|in|on|from|with|by|to|who|that)\s+/)[0]!
      .split(/\s+/)
      .at(-1)!
      .toLowerCase();
    if (
      entity.kind === "person" &&
      !entity.gender &&
      isOrgWord(head) &&
      !isRoleWord(head) &&
      !isFirstName(entity.nameWords[0] ?? "")
    )
      entity.kind = "organization";
    for (const word of clean.split(/\s+/)) {
      if (isRoleWord(word) || isOrgWord(word)) entity.roles.add(normalizeRole(word));
      const gender = roleGender(word);
      if (gender && !entity.gender && entity.kind === "person") entity.gender = gender;
    }
  }

  private remember(
    entity: Entity,
    paragraph: number,
    prominent: boolean,
    spokesperson?: Gender | "any",
  ): void {
    const order = this.order++;
    this.salience.push({ entity, paragraph, order, prominent, ...(spokesperson ? { spokesperson } : {}) });
    this.lastSeen.set(entity, order);
    if (prominent) this.lastProminent.set(entity, order);
  }

  /**
   * Records a mention for salience (and for the ¶ list), and whether it named the person in full or
   * by the surname alone.
   */
  mention(entity: Entity, paragraph: number, prominent: boolean, n: number, form?: "full" | "bare"): void {
    entity.mentions.add(n);
    if (form === "full") this.fullMentions.set(entity, (this.fullMentions.get(entity) ?? 0) + 1);
    if (form === "bare") this.bareMentions.add(entity);
    this.remember(entity, paragraph, prominent);
  }

  /** Marks the entity as the latest speaker. */
  spoke(entity: Entity, paragraph: number, prominent = true): void {
    entity.spoke = true;
    const via = this.spokesperson?.entity === entity ? this.spokesperson.gender : undefined;
    this.spokesperson = undefined;
    this.remember(entity, paragraph, prominent, via);
  }

  /** The organisation the last resolved phrase reached through its spokesperson (see Salience). */
  private spokesperson: { entity: Entity; gender: Gender | "any" } | undefined;

  /** Whose document each noun last named: "the World Bank report said" makes a later "the report" the bank's. */
  private documents = new Map<string, Entity>();

  /**
   * Resolves a name run in reading order: a full name to its entity; a surname, "Mr X", "President X"
   * or a unique first name to the matching full-name entity (the most salient one when two share a
   * surname); otherwise a new surname-only entity when `create` allows.
   */
  resolveName(
    tokens: Token[],
    reading: RunReading,
    create: boolean,
    determiner?: string,
  ): Entity | undefined {
    if (reading.nameFirst < 0) return undefined;
    const words = tokens.slice(reading.nameFirst, reading.nameLast + 1).map((t) => t.text);
    if (reading.kind === "organization" || (reading.kind === "unknown" && determiner === "the")) {
      return this.organization(words, determiner === "the");
    }
    if (reading.kind === "place") return undefined;
    const core = words.filter((w) => !/^\p{Lu}\.$/u.test(w));
    if (core.length === 0) return undefined;
    const fullKey = fullNameKey(core);
    if (fullKey) {
      const known = this.byKey.get(fullKey);
      if (known) return known;
      const organisation = this.byKey.get(`org:${keyOf(core)}`);
      if (organisation) return organisation;
      const longer = this.longerName(core);
      if (longer) return this.withTitle(longer, tokens, reading);
      // "Clinton Foundation"-like runs are caught as organisations above; an unseen two-word person
      // (first pass missed it) is created now.
      if (reading.kind === "person" && create) {
        return this.registerRun(tokens, reading, undefined);
      }
      // Fall through: treat the last word as a surname.
    }
    const surname = keyOf(surnameWords(core));
    // "Mr. Obama" is not Michelle Obama: an honorific's gender rules out the other candidates.
    const matching = [...(this.bySurname.get(surname) ?? [])].filter(
      (e) =>
        e.kind === "person" &&
        !e.unnamed &&
        sameSurname(e, surname) &&
        !(reading.gender && e.gender && e.gender !== reading.gender),
    );
    // A surname points back to someone already introduced: "President Obama" in the lead is not the
    // "Michelle Obama" who appears later.
    let candidates = matching.filter((e) => e.intro <= this.position);
    if (candidates.length === 1) return this.withTitle(candidates[0]!, tokens, reading);
    // "Mr. Trump" beside Donald Trump and Donald Trump Jr. is the father; "Trump Jr." is the son.
    const suffixed = splitSuffix(core).suffix !== undefined;
    if (suffixed || candidates.some((e) => !hasGenerationalSuffix(e)))
      candidates = candidates.filter((e) => hasGenerationalSuffix(e) === suffixed);
    if (candidates.length === 1) return this.withTitle(candidates[0]!, tokens, reading);
    // Of two namesakes, the bare surname is the one the text has already called by it ("Ebeling said"
    // for Betsy, beside "Tom Ebeling"); before that, not the one the writer keeps naming in full
    // ("Eric Trump said" again and again beside one "Donald Trump").
    if (reading.role < 0 && candidates.length > 1) {
      const called = candidates.filter((e) => this.bareMentions.has(e));
      if (called.length === 1) return this.withTitle(called[0]!, tokens, reading);
      const bare = candidates.filter((e) => (this.fullMentions.get(e) ?? 0) < 2);
      if (called.length === 0 && bare.length === 1) return this.withTitle(bare[0]!, tokens, reading);
    }
    if (candidates.length > 1) return this.withTitle(this.mostSalient(candidates)!, tokens, reading);
    if (core.length === 1 && isFirstName(core[0]!)) {
      const byFirst = this.entities.filter(
        (e) =>
          e.kind === "person" &&
          !e.unnamed &&
          e.nameWords.length > 1 &&
          e.nameWords[0]!.toLowerCase() === core[0]!.toLowerCase(),
      );
      if (byFirst.length === 1) return byFirst[0];
    }
    const orgMatch = this.byKey.get(`org:${keyOf(core)}`);
    if (orgMatch) return orgMatch;
    // "Bill Clinton's hair was whiter": a capitalised word that opens the sentence was left out of the
    // name as a common word ("bill"), but the article names a "Bill Clinton" elsewhere.
    const opener = tokens[reading.nameFirst - 1];
    const withOpener =
      opener?.cap && opener.kind === "word"
        ? this.byKey.get(fullNameKey([opener.text, ...core]) ?? "")
        : undefined;
    if (withOpener?.kind === "person") return this.withTitle(withOpener, tokens, reading);
    if (!create) return undefined;
    const key = keyOf(core);
    let entity = this.byKey.get(key);
    if (!entity) entity = this.create(key, "person", core);
    return this.withTitle(entity, tokens, reading);
  }

  /**
   * "Suu Kyi" after "Aung San Suu Kyi", "Vargas Llosa" after "Mario Vargas Llosa": a run that ends a
   * longer name the article gave, and opens with no first name of its own, is that person.
   */
  private longerName(core: string[]): Entity | undefined {
    if (isFirstName(core[0]!)) return undefined;
    const tail = core.map((w) => w.toLowerCase()).join(" ");
    const matches = this.entities.filter(
      (e) =>
        e.kind === "person" &&
        e.nameWords.length > core.length &&
        e.nameWords
          .slice(-core.length)
          .map((w) => w.toLowerCase())
          .join(" ") === tail,
    );
    return matches.length === 1 ? matches[0] : undefined;
  }

  private withTitle(entity: Entity, tokens: Token[], reading: RunReading): Entity {
    if (reading.role >= 0) {
      const title = tokens[reading.role]!;
      this.addTitle(entity, title.text);
      // "Pope Francis": a one-word name's title describes them too, so /quotes "the pope" finds
      // Francis; not when qualified ("former President Carter" is not "the president").
      const qualified = /^(?:former|ex|deputy|acting|vice|then|interim)$/i.test(
        tokens[reading.role - 1]?.text ?? "",
      );
      if (!qualified && !title.text.endsWith(".") && isRoleWord(title.lower))
        this.addDescription(entity, title.text);
    }
    const words = tokens.slice(reading.nameFirst, reading.nameLast + 1).map((t) => t.text);
    entity.aliases.add(words.join(" "));
    if (reading.gender && !entity.gender) entity.gender = reading.gender;
    return entity;
  }

  private mostSalient(candidates: Entity[]): Entity | undefined {
    // Latest subject or speaker first, then latest mention, then the most mentioned.
    const byProminence = candidates.filter((c) => this.lastProminent.has(c));
    if (byProminence.length > 0)
      return byProminence.sort((a, b) => this.lastProminent.get(b)! - this.lastProminent.get(a)!)[0];
    const bySeen = candidates.filter((c) => this.lastSeen.has(c));
    if (bySeen.length > 0) return bySeen.sort((a, b) => this.lastSeen.get(b)! - this.lastSeen.get(a)!)[0];
    return [...candidates].sort((a, b) => b.mentions.size - a.mentions.size)[0];
  }

  /**
   * "he"/"she"/"it"/"they" as a speaker: the latest prominent (subject or speaker) entity of a
   * compatible kind and gender within the last two paragraphs, else the latest compatible mention.
   */
  resolvePronoun(pronoun: string, paragraph: number): Entity | undefined {
    const want = PRONOUNS[pronoun.toLowerCase()];
    if (!want) return undefined;
    const compatible = (e: Entity): boolean => {
      if (want === "male" || want === "female")
        return e.kind === "person" && !e.unnamed
          ? e.gender === undefined || e.gender === want
          : e.kind === "person" && (e.gender === undefined || e.gender === want) && !isPluralName(e);
      if (want === "thing") return e.kind === "organization" && !isPluralName(e);
      return e.kind === "organization" || isPluralName(e);
    };
    let fallback: Entity | undefined;
    for (let i = this.salience.length - 1; i >= 0; i--) {
      const s = this.salience[i]!;
      if (paragraph - s.paragraph > 2) break;
      // "A Downing Street spokesman said … But he added": the spokesman, speaking for Downing Street.
      if (s.prominent && s.spokesperson && (want === "male" || want === "female")) {
        // "A UKIP spokesman said: … The documentary showed Mr Kilroy-Silk … He denied …": a person
        // named since the spokesman is nearer than the body he spoke for.
        if (fallback) return fallback;
        if (s.spokesperson === "any" || s.spokesperson === want) return s.entity;
      }
      if (!compatible(s.entity)) continue;
      if (s.prominent) return s.entity;
      fallback ??= s.entity;
    }
    // "They wrote" after "Critics …, like Senators X and Y, … sent a letter to Senate leaders": a
    // group that was only mentioned in passing is a guess, and a wrong speaker is worse than none.
    if (want === "plural" || want === "thing") return undefined;
    return fallback;
  }

  /**
   * "the senator", "The Republican nominee", "the commission": the latest entity whose titles,
   * descriptions or organisation name contain the head noun (best modifier overlap first).
   */
  resolveDescription(words: string[], head: string): Entity | undefined {
    const role = normalizeRole(head);
    const properModifiers = words
      .filter(
        (w) => /^\p{Lu}/u.test(w) && !/^(?:the|a|an)$/i.test(w) && w.toLowerCase() !== head.toLowerCase(),
      )
      .map((w) => w.toLowerCase());
    const modifiers = words
      .map((w) => w.toLowerCase())
      .filter((w) => w !== head.toLowerCase() && !/^(?:the|a|an)$/.test(w));
    let best: Entity | undefined;
    let bestScore = -1;
    const recent = [...this.lastSeen.entries()].sort((a, b) => b[1] - a[1]).map(([entity]) => entity);
    for (const entity of recent) {
      if (!entity.roles.has(role)) continue;
      const text = [...entity.descriptions, ...entity.aliases].join(" ").toLowerCase();
      // "The Democratic presidential nominee" is not the Republican one: a proper adjective the
      // entity's descriptions lack rules it out.
      if (properModifiers.some((m) => !text.includes(m))) continue;
      const score = modifiers.filter((m) => text.includes(m)).length;
      if (score > bestScore) {
        best = entity;
        bestScore = score;
      }
    }
    return best;
  }

  /**
   * "Clinton's campaign sent out an email fundraising appeal … “…,” the email said": who the paragraph
   * says sent, released or issued such a document before `before`.
   */
  private senderOf(tokens: Token[], before: number, noun: string, paragraph: number, text: string) {
    for (let k = before - 1; k > 0 && before - k < 80; k--) {
      if (tokens[k]!.kind !== "word" || !SENDING_VERBS.has(tokens[k]!.lower)) continue;
      const sent = tokens
        .slice(k + 1, k + 6)
        .some((t) => t.kind === "word" && singularDocument(t.lower) === noun);
      const sender = sent ? subjectAt(tokens, k - 1, 0) : undefined;
      if (sender) return this.resolvePhrase(tokens, sender, paragraph, text);
    }
    return undefined;
  }

  private throughSpokesperson(organisation: Entity, noun: string): Entity {
    this.spokesperson = { entity: organisation, gender: roleGender(noun) ?? "any" };
    return organisation;
  }

  /** The entity behind a noun phrase, or undefined when it names nobody (a place, "the deal"). */
  resolvePhrase(tokens: Token[], phrase: NounPhrase, paragraph: number, text: string): Entity | undefined {
    if (phrase.kind === "pronoun") return this.resolvePronoun(tokens[phrase.head]!.lower, paragraph);
    if (phrase.kind === "name") {
      const reading = interpretRun(tokens, phrase.runFirst ?? phrase.nameFirst, phrase.nameLast);
      if (reading.kind === "place" && reading.nameFirst >= 0) {
        const words = tokens.slice(reading.nameFirst, reading.nameLast + 1).map((t) => t.text);
        // "said Bolton" after "John Bolton": a surname the article has given a person is that person,
        // though a town has the name too.
        const person = words.length === 1 ? this.longerName(words) : undefined;
        if (person) return person;
        // "Japan branded North Korea …", "Moscow denies": a country or capital speaks as its government.
        return this.organization(words, phrase.determiner === "the");
      }
      const entity = this.resolveName(tokens, reading, true, phrase.determiner);
      if (entity && phrase.first < phrase.nameFirst) {
        const description = text.slice(tokens[phrase.first]!.start, tokens[phrase.nameFirst]!.start).trim();
        if (description && !/^(?:the|a|an)$/i.test(description)) this.addDescription(entity, description);
      }
      return entity;
    }
    const headToken = tokens[phrase.head]!;
    if (DOCUMENTS.has(headToken.lower)) {
      // "the IMF report stated", "Trump's statement said": whoever the document is from.
      const owner = documentOwner(tokens, phrase);
      const noun = singularDocument(headToken.lower);
      // "The World Bank questioned … ‘…,’ said the report": a definite document with no owner of its
      // own is the one the article has named ("the World Bank report said … The UN hopes … “…,” the
      // report said" is still the bank's), else that of whoever the text has just been about; research
      // with no named author ("the study concluded") speaks as itself, not as the latest person named.
      if (!owner && phrase.determiner === "the" && phrase.first === phrase.head - 1) {
        const named = this.documents.get(noun) ?? this.senderOf(tokens, phrase.first, noun, paragraph, text);
        if (named) return named;
        const recent = POLLS.has(noun) ? undefined : this.recentProminent(paragraph);
        // A body the text is about may have written the report; a person or a party seldom has.
        const author = !RESEARCH.has(noun) || (recent?.kind === "organization" && !isPluralName(recent));
        if (recent && author) return recent;
        if (RESEARCH.has(noun)) return this.unnamed(`the ${noun}`, noun, false);
      }
      if (owner) {
        const reading = interpretRun(tokens, owner[0], owner[1]);
        if (reading.nameFirst >= 0) {
          const entity =
            reading.kind === "place"
              ? this.organization(
                  tokens.slice(reading.nameFirst, reading.nameLast + 1).map((t) => t.text),
                  false,
                )
              : this.resolveName(tokens, reading, true, undefined);
          if (entity) this.documents.set(noun, entity);
          return entity;
        }
      }
    }
    const words = tokens
      .slice(phrase.first, phrase.head + 1)
      .filter((t) => t.kind === "word")
      .map((t) => t.text);
    const phraseText = text
      .slice(tokens[phrase.first]!.start, tokens[phrase.last]!.end)
      .replace(/[,\s]+$/, "");
    if (isSpokesperson(headToken.lower)) {
      // "a Home Office spokesman", "a spokeswoman for the ministry": an organisation speaking.
      const organisation = this.spokespersonFor(tokens, phrase);
      if (organisation) return this.throughSpokesperson(organisation, headToken.lower);
    }
    // "his campaign sent out an email", "her office said": the campaign or office of whoever "his"
    // means, named for them, so /quotes "the Sanders campaign" finds it.
    if ((phrase.determiner === "his" || phrase.determiner === "her") && AFFILIATES.has(headToken.lower)) {
      const owner = this.resolvePronoun(phrase.determiner === "his" ? "he" : "she", paragraph);
      if (owner?.kind === "person" && !owner.unnamed && owner.nameWords.length > 0)
        return this.affiliate(owner, headToken.lower);
    }
    if (phrase.determiner === "the" && GENERIC_ORGS.has(headToken.lower)) {
      // "The bank said", "the company said": the organisation the text has been about.
      const found = this.recentOrganization(paragraph, headToken.lower);
      if (found) return found;
    }
    const plural =
      phrase.joint === true ||
      (/s$/.test(headToken.lower) && !/(?:ss|us|is)$/.test(headToken.lower)) ||
      hasTag(headToken.lower, "Plural") ||
      /^(?:people|police|staff|personnel|crowd|public|media)$/.test(headToken.lower);
    // "the senators wrote": a group, never one of the people it is made of.
    if (!plural && (phrase.determiner === "the" || phrase.determiner === undefined)) {
      const found = this.resolveDescription(words, headToken.text);
      if (found) return this.described(found, phraseText);
      // "The New York businessman says …", "the senator said": a definite description with no titled
      // match points back to the person the text is about, the latest subject or speaker.
      const singularPerson =
        PUBLIC_ROLES.has(normalizeRole(headToken.lower)) ||
        /^ex-/.test(headToken.lower) ||
        AGE_EPITHET.test(headToken.lower);
      if (phrase.determiner === "the" && singularPerson && !phrase.possessor) {
        const recent = this.recentProminentPerson(
          paragraph,
          roleGender(headToken.lower),
          normalizeRole(headToken.lower),
        );
        if (recent) return this.described(recent, phraseText);
      }
    }
    if (!isRoleWord(headToken.lower) && !isOrgWord(headToken.lower) && !headToken.cap) return undefined;
    // "the senators", "Democrats": a group speaks as itself.
    return this.unnamed(lowerDeterminer(phraseText), headToken.text, plural);
  }

  /**
   * The organisation a generic noun points back to: the latest one named with that noun ("Bank of
   * America" for "the bank"), else, for a business noun, the latest business (no government words).
   */
  private recentOrganization(paragraph: number, noun: string): Entity | undefined {
    let business: Entity | undefined;
    let mentioned: Entity | undefined;
    for (let i = this.salience.length - 1; i >= 0; i--) {
      const s = this.salience[i]!;
      if (paragraph - s.paragraph > 2) break;
      const e = s.entity;
      if (e.kind !== "organization" || e.unnamed) continue;
      const words = e.nameWords.join(" ").toLowerCase().split(/\s+/);
      if (words.includes(noun)) return e;
      if (!BUSINESS_NOUNS.has(noun) || words.some((w) => GOVERNMENT_WORDS.has(w))) continue;
      // "Investors will pay attention …": a plural noun that opens a sentence is no company.
      if (words.length === 1 && /[^su]s$/.test(words[0]!)) continue;
      // "The New York Times reported … The network said": a broadcaster is not a newspaper.
      if (BROADCAST_NOUNS.has(noun) && words.some((w) => NEWSPAPER_TITLES.has(w))) continue;
      // "IBM has supported Linux, though critics say it was to undermine Microsoft. The company
      // said …": the business the text is about (a subject or speaker), before one named in passing.
      if (s.prominent) business ??= e;
      else mentioned ??= e;
    }
    return business ?? mentioned;
  }

  /**
   * A person titled only "spokesman" speaks for the organisation that is the latest subject in this
   * paragraph or the one before ("America Rising … called him …; spokesman Jeff Bechdel said"); when
   * the latest subject is anyone else, or their title already names a body, nothing is assumed.
   */
  spokespersonOfRecent(person: Entity, paragraph: number, title: string): void {
    if (person.descriptions.some((d) => /\s(?:of|for|at)\s/.test(d))) return;
    for (let i = this.salience.length - 1; i >= 0; i--) {
      const s = this.salience[i]!;
      if (paragraph - s.paragraph > 1) return;
      if (!s.prominent || s.entity === person) continue;
      // "America Rising, a conservative political action committee": described as a body, it is one.
      const body = s.entity.kind === "organization" || [...s.entity.roles].some((r) => isOrgWord(r));
      if (!body || s.entity.unnamed) return;
      this.addDescription(person, `${title} of ${canonicalName(s.entity)}`);
      return;
    }
  }

  /** The latest named subject or speaker, person or organisation, in this paragraph or the two before. */
  private recentProminent(paragraph: number): Entity | undefined {
    for (let i = this.salience.length - 1; i >= 0; i--) {
      const s = this.salience[i]!;
      if (paragraph - s.paragraph > 2) break;
      if (s.prominent && !s.entity.unnamed) return s.entity;
    }
    return undefined;
  }

  private recentProminentPerson(
    paragraph: number,
    gender: Gender | undefined,
    role?: string,
  ): Entity | undefined {
    for (let i = this.salience.length - 1; i >= 0; i--) {
      const s = this.salience[i]!;
      if (paragraph - s.paragraph > 1) break;
      const e = s.entity;
      if (!s.prominent || e.kind !== "person" || e.unnamed) continue;
      if (gender && e.gender && e.gender !== gender) continue;
      // "Gov. Ann Cole spoke … the senator said": someone who holds another office is not "the
      // senator" (epithets such as "the billionaire" are not offices and exclude no one).
      if (role && OFFICES.has(role) && !e.roles.has(role) && [...e.roles].some((r) => OFFICES.has(r)))
        continue;
      return e;
    }
    return undefined;
  }

  /**
   * Delayed identification in a lead: "Senator from Texas says …" (¶1) then "Sen. Ted Cruz …" (¶2). An
   * unnamed person with a public title in the first two body paragraphs is the first person named with
   * that title in the two paragraphs after it. Returns the pairs to merge.
   */
  delayedNames(firstBody: number): Map<Entity, Entity> {
    const merged = new Map<Entity, Entity>();
    const firstSeen = new Map<Entity, number>();
    for (const s of this.salience) if (!firstSeen.has(s.entity)) firstSeen.set(s.entity, s.paragraph);
    for (const unnamed of this.entities) {
      if (!unnamed.unnamed || unnamed.kind !== "person") continue;
      const at = firstSeen.get(unnamed);
      if (at === undefined || at > firstBody + 1) continue;
      const roles = [...unnamed.roles].filter((r) => isPublicRole(r));
      if (roles.length === 0) continue;
      const named = this.entities.find((e) => {
        const seen = firstSeen.get(e);
        return (
          !e.unnamed &&
          e.kind === "person" &&
          seen !== undefined &&
          seen > at - 1 &&
          seen <= at + 2 &&
          e.intro > unnamed.intro &&
          roles.some((r) => e.roles.has(r))
        );
      });
      if (named) merged.set(unnamed, named);
    }
    return merged;
  }

  /**
   * An organisation written in full and later by its initials ("the Democratic National Committee" …
   * "the DNC") is one speaker, named in full. News style spells the name out on first reference, so
   * the pair is only made when the full name comes first in the body (`bodyFrom` is the first body
   * paragraph's number): in an article about ISIS that later cites the Institute for Science and
   * International Security, the group came first and stays itself. Returns the pairs to merge.
   */
  acronymNames(bodyFrom: number): Map<Entity, Entity> {
    const merged = new Map<Entity, Entity>();
    const firstInBody = (e: Entity) => Math.min(...[...e.mentions].filter((n) => n >= bodyFrom));
    const orgs = this.entities.filter((e) => e.kind === "organization" && !e.unnamed && e.mentions.size > 0);
    for (const short of orgs) {
      const letters = short.nameWords.length === 1 ? short.nameWords[0]! : "";
      if (!/^\p{Lu}{2,6}$/u.test(letters)) continue;
      const full = orgs.find((e) => e !== short && initials(e.nameWords) === letters);
      if (full && firstInBody(full) <= firstInBody(short)) merged.set(short, full);
    }
    return merged;
  }

  /**
   * A transcript label ("PENCE", "CHRIS WALLACE") as a person: the named person with that surname,
   * or, in a transcript with several labels, a new person of that name.
   */
  resolveLabel(label: string, transcript: boolean): Entity | undefined {
    const words = label.split(/\s+/).map((w) => w.charAt(0) + w.slice(1).toLowerCase());
    const surname = keyOf(surnameWords(words));
    const known = [...(this.bySurname.get(surname) ?? [])];
    const found = known.length > 1 ? this.mostSalient(known) : known[0];
    if (found) {
      found.spoke = true;
      return found;
    }
    if (!transcript || /^(?:NOTE|UPDATE|EDITOR|CORRECTION|CLARIFICATION|READ|WATCH|Q|A)$/.test(label))
      return undefined;
    const key = keyOf(words);
    const entity = this.byKey.get(key) ?? this.create(key, "person", words);
    entity.spoke = true;
    return entity;
  }

  /** The organisation an unnamed spokesperson speaks for, named before the head or after "for". */
  private spokespersonFor(tokens: Token[], phrase: NounPhrase): Entity | undefined {
    // Before the head: "a Home Office spokesman", "the Kremlin spokesman".
    let last = phrase.head - 1;
    while (last >= phrase.first && !tokens[last]!.cap) last--;
    if (last >= phrase.first) {
      const first = capitalisedRunStart(tokens, last, phrase.first);
      const reading = interpretRun(tokens, first, last);
      if (reading.kind === "organization" && reading.nameFirst >= 0) {
        const words = tokens.slice(reading.nameFirst, reading.nameLast + 1).map((t) => t.text);
        return this.organization(words, phrase.determiner === "the");
      }
    }
    // After it: "a spokeswoman for the ministry", "a spokesman for Oxford University".
    const connector = tokens[phrase.head + 1];
    if (
      connector?.kind === "word" &&
      /^(?:for|of|at)$/.test(connector.lower) &&
      phrase.last > phrase.head + 1
    ) {
      let k = phrase.head + 2;
      const definite = tokens[k]?.lower === "the";
      if (definite) k++;
      const runEnd = phrase.last;
      if (tokens[k]?.cap) {
        const reading = interpretRun(tokens, k, runEnd);
        if (reading.kind === "organization" && reading.nameFirst >= 0) {
          return this.organization(
            tokens.slice(reading.nameFirst, reading.nameLast + 1).map((t) => t.text),
            definite,
          );
        }
      }
    }
    return undefined;
  }

  /** The public records: every person or organisation mentioned. */
  records(): { entity: Entity; record: SpeakerRecord }[] {
    const used = new Map<string, number>();
    return this.entities
      .filter((e) => e.mentions.size > 0 || e.spoke)
      .map((entity) => {
        const name = canonicalName(entity);
        const base = slug(name) || "speaker";
        const count = used.get(base) ?? 0;
        used.set(base, count + 1);
        const record: SpeakerRecord = {
          id: count === 0 ? base : `${base}-${count + 1}`,
          name,
          aliases: aliasesOf(entity, name),
          kind: entity.kind,
          mentions: [...entity.mentions].sort((a, b) => a - b),
        };
        const description = describe(entity);
        if (description) record.description = description;
        if (entity.descriptions.length > 0) record.roles = [...entity.descriptions];
        if (entity.gender) record.gender = entity.gender;
        return { entity, record };
      });
  }
}

/** "Democratic National Committee" → "DNC": the capitals of a name's words, small words left out. */
function initials(words: string[]): string {
  if (words.length < 2) return "";
  return words
    .filter((w) => !/^(?:of|the|and|for|on|in|&)$/i.test(w))
    .map((w) => (/^\p{Lu}/u.test(w) ? w[0] : "?"))
    .join("");
}

/** "reports" → "report", so "the reports" and "the report" are one document noun. */
/**
 * Documents that are research ("the report stated", "the study concluded"): written by a body the
 * article names with them, seldom by whoever the text was just about.
 */
/** Verbs that put a document out: its subject is the document's author. */
const SENDING_VERBS = new Set(["sent", "released", "issued", "published", "posted", "emailed", "tweeted"]);

const RESEARCH = new Set(["report", "study", "survey", "poll", "analysis"]);
/** Polls and surveys speak for their respondents, never for the body the text was about. */
const POLLS = new Set(["survey", "poll"]);

function singularDocument(noun: string): string {
  return noun.endsWith("s") ? noun.slice(0, -1) : noun;
}
