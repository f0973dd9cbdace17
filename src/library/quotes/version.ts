/**
 * The quote extractor's version, stored with every article's quotes. Raise it when extraction changes
 * enough that stored articles should be extracted again: a library opened by a newer Byline then
 * re-extracts the quotes of articles stored by an older one (once, saved), so an upgrade improves
 * /quotes on what users already added. Articles stored before versions were recorded count as 1.
 */
export const QUOTES_VERSION = 11;
