import { describe, expect, it } from "vitest";
import { allQuotes, attribution, listSpeakers, lookupQuotes } from "../../../src/library/quotes/lookup.ts";
import type { QuotesInput } from "../../../src/library/quotes/types.ts";
import { extract } from "./helpers.ts";

function input(articleId: string, ...paragraphs: string[]): QuotesInput {
  return { articleId, title: `Article ${articleId}`, quotes: extract(...paragraphs) };
}

const energy = input(
  "energy",
  `Energy Secretary John Smith said on Monday that prices would fall.`,
  `"We are ready for winter," Smith told reporters.`,
  `Opposition leader Jane Smith said the plan was a gamble.`,
  `The Home Office said the rules would not change.`,
);
const summit = input(
  "summit",
  `President Vladimir Putin won a landslide, the Kremlin said.`,
  `"Special attention was devoted to the meeting," the Kremlin said in a statement.`,
  `President Donald Trump met Putin after his win.`,
  `"I congratulated him," Trump told reporters.`,
);
const followUp = input("follow-up", `"It was a good call," President Trump said on Wednesday.`);

describe("lookupQuotes by description (a title or role the article ties to a name)", () => {
  const budget = input(
    "budget",
    `Treasury Secretary Maria Olsen unveiled the budget on Tuesday.`,
    `"This budget pays its way," Ms Olsen said.`,
    `The treasury secretary said later that taxes would not rise for families.`,
    `Former treasury secretary Paul Dane said the plan was "a mirage".`,
    `The archbishop of Northbury, Simon Clay, called the cuts "a moral failure".`,
    `"We will not stay silent," the archbishop told worshippers.`,
  );

  it("credits 'the treasury secretary' to the person the article names with that title, and says so", () => {
    const result = lookupQuotes("the treasury secretary", [budget]);
    expect(result.matched).toEqual(["Maria Olsen"]);
    expect(result.message).toMatch(/^The treasury secretary: Maria Olsen is quoted/);
    const texts = result.quotes.map((q) => q.text);
    expect(texts).toContain("This budget pays its way");
    expect(texts.some((t) => t.includes("taxes would not rise"))).toBe(true);
    // The former treasury secretary is someone else.
    expect(texts.some((t) => t.includes("mirage"))).toBe(false);
  });

  it("ties a later 'the archbishop' to the archbishop named first (an apposition)", () => {
    const result = lookupQuotes("the archbishop", [budget]);
    expect(result.matched).toEqual(["Simon Clay"]);
    expect(result.quotes.map((q) => q.text)).toEqual(
      expect.arrayContaining(["a moral failure", "We will not stay silent"]),
    );
  });

  it("credits an unnamed speaker described the same way to the named one ('the Kenyan archbishop')", () => {
    const visit = input(
      "visit",
      `Archbishop Ezra Mbeki has called for the camp to close.`,
      `The Kenyan archbishop said that holding men for years without charge was "indefensible".`,
      `Mbeki told reporters: "The rule of law protects everyone."`,
    );
    const result = lookupQuotes("the archbishop", [visit]);
    expect(result.matched).toEqual(["Ezra Mbeki"]);
    const texts = result.quotes.map((q) => q.text);
    expect(texts).toContain("The rule of law protects everyone.");
    expect(texts.some((t) => t.includes("indefensible"))).toBe(true);
    expect(new Set(result.quotes.map((q) => q.speaker))).toEqual(new Set(["Ezra Mbeki"]));
  });

  it("keeps an unnamed source apart from what it is close to ('a person close to the campaign')", () => {
    const talks = input(
      "talks",
      `The Reyes campaign said on Monday that it would stay in the race.`,
      `"The money has run out," said a person close to the campaign.`,
    );
    const campaign = lookupQuotes("the campaign", [talks]).quotes.map((q) => q.text);
    expect(campaign.some((t) => t.includes("money has run out"))).toBe(false);
    const source = lookupQuotes("a person close to the campaign", [talks]);
    expect(source.quotes.map((q) => q.text)).toEqual(["The money has run out"]);
    expect(source.quotes[0]?.speaker).toBe("a person close to the campaign");
  });

  it("returns what someone said jointly with others, under the joint speaker's name", () => {
    const letter = input(
      "letter",
      `Councillor Ann Cole said the budget was late.`,
      `"The levy is a mistake," Ann Cole and Rob Dyer wrote in a letter to the council.`,
      `"We will fight it," Mr Dyer told reporters.`,
    );
    const dyer = lookupQuotes("Rob Dyer", [letter]).quotes;
    expect(dyer.map((q) => [q.text, q.speaker])).toEqual([
      ["The levy is a mistake", "Ann Cole and Rob Dyer"],
      ["We will fight it", "Rob Dyer"],
    ]);
    const cole = lookupQuotes("Ann Cole", [letter]).quotes.map((q) => q.text);
    expect(cole).toContain("The levy is a mistake");
    expect(cole.some((t) => t.includes("fight it"))).toBe(false);
  });

  it("returns what a person said jointly with a group ('Cole and her supporters argue'), found by surname too", () => {
    const rally = input(
      "rally",
      `Senator Ann Cole spoke at the rally.`,
      `But Cole and her supporters argue the primary calendar is unfair to new voters.`,
    );
    const quotes = lookupQuotes("Ann Cole", [rally]).quotes;
    const joint = quotes.find((q) => q.text.includes("the primary calendar is unfair"));
    expect(joint?.speaker).toBe("Cole and her supporters");
  });

  it("names 'his campaign' for whoever 'his' means, so 'the Cole campaign' finds it and 'Cole' does not", () => {
    const race = input(
      "race",
      `Senator Rob Cole rallied supporters in Ohio.`,
      `"With every vote, we grow stronger," his campaign said in an email.`,
    );
    for (const query of ["the Cole campaign", "Cole campaign", "Cole's campaign"]) {
      expect(
        lookupQuotes(query, [race]).quotes.map((q) => q.text),
        query,
      ).toContain("With every vote, we grow stronger");
    }
    expect(lookupQuotes("Rob Cole", [race]).quotes.map((q) => q.text)).not.toContain(
      "With every vote, we grow stronger",
    );
  });

  it("finds nobody for a description the article never ties to a name", () => {
    expect(lookupQuotes("the defence secretary", [budget]).quotes).toEqual([]);
  });

  it("answers nothing when two people fit and the article does not say which is meant", () => {
    const two = input(
      "two",
      `Senator Ann Reyes said the bill was "overdue".`,
      `Senator Bob Tran said it was "reckless".`,
    );
    expect(lookupQuotes("the senator", [two]).quotes).toEqual([]);
  });
});

describe("lookupQuotes", () => {
  it("matches any alias case-insensitively: surname, full name, title + name", () => {
    for (const query of ["Trump", "trump", "Donald Trump", "President Trump", "DONALD TRUMP"]) {
      const result = lookupQuotes(query, [summit]);
      expect(result.matched, query).toEqual(["Donald Trump"]);
      expect(result.quotes[0]!.text).toBe("I congratulated him");
    }
  });

  it("finds a person by the short form of their first name ('Ken Starr' for Kenneth Starr), the full form first", () => {
    const starr = input("starr", `"He was a gifted politician," former prosecutor Kenneth Starr said.`);
    expect(lookupQuotes("Ken Starr", [starr]).matched).toEqual(["Kenneth Starr"]);
    const two = input("two", `"We will appeal," Dan Ortiz said.`, `"We will not," Daniel Ortiz replied.`);
    expect(lookupQuotes("Dan Ortiz", [two]).matched).toEqual(["Dan Ortiz"]);
    expect(lookupQuotes("Daniel Ortiz", [two]).matched).toEqual(["Daniel Ortiz"]);
    // Two letters are an initial's cousin, not a name: "Ke Starr" finds nobody.
    expect(lookupQuotes("Ke Starr", [starr]).matched).toEqual([]);
  });

  it("finds a person by first name alone, unless someone answers to it as a surname", () => {
    const one = input("one", `"We will win," Hillary Clinton said.`);
    expect(lookupQuotes("Hillary", [one]).matched).toEqual(["Hillary Clinton"]);
    const two = input("two", `"We will win," Hillary Clinton said.`, `"So will we," Peter Hillary said.`);
    expect(lookupQuotes("Hillary", [two]).matched).toEqual(["Peter Hillary"]);
  });

  it("matches organisations with or without 'the'", () => {
    expect(lookupQuotes("Kremlin", [summit]).matched).toEqual(["the Kremlin"]);
    expect(lookupQuotes("the Kremlin", [summit]).matched).toEqual(["the Kremlin"]);
    expect(lookupQuotes("home office", [energy]).matched).toEqual(["the Home Office"]);
  });

  it("counts what an organisation's named spokesperson said as the organisation's, under their name", () => {
    const ministry = input(
      "ministry",
      `"Talks will resume in May," the Foreign Ministry said in a statement.`,
      `Foreign Ministry spokeswoman Lena Marsh told reporters that no date had been set for the visit.`,
      `Opposition leader Tom Reyes said the talks were a waste of time.`,
    );
    const result = lookupQuotes("the Foreign Ministry", [ministry]);
    expect(result.quotes.map((q) => [q.speaker, q.paragraph])).toEqual([
      ["the Foreign Ministry", 1],
      ["Lena Marsh", 2],
    ]);
    expect(result.message).toBe(
      "The Foreign Ministry is quoted 1 time in 1 article; 1 reported statement. Includes what its spokesperson Lena Marsh said.",
    );
    // Asked for herself, she is only herself; and the opposition leader is never the ministry.
    expect(lookupQuotes("Lena Marsh", [ministry]).message).not.toContain("spokesperson");
  });

  it("counts what a person's spokesperson said as their campaign's ('Cole spokesman Jim Hart')", () => {
    const race = input(
      "race",
      `The Cole campaign calls the attack a false story.`,
      `"Nobody believes it," Cole spokesman Jim Hart said.`,
    );
    const result = lookupQuotes("the Cole campaign", [race]);
    expect(result.quotes.map((q) => [q.text, q.speaker])).toContainEqual(["Nobody believes it", "Jim Hart"]);
  });

  it("lists direct and partial quotes first, then reported speech, each with its cue and ¶", () => {
    const result = lookupQuotes("Kremlin", [summit]);
    expect(result.quotes.map((q) => q.type)).toEqual(["direct", "reported"]);
    expect(result.quotes[0]).toMatchObject({
      articleId: "summit",
      paragraph: 2,
      cue: "said in a statement",
      speaker: "the Kremlin",
    });
    expect(result.quotes[1]).toMatchObject({ paragraph: 1, type: "reported", cue: "said" });
    expect(result.message).toBe("The Kremlin is quoted 1 time in 1 article; 1 reported statement.");
  });

  it("merges the same person across articles, including one that only says 'President Trump'", () => {
    const result = lookupQuotes("Trump", [summit, followUp]);
    expect(result.matched).toEqual(["Donald Trump"]);
    expect(result.quotes.map((q) => [q.articleId, q.paragraph])).toEqual([
      ["summit", 4],
      ["follow-up", 1],
    ]);
    expect(result.message).toBe("Donald Trump is quoted 2 times in 2 articles.");
  });

  it("says when a person is mentioned but never quoted directly", () => {
    const result = lookupQuotes("Putin", [summit]);
    expect(result.matched).toEqual(["Vladimir Putin"]);
    expect(result.quotes).toEqual([]);
    expect(result.mentionedIn).toBe(1);
    expect(result.message).toBe("Vladimir Putin is mentioned in 1 article but not quoted.");
  });

  it("finds a suffixed name by its surname unless someone without the suffix answers to it", () => {
    const biden = input("biden", `"Tell that to the janitor," Joseph R. Biden Jr. said.`);
    expect(lookupQuotes("Biden", [biden]).matched).toEqual(["Joseph R. Biden Jr."]);
    expect(lookupQuotes("Joseph Biden", [biden]).quotes).toHaveLength(1);
    const son = input("son", `"We won," Donald Trump Jr. said.`);
    expect(lookupQuotes("Trump", [summit, son]).matched).toEqual(["Donald Trump"]);
    expect(lookupQuotes("Trump Jr.", [summit, son]).matched).toEqual(["Donald Trump Jr."]);
  });

  it("lists both people when a surname is ambiguous (two Smiths)", () => {
    const result = lookupQuotes("Smith", [energy]);
    expect(result.matched.sort()).toEqual(["Jane Smith", "John Smith"]);
    expect(lookupQuotes("Jane Smith", [energy]).matched).toEqual(["Jane Smith"]);
  });

  it("suggests close names for a typo and says no one by that name is quoted", () => {
    const result = lookupQuotes("Trumpp", [summit]);
    expect(result.matched).toEqual([]);
    expect(result.suggestions).toContain("Donald Trump");
    expect(result.message).toBe("No one by that name is quoted. Did you mean Donald Trump?");
    const sample = input("sample", `"Hello," Senator John McCain said.`);
    expect(lookupQuotes("McCian", [sample]).suggestions).toEqual(["John McCain"]);
  });

  it("treats regex metacharacters literally and never throws on odd queries", () => {
    for (const query of [".*(", "[", "\\", "(?<x>", "", "   ", "🙂", "a".repeat(5000)]) {
      expect(() => lookupQuotes(query, [summit, energy]), query).not.toThrow();
      expect(lookupQuotes(query, [summit, energy]).matched, query).toEqual([]);
    }
  });

  it("answers with nothing matched over an empty library", () => {
    const result = lookupQuotes("Trump", []);
    expect(result).toMatchObject({ speaker: "Trump", matched: [], quotes: [] });
    expect(result.message).toBe("No one by that name is quoted in the stored articles.");
  });
});

describe("listSpeakers", () => {
  it("lists quoted speakers with aliases and counts, most quoted first, at most 25", () => {
    const list = listSpeakers([summit, followUp, energy]);
    const trump = list.find((s) => s.name === "Donald Trump")!;
    expect(trump).toMatchObject({ direct: 2, reported: 0, articles: 2 });
    expect(trump.aliases).toContain("Trump");
    expect(list.find((s) => s.name === "Vladimir Putin")).toBeUndefined();
    expect(listSpeakers([summit, energy], "", 100).length).toBeLessThanOrEqual(25);
  });

  it("filters by a prefix of any alias word, for autocomplete", () => {
    expect(listSpeakers([summit, energy], "kre").map((s) => s.name)).toEqual(["the Kremlin"]);
    expect(
      listSpeakers([summit, energy], "smi")
        .map((s) => s.name)
        .sort(),
    ).toEqual(["Jane Smith", "John Smith"]);
    expect(listSpeakers([summit, energy], "zzz")).toEqual([]);
    expect(listSpeakers([summit], "tr", 1)).toHaveLength(1);
  });
});

describe("allQuotes", () => {
  it("returns every quote with its speaker, by article then ¶", () => {
    const all = allQuotes([summit, followUp]);
    expect(all.map((q) => [q.articleId, q.paragraph])).toEqual([
      ["summit", 1],
      ["summit", 2],
      ["summit", 4],
      ["follow-up", 1],
    ]);
    expect(all[2]).toMatchObject({ speaker: "Donald Trump", type: "direct", text: "I congratulated him" });
  });
});

describe("attribution (the citation line's 'who, cue')", () => {
  it("names the cue once: not again when a reported statement already opens with it", () => {
    expect(
      attribution({ speaker: "Bernard Ebbs", cue: "denied", text: "denied he met them", type: "reported" }),
    ).toBe("Bernard Ebbs");
    expect(attribution({ speaker: "Bernard Ebbs", cue: "said", text: "he met them", type: "reported" })).toBe(
      "Bernard Ebbs, said",
    );
    expect(attribution({ speaker: "Ruth Adams", cue: "denied", text: "denied it", type: "direct" })).toBe(
      "Ruth Adams, denied",
    );
  });
});

describe("lookupQuotes by a title used as a description", () => {
  it("finds Pope Francis by 'the pope' and by 'the pontiff' (news's word for the title the second time)", () => {
    const quotes = extract(
      `Pope Francis visited a refugee camp on a Greek island on Saturday.`,
      `"We are all migrants," the pontiff told reporters on the flight home.`,
    );
    const input: QuotesInput[] = [{ articleId: "a", title: "t", quotes }];
    for (const ask of ["the pope", "the pontiff", "Pope Francis"]) {
      const result = lookupQuotes(ask, input);
      expect(result.quotes.map((q) => q.text)).toEqual(["We are all migrants"]);
      expect(result.matched).toEqual(["Francis"]);
    }
  });

  it("does not give 'the president' to a former one", () => {
    const quotes = extract(`"It was a hard decision," former President Carter said.`);
    expect(lookupQuotes("the president", [{ articleId: "a", title: "t", quotes }]).quotes).toEqual([]);
  });
});

describe("lookupQuotes by another form of an organisation's words", () => {
  it("finds 'the Democrat platform committee' when asked for the Democratic one, but never stems a person's name", () => {
    const platform = input(
      "platform",
      `"The platform goes further than before," the Democrat platform committee said in a statement.`,
      `"We are proud of it," Ann Rogers said.`,
    );
    expect(lookupQuotes("the Democratic platform committee", [platform]).quotes.map((q) => q.text)).toEqual([
      "The platform goes further than before",
    ]);
    expect(lookupQuotes("Ann Roger", [platform]).quotes).toEqual([]);
  });
});

describe("lookupQuotes through a spokesperson titled only 'spokesman'", () => {
  it("credits the body the text was just about, and reads a name described as a committee as a body", () => {
    const watchdog = input(
      "watchdog",
      `And Harbor Watchers, a nonpartisan citizens committee, called the levy "a tax on tides."`,
      `"The council ignored every warning," spokesman Piet Varga said in a statement.`,
    );
    const result = lookupQuotes("Harbor Watchers", [watchdog]);
    expect(result.quotes.map((q) => q.text)).toContain("The council ignored every warning");
    expect(result.message).toMatch(/spokesperson Piet Varga/);
  });

  it("assumes nothing when the latest subject is a person", () => {
    const rally = input(
      "rally",
      `Mayor Tom Quill toured the harbour with the Harbor Watchers on Monday.`,
      `"We will fix it," spokesman Piet Varga said.`,
    );
    expect(lookupQuotes("Harbor Watchers", [rally]).quotes).toEqual([]);
  });
});

describe("lookupQuotes by an organisation's initials", () => {
  it("finds the Coastal Fisheries Council's words when asked for the CFC, and the other way round", () => {
    const fisheries = input(
      "fisheries",
      `The Coastal Fisheries Council said the quota was "a death sentence for small boats."`,
      `"We will fight this in every harbour," the CFC said.`,
    );
    for (const query of ["CFC", "the Coastal Fisheries Council"]) {
      const result = lookupQuotes(query, [fisheries]);
      expect(result.matched).toEqual(["the Coastal Fisheries Council"]);
      expect(result.quotes.map((q) => q.text)).toContain("We will fight this in every harbour");
    }
  });
});

describe("lookupQuotes through a spokesperson titled with a short form of the organisation's name", () => {
  it("includes what 'Seaside spokesman' said when asked for the super PAC Seaside Forward", () => {
    const pac = input(
      "pac",
      `The pro-mayor super PAC Seaside Forward has spent $2 million on ads.`,
      `"The race is close," said Seaside spokesman Tim Oakes.`,
    );
    const result = lookupQuotes("Seaside Forward", [pac]);
    expect(result.quotes.map((q) => q.text)).toEqual(["The race is close"]);
    expect(result.message).toMatch(/Includes what its spokesperson Tim Oakes said/);
  });
});

describe("lookupQuotes of a joint speaker whose names carry a party and state", () => {
  it("finds what 'Sen. Ada Nye (D-Vt.) and Rep. Ben Marsh (R-Ohio)' said when asked for Ada Nye", () => {
    const joint = input(
      "joint",
      `Senator Ada Nye spoke first.`,
      `Sen. Ada Nye (D-Vt.) and Rep. Ben Marsh (R-Ohio) argued that the bill would raise costs for farmers.`,
    );
    expect(lookupQuotes("Ada Nye", [joint]).quotes.map((q) => q.text)).toContain(
      "argued that the bill would raise costs for farmers",
    );
  });
});
