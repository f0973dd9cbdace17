/**
 * `npm run eval:quotes` scores speaker sets over PolNeAR documents too, and a set marked `heldBack`
 * reports totals only: its failures are never kept, so no flag can print what it holds.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { evalSpeakerSet } from "../../../scripts/eval-quotes.ts";
import { tempDir } from "../../helpers/temp.ts";

const ARTICLE = [
  "Harbour vote",
  "",
  `"The harbour wall will be mended by spring," Mayor Ada Nye said on Monday.`,
  "",
  `Councillor Ben Marsh said the plan was "a waste of money."`,
].join("\n");

async function speakerSet(heldBack: boolean): Promise<string> {
  const dir = await tempDir();
  const jsonl = path.join(dir, "train.jsonl");
  writeFileSync(
    jsonl,
    `${JSON.stringify({ doc: "harbour-1", text: ARTICLE, attributions: [] })}\nnot json\n`,
  );
  const set = path.join(dir, "set.json");
  writeFileSync(
    set,
    JSON.stringify({
      library: { polnear: jsonl },
      heldBack,
      speakers: [
        {
          ask: "Ada Nye",
          doc: "harbour-1",
          direct: ["The harbour wall will be mended", "a sentence she never said"],
          reported: [],
          never: ["a waste of money"],
        },
      ],
    }),
  );
  return set;
}

describe("speaker sets over PolNeAR documents", () => {
  it("reads each case's article by its doc id and scores it like any speaker set", async () => {
    const result = evalSpeakerSet(await speakerSet(false));
    expect(result.direct).toMatchObject({ found: 1, total: 2 });
    expect(result.wrongSpeaker).toBe(0);
    expect(result.failures.map((f) => [f.file, f.missedDirect])).toEqual([
      ["harbour-1", ["a sentence she never said"]],
    ]);
  });

  it("keeps the totals of a held-back set but none of its failures", async () => {
    const result = evalSpeakerSet(await speakerSet(true));
    expect(result.heldBack).toBe(true);
    expect(result.direct).toMatchObject({ found: 1, total: 2 });
    expect(result.failures).toEqual([]);
  });
});
