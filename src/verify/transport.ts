// transport: kernel samples at t0 pushed along v_t(·|x0) to t1 must be samples of the kernel at t1 (KS on
// the radii about the new centre). The integral counterpart of the continuity equation: it also sees what a
// pointwise check cannot, such as a jump of the kernel in time or mass created at x0. The first runs are the
// consecutive pieces of [ε, T] (so every time is crossed once); then random pieces of the same length.
import fc from 'fast-check';
import type { Design } from '../design/types.js';
import {
  ballPoint,
  caseStream,
  kernelCentre,
  logUniform,
  propertySeed,
  round,
  roundAll,
  streamIndex,
  type VerifyContext,
} from './context.js';
import { runProperty } from './runner.js';
import { fewRuns, polar } from './samplers.js';
import { SIGNIFICANCE, ksDistanceFor, testSample } from './statistics.js';
import type { PropertyResult } from './types.js';

export const TRANSPORT_PIECES = 8;
export const TRANSPORT_SAMPLES = 500;
/**
 * RK4 steps per unit of log t: the local error ~h⁵/120 ≈ 1e-5 of a field of unit rate in log t, far below
 * what a KS test on a few hundred samples can see.
 */
const STEPS_PER_LOG_UNIT = 8;
const MIN_STEPS = 8;

interface Case {
  t0: number;
  x0: number[];
  stream: number;
}

export function checkTransport(ctx: VerifyContext): PropertyResult {
  const { design, d } = ctx;
  const ratio = Math.pow(design.T / design.epsilon, 1 / TRANSPORT_PIECES);
  const runs = TRANSPORT_PIECES + fewRuns(ctx.runs);
  const side = design.dataRadius / Math.sqrt(d);
  const examples: Case[] = Array.from({ length: TRANSPORT_PIECES }, (_, k) => ({
    t0: design.epsilon * Math.pow(ratio, k),
    x0: Array.from({ length: d }, () => side / 2),
    stream: k,
  }));
  return runProperty({
    name: 'transport',
    measure: `KS distance of the radii at t1 = t0·(T/ε)^(1/${TRANSPORT_PIECES}) of ${TRANSPORT_SAMPLES} kernel samples pushed from t0 by RK4 in log t`,
    tolerance: ksDistanceFor(SIGNIFICANCE / runs, TRANSPORT_SAMPLES),
    arbitrary: fc.record({
      t0: logUniform(design.epsilon, design.T / ratio),
      x0: ballPoint(d, design.dataRadius),
      stream: streamIndex(),
    }),
    examples,
    runs,
    seed: propertySeed(ctx.seed, 'transport'),
    shrinkBudget: 0,
    evaluate: ({ t0, x0, stream }) => {
      const t1 = Math.min(design.T, t0 * ratio);
      const samples = design.kernel.sample(t0, x0, TRANSPORT_SAMPLES, caseStream(ctx, 'transport', stream));
      pushForward(design, x0, samples, t0, t1);
      const { radii } = polar(samples, kernelCentre(design, t1, x0), d);
      const result = testSample(radii, (r) => design.kernel.radialCdf(t1, r));
      return {
        residual: result.residual,
        at: { t0: round(t0), t1: round(t1), x0: roundAll(x0), stream, pValue: result.pValue },
      };
    },
  });
}

/**
 * Integrate dx/dt = v_t(x|x0) from t0 to t1 for every row of `samples` (in place), by classical RK4 in
 * s = log t, where dx/ds = t v: near t → 0 the fields scale like 1/t and steps even in s suit them. The batch
 * advances stage by stage (every sample at one time before the next), which keeps per-time caches warm.
 */
export function pushForward(
  design: Design,
  x0: ArrayLike<number>,
  samples: Float64Array,
  t0: number,
  t1: number,
): void {
  const d = design.dimension;
  const size = samples.length;
  const s0 = Math.log(t0),
    s1 = Math.log(t1);
  const steps = Math.max(MIN_STEPS, Math.ceil(STEPS_PER_LOG_UNIT * Math.abs(s1 - s0)));
  const h = (s1 - s0) / steps;
  const stage = new Float64Array(size);
  const k = [new Float64Array(size), new Float64Array(size), new Float64Array(size), new Float64Array(size)] as const;
  // out = t v_t(y) for every row
  const rate = (s: number, y: Float64Array, out: Float64Array): void => {
    const t = Math.exp(s);
    for (let i = 0; i < size; i += d) {
      const v = design.conditionalVelocity(t, y.subarray(i, i + d), x0);
      for (let j = 0; j < d; j++) out[i + j] = t * v[j]!;
    }
  };
  const along = (from: Float64Array, slope: Float64Array, c: number): Float64Array => {
    for (let i = 0; i < size; i++) stage[i] = from[i]! + c * slope[i]!;
    return stage;
  };
  for (let step = 0; step < steps; step++) {
    const s = s0 + step * h;
    rate(s, samples, k[0]);
    rate(s + 0.5 * h, along(samples, k[0], 0.5 * h), k[1]);
    rate(s + 0.5 * h, along(samples, k[1], 0.5 * h), k[2]);
    rate(s + h, along(samples, k[2], h), k[3]);
    for (let i = 0; i < size; i++) samples[i]! += (h / 6) * (k[0][i]! + 2 * k[1][i]! + 2 * k[2][i]! + k[3][i]!);
  }
}
