/**
 * Lower-case words that belong inside a surname ("de Blasio", "van Rompuy", "bin Salman", "St. John"):
 * they neither end a name nor start a new one.
 */
export const NAME_PARTICLES: ReadonlySet<string> = new Set([
  "de",
  "da",
  "di",
  "du",
  "del",
  "della",
  "van",
  "von",
  "der",
  "den",
  "bin",
  "ibn",
  "al",
  "el",
  "la",
  "le",
  "ben",
  "dos",
  "das",
  "st.",
]);
