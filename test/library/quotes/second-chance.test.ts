import { describe, expect, it } from "vitest";
import { parsePlainText } from "../../../src/library/ingest/structure.ts";
import { extractForFitting } from "../../../src/library/quotes/extract.ts";
import { FEATURES } from "../../../src/library/quotes/second-chance.ts";
import fitted from "../../../src/library/quotes/second-chance-weights.json" with { type: "json" };
import { extract, find, whoSaid } from "./helpers.ts";

describe("the second-chance speaker model (quotations no rule credits)", () => {
  it("credits a quotation with no speech verb to the sentence's subject ('X went even further: “…”')", () => {
    const r = extract(
      `In a radio interview later that day, Governor Rick Dale went even further: "If he runs and loses, it is the end of his career" in politics.`,
    );
    expect(whoSaid(r, "the end of his career")).toBe("Rick Dale");
    expect(find(r, "the end of his career", ["direct"])).toHaveLength(1);
  });

  it("leaves a title in quote marks beside a name unattributed", () => {
    const r = extract(
      `Senator Ann Reyes, who has starred in several films, enjoys "Orange Is the New Black."`,
    );
    expect(whoSaid(r, "Orange Is the New Black")).toBeUndefined();
  });

  it("ships a weight for every feature and a threshold a probability can reach", () => {
    const weights = fitted.weights as Record<string, number>;
    expect(Object.keys(weights).sort()).toEqual([...FEATURES].sort());
    expect(fitted.threshold).toBeGreaterThan(0.5);
    expect(fitted.threshold).toBeLessThan(1);
  });

  it("records, for fitting, each uncredited quotation with a 'nobody' row and one row per candidate", () => {
    const draft = parsePlainText(
      `A headline\n\nIn a radio interview, Governor Rick Dale went even further with a "scorched earth" plan for the party.`,
      { kind: "text" },
    );
    const { examples } = extractForFitting(draft);
    expect(examples).toHaveLength(1);
    const [example] = examples;
    expect(example!.rows).toHaveLength(example!.names.length + 1);
    for (const row of example!.rows) expect(row).toHaveLength(FEATURES.length);
    expect(example!.names.some((names) => names.includes("Rick Dale"))).toBe(true);
  });
});
