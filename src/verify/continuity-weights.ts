// The marginal of a data set at one point as weighted sums over the data: w_i = softmax_i log p_t(x|x_i),
// Σ w_i v_i and Σ w_i ∇log p_i, with the rounding error a field computing the same sums may have. Both
// continuity routes compare the design's own field (velocity and score) with these sums.
import type { Design } from '../design/types.js';
import {
  EPS,
  ROUNDING_ULPS,
  absSum,
  evaluatePair,
  inputRounding,
  vectorRounding,
  type PairEvaluation,
} from './continuity-rows.js';

export interface WeightedData {
  /** Normalized weights; pairs[i] is undefined where w_i = 0 (nothing of that data point is used). */
  weights: number[];
  pairs: (PairEvaluation | undefined)[];
  /** Σ w_i v_t(x|x_i) and Σ w_i ∇log p_t(x|x_i) = ∇ log p_t(x). */
  velocity: Float64Array;
  score: Float64Array;
  /** Estimated error (1-norm) of a field's velocity and score: rounding of the sums and of the weights. */
  velocityError: number;
  scoreError: number;
}

export function weightedData(design: Design, rows: readonly Float64Array[], t: number, x: Float64Array): WeightedData {
  const logs = rows.map((row) => design.kernel.logDensity(t, x, row));
  const top = Math.max(...logs);
  if (Number.isNaN(top)) throw new RangeError(`log p_t(x|x_i) is NaN at t = ${t} for a data point`);
  if (!(top > -Infinity)) throw new RangeError(`x is outside the support of every data point's kernel at t = ${t}`);
  const exps = logs.map((l) => Math.exp(l - top));
  const total = exps.reduce((a, b) => a + b, 0);
  const weights = exps.map((e) => e / total);
  const pairs = rows.map((row, i) => (weights[i]! > 0 ? evaluatePair(design, t, x, row) : undefined));
  const d = x.length;
  const velocity = new Float64Array(d),
    score = new Float64Array(d);
  // a weight is exp of a difference of log-densities: its relative error is their absolute error
  const logErrors = pairs.map((pair, i) =>
    pair ? EPS * Math.abs(logs[i]!) + inputRounding(pair, (v) => v.logDensity) : 0,
  );
  const meanLogError = logErrors.reduce((sum, e, i) => sum + weights[i]! * e, 0);
  let velocityError = 0,
    scoreError = 0;
  pairs.forEach((pair, i) => {
    if (!pair) return;
    const w = weights[i]!,
      { velocity: v, score: s } = pair.at;
    for (let j = 0; j < d; j++) {
      velocity[j]! += w * v[j]!;
      score[j]! += w * s[j]!;
    }
    const weightError = EPS + logErrors[i]! + meanLogError;
    velocityError += w * ((EPS + weightError) * absSum(v) + vectorRounding(pair, (p) => p.velocity));
    scoreError += w * ((EPS + weightError) * absSum(s) + vectorRounding(pair, (p) => p.score));
  });
  return {
    weights,
    pairs,
    velocity,
    score,
    velocityError: ROUNDING_ULPS * velocityError,
    scoreError: ROUNDING_ULPS * scoreError,
  };
}

/** ‖a − b‖₁ in units of its error estimate. */
export function disagreement(a: ArrayLike<number>, b: ArrayLike<number>, error: number): number {
  let diff = 0;
  for (let j = 0; j < a.length; j++) diff += Math.abs(a[j]! - b[j]!);
  return diff === 0 ? 0 : diff / error;
}
