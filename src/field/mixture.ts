// The exact marginal field of an isotropic Gaussian mixture under a Gaussian-noise path: the analytic
// counterpart of the empirical field, for testing samplers against a known target distribution.
import type { Rng } from '../numeric/rng.js';
import type { FieldKernel } from './types.js';
import { OdeforgeError } from '../errors.js';
import type { BatchField, GaussianMixture } from './types.js';

/** A validated mixture: weights normalized, means flat J × dim. */
export interface MixtureParameters {
  weights: Float64Array;
  means: Float64Array;
  stds: Float64Array;
  components: number;
  dim: number;
}

/** Check a mixture's shapes and values; `dim` is the design's dimension when known. */
export function mixtureParameters(mix: GaussianMixture, dim?: number, file?: string): MixtureParameters {
  const where = { file };
  const J = mix.weights?.length ?? 0;
  if (J === 0) throw new OdeforgeError('a Gaussian mixture needs at least one component in "weights"', where);
  if (mix.means?.length !== J || mix.stds?.length !== J) {
    throw new OdeforgeError(
      `a Gaussian mixture needs as many "means" and "stds" as "weights" (${J}); got ${mix.means?.length ?? 0} and ${mix.stds?.length ?? 0}`,
      where,
    );
  }
  const d = dim ?? mix.means[0]!.length;
  const weights = new Float64Array(J);
  const means = new Float64Array(J * d);
  const stds = new Float64Array(J);
  let total = 0;
  for (let j = 0; j < J; j++) {
    const w = mix.weights[j]!;
    const s = mix.stds[j]!;
    const mu = mix.means[j]!;
    if (!(Number.isFinite(w) && w > 0))
      throw new OdeforgeError(`mixture weight ${j + 1} must be a positive number, got ${w}`, where);
    if (!(Number.isFinite(s) && s > 0))
      throw new OdeforgeError(`mixture std ${j + 1} must be a positive number, got ${s}`, where);
    if (mu.length !== d) {
      throw new OdeforgeError(
        `mixture mean ${j + 1} has ${mu.length} coordinates, expected ${d} (the dimension)`,
        where,
      );
    }
    for (let k = 0; k < d; k++) {
      if (!Number.isFinite(mu[k]))
        throw new OdeforgeError(`mixture mean ${j + 1}, coordinate ${k + 1} is not a finite number`, where);
      means[j * d + k] = mu[k]!;
    }
    weights[j] = w;
    stds[j] = s;
    total += w;
  }
  for (let j = 0; j < J; j++) weights[j]! /= total;
  return { weights, means, stds, components: J, dim: d };
}

/**
 * Marginal of component j at t: N(α μ_j, v_j I), v_j = α² s_j² + σ². Its velocity is linear in x:
 * v_j(x) = α̇ m_j + σ̇ σ (x − α μ_j)/v_j with the posterior mean m_j = μ_j + α s_j² (x − α μ_j)/v_j
 * (E[α̇ x0 + σ̇ z | x_t = x, j], written without 1/σ), and the mixture field is Σ_j w_j(x) v_j(x).
 */
export class MixtureField implements BatchField {
  readonly dim: number;
  private readonly p: MixtureParameters;
  private readonly logw: Float64Array;
  private readonly variance: Float64Array;

  constructor(
    private readonly kernel: FieldKernel,
    mix: MixtureParameters,
  ) {
    if (kernel.kind !== 'path' || kernel.noise.kind !== 'gaussian') {
      throw new OdeforgeError(
        'Gaussian-mixture data needs a design with Gaussian noise (a path or sde family)',
        {},
        'sample this design from data points instead (--data FILE or --dataset NAME)',
      );
    }
    this.p = mix;
    this.dim = mix.dim;
    this.logw = new Float64Array(mix.components);
    this.variance = new Float64Array(mix.components);
  }

  velocity(t: Float64Array, x: Float64Array, n: number, out: Float64Array): void {
    this.evaluate(t, x, n, out, 'velocity');
  }

  score(t: Float64Array, x: Float64Array, n: number, out: Float64Array): void {
    this.evaluate(t, x, n, out, 'score');
  }

  /** x̂ = Σ_j w_j(x) m_j(x), the posterior mean of x0. */
  posteriorMean(t: Float64Array, x: Float64Array, n: number, out: Float64Array): void {
    this.evaluate(t, x, n, out, 'posteriorMean');
  }

  private evaluate(
    t: Float64Array,
    x: Float64Array,
    n: number,
    out: Float64Array,
    quantity: 'velocity' | 'score' | 'posteriorMean',
  ): void {
    const kernel = this.kernel;
    if (kernel.kind !== 'path') throw new Error('unreachable');
    const { weights, means, stds, components: J, dim: d } = this.p;
    const { logw, variance } = this;
    for (let i = 0; i < n; i++) {
      const { alpha: a, sigma: s, dAlpha: da, dSigma: ds } = kernel.schedule(t[i]!);
      const base = i * d;
      let max = -Infinity;
      for (let j = 0; j < J; j++) {
        const v = a * a * stds[j]! * stds[j]! + s * s;
        let q = 0;
        for (let k = 0; k < d; k++) {
          const e = x[base + k]! - a * means[j * d + k]!;
          q += e * e;
        }
        variance[j] = v;
        logw[j] = Math.log(weights[j]!) - 0.5 * d * Math.log(v) - (0.5 * q) / v;
        if (logw[j]! > max) max = logw[j]!;
      }
      let sum = 0;
      for (let j = 0; j < J; j++) {
        logw[j] = Math.exp(logw[j]! - max);
        sum += logw[j]!;
      }
      for (let k = 0; k < d; k++) out[base + k] = 0;
      for (let j = 0; j < J; j++) {
        const w = logw[j]! / sum;
        const v = variance[j]!;
        const gain = (a * stds[j]! * stds[j]!) / v;
        for (let k = 0; k < d; k++) {
          const e = x[base + k]! - a * means[j * d + k]!;
          const posteriorMean = means[j * d + k]! + gain * e;
          if (quantity === 'score') out[base + k] = out[base + k]! - (w * e) / v;
          else if (quantity === 'posteriorMean') out[base + k] = out[base + k]! + w * posteriorMean;
          else out[base + k] = out[base + k]! + w * (da * posteriorMean + (ds * s * e) / v);
        }
      }
    }
  }
}

/** n independent draws from the mixture, flat n × dim (for tests and for comparing samplers). */
export function sampleMixture(mix: MixtureParameters, n: number, rng: Rng): Float64Array {
  const { weights, means, stds, components: J, dim: d } = mix;
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const u = rng.uniform();
    let j = 0;
    let cum = weights[0]!;
    while (u > cum && j < J - 1) cum += weights[++j]!;
    for (let k = 0; k < d; k++) out[i * d + k] = means[j * d + k]! + stds[j]! * rng.normal();
  }
  return out;
}
