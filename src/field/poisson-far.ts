// Far field of the Poisson kernel in the plane (docs/mathematics.md §13): w(v) = (S² + |u − δ|²)^{−c} about a node's
// box centre, u = y − c_N, δ = x_i − c_N, expanded in δ by total degree. With D² = S² + |u|², u' = u/D, v = −δ/D,
//   (S² + |u + Dv|²)^{−c} = D^{−2c} (1 + 2u'·v + |v|²)^{−c} = D^{−2c} Σ_n G_n(v),
// G_n homogeneous of degree n, by J. C. P. Miller's recurrence for a power of a series (h₁ = 2u'·v, h₂ = |v|²):
//   n G_n = Σ_{k=1,2} (k(1 − c) − n) h_k G_{n−k},  G₀ = 1,
// and the node's sum is D^{−2c} Σ_β T_β (−1/D)^{|β|} β! M_β with the moments M_β = Σ_i δ_i^β/β! of hermite.ts.
// Writing 1 − 2xr + r² with r = |δ|/D, x = −u'·δ/|δ| (|x| ≤ |u'| < 1), G_n = C_n^{(c)}(x) rⁿ (Gegenbauer), and
// |C_n^{(c)}(x)| ≤ C_n^{(c)}(1) = (2c)_n/n! bounds the tail of the truncated series.
import { MAX_ORDER, MOMENT_STEPS, type PlaneMoments } from './hermite.js';

const SIDE = MAX_ORDER + 1;
const FACTORIAL = Float64Array.from({ length: SIDE + 1 }, (_, n) => {
  let f = 1;
  for (let k = 2; k <= n; k++) f *= k;
  return f;
});
const UNIT_ROUNDOFF = 2 ** -53;

/**
 * The smallest total degree p ≤ maxOrder (≤ MAX_ORDER) whose truncation error per point, relative to D^{−2c}, is at
 * most `allowed`: Σ_{n≥p} (2c)_n/n! rⁿ ≤ (2c)_p/p! r^p / (1 − r (2c + p)/(p + 1)) for r = radius/D (the ratio
 * of consecutive terms, r (2c + n)/(n + 1), does not grow with n when 2c ≥ 1). The bound in bound[0]; 0 when none.
 */
export function poissonOrder(r: number, c: number, allowed: number, maxOrder: number, bound: Float64Array): number {
  const top = Math.min(maxOrder, MAX_ORDER);
  if (!(r < 1) || !(allowed > 0) || c < 0.5) return 0;
  let term = 1; // (2c)_p/p! r^p at p = 0
  for (let p = 1; p <= top; p++) {
    term *= (r * (2 * c + p - 1)) / p;
    const ratio = (r * (2 * c + p)) / (p + 1);
    if (ratio < 1) {
      const tail = term / (1 - ratio);
      if (tail <= allowed) {
        bound[0] = tail;
        return p;
      }
    }
  }
  return 0;
}

/**
 * coefs[β₁·SIDE + β₂] = T_β of G = Σ_{|β|<p} T_β v^β (the Taylor coefficients of (1 + 2u'·v + |v|²)^{−c}), and
 * majorant[...] = the same recurrence on |u'| with every term taken positive (|T_β| ≤ majorant, and the float64
 * rounding of T_β is within a few ulp per step of it).
 */
export function poissonCoefficients(
  u1: number,
  u2: number,
  c: number,
  p: number,
  coefs: Float64Array,
  majorant: Float64Array,
): void {
  const a1 = Math.abs(u1);
  const a2 = Math.abs(u2);
  coefs[0] = 1;
  majorant[0] = 1;
  for (let n = 1; n < p; n++) {
    const k1 = 1 - c - n; // k(1 − c) − n for h₁ (k = 1) and h₂ (k = 2)
    const k2 = 2 * (1 - c) - n;
    for (let b1 = 0; b1 <= n; b1++) {
      const b2 = n - b1;
      const at = b1 * SIDE + b2;
      let h1 = 0;
      let m1 = 0;
      if (b1 > 0) {
        h1 += 2 * u1 * coefs[at - SIDE]!;
        m1 += 2 * a1 * majorant[at - SIDE]!;
      }
      if (b2 > 0) {
        h1 += 2 * u2 * coefs[at - 1]!;
        m1 += 2 * a2 * majorant[at - 1]!;
      }
      let h2 = 0;
      let m2 = 0;
      if (b1 > 1) {
        h2 += coefs[at - 2 * SIDE]!;
        m2 += majorant[at - 2 * SIDE]!;
      }
      if (b2 > 1) {
        h2 += coefs[at - 2]!;
        m2 += majorant[at - 2]!;
      }
      coefs[at] = (k1 * h1 + k2 * h2) / n;
      majorant[at] = (Math.abs(k1) * m1 + Math.abs(k2) * m2) / n;
    }
  }
}

/**
 * The node's Σ w_i and Σ w_i δ_i by the expansion of total degree < p, in units of D^{−2c} (sums[0..2]); returns
 * a bound on their float64 rounding per point in the same units: (3p + 20 + MOMENT_STEPS) u Σ_β majorant_β
 * Π_k (half_k/D)^{β_k} (each term of the series is at most that per point, |δ_k| ≤ half_k).
 */
export function poissonExpand(
  moments: PlaneMoments,
  node: number,
  p: number,
  invD: number,
  half1: number,
  half2: number,
  coefs: Float64Array,
  majorant: Float64Array,
  sums: Float64Array,
): number {
  const m = moments.values;
  const base = moments.offset[node]!;
  let s = 0;
  let a1 = 0;
  let a2 = 0;
  let absolute = 0;
  const h1 = half1 * invD;
  const h2 = half2 * invD;
  let pow1 = 1;
  for (let b1 = 0; b1 < p; b1++) {
    let pow2 = 1;
    for (let b2 = 0; b1 + b2 < p; b2++) {
      const at = b1 * SIDE + b2;
      // T_β (−1/D)^{|β|} β!: the moments carry 1/β!
      const sign = (b1 + b2) & 1 ? -1 : 1;
      const t = sign * coefs[at]! * invD ** (b1 + b2);
      const f = FACTORIAL[b1]! * FACTORIAL[b2]!;
      s += t * f * m[base + at]!;
      a1 += t * f * (b1 + 1) * m[base + at + SIDE]!;
      a2 += t * f * (b2 + 1) * m[base + at + 1]!;
      absolute += majorant[at]! * pow1 * pow2;
      pow2 *= h2;
    }
    pow1 *= h1;
  }
  sums[0] = s;
  sums[1] = a1;
  sums[2] = a2;
  return (3 * p + 20 + MOMENT_STEPS) * UNIT_ROUNDOFF * absolute;
}
