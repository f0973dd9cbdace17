/** Small timing helpers for the benchmark. */

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export interface Summary {
  p50: number;
  p95: number;
  n: number;
}

export function summary(values: number[]): Summary {
  return { p50: round(percentile(values, 50)), p95: round(percentile(values, 95)), n: values.length };
}

export function round(value: number, digits = 2): number {
  if (!Number.isFinite(value)) return value;
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export async function timed<T>(work: () => Promise<T> | T): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

export function mb(bytes: number): number {
  return round(bytes / (1024 * 1024), 1);
}

/** Forces a full GC when the process allows it (the bench enables it at start). */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
