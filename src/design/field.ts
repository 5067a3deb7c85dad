// The plain marginal field of an empirical data set (docs/mathematics.md §1): softmax weights of log-kernels,
// v = Σ w_i v(x|x_i), score = Σ w_i ∇log p(x|x_i). Correct and simple; the fast batched one is field/.
import type { Kernel, MarginalField } from './types.js';

type PairFunction = (t: number, x: ArrayLike<number>, x0: ArrayLike<number>) => Float64Array;

export function plainField(
  kernel: Kernel,
  velocity: PairFunction,
  score: PairFunction,
  data: Float64Array,
  d: number,
): MarginalField {
  const m = data.length / d;
  const rows = Array.from({ length: m }, (_, i) => data.subarray(i * d, (i + 1) * d));
  const weighted =
    (fn: PairFunction) =>
    (t: number, x: ArrayLike<number>): Float64Array => {
      const logs = rows.map((row) => kernel.logDensity(t, x, row));
      // a loop, not Math.max(...logs): spreading 125k+ data points overflows the call stack
      let top = -Infinity;
      for (const l of logs) if (l > top) top = l;
      // every kernel is zero at x (compact support): there is no marginal field here, say so rather than NaN
      if (!(top > -Infinity))
        throw new RangeError(
          `x = (${Array.from(x).join(', ')}) is outside the support of every data point's kernel at t = ${t}`,
        );
      const weights = logs.map((l) => Math.exp(l - top));
      const total = weights.reduce((a, b) => a + b, 0);
      const out = new Float64Array(d);
      rows.forEach((row, i) => {
        const w = weights[i]! / total;
        if (w === 0) return;
        const v = fn(t, x, row);
        for (let j = 0; j < d; j++) out[j]! += w * v[j]!;
      });
      return out;
    };
  return { velocity: weighted(velocity), score: weighted(score) };
}
