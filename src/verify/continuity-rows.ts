// What the continuity residuals need of one data point x0 at a point (t, x): log p_t(x|x0), v, ∇log p and,
// when the design has them, the exact ∂t log p and ∇·v; each also at inputs moved by a tiny relative step,
// so that the rounding error of every value can be estimated from how much it moves with its inputs.
import type { Design } from '../design/types.js';

export const EPS = 2.220446049250313e-16;

/**
 * Units of rounding (ε = 2^−52) an estimated rounding error is multiplied by. The estimate counts one ε per
 * summand and per input; compiled trees, exp and log of large arguments and the sums over data lose more, a
 * few tens of ulps at most, so 256 leaves an order of magnitude of margin while staying ~1e-13 relative:
 * a velocity off by 1e-9 relative is still far above it.
 */
export const ROUNDING_ULPS = 256;

/**
 * Relative move of the inputs for the input-rounding estimate: far above ε (its own rounding is ε/η ≈ 1e-8
 * of the change) and small enough that the change is the first-order one.
 */
const MOVE = 2 ** -24;

export interface PairValues {
  logDensity: number;
  velocity: Float64Array;
  score: Float64Array;
  /** Exact ∂t log p and ∇·v; NaN when the design does not provide them. */
  dtLogDensity: number;
  divergence: number;
}

/** One data point's values at (t, x), and at (t, x(1 + η)) and (t(1 + η), x). */
export interface PairEvaluation {
  at: PairValues;
  moved: readonly PairValues[];
}

export function pairValues(design: Design, t: number, x: ArrayLike<number>, x0: ArrayLike<number>): PairValues {
  const exact = design.conditionalDerivatives;
  return {
    logDensity: design.kernel.logDensity(t, x, x0),
    velocity: design.conditionalVelocity(t, x, x0),
    score: design.conditionalScore(t, x, x0),
    dtLogDensity: exact ? exact.dtLogDensity(t, x, x0) : NaN,
    divergence: exact ? exact.divergence(t, x, x0) : NaN,
  };
}

export function evaluatePair(design: Design, t: number, x: ArrayLike<number>, x0: ArrayLike<number>): PairEvaluation {
  const scaled = Float64Array.from(x, (v) => v * (1 + MOVE));
  return {
    at: pairValues(design, t, x, x0),
    moved: [pairValues(design, t, scaled, x0), pairValues(design, t * (1 + MOVE), x, x0)],
  };
}

/**
 * The rounding error a value inherits from its inputs: t and x are known to ε relative, so the value is known
 * to ε·|t ∂t f| + ε·|x·∇f|, estimated by moving each input by η relative. It also bounds the rounding inside
 * the formulas of odeforge's kernels (terms like (σ̇/σ)·x − (σ̇/σ)·α x0 lose ε·|σ̇ x/σ|, which is ε·|x·∇v|).
 */
export function inputRounding(pair: PairEvaluation, f: (values: PairValues) => number): number {
  const base = f(pair.at);
  let change = 0;
  for (const moved of pair.moved) change += Math.abs(f(moved) - base);
  return (EPS / MOVE) * change;
}

/** Σ_j of the input rounding of each component of a vector value, weighted by |weight_j|. */
export function vectorRounding(
  pair: PairEvaluation,
  f: (values: PairValues) => Float64Array,
  weight?: ArrayLike<number>,
): number {
  const base = f(pair.at);
  let change = 0;
  for (const moved of pair.moved) {
    const value = f(moved);
    for (let j = 0; j < base.length; j++)
      change += Math.abs(value[j]! - base[j]!) * (weight ? Math.abs(weight[j]!) : 1);
  }
  return (EPS / MOVE) * change;
}

/** Σ_j |a_j b_j|. */
export function absDot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let j = 0; j < a.length; j++) sum += Math.abs(a[j]! * b[j]!);
  return sum;
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let j = 0; j < a.length; j++) sum += a[j]! * b[j]!;
  return sum;
}

/** Σ_j |a_j|. */
export function absSum(a: ArrayLike<number>): number {
  let sum = 0;
  for (let j = 0; j < a.length; j++) sum += Math.abs(a[j]!);
  return sum;
}

/** The three terms of ∂t log p + ∇·v + v·∇log p at a point, with the scale and estimated error of their sum. */
export interface ContinuityTerms {
  /** |∂t log p + ∇·v + v·∇log p| / magnitude: the relative residual. */
  residual: number;
  dtLogDensity: number;
  divergence: number;
  advection: number;
  /** Σ |every summand of the evaluation|. */
  magnitude: number;
  /** Estimated absolute error of the sum (what a correct design's sum may be, not being 0). */
  error: number;
}

export function continuityTerms(
  dtLogDensity: number,
  divergence: number,
  advection: number,
  magnitude: number,
  error: number,
): ContinuityTerms {
  const sum = dtLogDensity + divergence + advection;
  return { residual: sum === 0 ? 0 : Math.abs(sum) / magnitude, dtLogDensity, divergence, advection, magnitude, error };
}

/** The sum in units of its error estimate: what the properties compare with 1. */
export function inUnitsOfError(terms: ContinuityTerms): number {
  const sum = terms.dtLogDensity + terms.divergence + terms.advection;
  return sum === 0 ? 0 : Math.abs(sum) / terms.error;
}
