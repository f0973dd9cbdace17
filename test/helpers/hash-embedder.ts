import { createHash } from "node:crypto";
import type { Embedder } from "../../src/library/embed/embedder.ts";

/**
 * A deterministic stand-in for a model: a bag of hashed words, normalised. Tests about storage,
 * concurrency and model changes use it because it is instant; `fingerprint` makes "another model".
 */
export function hashEmbedder(fingerprint = "hash-v1", dimensions = 32): Embedder {
  const embedOne = (text: string) => {
    const vector = new Float32Array(dimensions);
    for (const word of text.toLowerCase().split(/\W+/).filter(Boolean)) {
      const digest = createHash("sha1").update(`${fingerprint}:${word}`).digest();
      for (let d = 0; d < dimensions; d++) vector[d]! += (digest[d % digest.length]! - 127.5) / 127.5;
    }
    const norm = Math.hypot(...vector) || 1;
    return vector.map((v) => v / norm);
  };
  const embed = async (texts: readonly string[]) => texts.map(embedOne);
  return {
    info: { id: `hash-${dimensions}`, dimensions, fingerprint, label: "hash test embedder", offline: true },
    maxTokens: 256,
    countTokens: (text) => text.split(/\s+/).length + 2,
    embed,
    embedQueries: embed,
    dispose: async () => {},
  };
}
