import fc from 'fast-check';
import type { Design, Rng } from '../design/types.js';
/** Everything a property check receives. */
export interface VerifyContext {
    design: Design;
    d: number;
    /** Base random cases per pointwise property. */
    runs: number;
    seed: number;
}
/** u ∈ [0, 1], biased towards 0 and 1, shrinking towards 0. */
export declare const unit: () => fc.Arbitrary<number>;
/** Log-uniform on [lo, hi], shrinking towards lo. */
export declare const logUniform: (lo: number, hi: number) => fc.Arbitrary<number>;
/** Uniform on [lo, hi], shrinking towards lo. */
export declare const uniform: (lo: number, hi: number) => fc.Arbitrary<number>;
/** A point in the cube inscribed in the ball of radius R (so |x0| ≤ R), shrinking towards 0. */
export declare function ballPoint(d: number, radius: number): fc.Arbitrary<number[]>;
/** A unit vector (not uniform on the sphere, but every direction is reachable), shrinking towards e1. */
export declare function direction(d: number): fc.Arbitrary<number[]>;
/** An index of a seeded random stream for the case's own random numbers. */
export declare const streamIndex: () => fc.Arbitrary<number>;
/**
 * The random stream of one case of one property: deterministic in (seed, property, design name, index), so a
 * counterexample is reproducible, while different properties and designs never share draws (otherwise one
 * unlucky stream would fail every Gaussian design at once).
 */
export declare function caseStream(ctx: VerifyContext, property: string, index: number): Rng;
/** A 32-bit fast-check seed for one property, derived from the user's seed and the property's name. */
export declare function propertySeed(seed: number, name: string): number;
/** The centre of p_t(·|x0): α_t x0 for path families, x0 for radial ones. */
export declare function kernelCentre(design: Design, t: number, x0: ArrayLike<number>): Float64Array;
/** c + r n. */
export declare function pointAt(centre: ArrayLike<number>, r: number, n: ArrayLike<number>): Float64Array;
/** |x − c|. */
export declare function distance(x: ArrayLike<number>, c: ArrayLike<number>, offset?: number): number;
/**
 * The kernel's median radius at t, its natural length scale: the quantile at 1/2 when it is usable, else the
 * first r on a logarithmic grid where the radial CDF reaches 1/2 (a broken CDF must not stop the checks).
 */
export declare function medianRadius(design: Design, t: number): number;
/** A radius of the kernel at quantile u, or the median radius scaled by a factor when the quantile fails. */
export declare function radiusAt(design: Design, t: number, u: number, fallbackFactor: number): number;
/** f'(x) by the five-point central difference: error O(h⁴). */
export declare function derivative5(f: (x: number) => number, x: number, h: number): number;
/** Relative step for finite differences: truncation ~h⁴ ≈ 1e-12, rounding ~ε/h ≈ 1e-13 (relative). */
export declare const RELATIVE_STEP = 0.001;
/** log Σ exp(v_i). */
export declare function logSumExp(values: readonly number[]): number;
/** Round for display in counterexamples (full precision is kept in residuals). */
export declare const round: (x: number, digits?: number) => number;
export declare const roundAll: (xs: ArrayLike<number>, digits?: number) => number[];
