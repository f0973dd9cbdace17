/**
 * Words that go with a name without being one: generational suffixes, titles and affiliations. Plain
 * lists, kept apart from the lexicon (which loads compromise, a second of start-up) because /ask and
 * /quotes read them at query time.
 */

/** "Jr.", "Sr.", "III": part of a name, though compromise tags "jr" an honorific. */
export function isGenerationalSuffix(word: string): boolean {
  return /^(?:jr|sr|ii|iii|iv)\.?$/i.test(word);
}

/**
 * Words written before a name that are not part of it, lower-cased without dots: titles ("Gen.",
 * "Lord", "President"), and qualifiers ("former", "vice", "U.S."). /quotes strips them from a query;
 * /ask does not read them as a first name ("Gen. Norman Ham").
 */
const NAME_TITLES = new Set(
  (
    "the president pres senator sen rep reps representative congressman congresswoman gov governor mayor " +
    "speaker house secretary minister prime mr mrs ms miss mx dr doctor prof professor sir dame lord lady " +
    "baroness baron judge justice general gen chancellor leader chairman chairwoman chair spokesman " +
    "spokeswoman king queen prince princess pope rev reverend cardinal bishop archbishop former vice " +
    "deputy first foreign us uk sheriff chief ceo commissioner ambassador attorney del delegate candidate " +
    "nominee col colonel lt lieutenant capt captain sgt sergeant adm admiral maj major"
  ).split(" "),
);

export function isNameTitle(word: string): boolean {
  return NAME_TITLES.has(word.toLowerCase().replace(/\./g, ""));
}

/** What a person has that speaks for them: "his campaign" is "the Sanders campaign". */
export const AFFILIATES = new Set(["campaign", "office", "team", "administration", "foundation"]);
