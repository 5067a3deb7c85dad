/**
 * log Γ(x) for x > 0, to ~1e-15 relative (absolute near the zeros at 1 and 2).
 * Recurrence onto [1.5, 2.5) plus the Taylor series around 2 below 10; Stirling's series above.
 * @returns NaN for x ≤ 0 or NaN; +∞ for x = +∞.
 * @example lgamma(0.5) // 0.5723649429247001 = log √π
 */
export declare function lgamma(x: number): number;
/**
 * Γ(x) for x > 0, to a few ulp: Γ(x) = Γ(1 + x)/x below 1/2, recurrence below 24 (exact at integers up to 23),
 * Stirling Γ(x) = √(2π) x^{x−½} e^{−x} e^{δ(x)} above (with x^{x−½} split in two powers to avoid overflow).
 * @returns NaN for x ≤ 0; +∞ beyond x ≈ 171.62.
 */
export declare function gammaFn(x: number): number;
/**
 * log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b), without the cancellation of that sum for large arguments
 * (Stirling corrections combined analytically, as in R's lbeta).
 * @returns NaN unless a, b > 0.
 */
export declare function logBeta(a: number, b: number): number;
/**
 * Regularized lower incomplete gamma P(a, x) = γ(a, x)/Γ(a) = (1/Γ(a)) ∫_0^x t^{a−1} e^{−t} dt, to ~1e-14 relative.
 * Series for x < a + 1, Legendre's continued fraction otherwise; cost O(√a) terms.
 * @example gammaP(1, x) === 1 − e^{−x};  gammaP(0.5, x) === erf(√x)
 */
export declare function gammaP(a: number, x: number): number;
/** Regularized upper incomplete gamma Q(a, x) = 1 − P(a, x) = Γ(a, x)/Γ(a), accurate (relative) in the upper tail. */
export declare function gammaQ(a: number, x: number): number;
/** log P(a, x), accurate when P underflows (x ≪ a): log P = log prefix + log(series). */
export declare function logGammaP(a: number, x: number): number;
/** log Q(a, x), accurate deep in the upper tail where Q underflows: log Q = log prefix + log(continued fraction). */
export declare function logGammaQ(a: number, x: number): number;
/**
 * Inverse of P(a, ·): x with P(a, x) = p, to ~1e-13 relative. Newton on log P (p ≤ ½) or log Q (p > ½),
 * from a Wilson–Hilferty start, safeguarded by bisection.
 * @returns 0 for p = 0, +∞ for p = 1, NaN outside [0, 1] or for a ≤ 0.
 */
export declare function gammaPInv(a: number, p: number): number;
/** Inverse of Q(a, ·): x with Q(a, x) = q, accurate for q deep in the upper tail. */
export declare function gammaQInv(a: number, q: number): number;
/**
 * Regularized incomplete beta I_x(a, b) = (1/B(a, b)) ∫_0^x t^{a−1}(1−t)^{b−1} dt, to ~1e-14 relative for a, b ≥ ½.
 * Continued fraction on the side x < (a+1)/(a+b+2), symmetry I_x(a, b) = 1 − I_{1−x}(b, a) on the other.
 * x is clamped to [0, 1].
 * @example betaI(a, 1, x) === x^a;  betaI(0.5, 0.5, x) === (2/π) asin(√x)
 */
export declare function betaI(a: number, b: number, x: number): number;
/** Complement 1 − I_x(a, b) = I_{1−x}(b, a), accurate (relative) where I_x(a, b) is close to 1. */
export declare function betaIc(a: number, b: number, x: number): number;
/**
 * Inverse of I_·(a, b): x with I_x(a, b) = p, to ~1e-13 relative. The root is found on the side of ½ where it
 * lies (x directly, or y = 1 − x through I_x(a, b) = 1 − I_y(b, a)), from the tail (p or 1 − p) that is small,
 * by Newton's method in log x, so that both small x and 1 − x near 0 keep their relative accuracy.
 * @returns 0 for p = 0, 1 for p = 1, NaN outside [0, 1] or for a, b ≤ 0.
 */
export declare function betaIInv(a: number, b: number, p: number): number;
/**
 * erf(x) = (2/√π) ∫_0^x e^{−t²} dt, to ~1e-16 (Cody's rational approximations).
 * @example erf(1) // 0.8427007929497149
 */
export declare function erf(x: number): number;
/**
 * erfc(x) = 1 − erf(x), relative accuracy ~1e-16 in the upper tail (erfc(10) ≈ 2.0884875837625e-45).
 */
export declare function erfc(x: number): number;
/**
 * Standard normal CDF Φ(x), relative accuracy ~1e-15 in the lower tail down to underflow (Cody's algorithm as in R's pnorm).
 * @example normalCdf(-10) // 7.619853024160527e-24
 */
export declare function normalCdf(x: number): number;
/**
 * Standard normal quantile Φ^{−1}(p) (Wichura's AS 241), relative accuracy ~1e-16 down to p ~ 1e-300.
 * @returns −∞ at 0, +∞ at 1, NaN outside [0, 1].
 */
export declare function normalQuantile(p: number): number;
/** erf^{−1}(y) = Φ^{−1}((1 + y)/2)/√2, with (1 + y)/2 − ½ = y/2 passed exactly so that small y keep full accuracy. */
export declare function erfinv(y: number): number;
/** log S_{d−1} = log 2 + (d/2) log π − log Γ(d/2): the area of the unit sphere in R^d. */
export declare function logSphereArea(d: number): number;
/**
 * log C_{d,D} = log Γ((d+D)/2) − (d/2) log π − log Γ(D/2), the PFGM++ kernel constant, computed as
 * log Γ(d/2) − log B(d/2, D/2) − (d/2) log π so that it stays exact for large D.
 */
export declare function logPoissonConstant(d: number, D: number): number;
