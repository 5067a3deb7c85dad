// Reverse-time SDE samplers. For any g_t ≥ 0 the forward SDE dx = [v_t + ½ g_t² ∇log p_t] dt + g_t dW has the
// marginals p_t of the ODE dx = v_t dt (its Fokker–Planck equation reduces to the continuity equation), and
// its time reversal dx = [v_t − ½ g_t² ∇log p_t] dt + g_t dW̄ carries p_T back to p_ε. Euler–Maruyama steps
// it; the predictor–corrector sampler adds Langevin steps at each new time (score_sde's PC sampler).
import type { Rng } from '../numeric/rng.js';
import { firstNonFinite, recordGridPoint, type MultistepOptions } from './dpmpp.js';
import type { SolveResult } from './types.js';

/** What a reverse SDE needs of a design and its data: the marginal velocity and score, and g_t. */
export interface DiffusionProblem {
  readonly dim: number;
  /** velocity[i] = v_t(x_i) and score[i] = ∇log p_t(x_i) for rows i < n, all at time t[i]. */
  velocityAndScore(t: Float64Array, x: Float64Array, n: number, velocity: Float64Array, score: Float64Array): void;
  /** Field evaluations one velocityAndScore call costs per row (1 when both come from one pass). */
  readonly evaluationsPerCall: number;
  /** score[i] = ∇log p_t(x_i) (one evaluation per row). */
  score(t: Float64Array, x: Float64Array, n: number, out: Float64Array): void;
  /** g_t² of the default diffusion (before η scales g). */
  diffusionSquared(t: number): number;
  /** The kernel's noise scale σ_t at t (the corrector's step size is proportional to σ_t²). */
  noiseScale(t: number): number;
}

export interface LangevinCorrector {
  /** Signal-to-noise ratio r: step size 2 (r σ_t)². */
  snr: number;
  /** Langevin steps after each predictor step. */
  steps: number;
}

export interface ReverseSdeOptions extends MultistepOptions {
  /** g is η g_t: η = 0 is the ODE (Euler), η = 1 the default diffusion. */
  eta: number;
  corrector?: LangevinCorrector;
}

/**
 * Integrate rows 0..n−1 of x (in place) along `grid` (t, from T to ε): per step, with h = t − t' > 0,
 * x' = x − h [v_t(x) − ½ η² g_t² ∇log p_t(x)] + η g_t √h z (Euler–Maruyama in reverse time), then `steps`
 * Langevin steps x ← x + ε ∇log p_{t'}(x) + √(2ε) z with ε = 2 (snr σ_{t'})² when a corrector is given. Row i
 * draws every z from noise[i] alone, so its result does not depend on which other rows share the batch.
 */
export function solveReverseSde(
  problem: DiffusionProblem,
  grid: Float64Array,
  x: Float64Array,
  n: number,
  noise: readonly Rng[],
  options: ReverseSdeOptions,
): SolveResult {
  const d = problem.dim;
  const size = n * d;
  const steps = grid.length - 1;
  if (noise.length < n) throw new Error('solveReverseSde: one noise stream per row is needed');
  const velocity = new Float64Array(size);
  const score = new Float64Array(size);
  const times = new Float64Array(n);
  const corrector = options.corrector;
  const perStep = problem.evaluationsPerCall + (corrector ? corrector.steps : 0);
  recordGridPoint(options, 0, x, size, d);
  for (let i = 0; i < steps; i++) {
    const t = grid[i]!;
    const next = grid[i + 1]!;
    const h = t - next;
    const g2 = options.eta * options.eta * problem.diffusionSquared(t);
    times.fill(t);
    problem.velocityAndScore(times, x, n, velocity, score);
    const spread = Math.sqrt(g2 * h);
    for (let row = 0; row < n; row++) {
      const rng = noise[row]!;
      for (let j = row * d; j < (row + 1) * d; j++) {
        const drift = velocity[j]! - 0.5 * g2 * score[j]!;
        x[j] = x[j]! - h * drift + (spread > 0 ? spread * rng.normal() : 0);
      }
    }
    if (corrector) langevin(problem, corrector, next, x, n, noise, times, score);
    const bad = firstNonFinite(x, size);
    if (bad >= 0) {
      return {
        stats: { nfe: perStep * (i + 1) * n, steps: (i + 1) * n, rejected: 0 },
        failure: {
          row: Math.floor(bad / d),
          t: next,
          reason: `the state became non-finite in the stochastic step from t = ${t} to t = ${next}`,
        },
      };
    }
    recordGridPoint(options, i + 1, x, size, d);
    options.onProgress?.((i + 1) / steps);
  }
  return { stats: { nfe: perStep * steps * n, steps: steps * n, rejected: 0 } };
}

/**
 * Langevin steps at time t targeting p_t. score_sde's LangevinCorrector takes ε = 2 (r ‖z‖/‖∇log p‖)² with both
 * norms averaged over the batch; here they are replaced by their values under the kernel, ‖z‖ ≈ √d and
 * ‖∇log p‖ ≈ √d/σ_t, so that each row's step depends on no other row (and stays bounded where ∇log p ≈ 0).
 */
function langevin(
  problem: DiffusionProblem,
  corrector: LangevinCorrector,
  t: number,
  x: Float64Array,
  n: number,
  noise: readonly Rng[],
  times: Float64Array,
  score: Float64Array,
): void {
  const d = problem.dim;
  const sigma = problem.noiseScale(t);
  const stepSize = 2 * (corrector.snr * sigma) ** 2;
  const spread = Math.sqrt(2 * stepSize);
  times.fill(t);
  for (let k = 0; k < corrector.steps; k++) {
    problem.score(times, x, n, score);
    for (let row = 0; row < n; row++) {
      const rng = noise[row]!;
      for (let j = row * d; j < (row + 1) * d; j++) x[j] = x[j]! + stepSize * score[j]! + spread * rng.normal();
    }
  }
}
