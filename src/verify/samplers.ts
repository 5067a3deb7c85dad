// kernel-sampler: samples of p_t(·|x0) have radii about the kernel's centre distributed by its radial CDF
// (KS) and uniform directions (Rayleigh and Bingham tests). prior-sampler: prior samples have radii
// distributed by the law prior.logDensity defines, integrated numerically (not renormalized, so a prior
// density that does not integrate to 1 fails too) — and uniform directions.
import fc from 'fast-check';
import type { Design } from '../design/types.js';
import { integrate } from '../numeric/quadrature.js';
import { logSphereArea } from '../numeric/special.js';
import {
  ballPoint,
  caseStream,
  direction,
  distance,
  kernelCentre,
  logUniform,
  propertySeed,
  round,
  roundAll,
  streamIndex,
  type VerifyContext,
} from './context.js';
import { runProperty, type Evaluation } from './runner.js';
import { SIGNIFICANCE, ksDistanceFor, testSample } from './statistics.js';
import type { PropertyResult } from './types.js';

export const KERNEL_SAMPLES = 1000;
export const PRIOR_SAMPLES = 2000;
const KS_MEASURE = "KS distance of the radii (or the KS-equivalent of the isotropy tests' p-value)";

/** Runs of a sampling property: a fifth of the pointwise runs, at least 3. */
export const samplingRuns = (runs: number): number => Math.max(3, Math.ceil(runs / 5));
/** Runs of the costliest sampling properties (prior-sampler, prior-mismatch, transport's random pieces). */
export const fewRuns = (runs: number): number => Math.max(2, Math.ceil(runs / 10));

export function checkKernelSampler(ctx: VerifyContext): PropertyResult {
  const { design, d } = ctx;
  const runs = samplingRuns(ctx.runs);
  const tolerance = ksDistanceFor(SIGNIFICANCE / (3 * runs), KERNEL_SAMPLES);
  return runProperty({
    name: 'kernel-sampler',
    measure: `${KS_MEASURE}; ${KERNEL_SAMPLES} samples, significance ${SIGNIFICANCE} over all runs`,
    tolerance,
    arbitrary: fc.record({
      t: logUniform(design.epsilon, design.T),
      x0: ballPoint(d, design.dataRadius),
      stream: streamIndex(),
    }),
    runs,
    seed: propertySeed(ctx.seed, 'kernel-sampler'),
    shrinkBudget: 0,
    evaluate: ({ t, x0, stream }) => {
      const samples = design.kernel.sample(t, x0, KERNEL_SAMPLES, caseStream(ctx, 'kernel-sampler', stream));
      const { radii, directions } = polar(samples, kernelCentre(design, t, x0), d);
      const result = testSample(radii, (r) => design.kernel.radialCdf(t, r), directions, d);
      return {
        residual: result.residual,
        at: { t: round(t), x0: roundAll(x0), stream, test: result.test, pValue: result.pValue },
      };
    },
  });
}

export function checkPriorSampler(ctx: VerifyContext): PropertyResult {
  const { d } = ctx;
  const runs = fewRuns(ctx.runs);
  const tolerance = ksDistanceFor(SIGNIFICANCE / (3 * runs), PRIOR_SAMPLES);
  return runProperty({
    name: 'prior-sampler',
    measure: `${KS_MEASURE}, against the CDF of exp(prior.logDensity) integrated numerically; ${PRIOR_SAMPLES} samples`,
    tolerance,
    arbitrary: fc.record({ n: direction(d), stream: streamIndex() }),
    runs,
    seed: propertySeed(ctx.seed, 'prior-sampler'),
    shrinkBudget: 0,
    evaluate: ({ n, stream }) => priorSampleTest(ctx, n, stream),
  });
}

function priorSampleTest(ctx: VerifyContext, n: number[], stream: number): Evaluation {
  const { design, d } = ctx;
  const samples = design.prior.sample(PRIOR_SAMPLES, caseStream(ctx, 'prior-sampler', stream));
  const { radii, directions } = polar(samples, new Float64Array(d), d);
  const cdf = cdfFromLogDensity(design, n, radii);
  const result = testSample(radii, cdf, directions, d);
  return {
    residual: result.residual,
    at: { stream, direction: roundAll(n), test: result.test, pValue: result.pValue },
  };
}

/**
 * F(r) = S_{d−1} ∫_0^r exp(prior.logDensity(ρ n)) ρ^{d−1} dρ at the given radii (cumulated between the sorted
 * radii), as a lookup: the KS statistic only evaluates F at the sample's own radii.
 */
function cdfFromLogDensity(design: Design, n: readonly number[], radii: Float64Array): (r: number) => number {
  const d = design.dimension;
  const logS = logSphereArea(d);
  const point = new Float64Array(d);
  const shell = (r: number): number => {
    if (r === 0) return 0;
    for (let j = 0; j < d; j++) point[j] = r * n[j]!;
    return Math.exp(design.prior.logDensity(point) + logS + (d - 1) * Math.log(r));
  };
  const sorted = Float64Array.from(radii).sort();
  const values = new Map<number, number>();
  let mass = 0,
    previous = 0;
  for (const r of sorted) {
    mass += integrate(shell, previous, r, { rtol: 1e-10, scale: previous === 0 ? r * 1e-3 : undefined }).value;
    values.set(r, mass);
    previous = r;
  }
  return (r) => values.get(r) ?? NaN;
}

/** Radii |x_i − c| and unit directions (x_i − c)/|x_i − c| of flat n×d samples. */
export function polar(
  samples: Float64Array,
  centre: ArrayLike<number>,
  d: number,
): { radii: Float64Array; directions: Float64Array } {
  const count = samples.length / d;
  const radii = new Float64Array(count);
  const directions = new Float64Array(samples.length);
  for (let i = 0; i < count; i++) {
    const r = distance(samples, centre, i * d);
    radii[i] = r;
    for (let j = 0; j < d; j++) directions[i * d + j] = r > 0 ? (samples[i * d + j]! - centre[j]!) / r : 0;
  }
  return { radii, directions };
}
