export interface IntegrateOptions {
    /** Relative tolerance on the total (default 1e-10). */
    rtol?: number;
    /** Absolute tolerance on the total (default 0). */
    atol?: number;
    /** Maximum number of bisections of any one piece (default 50). */
    maxDepth?: number;
    /**
     * Characteristic length of the integrand near the lower end a: the range is first cut at a + scale·2^k,
     * k = 0..6, so that mass concentrated in a region of width `scale` is seen (e.g. a kernel at small t).
     */
    scale?: number;
}
export interface IntegrateResult {
    value: number;
    /** Estimated absolute error (QUADPACK's estimate, summed over pieces). */
    error: number;
}
/**
 * ∫_a^b f(x) dx by globally adaptive G7–K15: the piece with the largest error estimate is bisected until the
 * summed estimate is below max(atol, rtol·|value|), every piece is at maxDepth, or 2000 pieces are in use.
 * b = ∞ is mapped by x = c + L·u/(1 − u) (heavy tails such as ρ^{−2} stay accurate); a = −∞ by reflection.
 * Convergence is not thrown on: compare `error` with what you need.
 * @example integrate((r) => r * (1 + r * r) ** -1.5, 0, Infinity).value // 1
 */
export declare function integrate(f: (x: number) => number, a: number, b: number, opts?: IntegrateOptions): IntegrateResult;
