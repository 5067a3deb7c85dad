/** Probability that a correct design fails one sampling property (Bonferroni over its runs and tests). */
export declare const SIGNIFICANCE = 0.00001;
/** The KS distance whose (Stephens-corrected asymptotic) p-value at sample size n is p. */
export declare function ksDistanceFor(p: number, n: number): number;
export interface SampleTest {
    /** KS statistic of the radii, or the KS-equivalent distance of the worst p-value. */
    residual: number;
    /** Which test gave the residual, and its p-value. */
    test: string;
    pValue: number;
}
/** KS of `radii` against `cdf`, and (optionally) the isotropy tests of the unit `directions` (flat n×d). */
export declare function testSample(radii: Float64Array, cdf: (r: number) => number, directions?: Float64Array, d?: number): SampleTest;
/**
 * Uniformity of unit vectors on S^{d−1}: Rayleigh's test of the mean (d n |ū|² ~ χ²_d) and Bingham's test of
 * the scatter matrix M = (1/n) Σ u uᵀ against I/d (n d(d+2)/2 (tr M² − 1/d) ~ χ²_{(d−1)(d+2)/2}), d ≥ 2.
 */
export declare function isotropyTests(directions: Float64Array, d: number): {
    test: string;
    pValue: number;
}[];
