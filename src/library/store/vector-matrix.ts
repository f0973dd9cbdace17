import { closeSync, readSync } from "node:fs";

/** A row of the matrix: one chunk of one article. */
export interface VectorHit {
  articleId: string;
  /** Row of the chunk within its article (index into the segment's chunks). */
  chunk: number;
  /** Cosine similarity (vectors are unit length, so the dot product). */
  score: number;
}

/** The int8 side of rows, in the matrix's layout: what the pack file stores beside the float32 rows. */
export interface CodedRows {
  codes: Int8Array;
  scale: Float64Array;
  codeNorm: Float64Array;
  codeError: Float64Array;
}

/** How the last search went: rows scanned, rows re-scored exactly, and which kernel ran. */
export interface ScanStats {
  rows: number;
  rescored: number;
  kernel: "wasm-simd" | "js";
}

/**
 * An open pack file whose float32 rows (and article JSON) are read on demand with positional reads,
 * instead of being held in memory. Reference counted: the descriptor closes when nothing refers to it.
 * The file is never modified once written (a newer pack replaces it by rename), so an open descriptor
 * keeps reading exactly the bytes that were checked when it was opened.
 */
export class PackFile {
  private refs = 1;

  constructor(readonly fd: number) {}

  retain(): void {
    this.refs++;
  }

  release(): void {
    if (--this.refs === 0) closeSync(this.fd);
  }

  /** Fills `target` from `position` (throws if the file is shorter). */
  read(position: number, target: Uint8Array): void {
    let done = 0;
    while (done < target.byteLength) {
      const n = readSync(this.fd, target, done, target.byteLength - done, position + done);
      if (n === 0) throw new Error("pack file ends early");
      done += n;
    }
  }
}

/** Where a block's float32 rows are: in memory, or at a byte offset of a pack file. */
type RowSource = { data: Float32Array } | { file: PackFile; at: number };

interface Block {
  start: number;
  rows: number;
  source: RowSource;
}

/**
 * Every chunk vector of a scope, scanned brute force (exact: no approximate index, whose build time
 * and recall loss don't pay at the sizes a news library reaches, ≤ 250k chunks).
 *
 * Two forms of each row: the float32 vector (the truth: every score returned is computed from it,
 * with the same arithmetic as a plain Float32Array scan) and an int8 code (4× smaller) that a
 * WebAssembly SIMD kernel scans. The int8 pass gives each row a score and a guaranteed error bound;
 * only rows whose upper bound reaches the k-th best lower bound are re-scored exactly, so the top k is
 * provably the float32 scan's top k, at a fraction of its memory traffic. Since only those few rows
 * (and the rows of articles the ranker scores) need their float32 form, large scopes leave it in the
 * pack file and read it on demand: memory holds one byte per dimension instead of four.
 *
 * Row i: v ≈ s·c (c int8, s = max|v|/127), query q ≈ t·p. Then v·q = s·t·(c·p) + s·(c·e_q) +
 * t·(e_v·p) + e_v·e_q with e_v = v − s·c, e_q = q − t·p, so by Cauchy–Schwarz
 * |v·q − s·t·(c·p)| ≤ ‖s·c‖·‖e_q‖ + ‖e_v‖·‖t·p‖ + ‖e_v‖·‖e_q‖, all norms known exactly per row or query.
 */
export class VectorMatrix {
  private owners: string[] = [];
  private chunkOfRow: Int32Array;
  private blocks = new Map<string, Block>();
  private used = 0;
  private capacity: number;
  /** Bytes per int8 row (dimensions rounded up to 16 for the SIMD kernel; the padding is zero). */
  private readonly stride: number;
  private readonly kernel: Int8Kernel;
  /** Per row: s, ‖s·c‖ and ‖e_v‖ (float64, so bounds are computed without extra rounding). */
  private scale: Float64Array;
  private codeNorm: Float64Array;
  private codeError: Float64Array;
  /** One row read from a pack file. */
  private readonly scratch: Float32Array;
  /** Diagnostics of the last search (for the benchmark). */
  lastScan: ScanStats = { rows: 0, rescored: 0, kernel: "js" };

  constructor(
    readonly dimensions: number,
    initialRows = 1024,
    /** "js" forces the plain-JavaScript int8 kernel (tests compare both); default: WebAssembly SIMD. */
    options: { kernel?: "auto" | "js" } = {},
  ) {
    this.capacity = Math.max(1, initialRows);
    this.stride = Math.max(16, Math.ceil(dimensions / 16) * 16);
    this.chunkOfRow = new Int32Array(this.capacity);
    this.scale = new Float64Array(this.capacity);
    this.codeNorm = new Float64Array(this.capacity);
    this.codeError = new Float64Array(this.capacity);
    this.kernel = createKernel(this.stride, this.capacity, options.kernel === "js");
    this.scratch = new Float32Array(dimensions);
  }

  get rows(): number {
    return this.used;
  }

  /** Bytes of int8 code per row (the pack stores codes with this stride). */
  get codeStride(): number {
    return this.stride;
  }

  has(articleId: string): boolean {
    return this.blocks.has(articleId);
  }

  /** Bytes of memory held for vectors: int8 codes, per-row bounds, and float32 rows kept in memory. */
  get bytes(): number {
    let floats = 0;
    for (const block of this.blocks.values())
      if ("data" in block.source) floats += block.source.data.byteLength;
    return floats + this.kernel.bytes + this.capacity * 28;
  }

  /** Appends an article's chunk vectors (rows × dimensions, row-major; kept, not copied). */
  add(articleId: string, vectors: Float32Array): void {
    if (this.blocks.has(articleId)) this.remove(articleId);
    const rows = vectors.length / this.dimensions;
    if (!Number.isInteger(rows)) {
      throw new Error(
        `vectors for ${articleId} have ${vectors.length} values, not a multiple of ${this.dimensions}`,
      );
    }
    this.reserve(this.used + rows);
    for (let row = 0; row < rows; row++) {
      this.owners[this.used + row] = articleId;
      this.chunkOfRow[this.used + row] = row;
    }
    quantizeRows(vectors, this.dimensions, 0, rows, this.stride, this.codedFrom(this.used));
    this.blocks.set(articleId, { start: this.used, rows, source: { data: vectors } });
    this.used += rows;
  }

  remove(articleId: string): void {
    const block = this.blocks.get(articleId);
    if (!block) return;
    const end = block.start + block.rows;
    this.chunkOfRow.copyWithin(block.start, end, this.used);
    this.scale.copyWithin(block.start, end, this.used);
    this.codeNorm.copyWithin(block.start, end, this.used);
    this.codeError.copyWithin(block.start, end, this.used);
    this.kernel.codes().copyWithin(block.start * this.stride, end * this.stride, this.used * this.stride);
    this.owners.splice(block.start, block.rows);
    this.used -= block.rows;
    this.blocks.delete(articleId);
    if ("file" in block.source) block.source.file.release();
    for (const other of this.blocks.values()) if (other.start > block.start) other.start -= block.rows;
  }

  /**
   * A matrix filled in bulk from a pack: `fill` writes every row's int8 code and bounds straight into
   * the matrix's own arrays; `sources` says where each block's float32 rows are (memory or the file).
   */
  static async load(
    dimensions: number,
    blocks: { id: string; rows: number; source: RowSource }[],
    fill: (target: CodedRows) => Promise<void>,
  ): Promise<VectorMatrix> {
    const total = blocks.reduce((sum, block) => sum + block.rows, 0);
    // Headroom so the next few adds don't reallocate (and copy) the per-row arrays.
    const matrix = new VectorMatrix(dimensions, total + Math.max(1024, total >> 4));
    const coded = matrix.codedFrom(0);
    await fill({
      codes: coded.codes.subarray(0, total * matrix.stride),
      scale: coded.scale.subarray(0, total),
      codeNorm: coded.codeNorm.subarray(0, total),
      codeError: coded.codeError.subarray(0, total),
    });
    for (const block of blocks) {
      if (matrix.blocks.has(block.id)) throw new Error(`article ${block.id} appears twice in the pack`);
      for (let row = 0; row < block.rows; row++) {
        matrix.owners[matrix.used + row] = block.id;
        matrix.chunkOfRow[matrix.used + row] = row;
      }
      if ("file" in block.source) block.source.file.retain();
      matrix.blocks.set(block.id, { start: matrix.used, rows: block.rows, source: block.source });
      matrix.used += block.rows;
    }
    return matrix;
  }

  /** Blocks in row order, and every row's code and bounds (views: copy before mutating the matrix). */
  packed(): { blocks: { id: string; rows: number }[]; coded: CodedRows } {
    const blocks = this.blocksInOrder().map(([id, block]) => ({ id, rows: block.rows }));
    const coded = this.codedFrom(0);
    return {
      blocks,
      coded: {
        codes: coded.codes.subarray(0, this.used * this.stride),
        scale: coded.scale.subarray(0, this.used),
        codeNorm: coded.codeNorm.subarray(0, this.used),
        codeError: coded.codeError.subarray(0, this.used),
      },
    };
  }

  /** Every float32 row in row order, as byte runs of at most ~4 MB (read from files as needed). */
  *floatBytes(): Generator<Uint8Array> {
    const rowBytes = this.dimensions * 4;
    const perRead = Math.max(1, Math.floor((4 << 20) / rowBytes));
    for (const [, block] of this.blocksInOrder()) {
      const { source } = block;
      if ("data" in source) {
        yield new Uint8Array(source.data.buffer, source.data.byteOffset, block.rows * rowBytes);
        continue;
      }
      for (let row = 0; row < block.rows; row += perRead) {
        const bytes = new Uint8Array(Math.min(perRead, block.rows - row) * rowBytes);
        source.file.read(source.at + row * rowBytes, bytes);
        yield bytes;
      }
    }
  }

  /**
   * After the rows were written, in row order, to `file` at `at`: read them from there from now on
   * (the in-memory copies are dropped). The matrix takes its own references to `file`.
   */
  moveRowsTo(file: PackFile, at: number): void {
    const rowBytes = this.dimensions * 4;
    for (const [, block] of this.blocksInOrder()) {
      if ("file" in block.source) block.source.file.release();
      file.retain();
      block.source = { file, at: at + block.start * rowBytes };
    }
  }

  /** Releases the pack files this matrix reads from. */
  dispose(): void {
    for (const block of this.blocks.values()) {
      if ("file" in block.source) block.source.file.release();
      block.source = { data: new Float32Array(0) };
    }
  }

  /** The k rows most similar to `query`, best first: exactly the top k of a float32 scan. */
  search(query: Float32Array, k: number, accept?: (articleId: string) => boolean): VectorHit[] {
    if (query.length !== this.dimensions) {
      throw new Error(`query has ${query.length} dimensions, the matrix ${this.dimensions}`);
    }
    const top = new TopK(k);
    if (k <= 0 || this.used === 0) return [];
    const rows = this.used;
    const q = this.quantizeQuery(query);
    if (!q) return this.exactScan(query, top, accept);
    const dots = this.kernel.dots(rows);
    const { scale, codeNorm, codeError } = this;
    const accepted = accept ? new Map<string, boolean>() : undefined;
    const isAccepted = (row: number): boolean => {
      if (!accept || !accepted) return true;
      const owner = this.owners[row]!;
      let ok = accepted.get(owner);
      if (ok === undefined) {
        ok = accept(owner);
        accepted.set(owner, ok);
      }
      return ok;
    };
    // Pass 1: the k-th best guaranteed lower bound among accepted rows.
    const lower = new TopK(k);
    for (let row = 0; row < rows; row++) {
      const approx = scale[row]! * q.t * dots[row]!;
      const bound =
        codeNorm[row]! * q.error + codeError[row]! * q.norm + codeError[row]! * q.error + BOUND_SLACK;
      const low = approx - bound;
      if (low > lower.threshold && isAccepted(row)) lower.push(row, low);
    }
    const tau = lower.threshold;
    // Pass 2: exact float32 scores for the rows that can still reach the top k.
    const dims = this.dimensions;
    let rescored = 0;
    for (let row = 0; row < rows; row++) {
      const approx = scale[row]! * q.t * dots[row]!;
      const bound =
        codeNorm[row]! * q.error + codeError[row]! * q.norm + codeError[row]! * q.error + BOUND_SLACK;
      if (approx + bound < tau || !isAccepted(row)) continue;
      rescored++;
      const [vector, offset] = this.rowVector(row);
      let dot = 0;
      for (let d = 0; d < dims; d++) dot += vector[offset + d]! * query[d]!;
      if (dot > top.threshold) top.push(row, dot);
    }
    this.lastScan = { rows, rescored, kernel: this.kernel.kind };
    return this.hits(top);
  }

  /** Similarity of `query` to every chunk of one article (for scoring candidates found by keywords). */
  scoresFor(articleId: string, query: Float32Array): Float32Array {
    const block = this.blocks.get(articleId);
    if (!block) return new Float32Array(0);
    const data = this.blockVectors(block);
    const scores = new Float32Array(block.rows);
    const dims = this.dimensions;
    for (let row = 0; row < block.rows; row++) {
      const offset = row * dims;
      let dot = 0;
      for (let d = 0; d < dims; d++) dot += data[offset + d]! * query[d]!;
      scores[row] = dot;
    }
    return scores;
  }

  /** The float32 rows of one article (row-major), a copy. */
  vectorsOf(articleId: string): Float32Array | undefined {
    const block = this.blocks.get(articleId);
    if (!block) return undefined;
    return this.blockVectors(block).slice();
  }

  /** The float32 scan every result must equal (used when the query can't be quantized). */
  exactScan(query: Float32Array, top: TopK, accept?: (articleId: string) => boolean): VectorHit[] {
    const dims = this.dimensions;
    for (const [id, block] of this.blocksInOrder()) {
      if (accept && !accept(id)) continue;
      const data = this.blockVectors(block);
      for (let row = 0; row < block.rows; row++) {
        let dot = 0;
        for (let d = 0; d < dims; d++) dot += data[row * dims + d]! * query[d]!;
        if (dot > top.threshold) top.push(block.start + row, dot);
      }
    }
    this.lastScan = { rows: this.used, rescored: this.used, kernel: "js" };
    return this.hits(top);
  }

  /**
   * Rows whose stored int8 code or bounds differ from a fresh quantization of their float32 vector
   * (for `verify`: a wrong code could hide a row from the scan).
   */
  checkCodes(): number[] {
    const stride = this.stride;
    const fresh = {
      codes: new Int8Array(stride),
      scale: new Float64Array(1),
      codeNorm: new Float64Array(1),
      codeError: new Float64Array(1),
    };
    const codes = this.kernel.codes();
    const bad: number[] = [];
    for (let row = 0; row < this.used; row++) {
      const [vector, offset] = this.rowVector(row);
      quantizeRows(vector.subarray(offset, offset + this.dimensions), this.dimensions, 0, 1, stride, fresh);
      let same =
        Object.is(fresh.scale[0], this.scale[row]) &&
        Object.is(fresh.codeNorm[0], this.codeNorm[row]) &&
        Object.is(fresh.codeError[0], this.codeError[row]);
      for (let j = 0; same && j < stride; j++) same = fresh.codes[j] === codes[row * stride + j];
      if (!same) bad.push(row);
    }
    return bad;
  }

  private blocksInOrder(): [string, Block][] {
    return [...this.blocks].sort((a, b) => a[1].start - b[1].start);
  }

  /** A row's float32 vector: an array and the offset of the row in it (file rows go to scratch). */
  private rowVector(row: number): [Float32Array, number] {
    const block = this.blocks.get(this.owners[row]!)!;
    const chunk = row - block.start;
    const { source } = block;
    if ("data" in source) return [source.data, chunk * this.dimensions];
    const scratch = this.scratch;
    source.file.read(source.at + chunk * this.dimensions * 4, new Uint8Array(scratch.buffer));
    return [scratch, 0];
  }

  private blockVectors(block: Block): Float32Array {
    const { source } = block;
    if ("data" in source) return source.data;
    const data = new Float32Array(block.rows * this.dimensions);
    source.file.read(source.at, new Uint8Array(data.buffer));
    return data;
  }

  private hits(top: TopK): VectorHit[] {
    return top.sorted().map(({ row, score }) => ({
      articleId: this.owners[row]!,
      chunk: this.chunkOfRow[row]!,
      score,
    }));
  }

  /** Views of the int8 side starting at `row` (quantizeRows writes row i at index i). */
  private codedFrom(row: number): CodedRows {
    return {
      codes: this.kernel.codes().subarray(row * this.stride),
      scale: this.scale.subarray(row),
      codeNorm: this.codeNorm.subarray(row),
      codeError: this.codeError.subarray(row),
    };
  }

  /** Writes the query's int8 code into the kernel; undefined when it can't be quantized. */
  private quantizeQuery(query: Float32Array): { t: number; norm: number; error: number } | undefined {
    let max = 0;
    for (let d = 0; d < query.length; d++) {
      const value = Math.abs(query[d]!);
      if (!(value <= Number.MAX_VALUE)) return undefined;
      if (value > max) max = value;
    }
    if (max === 0) return undefined;
    const t = max / 127;
    const codes = this.kernel.query();
    let norm = 0;
    let error = 0;
    for (let d = 0; d < query.length; d++) {
      const code = Math.max(-127, Math.min(127, Math.round(query[d]! / t)));
      codes[d] = code;
      const approx = t * code;
      norm += approx * approx;
      error += (query[d]! - approx) * (query[d]! - approx);
    }
    return { t, norm: Math.sqrt(norm), error: Math.sqrt(error) };
  }

  private reserve(rows: number): void {
    if (rows <= this.capacity) return;
    let capacity = this.capacity;
    while (capacity < rows) capacity *= 2;
    this.chunkOfRow = grow(this.chunkOfRow, capacity, this.used);
    this.scale = grow(this.scale, capacity, this.used);
    this.codeNorm = grow(this.codeNorm, capacity, this.used);
    this.codeError = grow(this.codeError, capacity, this.used);
    this.kernel.reserve(capacity);
    this.capacity = capacity;
  }
}

/** Quantizes rows [from, to) of `data` into `target` (row i at index i of each target array). */
function quantizeRows(
  data: Float32Array,
  dims: number,
  from: number,
  to: number,
  stride: number,
  target: CodedRows,
): void {
  const { codes, scale, codeNorm, codeError } = target;
  for (let row = from; row < to; row++) {
    const offset = row * dims;
    const base = row * stride;
    let max = 0;
    for (let d = 0; d < dims; d++) {
      const value = data[offset + d]!;
      if (value > max) max = value;
      else if (-value > max) max = -value;
    }
    // |value| ≤ max, so |value / s| ≤ 127 and no clamping is needed.
    const s = max > 0 && max <= Number.MAX_VALUE ? max / 127 : 0;
    const inverse = s > 0 ? 1 / s : 0;
    let norm = 0;
    let error = 0;
    for (let d = 0; d < dims; d++) {
      const value = data[offset + d]!;
      const code = Math.round(value * inverse);
      codes[base + d] = code;
      const approx = s * code;
      norm += approx * approx;
      error += (value - approx) * (value - approx);
    }
    for (let d = dims; d < stride; d++) codes[base + d] = 0;
    scale[row] = s;
    codeNorm[row] = Math.sqrt(norm);
    // A non-finite vector (the library never stores one) gets an infinite bound: always re-scored.
    codeError[row] = Number.isFinite(error) ? Math.sqrt(error) : Number.POSITIVE_INFINITY;
  }
}

/**
 * Covers float64 rounding in the bound arithmetic and in the exact scores (≤ ~1e-13 for unit
 * vectors): a row within this of the cut-off is always re-scored.
 */
const BOUND_SLACK = 1e-9;

function grow<T extends Int32Array | Float64Array>(array: T, capacity: number, used: number): T {
  const grown = new (array.constructor as new (length: number) => T)(capacity);
  grown.set(array.subarray(0, used));
  return grown;
}

// ---- the int8 kernel ----

interface Int8Kernel {
  kind: "wasm-simd" | "js";
  bytes: number;
  /** All rows' codes, row-major with `stride` bytes per row (a view: fetch again after reserve). */
  codes(): Int8Array;
  /** The query's code (stride bytes, zero padded). */
  query(): Int8Array;
  /** Dot products of the query code with rows [0, rows), exact int32. */
  dots(rows: number): Int32Array;
  reserve(capacity: number): void;
}

/**
 * `dots(query, data, rows, stride, out)`: for each row, Σ query[j]·data[j] over `stride` int8s (a
 * multiple of 16), with i16x8 extension and i32x4.dot_i16x8_s; one int32 per row stored at `out`.
 * Hand-assembled (no toolchain at build time); the JS kernel below computes the same integers.
 */
const WASM_DOTS = (() => {
  const simd = (op: number, ...rest: number[]) => [0xfd, ...leb(op), ...rest];
  const get = (i: number) => [0x20, i];
  const set = (i: number) => [0x21, i];
  const tee = (i: number) => [0x22, i];
  const [Q, DATA, ROWS, STRIDE, OUT, J, ACC, A, B] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const load = simd(0x00, 0x00, 0x00);
  const extLow = simd(0x87);
  const extHigh = simd(0x88);
  const dot = simd(0xba);
  const add = simd(0xae);
  const lane = (n: number) => simd(0x1b, n);
  const body = [
    ...[0x02, 0x40], // block
    ...get(ROWS),
    0x45, // i32.eqz
    ...[0x0d, 0x00], // br_if 0
    ...[0x03, 0x40], // loop (rows)
    ...simd(0x0c, ...new Array(16).fill(0)),
    ...set(ACC),
    ...[0x41, 0x00],
    ...set(J),
    ...[0x03, 0x40], // loop (inner)
    ...get(DATA),
    ...get(J),
    0x6a,
    ...load,
    ...set(A),
    ...get(Q),
    ...get(J),
    0x6a,
    ...load,
    ...set(B),
    ...get(ACC),
    ...get(A),
    ...extLow,
    ...get(B),
    ...extLow,
    ...dot,
    ...add,
    ...get(A),
    ...extHigh,
    ...get(B),
    ...extHigh,
    ...dot,
    ...add,
    ...set(ACC),
    ...get(J),
    ...[0x41, 0x10],
    0x6a,
    ...tee(J),
    ...get(STRIDE),
    0x49, // i32.lt_u
    ...[0x0d, 0x00], // br_if inner
    0x0b, // end inner
    ...get(OUT),
    ...get(ACC),
    ...lane(0),
    ...get(ACC),
    ...lane(1),
    0x6a,
    ...get(ACC),
    ...lane(2),
    0x6a,
    ...get(ACC),
    ...lane(3),
    0x6a,
    ...[0x36, 0x02, 0x00], // i32.store align=4
    ...get(OUT),
    ...[0x41, 0x04],
    0x6a,
    ...set(OUT),
    ...get(DATA),
    ...get(STRIDE),
    0x6a,
    ...set(DATA),
    ...get(ROWS),
    ...[0x41, 0x01],
    0x6b, // i32.sub
    ...tee(ROWS),
    ...[0x0d, 0x00], // br_if rows
    0x0b, // end rows
    0x0b, // end block
    0x0b, // end function
  ];
  const locals = [0x02, 0x01, 0x7f, 0x03, 0x7b];
  const code = [...locals, ...body];
  const section = (id: number, bytes: number[]) => [id, ...leb(bytes.length), ...bytes];
  const name = (text: string) => [text.length, ...Array.from(text, (c) => c.charCodeAt(0))];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [0x01, 0x60, 0x05, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x00]),
    ...section(2, [0x01, ...name("env"), ...name("memory"), 0x02, 0x00, 0x01]),
    ...section(3, [0x01, 0x00]),
    ...section(7, [0x01, ...name("dots"), 0x00, 0x00]),
    ...section(10, [0x01, ...leb(code.length), ...code]),
  ]);
})();

function leb(value: number): number[] {
  const bytes: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (value !== 0);
  return bytes;
}

/** The slice of the WebAssembly API used here (the project's `lib` has no DOM/WebAssembly types). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => WasmMemory;
}
const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

let wasmModule: object | null | undefined;

function simdModule(): object | null {
  if (wasmModule === undefined) {
    try {
      wasmModule = wasm?.validate(WASM_DOTS) ? new wasm.Module(WASM_DOTS) : null;
    } catch {
      wasmModule = null;
    }
  }
  return wasmModule;
}

const PAGE = 65_536;

function createKernel(stride: number, capacity: number, forceJs: boolean): Int8Kernel {
  const module = forceJs ? null : simdModule();
  return module ? new WasmKernel(module, stride, capacity) : new JsKernel(stride, capacity);
}

/** Memory layout: [query code | codes: capacity × stride | scores: capacity × int32]. */
class WasmKernel implements Int8Kernel {
  readonly kind = "wasm-simd" as const;
  private readonly memory: WasmMemory;
  private readonly run: (q: number, data: number, rows: number, stride: number, out: number) => void;
  private readonly codesAt: number;
  private capacity: number;
  private codeView: Int8Array | undefined;

  constructor(
    module: object,
    private readonly stride: number,
    capacity: number,
  ) {
    this.codesAt = Math.ceil(stride / 64) * 64;
    this.capacity = capacity;
    const api = wasm as WasmApi;
    this.memory = new api.Memory({ initial: pagesFor(this.codesAt + capacity * (stride + 4)) });
    const instance = new api.Instance(module, { env: { memory: this.memory } });
    this.run = instance.exports.dots as WasmKernel["run"];
  }

  get bytes(): number {
    return this.memory.buffer.byteLength;
  }

  codes(): Int8Array {
    if (!this.codeView || this.codeView.buffer !== this.memory.buffer) {
      this.codeView = new Int8Array(this.memory.buffer, this.codesAt, this.capacity * this.stride);
    }
    return this.codeView;
  }

  query(): Int8Array {
    const view = new Int8Array(this.memory.buffer, 0, this.stride);
    view.fill(0);
    return view;
  }

  dots(rows: number): Int32Array {
    const out = this.codesAt + this.capacity * this.stride;
    this.run(0, this.codesAt, rows, this.stride, out);
    return new Int32Array(this.memory.buffer, out, rows);
  }

  reserve(capacity: number): void {
    if (capacity <= this.capacity) return;
    const needed = pagesFor(this.codesAt + capacity * (this.stride + 4));
    const have = this.memory.buffer.byteLength / PAGE;
    if (needed > have) this.memory.grow(needed - have);
    this.capacity = capacity;
    this.codeView = undefined;
  }
}

function pagesFor(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / PAGE));
}

/** The same integers without WebAssembly SIMD (BYLINE_NO_WASM=1, or a runtime without it). */
class JsKernel implements Int8Kernel {
  readonly kind = "js" as const;
  private codeArray: Int8Array;
  private readonly queryCode: Int8Array;
  private scores: Int32Array;

  constructor(
    private readonly stride: number,
    capacity: number,
  ) {
    this.codeArray = new Int8Array(capacity * stride);
    this.queryCode = new Int8Array(stride);
    this.scores = new Int32Array(capacity);
  }

  get bytes(): number {
    return this.codeArray.byteLength + this.scores.byteLength;
  }

  codes(): Int8Array {
    return this.codeArray;
  }

  query(): Int8Array {
    this.queryCode.fill(0);
    return this.queryCode;
  }

  dots(rows: number): Int32Array {
    const { codeArray, queryCode, stride, scores } = this;
    for (let row = 0, offset = 0; row < rows; row++, offset += stride) {
      let dot = 0;
      for (let j = 0; j < stride; j++) dot += codeArray[offset + j]! * queryCode[j]!;
      scores[row] = dot;
    }
    return scores.subarray(0, rows);
  }

  reserve(capacity: number): void {
    const grown = new Int8Array(capacity * this.stride);
    grown.set(this.codeArray);
    this.codeArray = grown;
    this.scores = new Int32Array(capacity);
  }
}

/**
 * A bounded heap keeping the k best (row, score) pairs. Ties are broken by row (the earlier row is
 * the better), so the k best are one well-defined set whatever order rows are pushed in: the int8
 * scan, which pushes only candidates, and a full scan give the same answer even among equal scores.
 */
export class TopK {
  private rows: number[] = [];
  private scores: number[] = [];

  constructor(private readonly k: number) {}

  /** The score a row must beat to enter (rows pushed in increasing order: ties never enter). */
  get threshold(): number {
    return this.rows.length < this.k ? Number.NEGATIVE_INFINITY : this.scores[0]!;
  }

  push(row: number, score: number): void {
    if (this.k <= 0) return;
    if (this.rows.length < this.k) {
      this.rows.push(row);
      this.scores.push(score);
      this.up(this.rows.length - 1);
    } else if (score > this.scores[0]! || (score === this.scores[0]! && row < this.rows[0]!)) {
      this.rows[0] = row;
      this.scores[0] = score;
      this.down(0);
    }
  }

  /** Best first; equal scores by row. */
  sorted(): { row: number; score: number }[] {
    return this.rows
      .map((row, i) => ({ row, score: this.scores[i]! }))
      .sort((a, b) => b.score - a.score || a.row - b.row);
  }

  /** True when entry a is worse than entry b (lower score, or the same score on a later row). */
  private worse(a: number, b: number): boolean {
    const sa = this.scores[a]!;
    const sb = this.scores[b]!;
    return sa < sb || (sa === sb && this.rows[a]! > this.rows[b]!);
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.worse(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    const n = this.rows.length;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < n && this.worse(left, worst)) worst = left;
      if (right < n && this.worse(right, worst)) worst = right;
      if (worst === i) return;
      this.swap(i, worst);
      i = worst;
    }
  }

  private swap(a: number, b: number): void {
    [this.rows[a], this.rows[b]] = [this.rows[b]!, this.rows[a]!];
    [this.scores[a], this.scores[b]] = [this.scores[b]!, this.scores[a]!];
  }
}
