import { describe, expect, it } from "vitest";
import { VectorMatrix } from "../../../src/library/store/vector-matrix.ts";

function unit(...values: number[]): Float32Array {
  const norm = Math.hypot(...values);
  return Float32Array.from(values, (v) => v / norm);
}

function rows(...vectors: Float32Array[]): Float32Array {
  const out = new Float32Array(vectors.length * (vectors[0]?.length ?? 0));
  vectors.forEach((v, i) => {
    out.set(v, i * v.length);
  });
  return out;
}

describe("VectorMatrix", () => {
  it("returns the k most similar chunks, best first, with their article and chunk row", () => {
    const matrix = new VectorMatrix(3, 1);
    matrix.add("a", rows(unit(1, 0, 0), unit(0, 1, 0)));
    matrix.add("b", rows(unit(0.9, 0.1, 0), unit(0, 0, 1)));
    const hits = matrix.search(unit(1, 0, 0), 2);
    expect(hits.map((h) => [h.articleId, h.chunk])).toEqual([
      ["a", 0],
      ["b", 0],
    ]);
    expect(hits[0]!.score).toBeCloseTo(1, 6);
  });

  it("forgets a removed article and keeps the others' rows intact", () => {
    const matrix = new VectorMatrix(2, 1);
    matrix.add("a", rows(unit(1, 0)));
    matrix.add("b", rows(unit(0, 1), unit(1, 1)));
    matrix.add("c", rows(unit(-1, 0)));
    matrix.remove("b");
    expect(matrix.rows).toBe(2);
    expect(matrix.search(unit(0, 1), 5).map((h) => h.articleId)).toEqual(["a", "c"]);
    expect(matrix.search(unit(-1, 0), 1)[0]).toMatchObject({ articleId: "c", chunk: 0 });
    matrix.add("b", rows(unit(0, 1)));
    expect(matrix.search(unit(0, 1), 1)[0]).toMatchObject({ articleId: "b", chunk: 0 });
  });

  it("matches an exhaustive sort on random data", () => {
    const dims = 16;
    const matrix = new VectorMatrix(dims, 4);
    const all: { id: string; row: number; v: Float32Array }[] = [];
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31 - 0.5;
    };
    for (let a = 0; a < 40; a++) {
      const vs = Array.from({ length: 1 + (a % 4) }, () => unit(...Array.from({ length: dims }, random)));
      matrix.add(`a${a}`, rows(...vs));
      vs.forEach((v, row) => {
        all.push({ id: `a${a}`, row, v });
      });
    }
    const query = unit(...Array.from({ length: dims }, random));
    const dot = (v: Float32Array) => v.reduce((sum, x, i) => sum + x * query[i]!, 0);
    const expected = [...all].sort((x, y) => dot(y.v) - dot(x.v)).slice(0, 10);
    expect(matrix.search(query, 10).map((h) => `${h.articleId}/${h.chunk}`)).toEqual(
      expected.map((e) => `${e.id}/${e.row}`),
    );
  });

  it("refuses a query of the wrong dimension instead of comparing across models", () => {
    const matrix = new VectorMatrix(3);
    expect(() => matrix.search(new Float32Array(4), 1)).toThrow(/4 dimensions/);
  });
});
