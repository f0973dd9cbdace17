/**
 * Embedders for the 384-d synthetic libraries. The bundled model makes 100-d vectors, which cannot
 * query a 384-d library, so the benchmark uses two stand-ins that report the synthetic model's identity:
 *
 * - "synthetic": an instant embedder that maps each text to a fixed synthetic 384-d unit vector near
 *   some chunk of the library. `ask` timed with it is retrieval only: everything but embedding.
 * - "bundled→384": the real bundled model (tokenizer + ONNX inference through transformers.js), its
 *   100-d output multiplied by a fixed random 100×384 matrix and normalised. `ask` timed with it is end
 *   to end: the question is embedded by the real model (the projection costs ~40k multiply-adds, noise
 *   next to inference), then retrieved and ranked. Scores are meaningless; the work is the real work.
 */
import { createHash } from "node:crypto";
import os from "node:os";
import path from "node:path";
import type { Embedder } from "../../src/library/embed/embedder.ts";
import { DEFAULT_MODEL_ID, loadTransformersEmbedder } from "../../src/library/embed/transformers-embedder.ts";
import { SYNTHETIC_MODEL } from "./build-library.ts";
import { normalise, Random, SYNTHETIC_DIMENSIONS, type VectorSpace } from "./synthetic.ts";

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

/** A fixed 100→384 projection of the bundled model's vectors (see above). */
export function projectedEmbedder(bundled: Embedder): Embedder {
  const from = bundled.info.dimensions;
  const random = new Random(0x5eed);
  const matrix = new Float32Array(from * SYNTHETIC_DIMENSIONS);
  for (let i = 0; i < matrix.length; i++) matrix[i] = random.gaussian();
  const embedder: Embedder = {
    info,
    maxTokens: bundled.maxTokens,
    countTokens: (text) => bundled.countTokens(text),
    embedQueries: (texts) => embedder.embed(texts),
    async embed(texts) {
      const vectors = await bundled.embed(texts);
      return vectors.map((v) => {
        const out = new Float32Array(SYNTHETIC_DIMENSIONS);
        for (let i = 0; i < from; i++) {
          const x = v[i]!;
          const row = i * SYNTHETIC_DIMENSIONS;
          for (let d = 0; d < SYNTHETIC_DIMENSIONS; d++) out[d]! += x * matrix[row + d]!;
        }
        return normalise(out);
      });
    },
    dispose: () => bundled.dispose(),
  };
  return embedder;
}

export function loadBundled(): Promise<Embedder> {
  return loadTransformersEmbedder({ model: DEFAULT_MODEL_ID, cacheDir: BENCH_MODEL_CACHE });
}

/** An embedder whose behaviour can be switched between runs (one library, two kinds of timing). */
export class SwitchableEmbedder implements Embedder {
  mode: "synthetic" | "projected" = "synthetic";
  readonly info = info;
  readonly maxTokens = 256;

  constructor(
    private readonly synthetic: Embedder,
    private readonly projected: Embedder,
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
    return this.mode === "synthetic" ? this.synthetic : this.projected;
  }
}
