import { describe, expect, it } from "vitest";
import { extract, speaker, whoReported, whoSaid } from "./helpers.ts";

describe("speakers: one canonical entity per person or organisation", () => {
  it("strips titles and roles into the description and keeps them as aliases", () => {
    const r = extract(
      `Republican U.S. Senator John McCain chastised the president for the call.`,
      `"An American president does not lead the free world this way," McCain said in a statement.`,
    );
    const mccain = speaker(r, "John McCain")!;
    expect(mccain.kind).toBe("person");
    expect(mccain.description).toBe("Republican U.S. Senator");
    expect(mccain.aliases).toEqual(
      expect.arrayContaining(["McCain", "John McCain", "Senator John McCain", "Mr McCain"]),
    );
    expect(mccain.mentions).toEqual([1, 2]);
    expect(whoSaid(r, "does not lead the free world")).toBe("John McCain");
  });

  it("describes a spokesman by his organisation (Kremlin spokesman Dmitry Peskov)", () => {
    const r = extract(`Kremlin spokesman Dmitry Peskov told reporters that no meeting was planned.`);
    const peskov = speaker(r, "Dmitry Peskov")!;
    expect(peskov.description).toBe("spokesman of the Kremlin");
    expect(whoReported(r, "no meeting was planned")).toBe("Dmitry Peskov");
  });

  it("resolves a later surname, 'Mr X' and a title + surname to the full name", () => {
    const r = extract(
      `Housing Secretary Alan Whitfield announced the plan on Monday.`,
      `"It will take a decade," Whitfield said.`,
      `"We are ready," Mr. Whitfield added.`,
      `"Nobody will be left behind," Secretary Whitfield told the Commons.`,
    );
    expect(whoSaid(r, "It will take a decade")).toBe("Alan Whitfield");
    expect(whoSaid(r, "We are ready")).toBe("Alan Whitfield");
    expect(whoSaid(r, "Nobody will be left behind")).toBe("Alan Whitfield");
  });

  it("takes the name from an appositive description (Peskov, the Kremlin spokesman, said)", () => {
    const r = extract(`Dmitry Peskov, the Kremlin spokesman, said the call had been constructive.`);
    expect(whoReported(r, "the call had been constructive")).toBe("Dmitry Peskov");
    expect(speaker(r, "Dmitry Peskov")!.description).toBe("spokesman of the Kremlin");
  });

  it("resolves a pronoun to the nearest earlier person of a compatible gender", () => {
    const r = extract(
      `Labour MP Sarah Collins met Transport Secretary David Moore on Friday.`,
      `"The line must reopen this year," she said.`,
      `"We will see," he said.`,
    );
    expect(whoSaid(r, "The line must reopen")).toBe("Sarah Collins");
    expect(whoSaid(r, "We will see")).toBe("David Moore");
  });

  it("reads no gender into a family name written first (Kim Sun Gwan), so 'he' can be him", () => {
    const r = extract(
      `Vice Minister Kim Sun Gwan said the talks could resume at any time.`,
      `"We still hope the summit goes ahead," he said.`,
    );
    expect(whoSaid(r, "We still hope the summit")).toBe("Kim Sun Gwan");
  });

  it("reads a fronted 'For X,' or 'To X,' as whom a following 'he said' means", () => {
    const r = extract(
      `Senator Paul Vance has promised the voters a new bridge.`,
      `To Ohio consultant Ray Dunn, the party's hopes for the bridge are plain silly. "They are whistling in the dark," he said.`,
    );
    expect(whoSaid(r, "whistling in the dark")).toBe("Ray Dunn");
  });

  it("does not make a name the subject because a relative clause after it has a verb (Bush and Christie, who say …)", () => {
    const r = extract(
      `Senator Mark Rowe says he did well in the debate.`,
      `Speaking on Monday, Rowe did not attack his rivals, particularly Govs. Ann Dale and Tim Ortiz, who say he lacks experience.`,
      `He dismissed the criticism, saying the debate had been "our best night yet."`,
    );
    expect(whoSaid(r, "our best night yet")).toBe("Mark Rowe");
  });

  it("knows the gender of given names that are also common words ('Bill', 'Mark') or rare in name lists ('Melania')", () => {
    const r = extract(
      `Hillary Clinton spoke in Ohio on Monday. Later, Bill Clinton told a crowd in Iowa that the race was close.`,
      `"We will win this state," she said.`,
    );
    expect(whoSaid(r, "We will win this state")).toBe("Hillary Clinton");
  });

  it("reads a surname the article gave a person as that person, though a town has the name ('said Bolton')", () => {
    const r = extract(
      `Former ambassador John Bolton and Mayor Ann Reyes spoke on Thursday. Donald Trump spoke too.`,
      `"I would support the nominee," said Bolton.`,
      `"The rival is misunderstood," he continued.`,
    );
    expect(whoSaid(r, "I would support the nominee")).toBe("John Bolton");
    expect(whoSaid(r, "The rival is misunderstood")).toBe("John Bolton");
  });

  it("prefers the subject over people mentioned in passing when resolving a pronoun", () => {
    const r = extract(
      `Don Hale noted that in 1972 he backed a decision to nominate Sargent Shriver to replace Thomas Eagleton.`,
      `Though that transition was smooth, he said, replacing the nominee now would be far more bitter.`,
    );
    expect(whoReported(r, "replacing the nominee now would be far more bitter")).toBe("Don Hale");
  });

  it("does not resolve 'he' to a subject inside someone else's reported words", () => {
    const r = extract(
      `White House spokesman Josh Evans said Monday that President Carl Obert has long called for tax fairness. He said Obert hopes his successor will push for the same goals.`,
    );
    expect(whoReported(r, "Obert hopes his successor")).toBe("Josh Evans");
  });

  it("keeps two people who share a surname apart ('Mr. X' is not his wife)", () => {
    const r = extract(
      `President Barack Obama spoke in Washington on Saturday.`,
      `Mr. Obama told voters he would consider it a "personal insult" if they stayed home.`,
      `Michelle Obama also spoke at the dinner.`,
    );
    expect(whoSaid(r, "personal insult")).toBe("Barack Obama");
  });

  it("resolves a definite description to the person who holds that role (the mayor said)", () => {
    const r = extract(
      `A fire that Mayor Bill de Blasio called "a deliberate attack" damaged 12 shops.`,
      `"Nothing so far points to a wider plot," the mayor said.`,
      `De Blasio said there had been no credible threats against the city.`,
    );
    expect(whoSaid(r, "a deliberate attack")).toBe("Bill de Blasio");
    expect(whoSaid(r, "Nothing so far points to a wider plot")).toBe("Bill de Blasio");
    expect(whoReported(r, "no credible threats")).toBe("Bill de Blasio");
  });

  it("does not give a description with a conflicting party to the wrong nominee", () => {
    const r = extract(
      `Republican presidential nominee Donald Trump spoke in Ohio.`,
      `Hillary Clinton said on Monday that she would release her records.`,
      `The Democratic presidential nominee says every child should have the chance to succeed.`,
    );
    expect(whoReported(r, "every child should have the chance")).toBe("Hillary Clinton");
  });

  it("treats institutions and bodies as organisations (the Kremlin, The White House, the Home Office, police)", () => {
    const r = extract(
      `The White House said there were no plans for a summit.`,
      `"The leaders spoke in favour of cooperation," the Kremlin said in a statement.`,
      `The Home Office said the rules would not change.`,
    );
    expect(speaker(r, "the White House")!.kind).toBe("organization");
    expect(speaker(r, "the Kremlin")!.kind).toBe("organization");
    expect(whoReported(r, "no plans for a summit")).toBe("the White House");
    expect(whoSaid(r, "spoke in favour of cooperation")).toBe("the Kremlin");
    expect(whoReported(r, "the rules would not change")).toBe("the Home Office");
  });

  it("lets a country speak as its government (Japan branded …)", () => {
    const r = extract(
      `Japan branded the launch an "outlaw act" and Russia insisted that Pyongyang "stop its escapades."`,
    );
    expect(whoSaid(r, "outlaw act")).toBe("Japan");
    expect(whoSaid(r, "stop its escapades")).toBe("Russia");
  });

  it("keeps an unnamed source as its own speaker, never as a named one", () => {
    const r = extract(
      `Governor Maria Lopez spoke first.`,
      `A senior administration official said the talks had stalled.`,
    );
    expect(whoReported(r, "the talks had stalled")).toBe("a senior administration official");
  });

  it("names the unnamed person of a lead once the next paragraph names the holder of that title", () => {
    const r = extract(
      `Senator from Texas says he cannot allow the rival candidate to win.`,
      `Sen. Ted Cruz (R-Tex) is endorsing the party's nominee after months of insults.`,
    );
    expect(whoReported(r, "he cannot allow the rival candidate to win")).toBe("Ted Cruz");
  });

  it("resolves 'the bank said' to the bank the story is about, and a name before a role to an organisation", () => {
    const r = extract(
      `Senator Ann Marsh grilled Wells Fargo CEO John Stumpf on Tuesday.`,
      `In the Wells Fargo scandal, people were charged fees they never agreed to.`,
      `The bank said that it had fired thousands of employees over five years.`,
    );
    expect(whoReported(r, "it had fired thousands of employees")).toBe("Wells Fargo");
    expect(speaker(r, "Wells Fargo")!.kind).toBe("organization");
    expect(speaker(r, "John Stumpf")!.description).toBe("Wells Fargo CEO");
  });

  it("reads two single marks as one double mark (’’ and '' in wire copy)", () => {
    const r = extract(
      `North Korea said it was willing to talk “at any time, in any format,’’ after the summit was called off.`,
    );
    expect(whoSaid(r, "at any time, in any format")).toBe("North Korea");
    // A quotation that opens and closes with '' (newspaper archives) and ends in the attribution.
    const nyt = extract(`''Tell that to the janitor,'' Senator Alan Whitfield said.`);
    expect(whoSaid(nyt, "Tell that to the janitor")).toBe("Alan Whitfield");
  });

  it("reads 'Jr.' as part of a name, so 'Mr. Biden' is Joseph R. Biden Jr. and King is not a title", () => {
    const r = extract(
      `Vice President Joseph R. Biden Jr. said on Monday that the plan was unfair.`,
      `"Tell that to the janitor," Mr. Biden said.`,
      `"I have a dream," Martin Luther King Jr. said.`,
    );
    expect(whoReported(r, "the plan was unfair")).toBe("Joseph R. Biden Jr.");
    expect(whoSaid(r, "Tell that to the janitor")).toBe("Joseph R. Biden Jr.");
    expect(whoSaid(r, "I have a dream")).toBe("Martin Luther King Jr.");
    expect(speaker(r, "Joseph R. Biden Jr.")!.description).toBe("Vice President");
  });

  it("keeps a son with a suffix apart from his father (Donald Trump Jr. is not Mr. Trump)", () => {
    const r = extract(
      `Donald Trump said the tax plan was unfair.`,
      `Donald Trump Jr. said on Monday that the rally was big.`,
      `"Tell that to the janitor," Mr. Trump said.`,
      `"We won," Trump Jr. said.`,
    );
    expect(whoSaid(r, "Tell that to the janitor")).toBe("Donald Trump");
    expect(whoSaid(r, "We won")).toBe("Donald Trump Jr.");
    expect(speaker(r, "Donald Trump Jr.")!.aliases).not.toContain("Trump");
  });

  it("keeps the description from a bare-title aside and from a description before the name", () => {
    const r = extract(
      `Welcoming the ruling, Jane Porter, chief executive of the Housing Trust, said: "This is overdue."`,
      `But the chairman of Road Safety Watch, Sir Alan Hart, said the decision was "a step backwards".`,
    );
    expect(speaker(r, "Jane Porter")!.description).toBe("chief executive of the Housing Trust");
    expect(speaker(r, "Alan Hart")!.description).toBe("chairman of Road Safety Watch");
    expect(whoReported(r, "the decision was")).toBe("Alan Hart");
  });

  it("reads 'the 46-year-old' as the person the text is about, or as its own speaker when none is near", () => {
    const r = extract(
      `Striker Dana Okoro signed a new contract on Monday.`,
      `"I never wanted to leave," said the 29-year-old.`,
      `The club's season starts in August.`,
      `The squad flew to Lisbon for a tournament.`,
      `"We are ready," the 31-year-old told reporters.`,
    );
    expect(whoSaid(r, "I never wanted to leave")).toBe("Dana Okoro");
    expect(whoSaid(r, "We are ready")).toBe("the 31-year-old");
  });

  it("reads the possessor of a sentence's subject as who the sentence is about ('Cole's fate is unclear, but she said')", () => {
    const r = extract(
      `Opposition leader Mara Cole voted on Sunday.`,
      `"The queues were endless," said Ada Lowe of the Electoral Reform Society.`,
      `Cole's future is still unclear, but she said on Monday that she would "lead from the front."`,
    );
    expect(whoSaid(r, "lead from the front")).toBe("Mara Cole");
  });

  it("never reads 'Human' as a title ('Human Rights Watch' is not someone called Rights Watch)", () => {
    const r = extract(`Human Rights Watch said the vote was "deeply flawed."`);
    expect(whoSaid(r, "deeply flawed")).toBe("Human Rights Watch");
  });

  it("makes an organisation and its initials one speaker, named in full, when the full name comes first", () => {
    const r = extract(
      `The Coastal Fisheries Council said the quota was "a death sentence."`,
      `The CFC said it would "fight this in every harbour."`,
    );
    expect(whoSaid(r, "a death sentence")).toBe("the Coastal Fisheries Council");
    expect(whoSaid(r, "fight this in every harbour")).toBe("the Coastal Fisheries Council");
    expect(speaker(r, "the Coastal Fisheries Council")!.aliases).toEqual(expect.arrayContaining(["CFC"]));
  });

  it("keeps initials named first as their own speaker (a group, then an institute that shares them)", () => {
    const r = extract(
      `WRAP said it would "keep marching."`,
      `"The movement is shrinking," said Ada Lowe of the Workers' Rights Advocacy Project.`,
      `WRAP said it would "never disband."`,
    );
    expect(whoSaid(r, "never disband")).toBe("WRAP");
  });
});
