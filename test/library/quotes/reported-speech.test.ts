import { describe, expect, it } from "vitest";
import { extract, find, whoReported, whoSaid } from "./helpers.ts";

describe("reported speech", () => {
  it("credits 'X said (that) …' to X with the clause as the content", () => {
    const r = extract(
      `Finance Minister Omar Haddad said on Tuesday that inflation would peak in the spring.`,
    );
    const reported = find(r, "inflation would peak", ["reported"])[0]!;
    expect(reported.speaker).toBe("Omar Haddad");
    expect(reported.text).toBe("inflation would peak in the spring");
    expect(reported.cue).toBe("said");
  });

  it("takes a clause with no 'that' after the cue", () => {
    const r = extract(
      `The Kremlin said Tuesday's conversation between the two leaders had been broadly constructive.`,
    );
    expect(whoReported(r, "conversation between the two leaders had been broadly constructive")).toBe(
      "the Kremlin",
    );
  });

  it("reads a plural noun that could be a verb as the clause's subject when an auxiliary follows ('said taxes would …')", () => {
    const r = extract(
      `Mayor Lena Ortiz said taxes would not rise this year.`,
      `Ortiz said later that cuts were over and that plans are ready for the new depot.`,
    );
    expect(whoReported(r, "taxes would not rise this year")).toBe("Lena Ortiz");
    expect(whoReported(r, "cuts were over")).toBe("Lena Ortiz");
  });

  it("credits a label given with 'as' ('characterizes herself as a “change warrior”', 'defended the plan as …')", () => {
    const r = extract(
      `Councillor Ruth Ames characterizes herself as a "reluctant rebel" on housing.`,
      `Ames defended the levy as a fair price for clean water.`,
      `Ames defended the levy on Tuesday.`,
    );
    expect(whoSaid(r, "reluctant rebel")).toBe("Ruth Ames");
    expect(whoReported(r, "the levy as a fair price")).toBe("Ruth Ames");
    // Without "as" (or a quotation) defending is an act, not a report of speech.
    expect(find(r, "on Tuesday")).toEqual([]);
  });

  it("reads such a noun as the subject when its verb comes a few words later ('said places such as Ely “have …”')", () => {
    const r = extract(
      `Historian Paul Wren said places such as Ely and Thetford "have a longer memory of floods" than the new estates.`,
    );
    expect(whoReported(r, "places such as Ely and Thetford")).toBe("Paul Wren");
  });

  it("takes a two-word clause when it frames the speaker's own words ('says he voted “uncommitted”')", () => {
    const r = extract(`Senator Ada Reyes caucused on Saturday and says she voted "present".`);
    expect(whoReported(r, 'she voted "present"')).toBe("Ada Reyes");
    // Without a quotation, two words are too little to be a report: "says so" is not.
    expect(extract(`Reyes says so.`).quotes).toEqual([]);
  });

  it("credits 'X told reporters …' and keeps the addressee in the cue", () => {
    const r = extract(
      `Kremlin spokesman Dmitry Volkov told Russian news agencies separately that the leaders had not discussed the poisoning.`,
    );
    const reported = find(r, "had not discussed the poisoning", ["reported"])[0]!;
    expect(reported.speaker).toBe("Dmitry Volkov");
    expect(reported.cue).toBe("told Russian news agencies");
  });

  it("credits a trailing attribution (…, X said) to X", () => {
    const r = extract(
      `The plant will close by the end of the year, the company's chief executive, Helen Park, said.`,
    );
    expect(whoReported(r, "The plant will close by the end of the year")).toBe("Helen Park");
  });

  it("credits '…, saying …' to the subject of the sentence", () => {
    const r = extract(
      `President Ivan Petrov has struck a softer tone since his victory, saying he has no desire for an arms race.`,
    );
    expect(whoReported(r, "he has no desire for an arms race")).toBe("Ivan Petrov");
  });

  it("credits 'according to X' to X", () => {
    const r = extract(`The blast happened at 8:30 p.m., according to Police Commissioner James Doyle.`);
    expect(whoReported(r, "The blast happened at 8:30 p.m")).toBe("James Doyle");
    const r2 = extract(`According to the health ministry, 40 people were treated in hospital.`);
    expect(whoReported(r2, "40 people were treated in hospital")).toBe("the health ministry");
  });

  it("credits a coordinated cue ('… and said …') to the same subject", () => {
    const r = extract(
      `Deputy Foreign Minister Sergei Orlov said he hoped the vote would end the dispute and said Moscow was open to dialogue.`,
    );
    expect(whoReported(r, "he hoped the vote would end the dispute")).toBe("Sergei Orlov");
    expect(whoReported(r, "Moscow was open to dialogue")).toBe("Sergei Orlov");
  });

  it("keeps the words on both sides of a parenthetical attribution (…, he said, …)", () => {
    const r = extract(
      `Former party chairman Don Hale spoke to reporters on Monday.`,
      `Though that transition was smooth, he said, replacing the candidate now would be far more bitter.`,
    );
    const reported = find(r, "replacing the candidate now would be far more bitter", ["reported"])[0]!;
    expect(reported.speaker).toBe("Don Hale");
    expect(reported.text).toContain("Though that transition was smooth");
  });

  it("does not let a news agency's trailing 'reported' take over the speaker's words", () => {
    const r = extract(
      `Earlier, Deputy Minister Sergei Orlov said Moscow was open to dialogue, the RIA news agency reported.`,
    );
    expect(whoReported(r, "Moscow was open to dialogue")).toBe("Sergei Orlov");
  });

  it("reads nested reported speech as the inner speaker's words", () => {
    const r = extract(
      `She adds that the Board of Election Monitors said late on Monday that a fault had hit the scanners.`,
    );
    expect(whoReported(r, "a fault had hit the scanners")).toContain("Board of Election Monitors");
  });

  it("treats an organisation's unnamed spokesman as the organisation (X's spokesman said)", () => {
    const r = extract(`The Home Office's spokesman said the rules would not change.`);
    expect(whoReported(r, "the rules would not change")).toBe("the Home Office");
  });

  it("does not treat beliefs and intentions as speech", () => {
    const r = extract(
      `Governor Maria Lopez thinks the plan will fail.`,
      `She wants the vote delayed and expects a recount.`,
      `Lopez hopes the court will intervene.`,
    );
    expect(find(r, "", ["reported"])).toEqual([]);
  });

  it("does not treat a negated or hypothetical cue as speech", () => {
    const r = extract(
      `The minister did not say whether the talks would resume, and declined to say when they would end.`,
    );
    expect(find(r, "", ["reported"])).toEqual([]);
  });

  it("credits police as an organisation speaking (police say …)", () => {
    const r = extract(`Police say they have enough officers to keep the festival safe.`);
    expect(whoReported(r, "they have enough officers")).toBe("Police");
  });

  it("credits an unnamed spokesman to the organisation named with him (a Home Office spokesman said)", () => {
    const r = extract(`"The scheme was a short-term response," a Home Office spokesman said.`);
    expect(whoSaid(r, "The scheme was a short-term response")).toBe("the Home Office");
    const r2 = extract(`A spokeswoman for Oxford University said the books would be online by 2006.`);
    expect(whoReported(r2, "the books would be online")).toBe("Oxford University");
  });

  it("keeps a person's unnamed spokesman apart from the person", () => {
    const r = extract(
      `President Vladimir Putin met the envoy.`,
      `Putin's spokesman said the talks were useful.`,
    );
    expect(whoReported(r, "the talks were useful")).toBe("Putin's spokesman");
  });
});

describe("reported speech: appeals, names and instructions", () => {
  it("reports 'told X to …', 'called on X to …' and 'called X a …', but not a call made 'a day later'", () => {
    const r = extract(
      `Mayor Ed Fenn told the network to donate the profits to charity.`,
      `Senator Hana Ito called on the governor to resign over the crisis.`,
      `Councillor Ian Jones called the mayor a liar, and Jones called him a coward.`,
      `Governor Ruth Vale called Premier Tom Greer a day after the vote.`,
    );
    expect(whoReported(r, "to donate the profits")).toBe("Ed Fenn");
    expect(whoReported(r, "to resign over the crisis")).toBe("Hana Ito");
    expect(whoReported(r, "the mayor a liar")).toBe("Ian Jones");
    expect(whoReported(r, "him a coward")).toBe("Ian Jones");
    expect(find(r, "a day after the vote", ["reported"])).toEqual([]);
  });
});

describe("reported speech to an addressee whose noun is also a verb", () => {
  it("reads 'told the guards', 'told a packed hall' as the addressee, not as the words said", () => {
    const r = extract(
      `Warden Ada Price told the guards that the east gate would stay shut.`,
      `Mayor Tom Ruiz told a packed hall that the levy would be cut.`,
    );
    expect(whoReported(r, "the east gate would stay shut")).toBe("Ada Price");
    expect(find(r, "the guards that", ["reported"])).toEqual([]);
    expect(find(r, "a packed hall that", ["reported"])).toEqual([]);
  });
});

describe("reported speech heard or recorded", () => {
  it("credits 'was heard saying' and 'can be heard yelling' to the one heard", () => {
    const r = extract(
      `Off air, Councillor Dan Pike was heard saying he was tired of "these endless hearings".`,
      `On the tape, Maria Lopez can be heard yelling to the officers that the door was locked.`,
    );
    expect(whoReported(r, "he was tired of")).toBe("Dan Pike");
    expect(whoReported(r, "the door was locked")).toBe("Maria Lopez");
  });
});

describe("reported speech inside a relative clause", () => {
  it("credits words after ', who said' to the named antecedent wherever it stands, and never a description's to the subject", () => {
    const r = extract(
      `The mayor sat through a lecture from Senator Ann Reyes, who said that the depot plan was "a disaster for workers."`,
      `The mayor later met the county treasurer, who said that the budget was "sound for now."`,
    );
    expect(whoSaid(r, "a disaster for workers")).toBe("Ann Reyes");
    expect(whoSaid(r, "sound for now")).not.toBe("the mayor");
  });

  it("reports the verb phrase after 'that she says' or 'which he says', to the clause's comma", () => {
    const r = extract(
      `Senator Ana Ruiz rallied voters against the "rigged economy" that she says is maintained by a corrupt system.`,
      `The levy, which Mayor Ben Ortiz says will cost millions, passed on Monday.`,
    );
    expect(find(r, "maintained by a corrupt system", ["reported"])[0]?.text).toBe(
      "is maintained by a corrupt system",
    );
    expect(whoReported(r, "maintained by a corrupt system")).toBe("Ana Ruiz");
    expect(find(r, "will cost millions", ["reported"])[0]?.text).toBe("will cost millions");
  });

  it("reads 'have', 'has' and 'do' as verbs, so a clause after an aside is still what was said", () => {
    const r = extract(`Engineer Ann Cole said the new meters, like the old ones, have a ten-year warranty.`);
    expect(whoReported(r, "have a ten-year warranty")).toBe("Ann Cole");
  });

  it("keeps the amount that opens what was said ('only 30 to 40', 'about 20', 'more than 100', 'at least five')", () => {
    const r = extract(
      `Minister Ola Berg said only 30 to 40 large farms would be inspected.`,
      `Minister Ola Berg said about 20 towns have asked for funds.`,
      `Minister Ola Berg said more than 100 posts would be cut.`,
      `Minister Ola Berg said at least five ferries are unsafe.`,
      `Minister Ola Berg spoke about 20 minutes.`,
    );
    expect(whoReported(r, "only 30 to 40 large farms would be inspected")).toBe("Ola Berg");
    expect(whoReported(r, "about 20 towns have asked for funds")).toBe("Ola Berg");
    expect(whoReported(r, "more than 100 posts would be cut")).toBe("Ola Berg");
    expect(whoReported(r, "at least five ferries are unsafe")).toBe("Ola Berg");
    expect(find(r, "20 minutes")).toEqual([]);
  });
});
