// Karras et al. 2022 (EDM), Algorithm 2: Heun steps of dx̃/dσ̃ = (x̃ − x̂)/σ̃ on the EDM grid (ρ = 7), with
// optional "churn": before each step the noise level is raised from σ̃ to σ̂ = (1 + γ) σ̃ by adding fresh
// Gaussian noise of variance σ̂² − σ̃², which keeps a Gaussian path's marginals. σ̃ = σ/α and x̃ = x/α turn any
// path (α ≠ 1) into this variance-exploding form; x̂ = E[x0 | x] is the data prediction.
import { OdeforgeError } from '../errors.js';
import type { Rng } from '../numeric/rng.js';
import { firstNonFinite, recordGridPoint, type MultistepOptions } from './dpmpp.js';
import { edmGrid } from './grids.js';
import type { SemilinearProblem, SignalToNoise } from './semilinear.js';
import type { SolveResult } from './types.js';

/** S_churn, S_tmin, S_tmax, S_noise of the paper (its defaults as in k-diffusion: 0, 0, ∞, 1). */
export interface ChurnSettings {
  churn: number;
  sTmin: number;
  sTmax: number;
  sNoise: number;
}

/** EDM's ρ: the grid is uniform in σ̃^{1/ρ}. */
const EDM_RHO = 7;

/** γ never exceeds √2 − 1 (σ̂ at most √2 σ̃), as in the paper. */
const MAX_GAMMA = Math.SQRT2 - 1;

/**
 * The EDM grid in σ̃ = σ/α from σ̃(T) to σ̃(ε), as times (steps + 1 points, ends exact).
 * @throws OdeforgeError when α_T = 0 (σ̃(T) infinite)
 */
export function edmTimes(snr: SignalToNoise, steps: number): Float64Array {
  const top = 1 / snr.lambda(snr.T);
  if (!Number.isFinite(top)) {
    throw new OdeforgeError(
      `the edm sampler needs a finite σ/α at T = ${snr.T}, but α_T = 0`,
      {},
      'set time.T a little below where α vanishes, or use dpmpp-2m',
    );
  }
  const sigmas = edmGrid(top, 1 / snr.lambda(snr.epsilon), steps, EDM_RHO);
  const times = Float64Array.from(sigmas, (s) => snr.time(1 / s));
  times[0] = snr.T;
  times[steps] = snr.epsilon;
  return times;
}

/**
 * Integrate rows 0..n−1 of x (in place) along `grid` (t, from T to ε) with EDM's stochastic Heun sampler: two
 * evaluations of x̂ per step. `noise[row]` is row's own stream (needed only when churn > 0).
 */
export function solveEdm(
  problem: SemilinearProblem,
  snr: SignalToNoise,
  grid: Float64Array,
  churn: ChurnSettings,
  x: Float64Array,
  n: number,
  noise: readonly Rng[] | undefined,
  options: MultistepOptions = {},
): SolveResult {
  const d = problem.dim;
  const size = n * d;
  const steps = grid.length - 1;
  const alphas = Array.from(grid, (t) => problem.schedule(t).alpha);
  const sigmas = Array.from(grid, (t) => 1 / snr.lambda(t));
  const gammaMax = Math.min(churn.churn / steps, MAX_GAMMA);
  if (gammaMax > 0 && (!noise || noise.length < n)) throw new Error('solveEdm: churn needs one noise stream per row');
  const scaled = new Float64Array(size); // x̃ at the step's start, then at its (churned) σ̂
  const euler = new Float64Array(size);
  const slope = new Float64Array(size);
  const prediction = new Float64Array(size);
  const unscaled = new Float64Array(size); // α x̃: the field's argument (kept apart from its output)
  const times = new Float64Array(n);
  for (let j = 0; j < size; j++) scaled[j] = x[j]! / alphas[0]!;
  recordGridPoint(options, 0, x, size, d);
  const denoise = (t: number, alpha: number, state: Float64Array) => {
    times.fill(t);
    for (let j = 0; j < size; j++) unscaled[j] = alpha * state[j]!;
    problem.posteriorMean(times, unscaled, n, prediction);
  };
  for (let i = 0; i < steps; i++) {
    const sigma = sigmas[i]!;
    const next = sigmas[i + 1]!;
    const gamma = sigma >= churn.sTmin && sigma <= churn.sTmax ? gammaMax : 0;
    // σ̂ is kept within the design's interval (the field is defined on [ε, T] only)
    const raised = Math.min(sigma * (1 + gamma), sigmas[0]!);
    let t = grid[i]!;
    let alpha = alphas[i]!;
    if (raised > sigma) {
      const spread = Math.sqrt(raised * raised - sigma * sigma) * churn.sNoise;
      for (let row = 0; row < n; row++) {
        const rng = noise![row]!;
        for (let j = row * d; j < (row + 1) * d; j++) scaled[j] = scaled[j]! + spread * rng.normal();
      }
      t = snr.time(1 / raised);
      alpha = problem.schedule(t).alpha;
    }
    const dt = next - raised;
    denoise(t, alpha, scaled);
    for (let j = 0; j < size; j++) {
      slope[j] = (scaled[j]! - prediction[j]!) / raised;
      euler[j] = scaled[j]! + dt * slope[j]!;
    }
    denoise(grid[i + 1]!, alphas[i + 1]!, euler);
    for (let j = 0; j < size; j++) {
      const corrected = (euler[j]! - prediction[j]!) / next;
      scaled[j] = scaled[j]! + 0.5 * dt * (slope[j]! + corrected);
      x[j] = alphas[i + 1]! * scaled[j]!;
    }
    const bad = firstNonFinite(x, size);
    if (bad >= 0) {
      return {
        stats: { nfe: 2 * (i + 1) * n, steps: (i + 1) * n, rejected: 0 },
        failure: {
          row: Math.floor(bad / d),
          t: grid[i + 1]!,
          reason: `the state became non-finite in the EDM step from t = ${grid[i]} to t = ${grid[i + 1]}`,
        },
      };
    }
    recordGridPoint(options, i + 1, x, size, d);
    options.onProgress?.((i + 1) / steps);
  }
  return { stats: { nfe: 2 * steps * n, steps: steps * n, rejected: 0 } };
}
