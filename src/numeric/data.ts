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

/**
 * Data points in a shared WebAssembly memory, `stride` doubles apart (d rounded up to even, zero padding) from byte
 * `offset`: where the field's SIMD kernels of every thread read them (made by the field layer; it crosses to
 * worker threads by postMessage without a copy).
 */
export interface SharedPoints {
  memory: WebAssembly.Memory;
  offset: number;
  stride: number;
  /** Names the memory in every thread (a WebAssembly.Memory arrives in a worker as a new object). */
  id: string;
}

/** An empirical data set: m points of `dim` coordinates, flat row-major. */
export interface EmpiricalData {
  data: Float64Array;
  rows: number;
  dim: number;
  /** The same points where the field's kernels read them, when they are already there (shared by threads). */
  points?: SharedPoints;
}
