export interface BrentOptions {
    /** Absolute tolerance on x (default 1e-300). */
    xtol?: number;
    /** Relative tolerance on x (default 4ε ≈ 8.9e-16). */
    rtol?: number;
    /** Maximum number of function evaluations after the two end points (default 500). */
    maxIter?: number;
}
/**
 * A root of f in [a, b] by Brent's method (inverse quadratic interpolation, secant, bisection; the
 * variant of SciPy's brentq). Converges when the bracket half-width is below (xtol + rtol·|x|)/2.
 * @throws Error if f(a) and f(b) do not have opposite signs (or one is NaN), or after maxIter evaluations.
 * @example brent((x) => x * x - 2, 0, 2) // 1.4142135623730951
 */
export declare function brent(f: (x: number) => number, a: number, b: number, opts?: BrentOptions): number;
export interface InvertOptions {
    /** f(lo) ≤ target is required. */
    lo: number;
    /** First upper end; doubled away from lo until f(hi) ≥ target (if expand). */
    hi: number;
    /** Whether hi may grow (default true). */
    expand?: boolean;
}
/**
 * x ≥ lo with f(x) = target for an increasing f (a quantile: f a CDF, target a probability).
 * The bracket [lo, hi] is pushed right geometrically (hi − lo doubled, lo moved to the old hi) until
 * f(hi) ≥ target, then Brent's method finishes to ~4ε relative.
 * @throws Error if hi ≤ lo, f(lo) > target, or no hi below ∞ reaches the target, or f returns NaN.
 * @example invertIncreasing((r) => 1 - Math.exp(-r), 0.5, { lo: 0, hi: 1 }) // Math.LN2
 */
export declare function invertIncreasing(f: (x: number) => number, target: number, opts: InvertOptions): number;
