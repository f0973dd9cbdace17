/**
 * The targets on the public dev sets, measured with the same code as `npm run eval:quotes`.
 * The sets live outside the repository (../shared/eval); without them this suite is skipped.
 */
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_POLNEAR,
  DEFAULT_SPEAKERS,
  evalPolnear,
  evalSpeakerSet,
  isHeldBack,
} from "../../../scripts/eval-quotes.ts";

describe.skipIf(!existsSync(DEFAULT_SPEAKERS))("dev speaker set (../shared/eval/dev/dev-quotes.json)", () => {
  it("meets direct recall and precision ≥ 0.97, no wrong speaker, reported recall ≥ 0.85", () => {
    const result = evalSpeakerSet(DEFAULT_SPEAKERS);
    expect(result.direct.recall).toBeGreaterThanOrEqual(0.97);
    expect(result.precision.precision).toBeGreaterThanOrEqual(0.97);
    expect(result.wrongSpeaker).toBe(0);
    expect(result.reported.recall).toBeGreaterThanOrEqual(0.85);
  });
});

describe.skipIf(!existsSync(DEFAULT_POLNEAR))("PolNeAR dev (../shared/eval/polnear/dev.jsonl)", () => {
  it("finds ≥ 0.90 of quoted contents with named sources and matches ≥ 0.90 of their speakers", () => {
    const result = evalPolnear(DEFAULT_POLNEAR);
    expect(result.relations).toBeGreaterThan(300);
    expect(result.content).toBeGreaterThanOrEqual(0.9);
    expect(result.speaker).toBeGreaterThanOrEqual(0.9);
    // Strict: the quote that covers the content best must be the one credited to the source.
    expect(result.strict).toBeGreaterThanOrEqual(0.9);
    expect(result.strict).toBeLessThanOrEqual(result.speaker);
  });
});

describe("PolNeAR's held-back fifth", () => {
  it("is a fixed fifth of the documents, chosen by the doc id alone", () => {
    const docs = Array.from({ length: 5000 }, (_, i) => `publisher_2016-01-01_story-${i}`);
    const held = docs.filter(isHeldBack).length / docs.length;
    expect(held).toBeGreaterThan(0.17);
    expect(held).toBeLessThan(0.23);
    expect(docs.filter(isHeldBack)).toEqual(docs.filter(isHeldBack));
  });
});
