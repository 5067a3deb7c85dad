// prior-mismatch: how far the prior is from what it stands in for, E_{x0} KL(p_T(·|x0) ‖ prior) for data with
// |x0| ≤ dataRadius (docs/mathematics.md §7), by Monte Carlo with kernel samples. Informative, never a failure: above
// the threshold it is a warning (T too small for the data scale; PFGM's heavy tail needs a large T).
import fc from 'fast-check';
import type { Design, Rng } from '../design/types.js';
import { ballPoint, caseStream, propertySeed, round, roundAll, streamIndex, type VerifyContext } from './context.js';
import { fewRuns } from './samplers.js';
import type { PropertyResult } from './types.js';

/**
 * KL (nats) above which the prior is reported as a poor stand-in for p_T. Gaussian VE: σ_T ≈ 2.2 × dataRadius;
 * EDM's σ_max = 80 for images (|x0|² ≈ 768) gives 0.06, below it.
 */
export const MISMATCH_WARNING = 0.1;
export const MISMATCH_SAMPLES = 2000;

/**
 * KL(p_T(·|x0) ‖ prior) ≈ (1/n) Σ [log p_T(x_i|x0) − log prior(x_i)], x_i ∼ p_T(·|x0).
 * @returns the estimate and its Monte Carlo standard error
 */
export function klToPrior(
  design: Design,
  x0: ArrayLike<number>,
  n: number,
  rng: Rng,
): { kl: number; standardError: number } {
  const d = design.dimension;
  const samples = design.kernel.sample(design.T, x0, n, rng);
  let sum = 0,
    sum2 = 0;
  for (let i = 0; i < n; i++) {
    const x = samples.subarray(i * d, (i + 1) * d);
    const term = design.kernel.logDensity(design.T, x, x0) - design.prior.logDensity(x);
    sum += term;
    sum2 += term * term;
  }
  const kl = sum / n;
  return { kl, standardError: Math.sqrt(Math.max(0, sum2 / n - kl * kl) / n) };
}

export function checkPriorMismatch(ctx: VerifyContext): PropertyResult {
  const { design, d } = ctx;
  const runs = 1 + fewRuns(ctx.runs);
  // the data radius itself is the worst case of a kernel centred where the prior is (KL grows with |x0|)
  const edge = Array.from({ length: d }, (_, j) => (j === 0 ? design.dataRadius : 0));
  const cases = [
    { x0: edge, stream: 0 },
    ...fc.sample(fc.record({ x0: ballPoint(d, design.dataRadius), stream: streamIndex() }), {
      seed: propertySeed(ctx.seed, 'prior-mismatch'),
      numRuns: runs - 1,
    }),
  ];
  const estimates = cases.map(({ x0, stream }) => ({
    x0,
    ...klToPrior(design, x0, MISMATCH_SAMPLES, caseStream(ctx, 'prior-mismatch', stream)),
  }));
  const worst = estimates.reduce((a, b) => (!(b.kl <= a.kl) ? b : a));
  const mean = estimates.reduce((a, b) => a + b.kl, 0) / estimates.length;
  const summary = `E KL ≈ ${round(mean, 3)} nats over ${runs} data points with |x0| ≤ ${design.dataRadius}, max ${round(worst.kl, 3)} ± ${round(worst.standardError, 2)} at x0 = [${roundAll(worst.x0, 3).join(', ')}]`;
  const warning = !Number.isFinite(worst.kl)
    ? `the KL is not finite (${worst.kl}): the prior has no mass where p_T(·|x0) has some; ${summary}`
    : worst.kl > MISMATCH_WARNING
      ? `the prior is a poor stand-in for p_T: ${summary} (threshold ${MISMATCH_WARNING}); increase T or check dataRadius`
      : undefined;
  return {
    name: 'prior-mismatch',
    passed: true,
    runs,
    maxResidual: worst.kl,
    tolerance: MISMATCH_WARNING,
    measure: `KL(p_T(·|x0) ‖ prior) in nats by Monte Carlo (${MISMATCH_SAMPLES} kernel samples), worst x0; a warning above the tolerance, never a failure`,
    counterexample: null,
    ...(warning === undefined ? {} : { warning }),
  };
}
