/** ∫_a^b f by 5-point Gauss–Legendre (exact for degree ≤ 9). */
export declare function gaussLegendre5(f: (x: number) => number, a: number, b: number): number;
/**
 * F(t) = ∫_0^t f(s) ds for t ∈ [0, T] (extrapolated panels beyond T).
 * @param cells uniform panels on [0, T]
 */
export declare function cumulativeIntegral(f: (x: number) => number, T: number, cells?: number): (t: number) => number;
