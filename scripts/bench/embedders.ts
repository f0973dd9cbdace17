/**
 * Embedders for the 384-d synthetic libraries, both reporting the synthetic model's identity (so the
 * library does not re-embed what the bench built):
 *
 * - "synthetic": an instant embedder that maps each text to a fixed synthetic 384-d unit vector near
 *   some chunk of the library. `ask` timed with it is retrieval only: everything but embedding.
 * - "real": the bundled all-MiniLM-L6-v2 (tokenizer + ONNX inference through transformers.js), which
 *   is 384-d too. `ask` timed with it is end to end: the question really is embedded, then retrieved
 *   and ranked. Its vectors don't live in the synthetic space, so scores are meaningless; the work is
 *   the real work.
 */
import { createHash } from "node:crypto";
import os from "node:os";
import path from "node:path";
import type { Embedder } from "../../src/library/embed/embedder.ts";
import { DEFAULT_MODEL_ID, loadTransformersEmbedder } from "../../src/library/embed/transformers-embedder.ts";
import { SYNTHETIC_MODEL } from "./build-library.ts";
import { Random, SYNTHETIC_DIMENSIONS, type VectorSpace } from "./synthetic.ts";

export const BENCH_MODEL_CACHE = path.join(os.tmpdir(), "byline-bench-models");

const info = { ...SYNTHETIC_MODEL, label: "synthetic 384-d (bench)", offline: true };

function seedOf(text: string): number {
  return createHash("sha1").update(text).digest().readUInt32LE(0);
}

export function syntheticEmbedder(space: VectorSpace, articles: () => number): Embedder {
  const embed = async (texts: readonly string[]) =>
    texts.map((text) => {
      const random = new Random(seedOf(text));
      return space.query(random, random.int(Math.max(1, articles())));
    });
  return {
    info,
    maxTokens: 256,
    countTokens: (text) => Math.ceil(text.split(/\s+/).length * 1.3) + 2,
    embed,
    embedQueries: embed,
    dispose: async () => {},
  };
}

/** The real model under the synthetic identity (see above). */
export function asSynthetic(real: Embedder): Embedder {
  if (real.info.dimensions !== SYNTHETIC_DIMENSIONS)
    throw new Error(`the bench needs a ${SYNTHETIC_DIMENSIONS}-d model, not ${real.info.label}`);
  return {
    info,
    maxTokens: real.maxTokens,
    countTokens: (text) => real.countTokens(text),
    embed: (texts) => real.embed(texts),
    embedQueries: (questions) => real.embedQueries(questions),
    dispose: () => real.dispose(),
  };
}

export function loadBundled(): Promise<Embedder> {
  return loadTransformersEmbedder({ model: DEFAULT_MODEL_ID, cacheDir: BENCH_MODEL_CACHE });
}

/** An embedder whose behaviour can be switched between runs (one library, two kinds of timing). */
export class SwitchableEmbedder implements Embedder {
  mode: "synthetic" | "real" = "synthetic";
  readonly info = info;
  readonly maxTokens = 256;

  constructor(
    private readonly synthetic: Embedder,
    private readonly real: Embedder,
  ) {}

  countTokens(text: string): number {
    return this.current().countTokens(text);
  }

  embed(texts: readonly string[]): Promise<Float32Array[]> {
    return this.current().embed(texts);
  }

  embedQueries(questions: readonly string[]): Promise<Float32Array[]> {
    return this.current().embedQueries(questions);
  }

  async dispose(): Promise<void> {}

  private current(): Embedder {
    return this.mode === "synthetic" ? this.synthetic : this.real;
  }
}
