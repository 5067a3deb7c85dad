// Isotropic noise laws z of a path x_t = α_t x0 + σ_t z (docs/mathematics.md §4, §5): normalized log-density as a
// function of ρ² = |z|², its derivative (for the score), radial CDF and quantile, and a sampler.
import { betaI, betaIInv, gammaP, gammaPInv, logPoissonConstant } from '../numeric/special.js';
import type { NoiseSpec } from '../spec/index.js';
import { gcd, halfIntegerGamma, symbol, substitute } from '../symbolic/index.js';
import type { Binding } from './bind.js';
import { radialProfile, type RadialProfile } from './profile.js';
import type { DerivedQuantity, NoiseLaw, Rng } from './types.js';

export interface Noise {
  law: NoiseLaw;
  /** log q(z) with ρ² = |z|², normalized in R^d. */
  logDensity(rho2: number): number;
  /** d log q / d(ρ²). */
  dLogDensity(rho2: number): number;
  /** P(|z| ≤ ρ). */
  cdf(rho: number): number;
  quantile(u: number): number;
  /** Write one draw of z into out[offset .. offset + d). */
  draw(rng: Rng, out: Float64Array, offset: number): void;
  derivation: Record<string, DerivedQuantity>;
}

export function noiseFor(spec: NoiseSpec, binding: Binding): Noise {
  switch (spec.kind) {
    case 'gaussian':
      return gaussianNoise(binding.d);
    case 'poisson':
      return poissonNoise(binding.d, spec.augment);
    case 'radial':
      return radialNoise(radialProfile(substitute(spec.cdf.node, { rho: symbol('r') }), binding), binding.d);
  }
}

/** z ∼ N(0, I_d); P(|z| ≤ ρ) = P(d/2, ρ²/2)  (docs/mathematics.md §3). */
export function gaussianNoise(d: number): Noise {
  const logNorm = -0.5 * d * Math.log(2 * Math.PI);
  return {
    law: { kind: 'gaussian' },
    logDensity: (rho2) => logNorm - 0.5 * rho2,
    dLogDensity: () => -0.5,
    cdf: (rho) => gammaP(d / 2, (rho * rho) / 2),
    quantile: (u) => Math.sqrt(2 * gammaPInv(d / 2, u)),
    draw: (rng, out, offset) => {
      for (let j = 0; j < d; j++) out[offset + j] = rng.normal();
    },
    derivation: {
      noise_log_density: {
        expr: `-|z|^2/2 - ${halfOf(d).expr}log(2 pi)`,
        latex: `-\\tfrac{|z|^2}{2} - ${halfOf(d).latex}\\ln 2\\pi`,
      },
    },
  };
}

/**
 * z = ε_x/|ε_D| (ratio of Gaussians), q(z) = C_{d,D} (1 + |z|²)^{−(d+D)/2}; P(|z| ≤ ρ) = I_{ρ²/(1+ρ²)}(d/2, D/2)  (docs/mathematics.md §4).
 */
export function poissonNoise(d: number, D: number): Noise {
  const logC = logPoissonConstant(d, D);
  const power = (d + D) / 2;
  return {
    law: { kind: 'poisson', augment: D },
    logDensity: (rho2) => logC - power * Math.log1p(rho2),
    dLogDensity: (rho2) => -power / (1 + rho2),
    cdf: (rho) => betaI(d / 2, D / 2, (rho * rho) / (1 + rho * rho)),
    quantile: (u) => {
      const x = betaIInv(d / 2, D / 2, u);
      return Math.sqrt(x / (1 - x));
    },
    draw: (rng, out, offset) => {
      let norm2 = 0;
      for (let j = 0; j < D; j++) {
        const e = rng.normal();
        norm2 += e * e;
      }
      const scale = 1 / Math.sqrt(norm2);
      for (let j = 0; j < d; j++) out[offset + j] = rng.normal() * scale;
    },
    derivation: {
      noise_log_density: {
        expr: `log C_{${d},${D}} - ${halfOf(d + D).expr}log(1 + |z|^2), log C_{${d},${D}} = ${poissonConstantText(d, D).expr}`,
        latex: `\\ln C_{${d},${D}} - ${halfOf(d + D).latex}\\ln(1 + |z|^2),\\quad \\ln C_{${d},${D}} = ${poissonConstantText(d, D).latex}`,
      },
    },
  };
}

/** z with radial CDF F(ρ): q(z) = F'(ρ)/(S_{d−1} ρ^{d−1}); ρ = F^{−1}(u), uniform direction. */
export function radialNoise(profile: RadialProfile, d: number): Noise {
  const logDensity = (rho2: number): number => profile.logPhi(1, Math.sqrt(rho2));
  return {
    law: { kind: 'radial' },
    logDensity,
    // d/dρ² = (1/2ρ) d/dρ
    dLogDensity: (rho2) => {
      const rho = Math.sqrt(rho2);
      return profile.dLogPhiDr(1, rho) / (2 * rho);
    },
    cdf: (rho) => profile.psi(1, rho),
    quantile: (u) => profile.quantile(1, u),
    draw: (rng, out, offset) => drawRadial(rng, profile.quantile(1, rng.uniform()), d, out, offset),
    derivation: {
      // in terms of r = ρ (ψ does not depend on t)
      noise_cdf: profile.derivation.psi!,
      noise_log_density: profile.derivation.log_phi!,
    },
  };
}

/** x = r n with n uniform on the sphere (n = ε/|ε|, ε ∼ N(0, I_d)). */
export function drawRadial(rng: Rng, r: number, d: number, out: Float64Array, offset: number): void {
  let norm2 = 0;
  for (let j = 0; j < d; j++) {
    const e = rng.normal();
    out[offset + j] = e;
    norm2 += e * e;
  }
  const scale = r / Math.sqrt(norm2);
  for (let j = 0; j < d; j++) out[offset + j]! *= scale;
}

/** n/2 as a coefficient written exactly: "" for 1, "3 " for 6, "(5/2) " for 5 (LaTeX: \tfrac{5}{2}). */
function halfOf(n: number): { expr: string; latex: string } {
  if (n === 2) return { expr: '', latex: '' };
  if (n % 2 === 0) return { expr: `${n / 2} `, latex: `${n / 2}` };
  return { expr: `(${n}/2) `, latex: `\\tfrac{${n}}{2}` };
}

/**
 * ln C_{d,D}, C = Γ((d+D)/2) / (π^{d/2} Γ(D/2)), written exactly: a rational times a power of π (for d = 2,
 * D = 1: −ln 2 − ln π), or with lnΓ when the rational would be unreadably long.
 */
function poissonConstantText(d: number, D: number): { expr: string; latex: string } {
  const top = halfIntegerGamma(d + D);
  const bottom = halfIntegerGamma(D);
  if (!top || !bottom) {
    return {
      expr: `lgamma(${d + D}/2) - (${d}/2) log(pi) - lgamma(${D}/2)`,
      latex: `\\ln\\Gamma\\left(\\tfrac{${d + D}}{2}\\right) - \\tfrac{${d}}{2}\\ln\\pi - \\ln\\Gamma\\left(\\tfrac{${D}}{2}\\right)`,
    };
  }
  let num = top.num * bottom.den;
  let den = top.den * bottom.num;
  const common = gcd(num, den);
  num /= common;
  den /= common;
  // the power of π: √π from each half-integer Γ, π^{−d/2} from the normalization
  const halves = top.sqrtPi - bottom.sqrtPi - d;
  const terms: { expr: string; latex: string }[] = [];
  if (num !== 1n) terms.push({ expr: `+ log(${num})`, latex: `+ \\ln ${num}` });
  if (den !== 1n) terms.push({ expr: `- log(${den})`, latex: `- \\ln ${den}` });
  if (halves !== 0) {
    const sign = halves > 0 ? '+' : '-';
    const coefficient =
      Math.abs(halves) === 2
        ? ''
        : Math.abs(halves) % 2 === 0
          ? `${Math.abs(halves) / 2} `
          : `(${Math.abs(halves)}/2) `;
    const latexCoefficient =
      Math.abs(halves) === 2
        ? ''
        : Math.abs(halves) % 2 === 0
          ? `${Math.abs(halves) / 2}`
          : `\\tfrac{${Math.abs(halves)}}{2}`;
    terms.push({ expr: `${sign} ${coefficient}log(pi)`, latex: `${sign} ${latexCoefficient}\\ln\\pi` });
  }
  if (terms.length === 0) return { expr: '0', latex: '0' };
  const join = (key: 'expr' | 'latex') =>
    terms
      .map((t) => t[key])
      .join(' ')
      .replace(/^\+ /, '')
      .replace(/^- /, '-');
  return { expr: join('expr'), latex: join('latex') };
}
