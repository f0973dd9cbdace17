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
  });
});
