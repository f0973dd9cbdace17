/**
 * Binary logistic regression, L2-regularised, fitted by Newton's method (iteratively reweighted least
 * squares): a handful of features and a few hundred rows converge in ten steps. `balanced` weighs each
 * class by the inverse of its size, so the rarer one (unanswerable questions) is not drowned out.
 */
export interface LogisticModel {
  intercept: number;
  weights: number[];
}

export function fitLogistic(
  rows: readonly number[][],
  labels: readonly number[],
  { l2 = 1e-2, balanced = true, steps = 25 } = {},
): LogisticModel {
  const dims = (rows[0]?.length ?? 0) + 1;
  const positives = labels.filter((y) => y === 1).length;
  const weightOf = (y: number) =>
    balanced ? rows.length / (2 * Math.max(1, y === 1 ? positives : rows.length - positives)) : 1;
  let w = new Array<number>(dims).fill(0);
  for (let step = 0; step < steps; step++) {
    const grad = new Array<number>(dims).fill(0);
    const hessian = Array.from({ length: dims }, () => new Array<number>(dims).fill(0));
    rows.forEach((row, i) => {
      const x = [1, ...row];
      const p = sigmoid(dot(x, w));
      const c = weightOf(labels[i]!);
      for (let a = 0; a < dims; a++) {
        grad[a]! += c * (p - labels[i]!) * x[a]!;
        for (let b = 0; b < dims; b++) hessian[a]![b]! += c * p * (1 - p) * x[a]! * x[b]!;
      }
    });
    for (let a = 1; a < dims; a++) {
      grad[a]! += l2 * rows.length * w[a]!;
      hessian[a]![a]! += l2 * rows.length;
    }
    hessian[0]![0]! += 1e-9;
    const delta = solveLinear(hessian, grad);
    w = w.map((v, a) => v - delta[a]!);
    if (Math.max(...delta.map(Math.abs)) < 1e-8) break;
  }
  return { intercept: w[0]!, weights: w.slice(1) };
}

export function predictLogistic(model: LogisticModel, row: readonly number[]): number {
  return sigmoid(model.intercept + dot(row, model.weights));
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

function dot(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

/** Gaussian elimination with partial pivoting (the systems here are at most ten by ten). */
function solveLinear(matrix: number[][], vector: number[]): number[] {
  const n = vector.length;
  const a = matrix.map((row, i) => [...row, vector[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const p = a[col]![col]! || 1e-12;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = a[r]![col]! / p;
      for (let c = col; c <= n; c++) a[r]![c]! -= f * a[col]![c]!;
    }
  }
  return a.map((row, i) => row[n]! / (row[i]! || 1e-12));
}
