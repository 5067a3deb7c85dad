// Uniform dequantization (docs/mathematics.md §11): a point of integer levels x ∈ {0..K−1}^d becomes
// y = (x + u)/K with u ∼ U[0, 1)^d. The model's density p is on y ∈ [0, 1)^d, so the probability of the
// discrete x is P(x) = ∫ p((x + u)/K) K^{−d} du ≥ exp E_u[log p(y)] · K^{−d} (Jensen): each row reports
// log p(y) − d ln K, and bits/dim gains log2 K.
import { OdeforgeError } from '../errors.js';
import type { EmpiricalData } from '../field/types.js';
import { sampleStream } from '../numeric/rng.js';

/** Most levels accepted (2^24: integers in float32 range; images use 256). */
export const MAX_LEVELS = 2 ** 24;

/** d ln K: the nats a K-level quantization removes from each point's log-density. */
export function dequantizeOffset(levels: number, d: number): number {
  return d * Math.log(levels);
}

/** @throws OdeforgeError for a bad K, or a coordinate that is not an integer level 0..K−1 (by row and column) */
export function checkLevels(levels: number, points: EmpiricalData): void {
  if (!Number.isInteger(levels) || levels < 2 || levels > MAX_LEVELS) {
    throw new OdeforgeError(`dequantize must be an integer number of levels from 2 to ${MAX_LEVELS}, got ${levels}`);
  }
  const d = points.dim;
  for (let i = 0; i < points.data.length; i++) {
    const v = points.data[i]!;
    if (!(Number.isInteger(v) && v >= 0 && v < levels)) {
      throw new OdeforgeError(
        `point ${Math.floor(i / d) + 1}, coordinate ${(i % d) + 1} is ${v}, not an integer level from 0 to ${levels - 1}`,
        {},
        `with dequantization the points are quantized values 0..K−1 (K = ${levels})`,
      );
    }
  }
}

/** y = (x + u)/K with u from stream `index` of `seed`: the same y for the same (seed, index). */
export function dequantizedPoint(x: ArrayLike<number>, levels: number, seed: number, index: number): Float64Array {
  const rng = sampleStream(seed, index);
  return Float64Array.from(x, (v) => (v + rng.uniform()) / levels);
}
