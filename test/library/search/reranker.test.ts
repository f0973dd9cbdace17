import { describe, expect, it, vi } from "vitest";
import type { Reranker } from "../../../src/library/search/reranker.ts";
import { rerankHead } from "../../../src/library/search/reranker.ts";
import { hashEmbedder } from "../../helpers/hash-embedder.ts";
import { openTestLibrary, SAMPLE_STORY } from "../../helpers/library.ts";

/** A stand-in cross-encoder that prefers passages mentioning a word. */
function preferring(word: string): Reranker & { calls: number } {
  const reranker = {
    id: "fake-cross-encoder",
    calls: 0,
    async score(_question: string, passages: readonly string[]) {
      reranker.calls++;
      return passages.map((p) => (p.includes(word) ? 1 : 0));
    },
    dispose: async () => {},
  };
  return reranker;
}

describe("reranker", () => {
  it("re-orders only the head, keeping the ranker's order on ties and below the head", async () => {
    const items = ["a", "b-x", "c", "d-x", "e-x"];
    const reordered = await rerankHead("q", items, (s) => s, preferring("x"), 4);
    expect(reordered).toEqual(["b-x", "d-x", "a", "c", "e-x"]);
  });

  it("GIVEN a reranker THEN /ask applies it to the best candidates and says so", async () => {
    const library = await openTestLibrary();
    await library.add("local", { input: { kind: "file", path: SAMPLE_STORY }, addedBy: "t" });
    const reranker = preferring("Skripal");
    const result = await library.ask("local", "what did McCain say", { reranker });
    expect(reranker.calls).toBe(1);
    expect(result.method).toBe("hybrid+reranker");
    expect(result.results[0]!.text).toContain("Skripal");
  });

  it("GIVEN an unavailable reranker THEN answers come without it, after one try", async () => {
    const loadReranker = vi.fn(async (): Promise<Reranker> => {
      throw new Error("fetch failed");
    });
    const library = await openTestLibrary({ loadEmbedder: async () => hashEmbedder(), loadReranker });
    await library.add("local", {
      input: { kind: "text", text: "Ferry sinks\n\nA ferry sank off the coast." },
      addedBy: "t",
    });
    expect((await library.ask("local", "ferry")).method).toBe("hybrid");
    expect((await library.ask("local", "coast")).method).toBe("hybrid");
    expect(loadReranker).toHaveBeenCalledTimes(1);
  });
});
