// The continuity equation ∂t p + ∇·(v p) = 0 divided by p: ∂t log p + ∇·v + v·∇log p = 0, for the conditional
// pair (kernel, v_t(x|x0)) and for the marginal of a small random data set with the design's own field.
// Designs with exact derivatives (Design.conditionalDerivatives) have every term in closed form, so a correct
// design's sum is rounding; the others get five-point differences. Either way the residual is the sum in units
// of its own error estimate, so the tolerance is 1 and follows the evaluation, not a constant.
import fc from 'fast-check';
import type { Design, MarginalField } from '../design/types.js';
import {
  RELATIVE_STEP,
  ballPoint,
  direction,
  kernelCentre,
  logSumExp,
  logUniform,
  medianRadius,
  pointAt,
  propertySeed,
  radiusAt,
  round,
  roundAll,
  uniform,
  unit,
  type VerifyContext,
} from './context.js';
import { continuityResidual, type DensityAndVelocity } from './continuity-differences.js';
import { exactConditional, exactMarginal } from './continuity-exact.js';
import { ROUNDING_ULPS, inUnitsOfError, type ContinuityTerms } from './continuity-rows.js';
import { disagreement, weightedData } from './continuity-weights.js';
import { isWorse, runProperty, type Evaluation } from './runner.js';
import type { PropertyResult } from './types.js';

export { continuityResidual, differenceWithError, type DensityAndVelocity } from './continuity-differences.js';
export type { ContinuityTerms } from './continuity-rows.js';

/** Residuals are in units of their error estimate: a case passes when the sum is within it. */
export const CONTINUITY_TOLERANCE = 1;

const MEASURE =
  `|∂t log p + ∇·v + v·∇log p| / its error estimate: exact derivatives, ${ROUNDING_ULPS} ulps of every summand ` +
  'and of what it inherits from t and x (finite differences where a design has no exact derivatives: their Richardson estimate)';

/** Finite-difference steps at (t, x) for a kernel of median radius s at distance r from its centre. */
function steps(t: number, s: number, r: number): { ht: number; hx: number } {
  return { ht: RELATIVE_STEP * t, hx: RELATIVE_STEP * Math.min(s, r) };
}

export function checkContinuityConditional(ctx: VerifyContext): PropertyResult {
  const { design, d } = ctx;
  return runProperty({
    name: 'continuity-conditional',
    measure: MEASURE,
    tolerance: CONTINUITY_TOLERANCE,
    arbitrary: fc.record({
      t: logUniform(design.epsilon, design.T),
      x0: ballPoint(d, design.dataRadius),
      n: direction(d),
      u: uniform(0.005, 0.995),
    }),
    runs: ctx.runs,
    seed: propertySeed(ctx.seed, 'continuity-conditional'),
    shrinkBudget: 100,
    evaluate: ({ t, x0, n, u }) => {
      const origin = Float64Array.from(x0);
      const r = radiusAt(design, t, u, 1);
      const x = pointAt(kernelCentre(design, t, origin), r, n);
      const terms = conditionalTerms(design, t, x, origin, r);
      return {
        residual: inUnitsOfError(terms),
        at: { t: round(t), x: roundAll(x), x0: roundAll(x0), r: round(r), ...rounded(terms) },
      };
    },
  });
}

function conditionalTerms(design: Design, t: number, x: Float64Array, x0: Float64Array, r: number): ContinuityTerms {
  if (design.conditionalDerivatives) return exactConditional(design, t, x, x0);
  const pair: DensityAndVelocity = {
    logDensity: (s, y) => design.kernel.logDensity(s, y, x0),
    velocity: (s, y) => design.conditionalVelocity(s, y, x0),
  };
  const { ht, hx } = steps(t, medianRadius(design, t), r);
  return continuityResidual(pair, t, x, ht, hx);
}

export function checkContinuityMarginal(ctx: VerifyContext): PropertyResult {
  const { design, d } = ctx;
  return runProperty({
    name: 'continuity-marginal',
    measure:
      `${MEASURE}; p and v the marginal of 3–8 random data points, near one or between two, v the design's field; ` +
      "also the field's velocity and score against Σ w_i v_i and Σ w_i ∇log p_i, in units of their rounding",
    tolerance: CONTINUITY_TOLERANCE,
    arbitrary: fc.record({
      t: logUniform(design.epsilon, design.T),
      data: fc.array(ballPoint(d, design.dataRadius), { minLength: 3, maxLength: 8 }),
      near: fc.nat(),
      other: fc.nat(),
      between: unit(),
      n: direction(d),
      u: uniform(0.005, 0.995),
    }),
    runs: ctx.runs,
    seed: propertySeed(ctx.seed, 'continuity-marginal'),
    shrinkBudget: 100,
    evaluate: ({ t, data, near, other, between, n, u }) => {
      const r = radiusAt(design, t, u, 1);
      // about a point of the segment from one kernel's centre to another's: where kernels overlap, the
      // marginal field mixes each velocity with its value in the other kernels' tails
      const a = kernelCentre(design, t, data[near % data.length]!);
      const b = kernelCentre(design, t, data[other % data.length]!);
      const x = pointAt(
        a.map((v, j) => v + between * (b[j]! - v)),
        r,
        n,
      );
      return marginalEvaluation(design, data, t, x, r);
    },
  });
}

/** The worst of the marginal continuity residual and the field's agreement with the weighted sums. */
function marginalEvaluation(
  design: Design,
  data: readonly (readonly number[])[],
  t: number,
  x: Float64Array,
  r: number,
): Evaluation {
  const rows = data.map((p) => Float64Array.from(p));
  const field = fieldOf(design, rows);
  const sums = weightedData(design, rows, t, x);
  let terms: ContinuityTerms;
  if (design.conditionalDerivatives) terms = exactMarginal(sums, field, t, x);
  else {
    const { ht, hx } = steps(t, medianRadius(design, t), r);
    terms = continuityResidual(marginalPair(design, rows, field), t, x, ht, hx);
  }
  const checks: [string, number][] = [
    ['continuity', inUnitsOfError(terms)],
    ['field velocity = Σ w_i v_i', disagreement(field.velocity(t, x), sums.velocity, sums.velocityError)],
    ['field score = Σ w_i ∇log p_i', disagreement(field.score(t, x), sums.score, sums.scoreError)],
  ];
  const [check, residual] = worstCheck(checks);
  return {
    residual,
    at: { check, t: round(t), x: roundAll(x), data: data.map((p) => roundAll(p)), ...rounded(terms) },
  };
}

/** The largest residual, a NaN (a non-finite value) counting as the worst. */
function worstCheck(checks: [string, number][]): [string, number] {
  return checks.reduce((worst, c) => (isWorse(c[1], worst[1]) ? c : worst));
}

function fieldOf(design: Design, rows: readonly Float64Array[]): MarginalField {
  const d = design.dimension;
  const flat = new Float64Array(rows.length * d);
  rows.forEach((row, i) => flat.set(row, i * d));
  return design.field(flat);
}

/** log p_t(x) = log Σ_i p_t(x|x_i) − log M (log-sum-exp) and the design's own marginal field of the data. */
export function marginalPair(
  design: Design,
  points: readonly ArrayLike<number>[],
  field?: MarginalField,
): DensityAndVelocity {
  const rows = points.map((p) => Float64Array.from(p));
  const marginal = field ?? fieldOf(design, rows);
  const logM = Math.log(rows.length);
  return {
    logDensity: (t, x) => logSumExp(rows.map((row) => design.kernel.logDensity(t, x, row))) - logM,
    velocity: (t, x) => marginal.velocity(t, x),
  };
}

function rounded(terms: ContinuityTerms): Record<string, number> {
  return {
    dtLogDensity: round(terms.dtLogDensity),
    divergence: round(terms.divergence),
    advection: round(terms.advection),
    relative: round(terms.residual, 4),
    relativeError: round(terms.error / terms.magnitude, 4),
  };
}
