// The batched vector-field interface the solvers integrate, and the data sources a field is built from.
// Plain numbers only: nothing here knows about spec files or symbolic expressions.

/**
 * A marginal field over a batch of states held in one flat Float64Array (n × dim, row-major).
 * Each row has its own time (adaptive solvers step samples independently); the result for a row
 * depends only on that row's time and state, never on the rest of the batch.
 */
export interface BatchField {
  readonly dim: number;
  /** out[i] = f_{t[i]}(x[i]) for rows i < n: the marginal velocity (MATH.md §1). */
  velocity(t: Float64Array, x: Float64Array, n: number, out: Float64Array): void;
  /** out[i] = ∇ log p_{t[i]}(x[i]) for rows i < n. */
  score(t: Float64Array, x: Float64Array, n: number, out: Float64Array): void;
  /**
   * Path kernels only: out[i] = x̂ = E[x0 | x_t = x[i]], the data prediction; the velocity is then
   * f = (σ̇/σ) x + (α̇ − α σ̇/σ) x̂ (MATH.md §5).
   */
  posteriorMean?(t: Float64Array, x: Float64Array, n: number, out: Float64Array): void;
}

/** An isotropic Gaussian mixture Σ_j w_j N(μ_j, s_j² I): an analytic data distribution. */
export interface GaussianMixture {
  /** Mixture weights (normalized on construction of the field). */
  weights: readonly number[];
  /** Component means, one row of `dim` numbers each. */
  means: readonly (readonly number[])[];
  /** Component standard deviations s_j > 0 (isotropic). */
  stds: readonly number[];
}

/** An empirical data set: m points of `dim` coordinates, flat row-major. */
export interface EmpiricalData {
  data: Float64Array;
  rows: number;
  dim: number;
}
