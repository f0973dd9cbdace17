import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isUserError } from "../../../src/library/errors.ts";
import { ingest } from "../../../src/library/ingest/index.ts";
import type { ArticleDraft } from "../../../src/library/types.ts";

/** Either a well-formed draft or a UserError; anything else (a TypeError, a RangeError…) is a bug. */
async function ingestsOrRefuses(run: () => Promise<ArticleDraft>): Promise<void> {
  let draft: ArticleDraft;
  try {
    draft = await run();
  } catch (error) {
    if (!isUserError(error)) throw error;
    return;
  }
  expect(draft.paragraphs.length).toBeGreaterThan(0);
  draft.paragraphs.forEach((paragraph, index) => {
    expect(paragraph.n).toBe(index + 1);
    expect(paragraph.text.trim()).not.toBe("");
  });
}

/** Text made of the pieces articles and hostile inputs are made of. */
const articleish = fc
  .array(
    fc.oneof(
      fc.string(),
      fc.string({ unit: "grapheme" }),
      fc.constantFrom(
        "\n",
        "\n\n",
        "# ",
        "---\n",
        "title: x\n",
        "<p>",
        "</p>",
        "<script>",
        "</script>",
        "<!doctype html>",
        "<html>",
        "<iframe>",
        "&39;",
        "&amp;#39;",
        "&",
        "**",
        "[a](",
        "![i](x)",
        "`",
        "```",
        "| a | b |\n|---|---|\n",
        "> ",
        "- ",
        "MOSCOW - ",
        "READ: ",
        "U.S. ",
        "Mr. ",
        "\u00a0",
        "\u200b",
        "\ufeff",
        "\r\n",
      ),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(""));

describe("ingestion properties", () => {
  it("any text in any format either ingests with ¶ numbers 1…n or fails with a UserError", async () => {
    await fc.assert(
      fc.asyncProperty(
        articleish,
        fc.constantFrom(undefined, "text", "markdown", "html"),
        async (text, format) => {
          await ingestsOrRefuses(() =>
            ingest(
              format
                ? { kind: "text", text, format: format as "text" | "markdown" | "html" }
                : { kind: "text", text },
            ),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it("any bytes on stdin either ingest or fail with a UserError", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        await ingestsOrRefuses(() => ingest({ kind: "bytes", bytes, origin: "stdin" }));
      }),
      { numRuns: 200 },
    );
  });

  it("round-trips ¶ numbering: n blank-line-separated paragraphs become ¶1…¶n with the same text", async () => {
    const word = fc.stringMatching(/^[A-Za-z]{1,12}$/);
    const paragraphText = fc
      .array(word, { minLength: 1, maxLength: 20 })
      .map((words) => `${words.join(" ")}.`);
    await fc.assert(
      fc.asyncProperty(
        word,
        fc.array(paragraphText, { minLength: 1, maxLength: 30 }),
        async (title, paragraphs) => {
          const draft = await ingest({
            kind: "text",
            text: `${title}\n\n${paragraphs.join("\n\n")}\n`,
            format: "text",
          });
          expect(draft.paragraphs.map((p) => [p.n, p.text])).toEqual(
            paragraphs.map((text, index) => [index + 1, text]),
          );
        },
      ),
      { numRuns: 100 },
    );
  });
});
