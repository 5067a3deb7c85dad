// normalization: ∫ p_t(x|x0) dx = 1, by radial quadrature about the kernel's centre along a random direction
// (S_{d−1} ∫_0^∞ p r^{d−1} dr). The quadrature's own error estimate counts against the design, so a density
// whose integral does not converge (a log-divergence at 0 or ∞) fails instead of passing by luck.
import fc from 'fast-check';
import { integrate } from '../numeric/quadrature.js';
import { logSphereArea } from '../numeric/special.js';
import {
  ballPoint,
  direction,
  kernelCentre,
  logUniform,
  medianRadius,
  pointAt,
  propertySeed,
  round,
  roundAll,
  type VerifyContext,
} from './context.js';
import { runProperty } from './runner.js';
import type { PropertyResult } from './types.js';

export const NORMALIZATION_TOLERANCE = 1e-6;

export function checkNormalization(ctx: VerifyContext): PropertyResult {
  const { design, d } = ctx;
  return runProperty({
    name: 'normalization',
    measure: '|∫p_t(x|x0)dx − 1| + quadrature error estimate',
    tolerance: NORMALIZATION_TOLERANCE,
    arbitrary: fc.record({
      t: logUniform(design.epsilon, design.T),
      x0: ballPoint(d, design.dataRadius),
      n: direction(d),
    }),
    runs: ctx.runs,
    seed: propertySeed(ctx.seed, 'normalization'),
    shrinkBudget: 100,
    evaluate: ({ t, x0, n }) => {
      const { value, error } = kernelMass(ctx, t, x0, n);
      return {
        residual: Math.abs(value - 1) + error,
        at: { t: round(t), x0: roundAll(x0), mass: value, quadratureError: error },
      };
    },
  });
}

/** S_{d−1} ∫_0^∞ p_t(c + r n | x0) r^{d−1} dr, split at the median radius s (inner piece refined near 0). */
export function kernelMass(
  ctx: VerifyContext,
  t: number,
  x0: ArrayLike<number>,
  n: ArrayLike<number>,
): { value: number; error: number } {
  const { design, d } = ctx;
  const logS = logSphereArea(d);
  const centre = kernelCentre(design, t, x0);
  const s = medianRadius(design, t);
  const shell = (r: number): number =>
    r === 0 ? 0 : Math.exp(design.kernel.logDensity(t, pointAt(centre, r, n), x0) + logS + (d - 1) * Math.log(r));
  const inner = integrate(shell, 0, s, { rtol: 1e-11, scale: s * 1e-3 });
  const outer = integrate(shell, s, Infinity, { rtol: 1e-11, scale: s });
  return { value: inner.value + outer.value, error: inner.error + outer.error };
}
