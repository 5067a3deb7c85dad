/**
 * D_n = sup_x |F_n(x) − F(x)| = max_i max(F(x_(i)) − (i−1)/n, i/n − F(x_(i))) over the sorted sample (a copy is sorted).
 * @returns NaN for an empty sample, or if the CDF returns NaN.
 */
export declare function ksStatistic(samples: ArrayLike<number>, cdf: (x: number) => number): number;
/**
 * P(D_n ≥ d) under the null. Exact by Marsaglia, Tsang & Wang (J. Stat. Softw. 8(18), 2003) when the matrix
 * order m = 2⌈n d⌉ − 1 is at most 121; otherwise Kolmogorov's limit with Stephens' correction
 * (Stephens 1970): λ = (√n + 0.12 + 0.11/√n) d, p = 2 Σ_{k≥1} (−1)^{k−1} e^{−2k²λ²}, good to ~1e-3 absolute there.
 * @returns NaN unless n is a positive integer and d is a number.
 */
export declare function ksPValue(dStat: number, n: number): number;
/** One-sample KS test of `samples` against `cdf`. */
export declare function ksTest(samples: ArrayLike<number>, cdf: (x: number) => number): {
    statistic: number;
    pValue: number;
};
