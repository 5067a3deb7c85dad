import type { NoiseSpec } from '../spec/index.js';
import type { Binding } from './bind.js';
import { type RadialProfile } from './profile.js';
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
export declare function noiseFor(spec: NoiseSpec, binding: Binding): Noise;
/** z ∼ N(0, I_d); P(|z| ≤ ρ) = P(d/2, ρ²/2)  (MATH.md §3). */
export declare function gaussianNoise(d: number): Noise;
/**
 * z = ε_x/|ε_D| (ratio of Gaussians), q(z) = C_{d,D} (1 + |z|²)^{−(d+D)/2}; P(|z| ≤ ρ) = I_{ρ²/(1+ρ²)}(d/2, D/2)  (MATH.md §4).
 */
export declare function poissonNoise(d: number, D: number): Noise;
/** z with radial CDF F(ρ): q(z) = F'(ρ)/(S_{d−1} ρ^{d−1}); ρ = F^{−1}(u), uniform direction. */
export declare function radialNoise(profile: RadialProfile, d: number): Noise;
/** x = r n with n uniform on the sphere (n = ε/|ε|, ε ∼ N(0, I_d)). */
export declare function drawRadial(rng: Rng, r: number, d: number, out: Float64Array, offset: number): void;
