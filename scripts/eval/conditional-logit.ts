/**
 * A conditional (listwise) logit over each question's candidates: P(candidate) = softmax(w · x) over
 * the question's candidates, fitted to put the probability on the paragraphs that answer. Linear in
 * the features, so it ranks exactly like a weighted sum, and its weights read as "how much each piece
 * of evidence counts". L2-regularised; fitted by damped Gauss-Newton steps (the Hessian of the
 * softmax's log-normaliser, Σ Cov(x), plus the penalty) with a backtracking line search: about ten
 * steps where gradient descent needs hundreds.
 */
export interface RankingExample {
  /** One row per candidate (feature values in a fixed order). */
  rows: Float64Array[];
  /** Indices of the rows that answer (at least one, or the example teaches nothing). */
  positives: number[];
}

export interface FitOptions {
  /** L2 penalty per example. Default 1e-3. */
  l2?: number;
  /** Newton steps at most. Default 30. */
  steps?: number;
  /** Features left out (weight held at 0), by index. */
  frozen?: ReadonlySet<number>;
}

export function fitConditionalLogit(
  examples: readonly RankingExample[],
  dims: number,
  options: FitOptions = {},
): Float64Array {
  const l2 = options.l2 ?? 1e-3;
  const useful = examples.filter((e) => e.positives.length > 0);
  const n = Math.max(1, useful.length);
  const free = Array.from({ length: dims }, (_, d) => d).filter((d) => !options.frozen?.has(d));
  let w = new Float64Array(dims);
  let loss = objective(useful, w, l2, n);
  for (let step = 0; step < (options.steps ?? 30); step++) {
    const grad = new Float64Array(dims);
    const hessian = Array.from({ length: dims }, () => new Float64Array(dims));
    for (const example of useful) accumulate(example, w, grad, hessian);
    const g = free.map((d) => grad[d]! / n + l2 * w[d]!);
    const h = free.map((a) => free.map((b) => hessian[a]![b]! / n + (a === b ? l2 + 1e-9 : 0)));
    const direction = solve(h, g);
    let scale = 1;
    let next = w;
    let nextLoss = loss;
    while (scale > 1e-4) {
      next = Float64Array.from(w);
      free.forEach((d, i) => {
        next[d]! -= scale * direction[i]!;
      });
      nextLoss = objective(useful, next, l2, n);
      if (nextLoss <= loss) break;
      scale /= 2;
    }
    if (nextLoss > loss) break;
    const improved = loss - nextLoss;
    w = next;
    loss = nextLoss;
    if (improved < 1e-7) break;
  }
  return w;
}

function objective(examples: readonly RankingExample[], w: Float64Array, l2: number, n: number): number {
  let total = 0;
  for (const example of examples) {
    const scores = example.rows.map((row) => score(row, w));
    total += logSumExp(scores) - logSumExp(example.positives.map((i) => scores[i]!));
  }
  return total / n + (l2 / 2) * w.reduce((sum, x) => sum + x * x, 0);
}

function logSumExp(values: number[]): number {
  const max = Math.max(...values);
  return max + Math.log(values.reduce((sum, v) => sum + Math.exp(v - max), 0));
}

/** Gradient E_all[x] − E_pos[x] and Gauss-Newton curvature Cov_all(x) of one example. */
function accumulate(
  example: RankingExample,
  w: Float64Array,
  grad: Float64Array,
  hessian: Float64Array[],
): void {
  const dims = grad.length;
  const scores = example.rows.map((row) => score(row, w));
  const max = Math.max(...scores);
  const exp = scores.map((s) => Math.exp(s - max));
  const total = exp.reduce((a, b) => a + b, 0);
  const positive = example.positives.reduce((sum, i) => sum + exp[i]!, 0);
  const positives = new Set(example.positives);
  const mean = new Float64Array(dims);
  example.rows.forEach((row, i) => {
    const p = exp[i]! / total;
    const coefficient = p - (positives.has(i) ? exp[i]! / positive : 0);
    for (let d = 0; d < dims; d++) {
      grad[d]! += coefficient * row[d]!;
      mean[d]! += p * row[d]!;
    }
    if (p < 1e-12) return;
    for (let a = 0; a < dims; a++) {
      const pa = p * row[a]!;
      if (pa === 0) continue;
      const line = hessian[a]!;
      for (let b = 0; b < dims; b++) line[b]! += pa * row[b]!;
    }
  });
  for (let a = 0; a < dims; a++) for (let b = 0; b < dims; b++) hessian[a]![b]! -= mean[a]! * mean[b]!;
}

/** Solves H x = g for a symmetric positive definite H (Cholesky). */
function solve(h: number[][], g: number[]): number[] {
  const size = g.length;
  const l = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (let i = 0; i < size; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = h[i]![j]!;
      for (let k = 0; k < j; k++) sum -= l[i]![k]! * l[j]![k]!;
      l[i]![j] = i === j ? Math.sqrt(Math.max(sum, 1e-12)) : sum / l[j]![j]!;
    }
  }
  const y = new Array<number>(size).fill(0);
  for (let i = 0; i < size; i++) {
    let sum = g[i]!;
    for (let k = 0; k < i; k++) sum -= l[i]![k]! * y[k]!;
    y[i] = sum / l[i]![i]!;
  }
  const x = new Array<number>(size).fill(0);
  for (let i = size - 1; i >= 0; i--) {
    let sum = y[i]!;
    for (let k = i + 1; k < size; k++) sum -= l[k]![i]! * x[k]!;
    x[i] = sum / l[i]![i]!;
  }
  return x;
}

export function score(row: Float64Array, w: ArrayLike<number>): number {
  let sum = 0;
  for (let d = 0; d < row.length; d++) sum += row[d]! * w[d]!;
  return sum;
}

/** Deals groups (e.g. articles), shuffled with a fixed seed, into k folds: a group never spans two. */
export function groupFolds(groups: readonly string[], k: number, seed = 1): number[] {
  const names = [...new Set(groups)].sort();
  let state = seed;
  const random = () => {
    state = (state * 1664525 + 1013904223) % 2 ** 32;
    return state / 2 ** 32;
  };
  for (let i = names.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [names[i], names[j]] = [names[j]!, names[i]!];
  }
  const foldOf = new Map(names.map((name, i) => [name, i % k]));
  return groups.map((g) => foldOf.get(g)!);
}
