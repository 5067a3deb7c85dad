// transport: kernel samples at t0 pushed along v_t(·|x0) to t1 must be samples of the kernel at t1 (KS on
// the radii about the new centre). The integral counterpart of the continuity equation: it also sees what a
// pointwise check cannot, such as a jump of the kernel in time or mass created at x0. The first runs are the
// consecutive pieces of [ε, T] (so every time is crossed once); then random pieces of the same length.
import fc from 'fast-check';
import type { Design } from '../design/types.js';
import { ballPoint, kernelCentre, logUniform, propertySeed, round, roundAll, streamFor, streamIndex, type VerifyContext } from './context.js';
import { runProperty } from './runner.js';
import { polar, samplingRuns } from './samplers.js';
import { SIGNIFICANCE, ksDistanceFor, testSample } from './statistics.js';
import type { PropertyResult } from './types.js';

export const TRANSPORT_PIECES = 8;
export const TRANSPORT_SAMPLES = 500;
/** RK4 steps per unit of log t (error ~ (1/50)^4 per unit for smooth fields). */
const STEPS_PER_LOG_UNIT = 50;

interface Case {
  t0: number;
  x0: number[];
  stream: number;
}

export function checkTransport(ctx: VerifyContext): PropertyResult {
  const { design, d } = ctx;
  const ratio = Math.pow(design.T / design.epsilon, 1 / TRANSPORT_PIECES);
  const runs = TRANSPORT_PIECES + samplingRuns(ctx.runs);
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
    arbitrary: fc.record({ t0: logUniform(design.epsilon, design.T / ratio), x0: ballPoint(d, design.dataRadius), stream: streamIndex() }),
    examples,
    runs,
    seed: propertySeed(ctx.seed, 'transport'),
    shrinkBudget: 0,
    evaluate: ({ t0, x0, stream }) => {
      const t1 = Math.min(design.T, t0 * ratio);
      const samples = design.kernel.sample(t0, x0, TRANSPORT_SAMPLES, streamFor(ctx.seed, stream));
      pushForward(design, x0, samples, t0, t1);
      const { radii } = polar(samples, kernelCentre(design, t1, x0), d);
      const result = testSample(radii, (r) => design.kernel.radialCdf(t1, r));
      return { residual: result.residual, at: { t0: round(t0), t1: round(t1), x0: roundAll(x0), stream, pValue: result.pValue } };
    },
  });
}

/**
 * Integrate dx/dt = v_t(x|x0) from t0 to t1 for each row of `samples` (in place), by classical RK4 in
 * s = log t, where dx/ds = t v: near t → 0 the fields scale like 1/t and the steps stay even in s.
 */
export function pushForward(design: Design, x0: ArrayLike<number>, samples: Float64Array, t0: number, t1: number): void {
  const d = design.dimension;
  const s0 = Math.log(t0), s1 = Math.log(t1);
  const steps = Math.max(16, Math.ceil(STEPS_PER_LOG_UNIT * Math.abs(s1 - s0)));
  const h = (s1 - s0) / steps;
  const y = new Float64Array(d), stage = new Float64Array(d);
  const k = [new Float64Array(d), new Float64Array(d), new Float64Array(d), new Float64Array(d)] as const;
  const rate = (s: number, x: Float64Array, out: Float64Array): void => {
    const t = Math.exp(s);
    const v = design.conditionalVelocity(t, x, x0);
    for (let j = 0; j < d; j++) out[j] = t * v[j]!;
  };
  for (let i = 0; i < samples.length / d; i++) {
    for (let j = 0; j < d; j++) y[j] = samples[i * d + j]!;
    for (let step = 0; step < steps; step++) {
      const s = s0 + step * h;
      rate(s, y, k[0]);
      for (let j = 0; j < d; j++) stage[j] = y[j]! + 0.5 * h * k[0][j]!;
      rate(s + 0.5 * h, stage, k[1]);
      for (let j = 0; j < d; j++) stage[j] = y[j]! + 0.5 * h * k[1][j]!;
      rate(s + 0.5 * h, stage, k[2]);
      for (let j = 0; j < d; j++) stage[j] = y[j]! + h * k[2][j]!;
      rate(s + h, stage, k[3]);
      for (let j = 0; j < d; j++) y[j]! += (h / 6) * (k[0][j]! + 2 * k[1][j]! + 2 * k[2][j]! + k[3][j]!);
    }
    for (let j = 0; j < d; j++) samples[i * d + j] = y[j]!;
  }
}
