// Isotropic noise laws z of a path x_t = α_t x0 + σ_t z (docs/mathematics.md §4, §5): normalized log-density as a
// function of ρ² = |z|², its derivative (for the score), radial CDF and quantile, and a sampler.
import { betaI, betaIInv, gammaP, gammaPInv, logPoissonConstant } from '../numeric/special.js';
import type { NoiseSpec } from '../spec/index.js';
import { symbol, substitute } from '../symbolic/index.js';
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
        expr: `-|z|^2/2 - (${d}/2) log(2 pi)`,
        latex: `-\\tfrac{|z|^2}{2} - \\tfrac{${d}}{2}\\ln 2\\pi`,
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
        expr: `log C_{${d},${D}} - (${d}+${D})/2 log(1 + |z|^2), log C = ${logC}`,
        latex: `\\ln C_{${d},${D}} - \\tfrac{${d}+${D}}{2}\\ln(1 + |z|^2)`,
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
