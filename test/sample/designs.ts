// Hand-made FieldKernels and Design-like objects for the sampler's tests: written from docs/mathematics.md's closed
// forms, independently of the design layer (which compiles them from spec files).
import type { Design, FieldKernel, Prior, Rng, Schedule } from '../../src/design/types.js';

/** log sech(u) = log 2 − |u| − log1p(e^{−2|u|}). */
export function logsech(u: number): number {
  const a = Math.abs(u);
  return Math.LN2 - a - Math.log1p(Math.exp(-2 * a));
}

/** log S_{d−1} = log 2 + (d/2) log π − log Γ(d/2), Γ(d/2) by Γ(x + 1) = x Γ(x) from Γ(1/2) = √π, Γ(1) = 1. */
export function logSphereArea(d: number): number {
  let gamma = d % 2 === 0 ? 1 : Math.sqrt(Math.PI);
  for (let x = d % 2 === 0 ? 1 : 0.5; x < d / 2; x++) gamma *= x;
  return Math.log(2) + (d / 2) * Math.log(Math.PI) - Math.log(gamma);
}

export const veSchedule = (t: number): Schedule => ({ alpha: 1, sigma: t, dAlpha: 0, dSigma: 1 });

/** score_sde VP: β(t) = 0.1 + 19.9 t, B = ∫β, α = e^{−B/2}, σ = √(1 − e^{−B}). */
export function vpSchedule(t: number): Schedule {
  const b0 = 0.1;
  const b1 = 20;
  const B = b0 * t + 0.5 * (b1 - b0) * t * t;
  const beta = b0 + (b1 - b0) * t;
  const alpha = Math.exp(-B / 2);
  const sigma = Math.sqrt(-Math.expm1(-B));
  return { alpha, sigma, dAlpha: -0.5 * beta * alpha, dSigma: (0.5 * beta * alpha * alpha) / sigma };
}

export function gaussianPathKernel(schedule: (t: number) => Schedule): FieldKernel {
  return {
    kind: 'path',
    noise: { kind: 'gaussian' },
    schedule,
    logNoise: (rho2) => -0.5 * rho2,
    dLogNoise: () => -0.5,
  };
}

/** Poisson noise with D augmented dimensions: log q = −(d+D)/2 log1p(ρ²). `asGeneral` hides the kind. */
export function poissonPathKernel(d: number, D: number, asGeneral = false): FieldKernel {
  const c = (d + D) / 2;
  return {
    kind: 'path',
    noise: asGeneral ? { kind: 'radial' } : { kind: 'poisson', augment: D },
    schedule: veSchedule,
    logNoise: (rho2) => -c * Math.log1p(rho2),
    dLogNoise: (rho2) => -c / (1 + rho2),
  };
}

/** ψ_t(r) = tanh(r/t): log φ = 2 log sech(r/t) − log t − log S_{d−1} − (d−1) log r, k = 1/t. */
export function tanhKernel(d: number): FieldKernel {
  const logS = logSphereArea(d);
  return {
    kind: 'radial',
    logPhi: (t, r) => 2 * logsech(r / t) - Math.log(t) - logS - (d - 1) * Math.log(r),
    k: (t) => 1 / t,
    dLogPhiDr: (t, r) => (-2 * Math.tanh(r / t)) / t - (d - 1) / r,
  };
}

function isotropicPrior(d: number, radius: (rng: Rng) => number): Prior {
  return {
    kind: 'custom',
    logDensity: () => Number.NaN,
    radialCdf: () => Number.NaN,
    sample(n, rng) {
      const out = new Float64Array(n * d);
      for (let i = 0; i < n; i++) {
        let norm = 0;
        for (let k = 0; k < d; k++) {
          out[i * d + k] = rng.normal();
          norm += out[i * d + k]! ** 2;
        }
        const r = radius(rng) / Math.sqrt(norm);
        for (let k = 0; k < d; k++) out[i * d + k]! *= r;
      }
      return out;
    },
  };
}

function gaussianPrior(d: number, std: number): Prior {
  return {
    kind: 'gaussian',
    logDensity: () => Number.NaN,
    radialCdf: () => Number.NaN,
    sample(n, rng) {
      const out = new Float64Array(n * d);
      for (let i = 0; i < n * d; i++) out[i] = std * rng.normal();
      return out;
    },
  };
}

/** Only what the sampler reads from a Design; the rest is left out on purpose. */
export type SamplerDesign = Pick<Design, 'name' | 'dimension' | 'T' | 'epsilon' | 'prior' | 'fieldKernel'>;

function design(name: string, d: number, T: number, epsilon: number, prior: Prior, fieldKernel: FieldKernel): Design {
  const partial: SamplerDesign = { name, dimension: d, T, epsilon, prior, fieldKernel };
  return partial as Design;
}

export const veDesign = (d: number, T = 80, epsilon = 1e-3): Design =>
  design('ve', d, T, epsilon, gaussianPrior(d, T), gaussianPathKernel(veSchedule));

export const vpDesign = (d: number, epsilon = 1e-3): Design =>
  design('vp', d, 1, epsilon, gaussianPrior(d, vpSchedule(1).sigma), gaussianPathKernel(vpSchedule));

/** PFGM (D augmented dims), prior T ε_x/|ε_D| by the ratio trick. */
export function poissonDesign(d: number, D = 1, T = 40, epsilon = 1e-3): Design {
  const prior = isotropicPrior(d, (rng) => {
    let n2 = 0;
    for (let k = 0; k < D; k++) n2 += rng.normal() ** 2;
    let x2 = 0;
    for (let k = 0; k < d; k++) x2 += rng.normal() ** 2;
    return (T * Math.sqrt(x2)) / Math.sqrt(n2);
  });
  return design('poisson', d, T, epsilon, prior, poissonPathKernel(d, D));
}

/** tanh(r/t): radius T artanh(u) by inverse CDF. */
export const tanhDesign = (d: number, T = 40, epsilon = 1e-3): Design =>
  design(
    'tanh',
    d,
    T,
    epsilon,
    isotropicPrior(d, (rng) => T * Math.atanh(rng.uniform())),
    tanhKernel(d),
  );

/** A small deterministic generator for test inputs (mulberry32 + Box–Muller); not the product's RNG. */
export function testRng(seed: number): Rng {
  let a = seed >>> 0;
  const uniform = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
  return {
    uniform,
    normal: () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform()),
  };
}

/** The 8-gaussians toy data of numpy_sampler.py (radius 4, std 0.1), with this file's generator. */
export function eightGaussians(m: number, d: number, seed: number): Float64Array {
  const rng = testRng(seed);
  const out = new Float64Array(m * d);
  for (let i = 0; i < m; i++) {
    const k = Math.floor(rng.uniform() * 8);
    const ang = (2 * Math.PI * k) / 8;
    out[i * d] = 4 * Math.cos(ang) + 0.1 * rng.normal();
    out[i * d + 1] = 4 * Math.sin(ang) + 0.1 * rng.normal();
    for (let c = 2; c < d; c++) out[i * d + c] = 0.1 * rng.normal();
  }
  return out;
}
