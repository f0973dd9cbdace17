/**
 * A bug in quote extraction must not lose the article, and must not stay silent either: the article
 * is stored without quotes, the failure is logged with the article and the stack, and verify counts it.
 */
import { describe, expect, it, vi } from "vitest";
import { Library } from "../../../src/library/library.ts";
import { extractQuotes } from "../../../src/library/quotes/extract.ts";
import { hashEmbedder } from "../../helpers/hash-embedder.ts";
import { recordingLogger } from "../../helpers/recording-logger.ts";
import { tempDir } from "../../helpers/temp.ts";

vi.mock("../../../src/library/quotes/extract.ts", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../../src/library/quotes/extract.ts")>();
  return {
    ...real,
    extractQuotes: (article: { title: string; paragraphs: never[] }) =>
      article.title === "Trigger"
        ? real.extractQuotes({ title: "x", paragraphs: [null as never] })
        : real.extractQuotes(article),
  };
});

describe("quote extraction failing on an article", () => {
  it("returns no quotes and the error with its stack", () => {
    const result = extractQuotes({ title: "x", paragraphs: [null as never] });
    expect(result.quotes).toEqual([]);
    expect(result.failed).toMatch(/Error/);
    expect(result.failed).toMatch(/\n\s+at /);
  });

  it("stores the article, logs the failure with the article and stack, and verify counts it", async () => {
    const { logger, errors } = recordingLogger();
    const library = await Library.open({
      dataDir: await tempDir(),
      samples: false,
      logger,
      loadEmbedder: async () => hashEmbedder(),
    });
    const added = await library.add("local", {
      input: { kind: "text", text: 'Trigger\n\n"A quote," said Ann Lee.' },
      addedBy: "t",
    });
    expect(added.duplicate).toBe(false);
    expect(await library.list("local")).toHaveLength(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/quote extraction failed for article .* \("Trigger"\)/);
    expect(errors[0]!.context).toMatchObject({ articleId: added.articleId, title: "Trigger" });
    expect(String(errors[0]!.context.stack)).toMatch(/\n\s+at /);
    const report = await library.verify();
    expect(report.ok).toBe(true);
    expect(report.scopes[0]!.quotesFailed).toBe(1);
    expect(report.scopes[0]!.notes.join("\n")).toMatch(/1 article\(s\) stored without quotes/);
  });
});
