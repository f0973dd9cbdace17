/** What the library records about the model that produced its vectors. */
export interface ModelInfo {
  /** Model id: a Hugging Face id such as "Xenova/all-MiniLM-L6-v2", or a bundled model's folder name such as "all-MiniLM-L6-v2". */
  id: string;
  dimensions: number;
  /** sha256 of the model weights file: the same id with other weights is another model. */
  fingerprint: string;
  /** A short human description for /about and footers. */
  label: string;
  /** True for a model read from the app's own `models/` folder (no network). */
  offline: boolean;
}

/**
 * Turns texts into unit-length vectors. The library only ever compares vectors made by one embedder
 * (same `info`): a change of model means re-embedding, never mixing.
 */
export interface Embedder {
  readonly info: ModelInfo;
  /** Embeds texts in order; every vector has `info.dimensions` entries and unit length. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  /** Embeds questions the way the model was trained to read them (e.g. with BGE's instruction). */
  embedQueries(questions: readonly string[]): Promise<Float32Array[]>;
  /** Word pieces the model would see for `text` (special tokens included). */
  countTokens(text: string): number;
  /** The longest input, in word pieces, that the model reads whole. */
  readonly maxTokens: number;
  dispose(): Promise<void>;
}

export function sameModel(a: Pick<ModelInfo, "id" | "dimensions" | "fingerprint">, b: typeof a): boolean {
  return a.id === b.id && a.dimensions === b.dimensions && a.fingerprint === b.fingerprint;
}
