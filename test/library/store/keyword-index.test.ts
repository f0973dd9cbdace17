import { describe, expect, it } from "vitest";
import { identifyArticle } from "../../../src/library/articles/identify.ts";
import { parsePlainText } from "../../../src/library/ingest/structure.ts";
import { KeywordIndex } from "../../../src/library/store/keyword-index.ts";
import { keywordTerm } from "../../../src/library/text/terms.ts";

const article = (title: string, ...paragraphs: string[]) =>
  identifyArticle(parsePlainText([title, ...paragraphs].join("\n\n"), { kind: "text" }), "local", "t");

describe("KeywordIndex", () => {
  // documentFrequency and closestTerm read MiniSearch's postings (no public accessor); MiniSearch is
  // pinned, and these specs fail loudly if an upgrade changes that shape.
  it("counts the paragraphs holding a stem, and forgets removed articles", () => {
    const index = KeywordIndex.empty();
    const a = article(
      "Sanctions",
      "Sanctions were imposed on Monday.",
      "The sanctions hurt exports.",
      "Talks continue.",
    );
    const b = article("Other", "New sanctions are expected.");
    index.add(a);
    index.add(b);
    const stem = keywordTerm("sanctions")!;
    expect(index.documentFrequency(stem)).toBe(3);
    expect(index.documentFrequency(keywordTerm("talks")!)).toBe(1);
    index.remove(b.id);
    expect(new Set(index.query("sanctions", 10).map((hit) => hit.articleId))).toEqual(new Set([a.id]));
    expect(index.documentFrequency("nonexistent")).toBe(0);
  });

  it("finds the indexed term nearest to a typo, preferring fewer edits", () => {
    const index = KeywordIndex.empty();
    index.add(article("Poisoning", "Sergei Skripal remains in hospital.", "Skripal's daughter too."));
    expect(index.closestTerm(keywordTerm("Skirpal")!, 2)).toEqual({
      term: keywordTerm("Skripal"),
      distance: 2,
    });
    expect(index.closestTerm(keywordTerm("Skripl")!, 1)?.term).toBe(keywordTerm("Skripal"));
    expect(index.closestTerm("zzzzzz", 2)).toBeUndefined();
  });

  it("indexes a hyphenated word whole and by its parts, but a code ('EB-5') only whole", () => {
    const index = KeywordIndex.empty();
    index.add(
      article("Hearing", "Rep. Jason Chaffetz (R-Utah) led an anti-Trump rally.", "EB-5 visas rose."),
    );
    expect(index.documentFrequency(keywordTerm("Utah")!)).toBe(1);
    expect(index.documentFrequency(keywordTerm("Trump")!)).toBe(1);
    expect(index.documentFrequency(keywordTerm("R-Utah")!)).toBe(1);
    expect(index.documentFrequency(keywordTerm("EB-5")!)).toBe(1);
    expect(index.documentFrequency(keywordTerm("EB")!)).toBe(0);
    expect(index.query("Utah", 5)[0]).toMatchObject({ paragraph: 1 });
  });

  it("round-trips through a snapshot", () => {
    const index = KeywordIndex.empty();
    const a = article("Budget", "The budget passed after a long night.");
    index.add(a);
    const restored = KeywordIndex.fromSnapshot(JSON.parse(JSON.stringify(index.snapshot())));
    expect(restored?.holds(a.id, a.contentHash)).toBe(true);
    expect(restored?.query("budget night", 5)[0]).toMatchObject({ articleId: a.id, paragraph: 1 });
    expect(restored?.documentFrequency(keywordTerm("budget")!)).toBe(1);
  });
});
