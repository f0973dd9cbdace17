import { isNameTitle } from "../quotes/name-words.ts";

/**
 * Common English short forms of first names: "Joe Biden" is the "Joseph R. Biden Jr." an article
 * quotes, "Bill Clinton" is "William J. Clinton". General knowledge of names, not of any article.
 */
const SHORT_FORMS: Record<string, string[]> = Object.assign(Object.create(null), {
  joseph: ["joe"],
  william: ["bill", "billy", "will"],
  robert: ["bob", "bobby", "rob"],
  michael: ["mike"],
  james: ["jim", "jimmy"],
  thomas: ["tom"],
  richard: ["dick", "rick"],
  edward: ["ted", "ed", "eddie"],
  charles: ["chuck", "charlie"],
  anthony: ["tony"],
  daniel: ["dan", "danny"],
  david: ["dave"],
  stephen: ["steve"],
  steven: ["steve"],
  christopher: ["chris"],
  nicholas: ["nick"],
  benjamin: ["ben"],
  alexander: ["alex"],
  samuel: ["sam"],
  patrick: ["pat"],
  peter: ["pete"],
  timothy: ["tim"],
  kenneth: ["ken"],
  ronald: ["ron"],
  donald: ["don"],
  gerald: ["jerry"],
  lawrence: ["larry"],
  elizabeth: ["liz", "beth", "betsy"],
  katherine: ["kate", "kathy"],
  catherine: ["kate", "cathy"],
  margaret: ["maggie", "peggy"],
  jennifer: ["jen", "jenny"],
  theodore: ["ted", "teddy"],
  frederick: ["fred"],
  vladimir: ["vlad"],
});

/** True when two first names can be the same person's ("joe" and "joseph"). */
function sameFirstName(a: string, b: string): boolean {
  if (a === b) return true;
  return (SHORT_FORMS[a]?.includes(b) ?? false) || (SHORT_FORMS[b]?.includes(a) ?? false);
}

/**
 * Whether lower-cased speaker names (a quoted person's name and aliases) name the person a question
 * asks about. A surname is enough ("McCain"), but a first name must not contradict one the article
 * gives: "Michelle Obama" is not the "Barack Obama" whose aliases include "Obama", "Bill Clinton" not
 * "Hillary Clinton". Titles ("President Obama") carry no first name. `known` holds every name the
 * article knows (quoted or not): when it has the asked-about person as someone of their own, a quote
 * credited only to a shared surname is the other person's.
 */
export function namesSpeaker(names: Iterable<string>, phrase: string, known?: Set<string>): boolean {
  const words = phrase.split(/\s+/);
  const surname = words.at(-1) ?? phrase;
  // The first name is the first word after any titles ("gen. norman ham" → norman).
  const named = words.slice(0, -1).filter((word) => !isNameTitle(word));
  const first = named[0];
  let surnameSeen = false;
  let firstSeen = false;
  let otherFirst = false;
  for (const name of names) {
    if (name === phrase) return true;
    const parts = name.split(/\s+/);
    if (parts.at(-1) !== surname) continue;
    surnameSeen = true;
    if (!first) continue;
    if (parts.slice(0, -1).some((part) => sameFirstName(part, first))) firstSeen = true;
    else if (parts.slice(0, -1).some((part) => !isNameTitle(part) && !/^\p{L}\.?$/u.test(part)))
      otherFirst = true;
  }
  if (!surnameSeen) return false;
  if (!first || firstSeen) return true;
  return !otherFirst && !known?.has(phrase);
}
