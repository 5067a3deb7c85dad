// The batched vector-field interface the solvers integrate, and the data sources a field is built from.
// Plain numbers only: nothing here knows about spec files or symbolic expressions. The design layer builds a
// FieldKernel (with its Schedule and NoiseLaw); the field consumes it.
import type { EmpiricalData, GaussianMixture } from '../numeric/data.js';

export type { EmpiricalData, GaussianMixture };

/**
 * A marginal field over a batch of states held in one flat Float64Array (n × dim, row-major).
 * Each row has its own time (adaptive solvers step samples independently); the result for a row
 * depends only on that row's time and state, never on the rest of the batch.
 */
export interface BatchField {
  readonly dim: number;
  /** out[i] = f_{t[i]}(x[i]) for rows i < n: the marginal velocity (docs/mathematics.md §1). */
  velocity(t: Float64Array, x: Float64Array, n: number, out: Float64Array): void;
  /** out[i] = ∇ log p_{t[i]}(x[i]) for rows i < n. */
  score(t: Float64Array, x: Float64Array, n: number, out: Float64Array): void;
  /**
   * Path kernels only: out[i] = x̂ = E[x0 | x_t = x[i]], the data prediction; the velocity is then
   * f = (σ̇/σ) x + (α̇ − α σ̇/σ) x̂ (docs/mathematics.md §5).
   */
  posteriorMean?(t: Float64Array, x: Float64Array, n: number, out: Float64Array): void;
}

/** α_t, σ_t and their time derivatives (flow_matching's SchedulerOutput). */
export interface Schedule {
  alpha: number;
  sigma: number;
  dAlpha: number;
  dSigma: number;
}

export type NoiseLaw = { kind: 'gaussian' } | { kind: 'poisson'; augment: number } | { kind: 'radial' };

/**
 * What the marginal field of an empirical data set needs, compiled to plain JS functions.
 * - path: p_t(x|x0) = σ^{-d} q(|x − α x0|²/σ²); f = (σ̇/σ) x + (α̇ − α σ̇/σ) x̂  (docs/mathematics.md §5).
 *   `logNoise(ρ²)` is log q up to an additive constant; `dLogNoise(ρ²)` is d log q / d(ρ²) (score).
 * - radial: p_t(x|x0) = φ_t(r); v = k_t(r)(x − x0)  (docs/mathematics.md §2).
 */
export type FieldKernel =
  | {
      kind: 'path';
      noise: NoiseLaw;
      schedule(t: number): Schedule;
      logNoise(rho2: number): number;
      dLogNoise(rho2: number): number;
    }
  | {
      kind: 'radial';
      /** log φ_t(r), normalized. */
      logPhi(t: number, r: number): number;
      /** k_t(r) = −∂tψ / (r ∂rψ). */
      k(t: number, r: number): number;
      /** ∂_r log φ_t(r), for the score. */
      dLogPhiDr(t: number, r: number): number;
      /** ∂_r k_t(r), for the divergence of the field (likelihood); absent where the design has no exact form. */
      dkDr?(t: number, r: number): number;
      /**
       * The field's hot loops, when the design compiled them (symbolic designs). Both take r² in
       * radius2[c] for c < count, write r to root[c] (root may be radius2) and return the largest output:
       * - logRow: out[c] = log φ_t(r) − c(t), c(t) any function of t alone (it cancels once a row's
       *   weights are normalized), accurate for any r;
       * - directRow: out[c] = φ_t(r)·C(t), C(t) > 0 any function of t alone, the same weights without
       *   logs; it may under- or overflow, so the field uses it only when its largest output is safe.
       */
      logRow?(t: number, radius2: Float64Array, count: number, root: Float64Array, out: Float64Array): number;
      directRow?(t: number, radius2: Float64Array, count: number, root: Float64Array, out: Float64Array): number;
      /** k_t when it does not depend on r (every scale family ψ = F(r/s(t))): one value per row. */
      kOfT?(t: number): number;
      /**
       * φ_t(r) is proven non-increasing in r for every t (∂r log φ ≤ 0 by sign analysis of its tree),
       * so data beyond the radius where log φ falls below the cutoff may be skipped unseen.
       */
      nonIncreasing?: boolean;
    };
