import { readFileSync } from "node:fs";
import path from "node:path";
import onnxProto from "onnx-proto";
import { LOCAL_MODELS_DIR } from "../../paths.ts";

// onnx-proto is CommonJS (`module.exports = $root`): Node's ESM loader sees no named export.
const { onnx } = onnxProto;

/**
 * GloVe-derived word vectors (the bundled model's embedding table), used as a synonym model for
 * soft term matching: "detained" ~ "arrested", "sacked" ~ "fired", "tune" ~ "song". It is a lexical
 * resource independent of whichever model embeds paragraphs, so it works offline and with MiniLM alike.
 */
export class WordVectors {
  private constructor(
    private readonly ids: Map<string, number>,
    /** Row-major int8 table. */
    private readonly table: Int8Array,
    private readonly inverseNorms: Float32Array,
    /** Per-row dequantisation scales: row vector = int8 row × scale (SIF weight included). */
    private readonly scales: Float32Array,
    readonly dimensions: number,
  ) {}

  static load(modelDir = path.join(LOCAL_MODELS_DIR, "bundled")): WordVectors {
    const tokenizer = JSON.parse(readFileSync(path.join(modelDir, "tokenizer.json"), "utf8")) as {
      model: { vocab: Record<string, number> };
    };
    const model = onnx.ModelProto.decode(readFileSync(path.join(modelDir, "onnx", "model_quantized.onnx")));
    const tensor = model.graph?.initializer?.find((t) => t.dataType === onnx.TensorProto.DataType.INT8);
    const scaleTensor = model.graph?.initializer?.find(
      (t) => t.dataType === onnx.TensorProto.DataType.FLOAT && t.dims?.length === 1,
    );
    if (!tensor?.rawData || tensor.dims?.length !== 2 || !scaleTensor?.rawData) {
      throw new Error(`${modelDir}: no int8 embedding table in onnx/model_quantized.onnx`);
    }
    const rows = Number(tensor.dims[0]);
    const dimensions = Number(tensor.dims[1]);
    const raw = tensor.rawData;
    const table = new Int8Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
    const inverseNorms = new Float32Array(rows);
    for (let row = 0; row < rows; row++) {
      let sum = 0;
      for (let d = 0, o = row * dimensions; d < dimensions; d++, o++) sum += table[o]! * table[o]!;
      inverseNorms[row] = sum > 0 ? 1 / Math.sqrt(sum) : 0;
    }
    const scaleBytes = scaleTensor.rawData;
    const scales = new Float32Array(
      scaleBytes.buffer.slice(scaleBytes.byteOffset, scaleBytes.byteOffset + scaleBytes.byteLength),
    );
    const ids = new Map<string, number>();
    for (const [word, id] of Object.entries(tokenizer.model.vocab)) {
      if (/^[a-z]/.test(word) && id < rows) ids.set(word, id);
    }
    return new WordVectors(ids, table, inverseNorms, scales, dimensions);
  }

  /** The row of a lower-cased word, or -1 when the word is not in the vocabulary. */
  id(word: string): number {
    return this.ids.get(word) ?? -1;
  }

  /**
   * The SIF-weighted average of the words' vectors, unit length (what the bundled model computes for a
   * text, without running it): a cheap semantic vector for single sentences at query time.
   */
  textVector(words: Iterable<number>): Float32Array {
    const dims = this.dimensions;
    const out = new Float32Array(dims);
    for (const id of words) {
      if (id < 0) continue;
      const scale = this.scales[id]!;
      for (let d = 0, o = id * dims; d < dims; d++, o++) out[d]! += this.table[o]! * scale;
    }
    let norm = 0;
    for (let d = 0; d < dims; d++) norm += out[d]! * out[d]!;
    if (norm > 0) {
      const inverse = 1 / Math.sqrt(norm);
      for (let d = 0; d < dims; d++) out[d]! *= inverse;
    }
    return out;
  }

  /** Cosine similarity of two rows (0 when either is unknown). */
  similarity(a: number, b: number): number {
    if (a < 0 || b < 0) return 0;
    if (a === b) return 1;
    const dims = this.dimensions;
    let dot = 0;
    for (let d = 0, oa = a * dims, ob = b * dims; d < dims; d++)
      dot += this.table[oa + d]! * this.table[ob + d]!;
    return dot * this.inverseNorms[a]! * this.inverseNorms[b]!;
  }
}

let shared: WordVectors | undefined;

/** The process-wide word vectors, loaded on first use (~3 MB, ~50 ms). */
export function wordVectors(): WordVectors {
  shared ??= WordVectors.load();
  return shared;
}
