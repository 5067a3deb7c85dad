// One-sample Kolmogorov–Smirnov test: the statistic, and its p-value (exact for moderate n·D, asymptotic beyond).
// Must not draw random numbers or mutate the caller's samples; it only measures a sample against a CDF.

/**
 * D_n = sup_x |F_n(x) − F(x)| = max_i max(F(x_(i)) − (i−1)/n, i/n − F(x_(i))) over the sorted sample (a copy is sorted).
 * @returns NaN for an empty sample, or if the CDF returns NaN.
 */
export function ksStatistic(samples: ArrayLike<number>, cdf: (x: number) => number): number {
  const sorted = Float64Array.from(samples).sort();
  const n = sorted.length;
  if (n === 0) return NaN;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i]!);
    d = Math.max(d, f - i / n, (i + 1) / n - f);
  }
  return d;
}

/** Largest matrix order for the exact method: its cost is O(m³ log n), ~30 ms at m = 121. */
const MAX_EXACT_ORDER = 121;

/**
 * P(D_n ≥ d) under the null. Exact by Marsaglia, Tsang & Wang (J. Stat. Softw. 8(18), 2003) when the matrix
 * order m = 2⌈n d⌉ − 1 is at most 121; otherwise Kolmogorov's limit with Stephens' correction
 * (Stephens 1970): λ = (√n + 0.12 + 0.11/√n) d, p = 2 Σ_{k≥1} (−1)^{k−1} e^{−2k²λ²}, good to ~1e-3 absolute there.
 * @returns NaN unless n is a positive integer and d is a number.
 */
export function ksPValue(dStat: number, n: number): number {
  if (!Number.isInteger(n) || n < 1 || Number.isNaN(dStat)) return NaN;
  if (dStat <= 0) return 1;
  if (dStat >= 1) return 0;
  const k = Math.floor(n * dStat) + 1;
  if (2 * k - 1 <= MAX_EXACT_ORDER) return Math.min(1, Math.max(0, 1 - kolmogorovCdfExact(n, dStat)));
  return kolmogorovSurvival((Math.sqrt(n) + 0.12 + 0.11 / Math.sqrt(n)) * dStat);
}

/** One-sample KS test of `samples` against `cdf`. */
export function ksTest(samples: ArrayLike<number>, cdf: (x: number) => number): { statistic: number; pValue: number } {
  const statistic = ksStatistic(samples, cdf);
  return { statistic, pValue: ksPValue(statistic, samples.length) };
}

/**
 * Kolmogorov's limiting survival function Q(λ) = 1 − K(λ): the alternating series 2 Σ (−1)^{k−1} e^{−2k²λ²}
 * for λ ≥ 1, the theta form K(λ) = (√(2π)/λ) Σ e^{−(2k−1)²π²/(8λ²)} below (both converge in a few terms).
 */
function kolmogorovSurvival(lambda: number): number {
  if (lambda >= 1) {
    let sum = 0;
    for (let k = 1; k <= 100; k++) {
      const term = Math.exp(-2 * k * k * lambda * lambda);
      sum += k % 2 === 1 ? term : -term;
      if (term < 1e-17) break;
    }
    return Math.min(1, 2 * sum);
  }
  if (lambda <= 0) return 1;
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp((-((2 * k - 1) ** 2) * Math.PI * Math.PI) / (8 * lambda * lambda));
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  return 1 - (Math.sqrt(2 * Math.PI) / lambda) * sum;
}

/** A matrix with a decimal exponent kept apart, so that powers neither overflow nor underflow. */
interface ScaledMatrix {
  values: Float64Array;
  exponent: number;
}

/**
 * P(D_n < d) by Marsaglia–Tsang–Wang: with k = ⌊nd⌋ + 1, m = 2k − 1, h = k − nd, the m×m matrix H
 * (H_ij = 1/(i−j+1)! for i − j + 1 ≥ 0, corrected in its first column and last row by powers of h), and
 * P = n!/n^n · (H^n)_{kk}.
 */
function kolmogorovCdfExact(n: number, d: number): number {
  const k = Math.floor(n * d) + 1;
  const m = 2 * k - 1;
  const h = k - n * d;
  const H = new Float64Array(m * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) H[i * m + j] = i - j + 1 < 0 ? 0 : 1;
  for (let i = 0; i < m; i++) {
    H[i * m] = H[i * m]! - Math.pow(h, i + 1);
    H[(m - 1) * m + i] = H[(m - 1) * m + i]! - Math.pow(h, m - i);
  }
  H[(m - 1) * m] = H[(m - 1) * m]! + (2 * h - 1 > 0 ? Math.pow(2 * h - 1, m) : 0);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      for (let g = 1; g <= i - j + 1; g++) H[i * m + j] = H[i * m + j]! / g;
    }
  }
  const power = matrixPower({ values: H, exponent: 0 }, n, m);
  let s = power.values[(k - 1) * m + k - 1]!;
  let exponent = power.exponent;
  for (let i = 1; i <= n; i++) {
    s = (s * i) / n;
    if (s < 1e-140) {
      s *= 1e140;
      exponent -= 140;
    }
  }
  return s * Math.pow(10, exponent);
}

/** A^n by repeated squaring, rescaling by 10^140 whenever the centre entry exceeds 10^140. */
function matrixPower(a: ScaledMatrix, n: number, m: number): ScaledMatrix {
  if (n === 1) return { values: a.values.slice(), exponent: a.exponent };
  const half = matrixPower(a, Math.floor(n / 2), m);
  let result: ScaledMatrix = { values: matrixMultiply(half.values, half.values, m), exponent: 2 * half.exponent };
  if (n % 2 === 1)
    result = { values: matrixMultiply(a.values, result.values, m), exponent: a.exponent + result.exponent };
  const centre = Math.floor(m / 2) * m + Math.floor(m / 2);
  if (result.values[centre]! > 1e140) {
    for (let i = 0; i < m * m; i++) result.values[i] = result.values[i]! * 1e-140;
    result.exponent += 140;
  }
  return result;
}

/** C = A·B for m×m row-major matrices. */
function matrixMultiply(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const c = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let l = 0; l < m; l++) {
      const ail = a[i * m + l]!;
      if (ail === 0) continue;
      for (let j = 0; j < m; j++) c[i * m + j] = c[i * m + j]! + ail * b[l * m + j]!;
    }
  }
  return c;
}
