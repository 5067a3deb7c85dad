// likelihood-consistency: log-likelihoods through the ODE against the closed form (docs/mathematics.md §11).
// For a few data points and points near them, x is carried from ε up to T with the exact divergence of the
// marginal field; then log π(x_T) + ∫∇·f − (log π(x_T) − log p_T(x_T)) must equal log p_ε(x), the data's
// closed-form marginal, up to the integration's error. A wrong velocity, divergence, kernel normalization or
// time variable shows here as a mismatch of whole nats.
import fc from 'fast-check';
import { OdeforgeError } from '../errors.js';
import { DivergenceField, empiricalData } from '../field/index.js';
import { likelihoodSync } from '../likelihood/index.js';
import { ballPoint, direction, propertySeed, radiusAt, roundAll, type VerifyContext } from './context.js';
import { runProperty } from './runner.js';
import { fewRuns } from './samplers.js';
import type { PropertyResult } from './types.js';

/** Data points of each case's marginal. */
const DATA_POINTS = 5;
/** Integration tolerances of the check, and the residual allowed: the global error of many steps at 1e-8. */
const TOLERANCE = 1e-8;
const ALLOWED = 1e-5;
/** Steps per point: a correct design needs a few hundred; a broken one must not hold verify up. */
const MAX_STEPS = 20_000;

interface Case {
  data: number[][];
  /** The data point the evaluated point is near, the direction and the kernel quantile of its offset at ε. */
  near: number;
  direction: number[];
  quantile: number;
}

export function checkLikelihoodConsistency(ctx: VerifyContext): PropertyResult {
  const { design, d } = ctx;
  const name = 'likelihood-consistency' as const;
  const measure = `|logp − priorGap − logpExact| / max(1, |logpExact|) for a point near ${DATA_POINTS} random data points, integrated at rtol = atol = ${TOLERANCE}`;
  try {
    // a radial profile normalized by quadrature has no exact ∂r k: no exact divergence, nothing to check
    new DivergenceField(design.fieldKernel, empiricalData(new Float64Array(d), d));
  } catch (error) {
    if (error instanceof OdeforgeError) {
      return {
        name,
        passed: true,
        runs: 0,
        maxResidual: 0,
        tolerance: ALLOWED,
        measure,
        counterexample: null,
        warning: `not checked: ${error.message}`,
      };
    }
    throw error;
  }
  return runProperty<Case>({
    name,
    measure,
    tolerance: ALLOWED,
    arbitrary: fc.record({
      data: fc.array(ballPoint(d, design.dataRadius), { minLength: DATA_POINTS, maxLength: DATA_POINTS }),
      near: fc.integer({ min: 0, max: DATA_POINTS - 1 }),
      direction: direction(d),
      quantile: fc.integer({ min: 1, max: 99 }).map((q) => q / 100),
    }),
    evaluate: (c) => {
      const data = Float64Array.from(c.data.flat());
      const r = radiusAt(design, design.epsilon, c.quantile, 1);
      const centre = c.data[c.near]!;
      const alpha = design.schedule ? design.schedule(design.epsilon).alpha : 1;
      const point = Float64Array.from(centre, (v, k) => alpha * v + r * c.direction[k]!);
      const row = likelihoodSync(design, { data, points: point, rtol: TOLERANCE, atol: TOLERANCE, maxSteps: MAX_STEPS })
        .rows[0]!;
      const residual = Math.abs(row.logp - row.priorGap - row.logpExact) / Math.max(1, Math.abs(row.logpExact));
      return {
        residual,
        at: { x: roundAll(point), logp: row.logp, priorGap: row.priorGap, logpExact: row.logpExact, nfe: row.nfe },
      };
    },
    runs: fewRuns(ctx.runs),
    seed: propertySeed(ctx.seed, name),
    shrinkBudget: 0,
  });
}
