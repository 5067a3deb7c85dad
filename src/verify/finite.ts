// finite: log-densities, velocities and scores (conditional and marginal) and the prior's log-density are finite
// over [ε, T] and at radii from ~0 (10⁻⁸ × the median radius) to far beyond it (10⁸ ×, and 10³ × the median
// radius at T), where the other properties never look. The first runs sweep a grid of times from ε to T.
import fc from 'fast-check';
import type { Design } from '../design/types.js';
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
import { runProperty, type Evaluation } from './runner.js';
import type { PropertyResult } from './types.js';

const TIME_GRID = 9;

interface Case {
  t: number;
  x0: number[];
  n: number[];
}

export function checkFinite(ctx: VerifyContext): PropertyResult {
  const { design, d } = ctx;
  const ratio = design.T / design.epsilon;
  const unitVector = Array.from({ length: d }, (_, j) => (j === 0 ? 1 : 0));
  const examples: Case[] = Array.from({ length: TIME_GRID }, (_, i) => ({
    t: i === TIME_GRID - 1 ? design.T : design.epsilon * Math.pow(ratio, i / (TIME_GRID - 1)),
    x0: Array.from({ length: d }, (_, j) => (j === 0 ? design.dataRadius : 0)),
    n: unitVector,
  }));
  return runProperty({
    name: 'finite',
    measure:
      'number of non-finite values among log p, v, score (conditional and marginal) and log prior, over radii 10⁻⁸…10⁸ × median',
    tolerance: 0,
    arbitrary: fc.record({
      t: logUniform(design.epsilon, design.T),
      x0: ballPoint(d, design.dataRadius),
      n: direction(d),
    }),
    examples,
    runs: Math.max(ctx.runs, TIME_GRID + 1),
    seed: propertySeed(ctx.seed, 'finite'),
    shrinkBudget: 100,
    evaluate: (c) => nonFiniteAt(design, c),
  });
}

function nonFiniteAt(design: Design, { t, x0, n }: Case): Evaluation {
  const origin = Float64Array.from(x0);
  const centre = kernelCentre(design, t, origin);
  const s = medianRadius(design, t);
  const radii: number[] = [];
  for (let k = -8; k <= 8; k++) radii.push(s * Math.pow(10, k));
  radii.push(1e3 * medianRadius(design, design.T));
  // a small data set around x0 for the marginal field: x0, its mirror image and the origin
  const data = new Float64Array(3 * design.dimension);
  data.set(origin, 0);
  data.set(
    origin.map((v) => -v),
    design.dimension,
  );
  const field = design.field(data);
  let count = 0;
  let first: Record<string, unknown> | undefined;
  for (const r of radii) {
    const x = pointAt(centre, r, n);
    const values: [string, number[]][] = [
      ['log p_t(x|x0)', [design.kernel.logDensity(t, x, origin)]],
      ['v_t(x|x0)', Array.from(design.conditionalVelocity(t, x, origin))],
      ['log prior(x)', [design.prior.logDensity(x)]],
      ['marginal velocity', Array.from(field.velocity(t, x))],
      ['score_t(x|x0)', Array.from(design.conditionalScore(t, x, origin))],
      ['marginal score', Array.from(field.score(t, x))],
    ];
    for (const [quantity, value] of values) {
      const bad = value.filter((v) => !Number.isFinite(v)).length;
      if (bad > 0 && first === undefined)
        first = {
          quantity,
          t: round(t),
          r: round(r),
          x: roundAll(x),
          x0: roundAll(x0),
          value: value.map((v) => (Number.isFinite(v) ? v : String(v))),
        };
      count += bad;
    }
  }
  return { residual: count, at: first ?? { t: round(t), x0: roundAll(x0) } };
}
