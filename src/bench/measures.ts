// What the bench reports about a set of samples: distance to the nearest data point (the exact empirical
// sampler lands on the data, at distance ~ε), its median with a bootstrap standard error (alone, or as a
// difference between two samplers run from the same starts), non-finite counts, distances between runs.
import { createRng } from '../numeric/rng.js';

/** For each sample, the distance to its nearest data point (first `dim` coordinates, brute force). */
export function nearestDataDistances(samples: Float64Array, data: Float64Array, dim: number): Float64Array {
  const n = samples.length / dim;
  const m = data.length / dim;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    for (let j = 0; j < m; j++) {
      let q = 0;
      for (let k = 0; k < dim; k++) q += (samples[i * dim + k]! - data[j * dim + k]!) ** 2;
      if (q < best) best = q;
    }
    out[i] = Math.sqrt(best);
  }
  return out;
}

export function median(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  return n % 2 ? sorted[(n - 1) / 2]! : 0.5 * (sorted[n / 2 - 1]! + sorted[n / 2]!);
}

/** Bootstrap standard error of the median (seeded). */
export function medianStandardError(values: Float64Array, resamples = 200, seed = 1): number {
  const rng = createRng(seed);
  const n = values.length;
  const medians = new Float64Array(resamples);
  const draw = new Float64Array(n);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) draw[i] = values[Math.floor(rng.uniform() * n)]!;
    medians[b] = median(draw);
  }
  return standardDeviation(medians);
}

export function countNonFinite(values: Float64Array): number {
  let c = 0;
  for (const v of values) if (!Number.isFinite(v)) c++;
  return c;
}

/** Largest Euclidean distance between matching rows of a and b (first `rows` rows). */
export function maxRowError(
  a: Float64Array,
  b: Float64Array,
  dim: number,
  rows: number,
): { max: number; median: number } {
  const errors = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let q = 0;
    for (let k = 0; k < dim; k++) q += (a[i * dim + k]! - b[i * dim + k]!) ** 2;
    errors[i] = Math.sqrt(q);
  }
  return { max: errors.reduce((x, y) => Math.max(x, y), 0), median: median(errors) };
}

/**
 * median(a) − median(b) for paired values (a_i, b_i from the same starting point), with its bootstrap standard
 * error from resampling the pairs together (seeded): what sampling noise is left once both share their starts.
 */
export function pairedMedianDifference(
  a: Float64Array,
  b: Float64Array,
  resamples = 200,
  seed = 1,
): { difference: number; se: number } {
  if (a.length !== b.length) throw new Error(`paired values need equal lengths, got ${a.length} and ${b.length}`);
  const rng = createRng(seed);
  const n = a.length;
  const differences = new Float64Array(resamples);
  const drawA = new Float64Array(n);
  const drawB = new Float64Array(n);
  for (let s = 0; s < resamples; s++) {
    for (let i = 0; i < n; i++) {
      const j = Math.floor(rng.uniform() * n);
      drawA[i] = a[j]!;
      drawB[i] = b[j]!;
    }
    differences[s] = median(drawA) - median(drawB);
  }
  return { difference: median(a) - median(b), se: standardDeviation(differences) };
}

function standardDeviation(values: Float64Array): number {
  let mean = 0;
  for (const v of values) mean += v / values.length;
  let s2 = 0;
  for (const v of values) s2 += (v - mean) ** 2 / (values.length - 1);
  return Math.sqrt(s2);
}
