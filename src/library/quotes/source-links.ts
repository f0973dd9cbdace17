/**
 * Unnamed sources: "a person familiar with the matter", "an official close to the campaign". Kept apart
 * from the parser so /quotes lookups can use it without loading the NLP lexicon.
 */
import type { Token } from "./tokens.ts";

/** "familiar with", "close to", "briefed on": what links an unnamed source to what it knows. */
export const SOURCE_LINKS = new Map([
  ["familiar", "with"],
  ["close", "to"],
  ["briefed", "on"],
  ["knowledgeable", "about"],
]);

/** A speaker's name without what a source is linked to: "a person close to the campaign" → "a person". */
export function withoutSourceLink(name: string): string {
  for (const [link, preposition] of SOURCE_LINKS) {
    const at = name.toLowerCase().indexOf(` ${link} ${preposition} `);
    if (at >= 0) return name.slice(0, at);
  }
  return name;
}

/** Whether two tokens are a source link: "familiar with", "close to". */
export function isSourceLink(link: Token | undefined, preposition: Token | undefined): boolean {
  return (
    link !== undefined &&
    preposition !== undefined &&
    link.quote < 0 &&
    SOURCE_LINKS.get(link.lower) === preposition.lower
  );
}
