// The exact divergence ∇·f_t of the marginal field of an empirical data set, with the velocity, in one pass per
// state (docs/mathematics.md §11): what the instantaneous change of variables integrates for log-likelihoods.
// A class of its own, beside EmpiricalField: the sampler's hot loops stay as they are, and the likelihood gets
// the velocity and its divergence from the same weights.
import { OdeforgeError } from '../errors.js';
import { expNeg } from '../numeric/expneg.js';
import { logWeightCutoff } from './empirical.js';
import type { EmpiricalData, FieldKernel, Schedule } from './types.js';

type PathKernel = Extract<FieldKernel, { kind: 'path' }>;
type RadialKernel = Extract<FieldKernel, { kind: 'radial' }>;

/**
 * The marginal field f_t(x) = Σ_i w_i v_t(x|x_i) and its divergence, row by row:
 * - paths, f = a x + c x̂ (a = σ̇/σ, c = α̇ − α σ̇/σ), g_i = ∇ log q(ρ_i²), ḡ = Σ w_i g_i:
 *   ∇·f = d a + c Σ_i w_i (x_i − x̂)·(g_i − ḡ), for Gaussian noise c (α/σ²) Σ_i w_i |x_i − x̂|²;
 * - radial, f = Σ w_i k_i (x − x_i), s_i = ∂_r log φ(r_i) (x − x_i)/r_i, s̄ = Σ w_i s_i:
 *   ∇·f = Σ_i w_i (d k_i + r_i ∂_r k_i) + Σ_i w_i (k_i (x − x_i) − f)·(s_i − s̄).
 * Weights below e^{−cut} of a row's largest are skipped, as in EmpiricalField (they cannot change a sum of
 * m terms in float64). A row without any weight (x outside every kernel's support) gets NaN.
 * Not safe to call concurrently on one instance (scratch buffers); one instance per thread.
 */
export class DivergenceField {
  readonly dim: number;
  private readonly data: Float64Array;
  private readonly m: number;
  private readonly cut: number;
  private readonly logw: Float64Array;
  /** The row's surviving data indices, their weights and per-point coefficients. */
  private readonly index: Int32Array;
  private readonly weight: Float64Array;
  private readonly coefK: Float64Array;
  private readonly coefS: Float64Array;
  private readonly radius: Float64Array;
  private readonly mean: Float64Array;
  private readonly meanScore: Float64Array;
  private readonly dkDr: (t: number, r: number) => number;
  private cachedT = Number.NaN;
  private cachedSchedule: Schedule = { alpha: 1, sigma: 1, dAlpha: 0, dSigma: 0 };

  /** @throws OdeforgeError for a radial kernel whose k_t(r) has no exact ∂_r k (profiles normalized by quadrature) */
  constructor(
    private readonly kernel: FieldKernel,
    data: EmpiricalData,
  ) {
    this.dim = data.dim;
    this.data = data.data;
    this.m = data.rows;
    this.cut = logWeightCutoff(this.m);
    this.logw = new Float64Array(this.m);
    this.index = new Int32Array(this.m);
    this.weight = new Float64Array(this.m);
    this.coefK = new Float64Array(this.m);
    this.coefS = new Float64Array(this.m);
    this.radius = new Float64Array(this.m);
    this.mean = new Float64Array(this.dim);
    this.meanScore = new Float64Array(this.dim);
    this.dkDr = kernel.kind === 'radial' ? radialDkDr(kernel) : () => 0;
  }

  /** out[i] = f_{t[i]}(x[i]) and div[i] = ∇·f_{t[i]}(x[i]) for rows i < n of x (n × dim). */
  velocityAndDivergence(t: Float64Array, x: Float64Array, n: number, out: Float64Array, div: Float64Array): void {
    const d = this.dim;
    for (let i = 0; i < n; i++) div[i] = this.row(t[i]!, x, i * d, out, i * d);
  }

  /**
   * The augmented ODE of the instantaneous change of variables, rows of dim + 1 values [x, ℓ]:
   * out = [f_t(x), ∇·f_t(x)] (an OdeTerm of dimension dim + 1 for the solvers).
   */
  evaluateAugmented(t: Float64Array, y: Float64Array, n: number, out: Float64Array): void {
    const stride = this.dim + 1;
    for (let i = 0; i < n; i++) out[i * stride + this.dim] = this.row(t[i]!, y, i * stride, out, i * stride);
  }

  /**
   * The semi-linear form f = a x + c x̂ (a = σ̇/σ, c = α̇ − α σ̇/σ) with ∇·f = d a + c ∇·x̂, rows of dim + 1
   * values [x, ·]: out = [x̂, ∇·x̂]. Paths: their data prediction x̂ = Σ w_i x_i; radial designs: α = 1,
   * σ = t and x̂ := x − t f, an exact rewriting (as the sampler's λ variable, sample/chunk.ts).
   */
  predictionAugmented(t: Float64Array, y: Float64Array, n: number, out: Float64Array): void {
    const d = this.dim;
    const stride = d + 1;
    for (let i = 0; i < n; i++) {
      const base = i * stride;
      const ti = t[i]!;
      if (this.kernel.kind === 'path') {
        out[base + d] = this.pathPrediction(this.kernel, ti, y, base);
        for (let k = 0; k < d; k++) out[base + k] = this.mean[k]!;
        continue;
      }
      const divergence = this.radialRow(this.kernel, ti, y, base, out, base);
      for (let k = 0; k < d; k++) out[base + k] = y[base + k]! - ti * out[base + k]!;
      out[base + d] = d - ti * divergence;
    }
  }

  /** Velocity of the row at x[base], written at out[outBase]; returns the divergence. */
  private row(t: number, x: Float64Array, base: number, out: Float64Array, outBase: number): number {
    if (this.kernel.kind === 'radial') return this.radialRow(this.kernel, t, x, base, out, outBase);
    const spread = this.pathPrediction(this.kernel, t, x, base);
    const { alpha: a, sigma, dAlpha, dSigma } = this.schedule(this.kernel, t);
    const rate = dSigma / sigma;
    const c = dAlpha - a * rate;
    for (let k = 0; k < this.dim; k++) out[outBase + k] = rate * x[base + k]! + c * this.mean[k]!;
    return this.dim * rate + c * spread;
  }

  private schedule(kernel: PathKernel, t: number): Schedule {
    if (t !== this.cachedT) {
      this.cachedSchedule = kernel.schedule(t);
      this.cachedT = t;
    }
    return this.cachedSchedule;
  }

  /** Path kernels: x̂ = Σ w_i x_i into mean[] (NaN without weights); returns ∇·x̂ = Σ w_i (x_i − x̂)·(g_i − ḡ). */
  private pathPrediction(kernel: PathKernel, t: number, x: Float64Array, base: number): number {
    const { data, dim: d, m, logw, radius, mean, meanScore, index, weight, coefS } = this;
    const { alpha: a, sigma } = this.schedule(kernel, t);
    const s2 = sigma * sigma;
    let max = -Infinity;
    for (let j = 0; j < m; j++) {
      let q = 0;
      for (let k = 0; k < d; k++) {
        const e = x[base + k]! - a * data[j * d + k]!;
        q += e * e;
      }
      radius[j] = q / s2;
      const l = kernel.logNoise(q / s2);
      logw[j] = l;
      if (l > max) max = l;
    }
    const count = this.survivors(max);
    if (count === 0) {
      mean.fill(Number.NaN);
      return Number.NaN;
    }
    const gaussian = kernel.noise.kind === 'gaussian';
    mean.fill(0);
    meanScore.fill(0);
    let sum = 0;
    for (let c = 0; c < count; c++) {
      const j = index[c]!;
      const w = weight[c]!;
      sum += w;
      // g_j = γ_j (x − α x_j), γ_j = 2 (log q)'(ρ_j²)/σ²
      const gamma = gaussian ? 0 : (2 * kernel.dLogNoise(radius[j]!)) / s2;
      coefS[c] = gamma;
      for (let k = 0; k < d; k++) {
        const xj = data[j * d + k]!;
        mean[k] = mean[k]! + w * xj;
        if (!gaussian) meanScore[k] = meanScore[k]! + w * gamma * (x[base + k]! - a * xj);
      }
    }
    const inv = 1 / sum;
    for (let k = 0; k < d; k++) {
      mean[k] = mean[k]! * inv;
      meanScore[k] = meanScore[k]! * inv;
    }
    // Σ w_j (x_j − x̂)·(g_j − ḡ); Gaussian noise: g_j − ḡ = α (x_j − x̂)/σ², no cancellation at small σ
    let spread = 0;
    for (let c = 0; c < count; c++) {
      const j = index[c]!;
      let dot = 0;
      for (let k = 0; k < d; k++) {
        const offset = data[j * d + k]! - mean[k]!;
        dot += gaussian
          ? offset * offset
          : offset * (coefS[c]! * (x[base + k]! - a * data[j * d + k]!) - meanScore[k]!);
      }
      spread += weight[c]! * dot;
    }
    spread *= inv;
    return gaussian ? (spread * a) / s2 : spread;
  }

  private radialRow(
    kernel: RadialKernel,
    t: number,
    x: Float64Array,
    base: number,
    out: Float64Array,
    ob: number,
  ): number {
    const { data, dim: d, m, logw, radius, mean, meanScore, index, weight, coefK, coefS } = this;
    let max = -Infinity;
    for (let j = 0; j < m; j++) {
      let q = 0;
      for (let k = 0; k < d; k++) {
        const e = x[base + k]! - data[j * d + k]!;
        q += e * e;
      }
      const r = Math.sqrt(q);
      radius[j] = r;
      const l = kernel.logPhi(t, r);
      logw[j] = l;
      if (l > max) max = l;
    }
    const count = this.survivors(max);
    if (count === 0) return this.noWeight(out, ob);
    const kOfT = kernel.kOfT?.(t);
    mean.fill(0); // f
    meanScore.fill(0); // s̄
    let sum = 0;
    let own = 0; // Σ w_j (d k_j + r_j ∂_r k_j)
    for (let c = 0; c < count; c++) {
      const j = index[c]!;
      const w = weight[c]!;
      const r = radius[j]!;
      const k = kOfT ?? kernel.k(t, r);
      // ∇ log φ(|x − x_j|) = ∂_r log φ (x − x_j)/r, zero at r = 0 by symmetry; r ∂_r k likewise 0 there
      const s = r > 0 ? kernel.dLogPhiDr(t, r) / r : 0;
      coefK[c] = k;
      coefS[c] = s;
      sum += w;
      own += w * (d * k + (r > 0 && kOfT === undefined ? r * this.dkDr(t, r) : 0));
      for (let i = 0; i < d; i++) {
        const e = x[base + i]! - data[j * d + i]!;
        mean[i] = mean[i]! + w * k * e;
        meanScore[i] = meanScore[i]! + w * s * e;
      }
    }
    const inv = 1 / sum;
    for (let i = 0; i < d; i++) {
      mean[i] = mean[i]! * inv;
      meanScore[i] = meanScore[i]! * inv;
    }
    let spread = 0;
    for (let c = 0; c < count; c++) {
      const j = index[c]!;
      let dot = 0;
      for (let i = 0; i < d; i++) {
        const e = x[base + i]! - data[j * d + i]!;
        dot += (coefK[c]! * e - mean[i]!) * (coefS[c]! * e - meanScore[i]!);
      }
      spread += weight[c]! * dot;
    }
    for (let i = 0; i < d; i++) out[ob + i] = mean[i]!;
    return (own + spread) * inv;
  }

  /**
   * index[], weight[] of the data points within the cutoff of the row's largest log-weight (logw[]); a +∞
   * largest (x on a singular kernel's centre) keeps those at +∞ with weight 1. Returns their count.
   */
  private survivors(max: number): number {
    const { logw, index, weight, m } = this;
    let kept = 0;
    if (max === Infinity) {
      for (let j = 0; j < m; j++) {
        if (logw[j] === Infinity) {
          index[kept] = j;
          weight[kept++] = 1;
        }
      }
      return kept;
    }
    if (!(max > -Infinity)) return 0;
    const limit = max - this.cut;
    for (let j = 0; j < m; j++) {
      const l = logw[j]!;
      if (l >= limit) {
        index[kept] = j;
        weight[kept++] = expNeg(l - max);
      }
    }
    return kept;
  }

  /** No data point's kernel reaches x: there is no field here (NaN, which the solver reports). */
  private noWeight(out: Float64Array, ob: number): number {
    for (let k = 0; k < this.dim; k++) out[ob + k] = Number.NaN;
    return Number.NaN;
  }
}

/** ∂_r k_t(r): the design's exact one, 0 when k depends on t alone. */
function radialDkDr(kernel: RadialKernel): (t: number, r: number) => number {
  if (kernel.dkDr) return kernel.dkDr;
  if (kernel.kOfT) return () => 0;
  throw new OdeforgeError(
    "this design's k_t(r) has no exact derivative in r (its profile is normalized by quadrature), so the divergence of its field is not available",
    {},
    'give the radial design by its cumulative ψ_t(r), or a `velocity:` k_t(r) with a derivative',
  );
}
