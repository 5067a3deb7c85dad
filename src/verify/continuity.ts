// The continuity equation ∂t p + ∇·(v p) = 0 (MATH.md §1), divided by p: ∂t log p + ∇·v + v·∇log p = 0,
// in Cartesian coordinates by five-point finite differences, for the conditional pair (kernel, v_t(x|x0)) and
// for the marginal of a small random data set. Uses only log-densities and velocities, never the radial
// algebra the design was derived with, so it catches derivation errors and wrong velocity overrides.
import fc from 'fast-check';
import type { Design } from '../design/types.js';
import {
  RELATIVE_STEP, ballPoint, derivative5, direction, kernelCentre, logSumExp, logUniform, medianRadius, pointAt,
  propertySeed, radiusAt, round, roundAll, uniform, unit, type VerifyContext,
} from './context.js';
import { runProperty } from './runner.js';
import type { PropertyResult } from './types.js';

export const CONTINUITY_TOLERANCE = 1e-6;

const MEASURE = '|∂t log p + ∇·v + v·∇log p| / (|∂t log p| + Σ|∂j v_j| + Σ|v_j ∂j log p|), five-point differences';

/** A density (in log) and the velocity that should transport it. */
export interface DensityAndVelocity {
  logDensity(t: number, x: Float64Array): number;
  velocity(t: number, x: Float64Array): Float64Array;
}

export interface ContinuityTerms {
  residual: number;
  dtLogDensity: number;
  divergence: number;
  advection: number;
}

/**
 * The relative residual of ∂t log p + ∇·v + v·∇log p = 0 at (t, x), with time step ht and space step hx.
 * Each of the d + 1 partial derivatives is a five-point central difference.
 */
export function continuityResidual(pair: DensityAndVelocity, t: number, x: Float64Array, ht: number, hx: number): ContinuityTerms {
  const dtLogDensity = derivative5((s) => pair.logDensity(s, x), t, ht);
  const v = pair.velocity(t, x);
  let divergence = 0, advection = 0, magnitude = Math.abs(dtLogDensity);
  const moved = Float64Array.from(x);
  for (let j = 0; j < x.length; j++) {
    const along = (f: (y: Float64Array) => number) => (s: number): number => {
      moved[j] = s;
      const value = f(moved);
      moved[j] = x[j]!;
      return value;
    };
    const dj = derivative5(along((y) => pair.velocity(t, y)[j]!), x[j]!, hx);
    const gj = v[j]! * derivative5(along((y) => pair.logDensity(t, y)), x[j]!, hx);
    divergence += dj;
    advection += gj;
    magnitude += Math.abs(dj) + Math.abs(gj);
  }
  const sum = dtLogDensity + divergence + advection;
  const residual = sum === 0 ? 0 : Math.abs(sum) / magnitude;
  return { residual, dtLogDensity, divergence, advection };
}

/** Finite-difference steps at (t, x) for a kernel of median radius s at distance r from its centre. */
function steps(t: number, s: number, r: number): { ht: number; hx: number } {
  return { ht: RELATIVE_STEP * t, hx: RELATIVE_STEP * Math.min(s, r) };
}

export function checkContinuityConditional(ctx: VerifyContext): PropertyResult {
  const { design, d } = ctx;
  const pairFor = (x0: Float64Array): DensityAndVelocity => ({
    logDensity: (t, x) => design.kernel.logDensity(t, x, x0),
    velocity: (t, x) => design.conditionalVelocity(t, x, x0),
  });
  return runProperty({
    name: 'continuity-conditional',
    measure: MEASURE,
    tolerance: CONTINUITY_TOLERANCE,
    arbitrary: fc.record({ t: logUniform(design.epsilon, design.T), x0: ballPoint(d, design.dataRadius), n: direction(d), u: uniform(0.005, 0.995) }),
    runs: ctx.runs,
    seed: propertySeed(ctx.seed, 'continuity-conditional'),
    shrinkBudget: 100,
    evaluate: ({ t, x0, n, u }) => {
      const origin = Float64Array.from(x0);
      const s = medianRadius(design, t);
      const r = radiusAt(design, t, u, 1);
      const x = pointAt(kernelCentre(design, t, origin), r, n);
      const { ht, hx } = steps(t, s, r);
      const terms = continuityResidual(pairFor(origin), t, x, ht, hx);
      return { residual: terms.residual, at: { t: round(t), x: roundAll(x), x0: roundAll(x0), r: round(r), ...rounded(terms) } };
    },
  });
}

export function checkContinuityMarginal(ctx: VerifyContext): PropertyResult {
  const { design, d } = ctx;
  return runProperty({
    name: 'continuity-marginal',
    measure: `${MEASURE}; p and v the marginal of 3–8 random data points, near one or between two`,
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
      const pair = marginalPair(design, data);
      const s = medianRadius(design, t);
      const r = radiusAt(design, t, u, 1);
      // about a point of the segment from one kernel's centre to another's: where kernels overlap, the
      // marginal field mixes each velocity with its value in the other kernels' tails
      const a = kernelCentre(design, t, data[near % data.length]!);
      const b = kernelCentre(design, t, data[other % data.length]!);
      const x = pointAt(a.map((v, j) => v + between * (b[j]! - v)), r, n);
      const { ht, hx } = steps(t, s, r);
      const terms = continuityResidual(pair, t, x, ht, hx);
      return { residual: terms.residual, at: { t: round(t), x: roundAll(x), data: data.map((p) => roundAll(p)), ...rounded(terms) } };
    },
  });
}

/** log p_t(x) = log Σ_i p_t(x|x_i) − log M (log-sum-exp) and the design's own marginal field of the data. */
export function marginalPair(design: Design, points: readonly (readonly number[])[]): DensityAndVelocity {
  const d = design.dimension;
  const rows = points.map((p) => Float64Array.from(p));
  const flat = new Float64Array(rows.length * d);
  rows.forEach((row, i) => flat.set(row, i * d));
  const field = design.field(flat);
  const logM = Math.log(rows.length);
  return {
    logDensity: (t, x) => logSumExp(rows.map((row) => design.kernel.logDensity(t, x, row))) - logM,
    velocity: (t, x) => field.velocity(t, x),
  };
}

function rounded(terms: ContinuityTerms): Record<string, number> {
  return { dtLogDensity: round(terms.dtLogDensity), divergence: round(terms.divergence), advection: round(terms.advection) };
}
