// Data sets as plain numbers, shared by the layers that read them (io) and those that compute with them (field).

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
