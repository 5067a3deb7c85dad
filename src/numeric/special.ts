// Special functions in plain float64: log-gamma, incomplete gamma and beta with their inverses, erf, the normal law.
// Must not import symbolic code (mathjs, nerdamer) or keep state; domain errors return NaN, like Math.

const EPS = 2.220446049250313e-16;
const TINY = 1e-300;
const LOG_SQRT_2PI = 0.9189385332046728;
const SQRT_2PI = 2.5066282746310002;
const EULER_GAMMA = 0.5772156649015329;
const LOG_PI = 1.1447298858494002;
const MAX_GAMMA_ARG = 171.6243769563027;

/** ζ(k) − 1 for k = 2..30 (mpmath, 40 digits, rounded): the Taylor coefficients of log Γ around 2. */
const ZETA_MINUS_ONE = [
  0.64493406684822644, 0.20205690315959429, 0.082323233711138192, 0.036927755143369926, 0.01734306198444914,
  0.0083492773819228268, 0.0040773561979443394, 0.0020083928260822144, 0.00099457512781808534, 0.00049418860411946456,
  0.0002460865533080483, 0.00012271334757848915, 6.1248135058704829e-5, 3.0588236307020494e-5, 1.5282259408651872e-5,
  7.6371976378997623e-6, 3.8172932649998399e-6, 1.9082127165539389e-6, 9.5396203387279611e-7, 4.7693298678780646e-7,
  2.3845050272773299e-7, 1.1921992596531107e-7, 5.960818905125948e-8, 2.980350351465228e-8, 1.4901554828365041e-8,
  7.4507117898354295e-9, 3.7253340247884571e-9, 1.862659723513049e-9, 9.3132743241966818e-10,
];

// ---------------------------------------------------------------------------------------------
// Gamma and beta functions

/**
 * log Γ(2 + z) = (1 − γ) z + Σ_{k≥2} (−1)^k (ζ(k) − 1) z^k / k  for |z| ≤ 1/2 (Abramowitz–Stegun 6.1.33).
 * Exact near the zero of log Γ at 2, where Lanczos-type formulas lose relative accuracy.
 */
function lgammaNear2(z: number): number {
  let sum = 0;
  for (let k = ZETA_MINUS_ONE.length + 1; k >= 2; k--) sum = ZETA_MINUS_ONE[k - 2]! / k - z * sum;
  return (1 - EULER_GAMMA) * z + z * z * sum;
}

/** log Γ(1 + z) for −1/2 ≤ z ≤ 3/2, accurate near the zero at z = 0: log Γ(1 + z) = log Γ(2 + z) − log1p(z). */
function lgamma1p(z: number): number {
  return z <= 0.5 ? lgammaNear2(z) - Math.log1p(z) : lgammaNear2(z - 1);
}

/**
 * Stirling's correction δ(x) = log Γ(x) − [(x − ½) log x − x + ½ log 2π] = Σ B_{2k} / (2k(2k−1) x^{2k−1}), x ≥ 10.
 * Eight terms: the remainder is below 2e-18 at x = 10.
 */
function stirlingCorrection(x: number): number {
  const w = 1 / (x * x);
  const series =
    1 / 12 +
    w *
      (-1 / 360 +
        w * (1 / 1260 + w * (-1 / 1680 + w * (1 / 1188 + w * (-691 / 360360 + w * (1 / 156 + w * (-3617 / 122400)))))));
  return series / x;
}

/**
 * log Γ(x) for x > 0, to ~1e-15 relative (absolute near the zeros at 1 and 2).
 * Recurrence onto [1.5, 2.5) plus the Taylor series around 2 below 10; Stirling's series above.
 * @returns NaN for x ≤ 0 or NaN; +∞ for x = +∞.
 * @example lgamma(0.5) // 0.5723649429247001 = log √π
 */
export function lgamma(x: number): number {
  if (!(x > 0)) return NaN;
  if (x < 0.5) return lgamma1p(x) - Math.log(x);
  if (x < 2.5) return lgamma1p(x - 1);
  if (x < 10) {
    let y = x;
    let product = 1;
    while (y >= 2.5) {
      y -= 1;
      product *= y;
    }
    return lgammaNear2(y - 2) + Math.log(product);
  }
  if (x === Infinity) return Infinity;
  const logX = Math.log(x);
  return x * (logX - 1) - 0.5 * logX + LOG_SQRT_2PI + stirlingCorrection(x);
}

/**
 * Γ(x) for x > 0, to a few ulp: Γ(x) = Γ(1 + x)/x below 1/2, recurrence below 24 (exact at integers up to 23),
 * Stirling Γ(x) = √(2π) x^{x−½} e^{−x} e^{δ(x)} above (with x^{x−½} split in two powers to avoid overflow).
 * @returns NaN for x ≤ 0; +∞ beyond x ≈ 171.62.
 */
export function gammaFn(x: number): number {
  if (!(x > 0)) return NaN;
  if (x > MAX_GAMMA_ARG) return Infinity;
  if (x < 0.5) return Math.exp(lgamma1p(x)) / x;
  if (x < 2.5) return Math.exp(lgamma1p(x - 1));
  if (x < 24) {
    let y = x;
    let product = 1;
    while (y >= 2.5) {
      y -= 1;
      product *= y;
    }
    return Math.exp(lgammaNear2(y - 2)) * product;
  }
  const half = Math.pow(x, 0.5 * x - 0.25);
  return SQRT_2PI * half * (half / Math.exp(x)) * Math.exp(stirlingCorrection(x));
}

/**
 * log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b), without the cancellation of that sum for large arguments
 * (Stirling corrections combined analytically, as in R's lbeta).
 * @returns NaN unless a, b > 0.
 */
export function logBeta(a: number, b: number): number {
  const p = Math.min(a, b);
  const q = Math.max(a, b);
  if (!(p > 0)) return NaN;
  if (q === Infinity) return -Infinity;
  const s = p + q;
  if (p >= 10) {
    const corr = stirlingCorrection(p) + stirlingCorrection(q) - stirlingCorrection(s);
    return -0.5 * Math.log(q) + LOG_SQRT_2PI + corr + (p - 0.5) * Math.log(p / s) + q * Math.log1p(-p / s);
  }
  if (q >= 10) {
    const corr = stirlingCorrection(q) - stirlingCorrection(s);
    return lgamma(p) + corr + p - p * Math.log(s) + (q - 0.5) * Math.log1p(-p / s);
  }
  return lgamma(p) + lgamma(q) - lgamma(s);
}

/** log(1 + u) − u, accurate for small |u| (series) and elsewhere (log1p). */
function log1pmx(u: number): number {
  if (Math.abs(u) > 0.25) return Math.log1p(u) - u;
  // Σ_{k≥2} (−1)^{k+1} u^k / k = −Σ_{k≥2} (−u)^k / k
  let power = u * u;
  let sum = -power / 2;
  for (let k = 3; k < 60; k++) {
    power *= -u;
    const term = -power / k;
    sum += term;
    if (Math.abs(term) <= EPS * Math.abs(sum)) break;
  }
  return sum;
}

/**
 * log λ − (λ − 1) from log λ and u = λ − 1 computed independently: the exponent of Stirling-scaled power terms.
 * Quadratic in u near λ = 1 (no cancellation); log λ keeps full relative accuracy for λ ≪ 1.
 */
function logMinusLinear(logRatio: number, u: number): number {
  return Math.abs(u) < 0.5 ? log1pmx(u) : logRatio - u;
}

// ---------------------------------------------------------------------------------------------
// Incomplete gamma

/**
 * log(x^a e^{−x} / Γ(a)), the common factor of P(a, x) and Q(a, x) (DLMF 8.7.1, 8.9.2).
 * For a ≥ 10, Γ(a) = √(2π/a)(a/e)^a e^{δ(a)} gives ½ log(a/2π) + a (log λ − λ + 1) − δ(a), λ = x/a: no cancellation near x = a.
 */
function logGammaPrefix(a: number, x: number): number {
  if (a < 10) return a * Math.log(x) - x - lgamma(a);
  return 0.5 * Math.log(a / (2 * Math.PI)) + a * logMinusLinear(Math.log(x / a), (x - a) / a) - stirlingCorrection(a);
}

/**
 * x^a e^{−x} / Γ(a). For a < 10, x^a by pow keeps full relative accuracy where exp(a log x) would lose |a log x|·ε
 * (tiny x); the log form is the fallback where the product under- or overflows.
 */
function gammaPrefix(a: number, x: number): number {
  if (a < 10) {
    const direct = Math.pow(x, a) * Math.exp(-x - lgamma(a));
    if (direct > 1e-300 && direct < Infinity) return direct;
  }
  return Math.exp(logGammaPrefix(a, x));
}

/** Σ_{n≥0} x^n / (a (a+1) ⋯ (a+n)), so that P(a, x) = prefix · sum (DLMF 8.7.1); converges for all x, fast for x < a + 1. */
function gammaPSeriesSum(a: number, x: number): number {
  let denominator = a;
  let term = 1 / a;
  let sum = term;
  const maxTerms = 1000 + 40 * Math.ceil(Math.sqrt(a) + x);
  for (let n = 1; n < maxTerms; n++) {
    denominator += 1;
    term *= x / denominator;
    sum += term;
    if (term <= sum * EPS) return sum;
  }
  throw new Error(`gammaP: series did not converge for a = ${a}, x = ${x}`);
}

/**
 * Legendre's continued fraction Q(a, x) = prefix · 1/(x + 1 − a − 1·(1 − a)/(x + 3 − a − 2·(2 − a)/(x + 5 − a − ⋯)))
 * (DLMF 8.9.2), evaluated by the modified Lentz method; fast for x ≥ a + 1.
 */
function gammaQContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  const maxTerms = 1000 + 40 * Math.ceil(Math.sqrt(a));
  for (let i = 1; i < maxTerms; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) <= EPS) return h;
  }
  throw new Error(`gammaQ: continued fraction did not converge for a = ${a}, x = ${x}`);
}

/**
 * Q(a, x) for a < 1 and x < 2 without forming 1 − P (the series of DLMF 8.7.1 regrouped, as in Gautschi 1979):
 * Q = −expm1(L) + e^L · a Σ_{n≥1} (−1)^{n+1} x^n / ((a + n) n!),  L = a log x − log Γ(1 + a).
 */
function gammaQSmallA(a: number, x: number): number {
  const logPower = a * Math.log(x) - lgamma1p(a);
  let term = 1;
  let sum = 0;
  for (let n = 1; n < 200; n++) {
    term *= -x / n;
    const contribution = -term / (a + n);
    sum += contribution;
    if (Math.abs(contribution) <= EPS * Math.abs(sum)) break;
  }
  return -Math.expm1(logPower) + Math.exp(logPower) * a * sum;
}

/** Whether Q(a, x) is evaluated directly by the continued fraction (else P by its series). */
function upperByContinuedFraction(a: number, x: number): boolean {
  return x >= a + 1;
}

/** [P(a, x), Q(a, x)], each computed directly where it is the smaller one. Assumes a > 0, 0 < x < ∞. */
function gammaPQ(a: number, x: number): [number, number] {
  if (upperByContinuedFraction(a, x)) {
    const q = gammaPrefix(a, x) * gammaQContinuedFraction(a, x);
    return [1 - q, q];
  }
  const p = gammaPrefix(a, x) * gammaPSeriesSum(a, x);
  if (a >= 1 || p < 0.5) return [p, 1 - p];
  return [p, gammaQSmallA(a, x)];
}

/** NaN for a ≤ 0 or x < 0 (or NaN); the boundary values at x = 0 and x = ∞; undefined inside the domain. */
function gammaBoundary(a: number, x: number, atZero: number, atInfinity: number): number | undefined {
  if (!(a > 0) || !(x >= 0) || a === Infinity) return NaN;
  if (x === 0) return atZero;
  if (x === Infinity) return atInfinity;
  return undefined;
}

/**
 * Regularized lower incomplete gamma P(a, x) = γ(a, x)/Γ(a) = (1/Γ(a)) ∫_0^x t^{a−1} e^{−t} dt, to ~1e-14 relative.
 * Series for x < a + 1, Legendre's continued fraction otherwise; cost O(√a) terms.
 * @example gammaP(1, x) === 1 − e^{−x};  gammaP(0.5, x) === erf(√x)
 */
export function gammaP(a: number, x: number): number {
  return gammaBoundary(a, x, 0, 1) ?? gammaPQ(a, x)[0];
}

/** Regularized upper incomplete gamma Q(a, x) = 1 − P(a, x) = Γ(a, x)/Γ(a), accurate (relative) in the upper tail. */
export function gammaQ(a: number, x: number): number {
  return gammaBoundary(a, x, 1, 0) ?? gammaPQ(a, x)[1];
}

/** log P(a, x), accurate when P underflows (x ≪ a): log P = log prefix + log(series). */
export function logGammaP(a: number, x: number): number {
  const boundary = gammaBoundary(a, x, -Infinity, 0);
  if (boundary !== undefined) return boundary;
  if (!upperByContinuedFraction(a, x)) return logGammaPrefix(a, x) + Math.log(gammaPSeriesSum(a, x));
  return Math.log1p(-gammaPrefix(a, x) * gammaQContinuedFraction(a, x));
}

/** log Q(a, x), accurate deep in the upper tail where Q underflows: log Q = log prefix + log(continued fraction). */
export function logGammaQ(a: number, x: number): number {
  const boundary = gammaBoundary(a, x, 0, -Infinity);
  if (boundary !== undefined) return boundary;
  if (upperByContinuedFraction(a, x)) return logGammaPrefix(a, x) + Math.log(gammaQContinuedFraction(a, x));
  const [p, q] = gammaPQ(a, x);
  return p < 0.5 ? Math.log1p(-p) : Math.log(q);
}

/** An increasing function of log x at one point: its value and its derivative with respect to log x. */
interface NewtonPoint {
  value: number;
  slope: number;
}

/** Below this, x^a/Γ(a+1) (or x^a/(a B(a, b))) is the lower tail to within a relative O(x): no iteration needed. */
const LOG_TINY_ROOT = -690;

/**
 * Root x > 0 of g, increasing in log x. Newton steps Δ in log x, applied as x·e^{−Δ} so that x keeps full relative
 * accuracy, safeguarded by geometric bisection inside the bracket [lo, hi] (hi may be ∞). Stops when |Δ| ≤ 4ε,
 * or when |Δ| stops shrinking below 1e-9 (the noise floor of g).
 */
function newtonInLogX(g: (x: number) => NewtonPoint, start: number, bracket: { lo: number; hi: number }): number {
  let { lo, hi } = bracket;
  let x = start;
  let previousStep = Infinity;
  for (let iter = 0; iter < 200; iter++) {
    const { value, slope } = g(x);
    if (value === 0) return x;
    if (value < 0) lo = x;
    else hi = x;
    let next = x * Math.exp(-value / slope);
    if (!(next > lo && next < hi)) {
      if (lo > 0 && hi < Infinity) next = Math.sqrt(lo) * Math.sqrt(hi);
      else next = hi === Infinity ? 16 * x : x / 16;
    }
    const step = Math.abs(Math.log(next / x));
    x = next;
    if (step <= 4 * EPS) return x;
    if (step >= previousStep && step < 1e-9) return x;
    previousStep = step;
  }
  return x;
}

/** Wilson–Hilferty x ≈ a(1 − 1/(9a) + z/(3√a))³ for the normal deviate z (0 where it fails, for small a). */
function wilsonHilferty(a: number, z: number): number {
  const cube = 1 - 1 / (9 * a) + z / (3 * Math.sqrt(a));
  return cube > 0 ? a * cube * cube * cube : 0;
}

/** x with log P(a, x) = logP, P ≤ ½. Newton in log x on log P, whose log-x slope is x·p(x)/P = prefix/P. */
function invertLowerGamma(a: number, logP: number): number {
  // P(a, x) ≤ x^a/Γ(a + 1), with equality up to a factor 1 − O(x): this start lies left of the root.
  const logSmallX = (logP + lgamma(a + 1)) / a;
  if (logSmallX < LOG_TINY_ROOT) return Math.exp(logSmallX);
  const g = (x: number): NewtonPoint => {
    const logCdf = logGammaP(a, x);
    return { value: logCdf - logP, slope: Math.exp(logGammaPrefix(a, x) - logCdf) };
  };
  // The median is below a (Chen & Rubin 1986), so the root is too.
  const start = Math.min(Math.max(Math.exp(logSmallX), wilsonHilferty(a, normalQuantile(Math.exp(logP)))), a);
  return newtonInLogX(g, start, { lo: 0, hi: a });
}

/** x with log Q(a, x) = logQ, Q ≤ ½. Newton in log x on −log Q, whose log-x slope is x·p(x)/Q = prefix/Q. */
function invertUpperGamma(a: number, logQ: number): number {
  const g = (x: number): NewtonPoint => {
    const logSf = logGammaQ(a, x);
    return { value: logQ - logSf, slope: Math.exp(logGammaPrefix(a, x) - logSf) };
  };
  // The median exceeds a − 1/3 (Chen & Rubin 1986), so the root does too. Far out, Q ≈ x^{a−1} e^{−x}/Γ(a).
  const lo = Math.max(0, a - 1 / 3);
  const tail = Math.max(1, -logQ - lgamma(a));
  const start = Math.max(wilsonHilferty(a, -normalQuantile(Math.exp(logQ))), tail + (a - 1) * Math.log(tail));
  return newtonInLogX(g, start, { lo, hi: Infinity });
}

/**
 * Inverse of P(a, ·): x with P(a, x) = p, to ~1e-13 relative. Newton on log P (p ≤ ½) or log Q (p > ½),
 * from a Wilson–Hilferty start, safeguarded by bisection.
 * @returns 0 for p = 0, +∞ for p = 1, NaN outside [0, 1] or for a ≤ 0.
 */
export function gammaPInv(a: number, p: number): number {
  if (!(a > 0) || !(p >= 0 && p <= 1) || a === Infinity) return NaN;
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  return p <= 0.5 ? invertLowerGamma(a, Math.log(p)) : invertUpperGamma(a, Math.log1p(-p));
}

/** Inverse of Q(a, ·): x with Q(a, x) = q, accurate for q deep in the upper tail. */
export function gammaQInv(a: number, q: number): number {
  if (!(a > 0) || !(q >= 0 && q <= 1) || a === Infinity) return NaN;
  if (q === 0) return Infinity;
  if (q === 1) return 0;
  return q <= 0.5 ? invertUpperGamma(a, Math.log(q)) : invertLowerGamma(a, Math.log1p(-q));
}

// ---------------------------------------------------------------------------------------------
// Incomplete beta

/**
 * log(x^a y^b / B(a, b)) with y = 1 − x given separately. Of x and y, the one ≤ ½ is taken as exact (the caller's
 * input, or 1 − input exactly by Sterbenz), and the logarithm of the other is log1p of minus it.
 * For a, b ≥ 10, Stirling for B gives ½ log(ab/(2π(a+b)²)) + a ℓ(x/x₀) + b ℓ(y/y₀) − Δδ with x₀ = a/(a+b),
 * ℓ(λ) = log λ − λ + 1 (the linear parts cancel): no cancellation near the mode.
 */
function logBetaPrefix(a: number, b: number, x: number, y: number): number {
  const xExact = x <= 0.5;
  const logX = xExact ? Math.log(x) : Math.log1p(-y);
  const logY = xExact ? Math.log1p(-x) : Math.log(y);
  if (a < 10 || b < 10) return a * logX + b * logY - logBeta(a, b);
  const s = a + b;
  const x0 = a / s;
  const y0 = b / s;
  const ux = xExact ? (x - x0) / x0 : (y0 - y) / x0;
  const uy = xExact ? (x0 - x) / y0 : (y - y0) / y0;
  const corr = stirlingCorrection(a) + stirlingCorrection(b) - stirlingCorrection(s);
  return (
    0.5 * Math.log((x0 * b) / (2 * Math.PI)) +
    a * logMinusLinear(logX - Math.log(x0), ux) +
    b * logMinusLinear(logY - Math.log(y0), uy) -
    corr
  );
}

/**
 * Continued fraction for I_x(a, b) = prefix/a · 1/(1 + d₁/(1 + d₂/(1 + ⋯))) (DLMF 8.17.22),
 * d_{2m+1} = −(a+m)(a+b+m)x/((a+2m)(a+2m+1)), d_{2m} = m(b−m)x/((a+2m−1)(a+2m)); modified Lentz.
 * Fast for x < (a+1)/(a+b+2); it converges beyond, more slowly. NaN if maxTerms are not enough.
 */
function betaContinuedFraction(a: number, b: number, x: number, maxTerms: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < maxTerms; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) <= EPS) return h;
  }
  return NaN;
}

/** log I_x(a, b) on the side where the continued fraction converges fast: log prefix + log(cf/a). */
function logBetaIDirect(a: number, b: number, x: number, y: number): number {
  const fraction = betaContinuedFraction(a, b, x, 1000 + 40 * Math.ceil(Math.sqrt(Math.max(a, b))));
  if (Number.isNaN(fraction))
    throw new Error(`betaI: continued fraction did not converge for a = ${a}, b = ${b}, x = ${x}`);
  return logBetaPrefix(a, b, x, y) + Math.log(fraction / a);
}

/** Whether I_x(a, b) is computed directly (else through the symmetry I_x(a, b) = 1 − I_{1−x}(b, a)). */
function betaLowerDirect(a: number, b: number, x: number): boolean {
  return x < (a + 1) / (a + b + 2);
}

/**
 * [I, 1 − I] with I = I_x(a, b) on its fast side. When I > 0.99 (small a puts the median far below x), 1 − I
 * would cancel, so the complement I_{1−x}(b, a) is taken from the mirrored fraction, if it converges within
 * 20000 terms (it is slower there and gathers some rounding, hence only when the cancellation is worse).
 */
function betaDirectWithComplement(a: number, b: number, x: number, y: number): [number, number] {
  const i = Math.exp(logBetaIDirect(a, b, x, y));
  if (i <= 0.99) return [i, 1 - i];
  const complement = (Math.exp(logBetaPrefix(b, a, y, x)) * betaContinuedFraction(b, a, y, 20000)) / b;
  return [i, Number.isNaN(complement) ? 1 - i : complement];
}

/** [I_x(a, b), 1 − I_x(a, b)], each accurate relative to itself. Assumes 0 < x < 1. */
function betaIPair(a: number, b: number, x: number): [number, number] {
  const y = 1 - x;
  if (betaLowerDirect(a, b, x)) return betaDirectWithComplement(a, b, x, y);
  const [ic, i] = betaDirectWithComplement(b, a, y, x);
  return [i, ic];
}

/** NaN for invalid (a, b, x); the boundary values at x ≤ 0 and x ≥ 1; undefined inside. */
function betaBoundary(a: number, b: number, x: number, atZero: number, atOne: number): number | undefined {
  if (!(a > 0) || !(b > 0) || Number.isNaN(x) || a === Infinity || b === Infinity) return NaN;
  if (x <= 0) return atZero;
  if (x >= 1) return atOne;
  return undefined;
}

/**
 * Regularized incomplete beta I_x(a, b) = (1/B(a, b)) ∫_0^x t^{a−1}(1−t)^{b−1} dt, to ~1e-14 relative for a, b ≥ ½.
 * Continued fraction on the side x < (a+1)/(a+b+2), symmetry I_x(a, b) = 1 − I_{1−x}(b, a) on the other.
 * x is clamped to [0, 1].
 * @example betaI(a, 1, x) === x^a;  betaI(0.5, 0.5, x) === (2/π) asin(√x)
 */
export function betaI(a: number, b: number, x: number): number {
  return betaBoundary(a, b, x, 0, 1) ?? betaIPair(a, b, x)[0];
}

/** Complement 1 − I_x(a, b) = I_{1−x}(b, a), accurate (relative) where I_x(a, b) is close to 1. */
export function betaIc(a: number, b: number, x: number): number {
  return betaBoundary(a, b, x, 1, 0) ?? betaIPair(a, b, x)[1];
}

/** log I_x(a, b), accurate where I underflows. */
function logBetaI(a: number, b: number, x: number): number {
  return betaLowerDirect(a, b, x) ? logBetaIDirect(a, b, x, 1 - x) : Math.log(betaIPair(a, b, x)[0]);
}

/**
 * Start for the beta inverse (Numerical Recipes 3rd ed., §6.14 invbetai): a normal approximation for
 * a, b ≥ 1, otherwise the power laws of the two tails.
 */
function betaInverseStart(a: number, b: number, p: number): number {
  if (a >= 1 && b >= 1) {
    const z = normalQuantile(p);
    const al = (z * z - 3) / 6;
    const h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1));
    const w = (z * Math.sqrt(al + h)) / h - (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (al + 5 / 6 - 2 / (3 * h));
    return a / (a + b * Math.exp(2 * w));
  }
  const t = Math.exp(a * Math.log(a / (a + b))) / a;
  const u = Math.exp(b * Math.log(b / (a + b))) / b;
  const w = t + u;
  return p < t / w ? Math.pow(a * w * p, 1 / a) : 1 - Math.pow(b * w * (1 - p), 1 / b);
}

/** Start for a root x ≤ ½ of I_x(a, b) = p: the NR guess, or the small-x law I ≈ x^a/(a B(a, b)) where that guess fails. */
function betaSmallSideStart(a: number, b: number, p: number): number {
  const guess = betaInverseStart(a, b, p);
  if (guess > 0 && guess <= 0.5) return guess;
  return Math.min(0.5, Math.exp((Math.log(p) + Math.log(a) + logBeta(a, b)) / a));
}

/**
 * x ≤ ½ with log I_x(a, b) = logP, for p ≤ ½. Newton in log x on log I, whose log-x slope is x·f(x)/I = prefix/(y·I).
 */
function invertBetaLowerTail(a: number, b: number, logP: number): number {
  // I_x(a, b) = x^a/(a B(a, b)) · (1 + O(x)).
  const logSmallX = (logP + Math.log(a) + logBeta(a, b)) / a;
  if (logSmallX < LOG_TINY_ROOT) return Math.exp(logSmallX);
  const g = (x: number): NewtonPoint => {
    const logCdf = logBetaI(a, b, x);
    return { value: logCdf - logP, slope: Math.exp(logBetaPrefix(a, b, x, 1 - x) - Math.log1p(-x) - logCdf) };
  };
  return newtonInLogX(g, betaSmallSideStart(a, b, Math.exp(logP)), { lo: 0, hi: 1 });
}

/**
 * x ≤ ½ with log(1 − I_x(a, b)) = logQ, for q ≤ ½ (small a: most of the mass sits near 0).
 * Newton in log x on −log(1 − I), whose log-x slope is prefix/(y·(1 − I)).
 */
function invertBetaUpperTail(a: number, b: number, logQ: number): number {
  const g = (x: number): NewtonPoint => {
    const y = 1 - x;
    const logSf = Math.log(betaIPair(a, b, x)[1]);
    return { value: logQ - logSf, slope: Math.exp(logBetaPrefix(a, b, x, y) - Math.log(y) - logSf) };
  };
  return newtonInLogX(g, betaSmallSideStart(a, b, -Math.expm1(logQ)), { lo: 0, hi: 1 });
}

/** Root x ≤ ½ of I_x(a, b) = p, given p and q = 1 − p (the smaller one exact), from the small one. */
function invertBetaSmallSide(a: number, b: number, p: number, q: number): number {
  return p <= 0.5 ? invertBetaLowerTail(a, b, Math.log(p)) : invertBetaUpperTail(a, b, Math.log(q));
}

/**
 * Inverse of I_·(a, b): x with I_x(a, b) = p, to ~1e-13 relative. The root is found on the side of ½ where it
 * lies (x directly, or y = 1 − x through I_x(a, b) = 1 − I_y(b, a)), from the tail (p or 1 − p) that is small,
 * by Newton's method in log x, so that both small x and 1 − x near 0 keep their relative accuracy.
 * @returns 0 for p = 0, 1 for p = 1, NaN outside [0, 1] or for a, b ≤ 0.
 */
export function betaIInv(a: number, b: number, p: number): number {
  if (!(a > 0) || !(b > 0) || !(p >= 0 && p <= 1) || a === Infinity || b === Infinity) return NaN;
  if (p === 0) return 0;
  if (p === 1) return 1;
  if (p <= betaI(a, b, 0.5)) return invertBetaSmallSide(a, b, p, 1 - p);
  return 1 - invertBetaSmallSide(b, a, 1 - p, p);
}

// ---------------------------------------------------------------------------------------------
// Error function and the normal law (W. J. Cody, Math. Comp. 23 (1969) 631–637; R's pnorm; Wichura AS 241)

const ERF_A = [
  3.1611237438705656, 1.13864154151050156e2, 3.77485237685302021e2, 3.20937758913846947e3, 1.85777706184603153e-1,
];
const ERF_B = [2.36012909523441209e1, 2.44024637934444173e2, 1.28261652607737228e3, 2.84423683343917062e3];
const ERF_C = [
  5.64188496988670089e-1, 8.88314979438837594, 6.61191906371416295e1, 2.98635138197400131e2, 8.8195222124176909e2,
  1.71204761263407058e3, 2.05107837782607147e3, 1.23033935479799725e3, 2.15311535474403846e-8,
];
const ERF_D = [
  1.57449261107098347e1, 1.17693950891312499e2, 5.37181101862009858e2, 1.62138957456669019e3, 3.29079923573345963e3,
  4.36261909014324716e3, 3.43936767414372164e3, 1.23033935480374942e3,
];
const ERF_P = [
  3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1, 1.60837851487422766e-2,
  6.58749161529837803e-4, 1.63153871373020978e-2,
];
const ERF_Q = [
  2.56852019228982242, 1.87295284992346047, 5.27905102951428412e-1, 6.05183413124413191e-2, 2.33520497626869185e-3,
];
const INV_SQRT_PI = 0.5641895835477563;

/** erf(x)/x for |x| ≤ 0.46875 as Cody's rational function of x². */
function erfSmallRatio(x: number): number {
  const z = x * x;
  let num = ERF_A[4]! * z;
  let den = z;
  for (let i = 0; i < 3; i++) {
    num = (num + ERF_A[i]!) * z;
    den = (den + ERF_B[i]!) * z;
  }
  return (num + ERF_A[3]!) / (den + ERF_B[3]!);
}

/** e^{−y²} to full relative accuracy: y = s + r with s on a 1/16 grid, e^{−s²}·e^{−(y−s)(y+s)}. */
function expNegSquare(y: number): number {
  const s = Math.trunc(y * 16) / 16;
  return Math.exp(-s * s) * Math.exp(-(y - s) * (y + s));
}

/** erfc(y) for y > 0.46875 (Cody's second and third intervals), relative accuracy ~1e-16 down to underflow. */
function erfcPositive(y: number): number {
  if (y >= 27.3) return 0;
  let ratio: number;
  if (y <= 4) {
    let num = ERF_C[8]! * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + ERF_C[i]!) * y;
      den = (den + ERF_D[i]!) * y;
    }
    ratio = (num + ERF_C[7]!) / (den + ERF_D[7]!);
  } else {
    const z = 1 / (y * y);
    let num = ERF_P[5]! * z;
    let den = z;
    for (let i = 0; i < 4; i++) {
      num = (num + ERF_P[i]!) * z;
      den = (den + ERF_Q[i]!) * z;
    }
    ratio = (INV_SQRT_PI - (z * (num + ERF_P[4]!)) / (den + ERF_Q[4]!)) / y;
  }
  return expNegSquare(y) * ratio;
}

/**
 * erf(x) = (2/√π) ∫_0^x e^{−t²} dt, to ~1e-16 (Cody's rational approximations).
 * @example erf(1) // 0.8427007929497149
 */
export function erf(x: number): number {
  const y = Math.abs(x);
  if (y <= 0.46875) return x * erfSmallRatio(x);
  const c = erfcPositive(y);
  return x < 0 ? c - 1 : 1 - c;
}

/**
 * erfc(x) = 1 − erf(x), relative accuracy ~1e-16 in the upper tail (erfc(10) ≈ 2.0884875837625e-45).
 */
export function erfc(x: number): number {
  const y = Math.abs(x);
  if (y <= 0.46875) return 1 - x * erfSmallRatio(x);
  const c = erfcPositive(y);
  return x < 0 ? 2 - c : c;
}

const PNORM_A = [
  2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249, 0.065682337918207449113,
];
const PNORM_B = [47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956];
const PNORM_C = [
  0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226, 2494.5375852903726711,
  6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218, 1.0765576773720192317e-8,
];
const PNORM_D = [
  22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755, 18615.571640885098091,
  34900.952721145977266, 38912.003286093271411, 19685.429676859990727,
];
const PNORM_P = [
  0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466, 2.9112874951168792e-5,
  0.02307344176494017303,
];
const PNORM_Q = [
  1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244, 7.29751555083966205e-5,
];
const INV_SQRT_2PI = 0.3989422804014327;
const SQRT_32 = 5.656854249492381;

/** Upper tail Φ(−y) for y > 0.67448975 (Cody's rational forms in y, then 1/y²), with e^{−y²/2} split exactly. */
function normalUpperTail(y: number): number {
  if (y >= 38.5) return 0;
  let ratio: number;
  if (y <= SQRT_32) {
    let num = PNORM_C[8]! * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + PNORM_C[i]!) * y;
      den = (den + PNORM_D[i]!) * y;
    }
    ratio = (num + PNORM_C[7]!) / (den + PNORM_D[7]!);
  } else {
    const z = 1 / (y * y);
    let num = PNORM_P[5]! * z;
    let den = z;
    for (let i = 0; i < 4; i++) {
      num = (num + PNORM_P[i]!) * z;
      den = (den + PNORM_Q[i]!) * z;
    }
    ratio = (INV_SQRT_2PI - (z * (num + PNORM_P[4]!)) / (den + PNORM_Q[4]!)) / y;
  }
  const s = Math.trunc(y * 16) / 16;
  return Math.exp(-0.5 * s * s) * Math.exp(-0.5 * (y - s) * (y + s)) * ratio;
}

/**
 * Standard normal CDF Φ(x), relative accuracy ~1e-15 in the lower tail down to underflow (Cody's algorithm as in R's pnorm).
 * @example normalCdf(-10) // 7.619853024160527e-24
 */
export function normalCdf(x: number): number {
  const y = Math.abs(x);
  if (y <= 0.67448975) {
    const z = x * x;
    let num = PNORM_A[4]! * z;
    let den = z;
    for (let i = 0; i < 3; i++) {
      num = (num + PNORM_A[i]!) * z;
      den = (den + PNORM_B[i]!) * z;
    }
    return 0.5 + (x * (num + PNORM_A[3]!)) / (den + PNORM_B[3]!);
  }
  const tail = normalUpperTail(y);
  return x < 0 ? tail : 1 - tail;
}

const AS241_A = [
  3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125, 45921.953931549871457,
  67265.770927008700853, 33430.575583588128105, 2509.0809287301226727,
];
const AS241_B = [
  1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867, 39307.89580009271061,
  28729.085735721942674, 5226.495278852854561,
];
const AS241_C = [
  1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258,
  0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4,
];
const AS241_D = [
  1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459,
  0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9,
];
const AS241_E = [
  6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123, 0.026532189526576123093,
  0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
];
const AS241_F = [
  1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4,
  1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15,
];

/** Σ c_i t^i / Σ d_i t^i for the 8-coefficient rational functions of AS 241. */
function rational8(c: number[], d: number[], t: number): number {
  let num = 0;
  let den = 0;
  for (let i = 7; i >= 0; i--) {
    num = num * t + c[i]!;
    den = den * t + d[i]!;
  }
  return num / den;
}

/**
 * Φ^{−1} from q = p − ½ and tail = min(p, 1 − p), both supplied exactly by the caller (Wichura, AS 241, ~1e-16).
 */
function normalQuantileParts(q: number, tail: number): number {
  if (Math.abs(q) <= 0.425) return q * rational8(AS241_A, AS241_B, 0.180625 - q * q);
  if (tail <= 0) return q < 0 ? -Infinity : Infinity;
  const r = Math.sqrt(-Math.log(tail));
  const value = r <= 5 ? rational8(AS241_C, AS241_D, r - 1.6) : rational8(AS241_E, AS241_F, r - 5);
  return q < 0 ? -value : value;
}

/**
 * Standard normal quantile Φ^{−1}(p) (Wichura's AS 241), relative accuracy ~1e-16 down to p ~ 1e-300.
 * @returns −∞ at 0, +∞ at 1, NaN outside [0, 1].
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  return normalQuantileParts(p - 0.5, Math.min(p, 1 - p));
}

/** erf^{−1}(y) = Φ^{−1}((1 + y)/2)/√2, with (1 + y)/2 − ½ = y/2 passed exactly so that small y keep full accuracy. */
export function erfinv(y: number): number {
  if (!(y >= -1 && y <= 1)) return NaN;
  return normalQuantileParts(y / 2, (1 - Math.abs(y)) / 2) * Math.SQRT1_2;
}

// ---------------------------------------------------------------------------------------------
// Normalizing constants (docs/mathematics.md §2, §4)

/** log S_{d−1} = log 2 + (d/2) log π − log Γ(d/2): the area of the unit sphere in R^d. */
export function logSphereArea(d: number): number {
  return Math.LN2 + 0.5 * d * LOG_PI - lgamma(0.5 * d);
}

/**
 * log C_{d,D} = log Γ((d+D)/2) − (d/2) log π − log Γ(D/2), the PFGM++ kernel constant, computed as
 * log Γ(d/2) − log B(d/2, D/2) − (d/2) log π so that it stays exact for large D.
 */
export function logPoissonConstant(d: number, D: number): number {
  return lgamma(0.5 * d) - logBeta(0.5 * d, 0.5 * D) - 0.5 * d * LOG_PI;
}
