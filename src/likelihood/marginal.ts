// The closed-form marginal density of an empirical data set: log p_t(x) = log (1/M) Σ_i p_t(x|x_i)
// (docs/mathematics.md §11), in log-sum-exp form from the design's normalized kernel.
import type { Kernel } from '../design/types.js';
import { logSumExp } from '../numeric/elementary.js';

/**
 * log p_t(x) = log Σ_i exp(log p_t(x|x_i)) − log M for the M rows of `data` (flat M × d); −∞ where no data
 * point's kernel reaches x (compact support).
 */
export function marginalLogDensity(
  kernel: Pick<Kernel, 'logDensity'>,
  t: number,
  x: ArrayLike<number>,
  data: Float64Array,
  d: number,
): number {
  const m = data.length / d;
  const logs = new Float64Array(m);
  for (let i = 0; i < m; i++) logs[i] = kernel.logDensity(t, x, data.subarray(i * d, (i + 1) * d));
  return logSumExp(logs) - Math.log(m);
}
