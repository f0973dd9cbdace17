/** A row of the matrix: one chunk of one article. */
export interface VectorHit {
  articleId: string;
  /** Row of the chunk within its article (index into the segment's chunks). */
  chunk: number;
  /** Cosine similarity (vectors are unit length, so the dot product). */
  score: number;
}

interface Block {
  start: number;
  rows: number;
}

/**
 * Every chunk vector of a scope in one contiguous Float32Array, scanned brute force: at the sizes a
 * news library reaches (≤ 250k chunks) a linear scan over contiguous memory beats an approximate
 * index once build time and recall are counted, and it is exact.
 */
export class VectorMatrix {
  private data: Float32Array;
  private owners: string[] = [];
  private chunkOfRow: Int32Array;
  private blocks = new Map<string, Block>();
  private used = 0;

  constructor(
    readonly dimensions: number,
    initialRows = 1024,
  ) {
    this.data = new Float32Array(Math.max(1, initialRows) * dimensions);
    this.chunkOfRow = new Int32Array(Math.max(1, initialRows));
  }

  get rows(): number {
    return this.used;
  }

  has(articleId: string): boolean {
    return this.blocks.has(articleId);
  }

  /** Appends an article's chunk vectors (rows × dimensions, row-major). */
  add(articleId: string, vectors: Float32Array): void {
    if (this.blocks.has(articleId)) this.remove(articleId);
    const rows = vectors.length / this.dimensions;
    if (!Number.isInteger(rows)) {
      throw new Error(
        `vectors for ${articleId} have ${vectors.length} values, not a multiple of ${this.dimensions}`,
      );
    }
    this.reserve(this.used + rows);
    this.data.set(vectors, this.used * this.dimensions);
    for (let row = 0; row < rows; row++) {
      this.owners[this.used + row] = articleId;
      this.chunkOfRow[this.used + row] = row;
    }
    this.blocks.set(articleId, { start: this.used, rows });
    this.used += rows;
  }

  remove(articleId: string): void {
    const block = this.blocks.get(articleId);
    if (!block) return;
    const end = block.start + block.rows;
    this.data.copyWithin(block.start * this.dimensions, end * this.dimensions, this.used * this.dimensions);
    this.chunkOfRow.copyWithin(block.start, end, this.used);
    this.owners.splice(block.start, block.rows);
    this.used -= block.rows;
    this.blocks.delete(articleId);
    for (const other of this.blocks.values()) if (other.start > block.start) other.start -= block.rows;
  }

  /** The k rows most similar to `query`, best first. */
  search(query: Float32Array, k: number, accept?: (articleId: string) => boolean): VectorHit[] {
    if (query.length !== this.dimensions) {
      throw new Error(`query has ${query.length} dimensions, the matrix ${this.dimensions}`);
    }
    const top = new TopK(k);
    const dims = this.dimensions;
    const data = this.data;
    for (let row = 0, offset = 0; row < this.used; row++, offset += dims) {
      let dot = 0;
      for (let d = 0; d < dims; d++) dot += data[offset + d]! * query[d]!;
      if (dot > top.threshold && (!accept || accept(this.owners[row]!))) top.push(row, dot);
    }
    return top.sorted().map(({ row, score }) => ({
      articleId: this.owners[row]!,
      chunk: this.chunkOfRow[row]!,
      score,
    }));
  }

  /** Similarity of `query` to every chunk of one article (for scoring candidates found by keywords). */
  scoresFor(articleId: string, query: Float32Array): Float32Array {
    const block = this.blocks.get(articleId);
    if (!block) return new Float32Array(0);
    const scores = new Float32Array(block.rows);
    const dims = this.dimensions;
    for (let row = 0; row < block.rows; row++) {
      const offset = (block.start + row) * dims;
      let dot = 0;
      for (let d = 0; d < dims; d++) dot += this.data[offset + d]! * query[d]!;
      scores[row] = dot;
    }
    return scores;
  }

  private reserve(rows: number): void {
    if (rows * this.dimensions <= this.data.length) return;
    let capacity = Math.max(1, this.data.length / this.dimensions);
    while (capacity < rows) capacity *= 2;
    const grown = new Float32Array(capacity * this.dimensions);
    grown.set(this.data.subarray(0, this.used * this.dimensions));
    this.data = grown;
    const chunks = new Int32Array(capacity);
    chunks.set(this.chunkOfRow.subarray(0, this.used));
    this.chunkOfRow = chunks;
  }
}

/** A bounded min-heap keeping the k best (row, score) pairs. */
class TopK {
  private rows: number[] = [];
  private scores: number[] = [];

  constructor(private readonly k: number) {}

  get threshold(): number {
    return this.rows.length < this.k ? Number.NEGATIVE_INFINITY : this.scores[0]!;
  }

  push(row: number, score: number): void {
    if (this.k <= 0) return;
    if (this.rows.length < this.k) {
      this.rows.push(row);
      this.scores.push(score);
      this.up(this.rows.length - 1);
    } else if (score > this.scores[0]!) {
      this.rows[0] = row;
      this.scores[0] = score;
      this.down(0);
    }
  }

  sorted(): { row: number; score: number }[] {
    return this.rows.map((row, i) => ({ row, score: this.scores[i]! })).sort((a, b) => b.score - a.score);
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.scores[parent]! <= this.scores[i]!) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    const n = this.rows.length;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < n && this.scores[left]! < this.scores[smallest]!) smallest = left;
      if (right < n && this.scores[right]! < this.scores[smallest]!) smallest = right;
      if (smallest === i) return;
      this.swap(i, smallest);
      i = smallest;
    }
  }

  private swap(a: number, b: number): void {
    [this.rows[a], this.rows[b]] = [this.rows[b]!, this.rows[a]!];
    [this.scores[a], this.scores[b]] = [this.scores[b]!, this.scores[a]!];
  }
}
