import { describe, expect, it } from "vitest";
import { extract, find, said, whoSaid } from "./helpers.ts";

describe("direct quotes: marks and spans", () => {
  it("credits a quotation introduced by a colon straight after a person's name, and only that quotation", () => {
    const r = extract(
      `The result does not surprise pollster Nina Hale: "Newcomers who win early tend to rise."`,
      `Senator Ray Holt: "We will hold the line." Governor Ida Kemp: "We will not."`,
      `Hale compared the race with Senator Holt: "He never wins the first round."`,
    );
    expect(whoSaid(r, "Newcomers who win early")).toBe("Nina Hale");
    expect(whoSaid(r, "We will hold the line")).toBe("Ray Holt");
    expect(whoSaid(r, "We will hold the line")).not.toBe("Ida Kemp");
    // After "with", the name is not the speaker: nobody is credited rather than the wrong person.
    expect(whoSaid(r, "He never wins the first round")).not.toBe("Ray Holt");
  });

  it("credits a partial quotation after 'blamed' and 'thanked' to the subject", () => {
    const r = extract(
      `Coach Lena Park blamed "a shortage of fit players" for the defeat.`,
      `Park thanked the fans for "staying loud until the very end".`,
    );
    expect(whoSaid(r, "a shortage of fit players")).toBe("Lena Park");
    expect(whoSaid(r, "staying loud until the very end")).toBe("Lena Park");
  });

  it("credits a quote with straight marks to the speaker of a trailing attribution", () => {
    const r = extract(`"We will not back down," Governor Maria Lopez said on Monday.`);
    expect(whoSaid(r, "We will not back down")).toBe("Maria Lopez");
    expect(find(r, "We will not back down")[0]!.type).toBe("direct");
  });

  it('pairs curly and straight marks in any mix (“…" and "…”)', () => {
    const r = extract(
      `“The talks were useful," Foreign Minister Lena Berg told reporters.`,
      `"We expect a second round soon,” Berg added.`,
    );
    expect(whoSaid(r, "The talks were useful")).toBe("Lena Berg");
    expect(whoSaid(r, "We expect a second round soon")).toBe("Lena Berg");
  });

  it("puts the span inside the marks and drops the comma before the closing mark", () => {
    const text = `"Prices will fall," the minister said.`;
    const r = extract(`Finance Minister Omar Haddad spoke on Tuesday.`, text);
    const quote = find(r, "Prices will fall")[0]!;
    expect(quote.text).toBe("Prices will fall");
    expect(text.slice(quote.record.span.start, quote.record.span.end)).toBe("Prices will fall,");
    expect(quote.speaker).toBe("Omar Haddad");
  });

  it("credits a quote introduced with a colon (Trump said: “…”)", () => {
    const r = extract(`Speaking of the budget, Senator Paul Reed said: "We will never accept these cuts."`);
    expect(whoSaid(r, "We will never accept these cuts")).toBe("Paul Reed");
    expect(find(r, "We will never accept")[0]!.type).toBe("direct");
  });

  it("keeps a quote split around its attribution as one quotation (“Q1,” he said. “Q2.”)", () => {
    const r = extract(
      `Mayor Anna Kowalski visited the flooded district.`,
      `"The water came in overnight," she said. "Nobody was ready for it."`,
    );
    const quotes = find(r, "The water came in overnight", ["direct"]);
    expect(quotes).toHaveLength(1);
    expect(quotes[0]!.speaker).toBe("Anna Kowalski");
    expect(quotes[0]!.text).toContain("Nobody was ready for it");
    expect(quotes[0]!.record.parts).toHaveLength(2);
  });

  it("credits both halves when the attribution sits between them (“Q1,” he said, “Q2.”)", () => {
    const r = extract(
      `"I think the referee will be fair," Coach Dan Price said at a rally in Leeds, "but we will be watching."`,
    );
    const quote = find(r, "the referee will be fair")[0]!;
    expect(quote.speaker).toBe("Dan Price");
    expect(quote.text).toContain("but we will be watching");
  });

  it("runs a quotation over several paragraphs when each paragraph reopens the mark", () => {
    const r = extract(
      `Union leader Grace Obi said: "We have waited three years for this offer.`,
      `"Our members will vote on it next week.`,
      `"If they reject it, the strike goes ahead."`,
    );
    const quote = find(r, "waited three years")[0]!;
    expect(quote.speaker).toBe("Grace Obi");
    expect(quote.record.paragraphs).toEqual([1, 2, 3]);
    expect(quote.text).toContain("the strike goes ahead");
  });

  it("credits a multi-paragraph quotation to the attribution after its last part", () => {
    const r = extract(
      `"We have waited three years for this offer.`,
      `"If they reject it, the strike goes ahead," union leader Grace Obi said.`,
    );
    expect(whoSaid(r, "waited three years")).toBe("Grace Obi");
  });

  it("continues the previous speaker for a paragraph that is wholly a quote with no attribution", () => {
    const r = extract(
      `"The decision is a betrayal of our voters," Senator Ruth Adams said in a statement.`,
      `"And by doing so with Prime Minister Jonas Lind, the president insulted every citizen who was denied a vote."`,
    );
    expect(whoSaid(r, "the president insulted every citizen")).toBe("Ruth Adams");
  });

  it("never credits a quote to a person it merely mentions", () => {
    const r = extract(
      `Senator Ruth Adams criticised the deal.`,
      `"By doing so with Jonas Lind, President Mark Hale insulted every voter," Adams said.`,
    );
    expect(whoSaid(r, "insulted every voter")).toBe("Ruth Adams");
  });

  it("continues the speaker for a whole-sentence quote after a sentence with an unrelated cue", () => {
    const r = extract(
      `"I congratulated him on the victory," Chancellor Eva Brandt told reporters.`,
      `"We will probably meet in the not too distant future.” The ministry later said there were no plans for a summit.`,
    );
    expect(whoSaid(r, "meet in the not too distant future")).toBe("Eva Brandt");
    expect(find(r, "no plans for a summit", ["reported"])[0]!.speaker).not.toBe("Eva Brandt");
  });

  it("credits a trailing attribution with adding to the organisation for both parts (…, the Kremlin said, adding: “…”)", () => {
    const r = extract(
      `The two leaders agreed to work together to avoid an arms race, the Kremlin said, adding: "Special attention was devoted to a possible meeting."`,
    );
    expect(whoSaid(r, "Special attention was devoted")).toBe("the Kremlin");
    const reported = find(r, "agreed to work together", ["reported"]);
    expect(reported[0]!.speaker).toBe("the Kremlin");
  });

  it("keeps nested single quotes inside the quotation", () => {
    const r = extract(
      `"You say you ‘accept responsibility’ but blame your staff," Senator Ann Marsh told the chief executive.`,
    );
    const quote = find(r, "accept responsibility")[0]!;
    expect(quote.speaker).toBe("Ann Marsh");
    expect(quote.text).toBe("You say you ‘accept responsibility’ but blame your staff");
  });

  it("credits a quotation to a manner-of-speaking verb beside it (“…,” Smith barked), and that verb to nothing else", () => {
    const r = extract(
      `Councillor Dan Smith faced the tenants' leader, Ana Ruiz, at the meeting.`,
      `"Go back to your seat," Smith barked and a steward escorted Ruiz out.`,
      `The dogs barked at the "new neighbours" all night.`,
    );
    expect(whoSaid(r, "Go back to your seat")).toBe("Dan Smith");
    expect(whoSaid(r, "new neighbours")).toBeUndefined();
  });

  it("keeps the speaker when the writer opens the next sentence and the quotation runs on past it (Aida said. Biden “…. …”)", () => {
    const r = extract(
      `"The mayor is a careful man," said Nora Vance, who has known him for decades. Lind "got it wrong this time. He will say so himself by Friday."`,
      `The council met on Monday. Lind "will not resign," his office said.`,
    );
    expect(whoSaid(r, "got it wrong this time")).toBe("Nora Vance");
    expect(whoSaid(r, "will not resign")).not.toBe("Nora Vance");
  });

  it("credits a question to the attribution after its question mark (“…?” Vitter demanded.)", () => {
    const r = extract(`"Why is this bank still too big to manage?" Senator Neil Hart demanded.`);
    expect(whoSaid(r, "too big to manage")).toBe("Neil Hart");
  });

  it("credits an inverted attribution with an aside (“…,” said Don Fowler, who …)", () => {
    const r = extract(
      `"Now is the time for leaders to act," said Tom Keller, who chaired the committee in the 1990s. "The plan should be ready today."`,
    );
    const quote = find(r, "Now is the time for leaders to act")[0]!;
    expect(quote.speaker).toBe("Tom Keller");
    expect(whoSaid(r, "The plan should be ready today")).toBe("Tom Keller");
  });

  it("credits a quotation signed with a dash (“…” ― Name)", () => {
    const r = extract(`“He does not speak for people like me.” ― Rosa Delgado`);
    expect(whoSaid(r, "does not speak for people like me")).toBe("Rosa Delgado");
  });

  it("credits a quotation signed on the line below it (- Name), and leaves a byline under prose alone", () => {
    const r = extract(
      `Here are the claims we checked after the debate.`,
      `"Our schools have lost a third of their teachers in five years."`,
      `- Marta Quill.`,
      `"Nobody has done more for the farmers of this state."`,
      `-Governor Ben Ashdown, speaking in Fairview.`,
      `The figures come from the state's own budget office.`,
      `- Lena Ortiz.`,
    );
    expect(whoSaid(r, "lost a third of their teachers")).toBe("Marta Quill");
    expect(whoSaid(r, "done more for the farmers")).toBe("Ben Ashdown");
    expect(said(r).filter((q) => q.speaker === "Lena Ortiz")).toEqual([]);
  });

  it("credits a quote to a speaker named after a long aside", () => {
    const r = extract(
      `"It is an invasion of the state's domain," Greg Pratt, the attorney general of Utah, one of the states suing the agency, said this month.`,
    );
    expect(whoSaid(r, "an invasion of the state's domain")).toBe("Greg Pratt");
  });
});

describe("direct quotes: partial quotes and what is not a quote", () => {
  it("credits a partial quote inside reported speech to the reporting speaker", () => {
    const r = extract(
      `The White House said in a statement that the leaders "emphasized the importance of denuclearizing the peninsula" after the call.`,
    );
    const partial = find(r, "emphasized the importance", ["partial"]);
    expect(partial[0]!.speaker).toBe("the White House");
    expect(partial[0]!.cue).toBe("said in a statement");
    expect(find(r, "the leaders", ["reported"])[0]!.speaker).toBe("the White House");
  });

  it("credits short quoted labels to the speaker who used them (called X a “…”)", () => {
    const r = extract(`Senator Joe Marsh called the governor a "pathological liar" and a "bully."`);
    expect(whoSaid(r, "pathological liar")).toBe("Joe Marsh");
    expect(whoSaid(r, "bully")).toBe("Joe Marsh");
  });

  it("ignores scare quotes and titles with no speech cue", () => {
    const r = extract(
      `The so-called "deal of the century" has stalled.`,
      `Senator Ann Marsh appeared on "Meet the Press" on Sunday.`,
      `Critics of the "public option" were absent.`,
    );
    expect(said(r).filter((q) => q.type !== "reported")).toEqual([]);
  });

  it("does not take a title after the addressee for the quotation (told NBC’s “Sunrise Hour” that “…”)", () => {
    const r = extract(
      `Secretary Jeh Carter told NBC's "Sunrise Hour" on Monday that "the culprit behind it" is still unknown.`,
    );
    expect(whoSaid(r, "the culprit behind it")).toBe("Jeh Carter");
    expect(whoSaid(r, "Sunrise Hour")).toBeUndefined();
  });

  it("never yields quotes from teasers or captions", () => {
    const r = extract(
      `Prime Minister Jonas Lind (L) speaks with President Mark Hale in Oslo, March 3, 2018.`,
      `OSLO - "We agree on most things," Lind said on Tuesday.`,
      `READ: "We agree on most things," Lind says in full interview`,
    );
    const quotes = find(r, "We agree on most things", ["direct"]);
    expect(quotes.map((q) => q.paragraph)).toEqual([2]);
  });

  it("never throws on unbalanced marks and returns fewer quotes instead", () => {
    expect(() => extract(`"Unclosed quote, he said.`, `” stray close " and "open`, `""""`)).not.toThrow();
  });

  it("credits transcript lines to their speaker labels (“WALLACE: …” ¶ “PENCE: …”)", () => {
    const r = extract(
      `Republican nominee Mike Pence spoke to Fox News on Sunday. Partial transcript:`,
      `"WALLACE: Will she be at the debate tomorrow night?`,
      `"PENCE: She will not be attending the debate.`,
      `"WALLACE: Thank you, governor.`,
    );
    expect(whoSaid(r, "She will not be attending")).toBe("Mike Pence");
    expect(whoSaid(r, "Will she be at the debate")).toBe("Wallace");
    expect(find(r, "She will not be attending")[0]!.text).toBe("She will not be attending the debate.");
  });
});
