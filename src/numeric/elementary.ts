// Elementary functions the generated code calls that Math lacks, written to stay finite where the
// naive formula under- or overflows (log sech at |u| = 1000, log(1 − e^{−u}) near 0...).

export const sech = (x: number): number => 1 / Math.cosh(x);
export const csch = (x: number): number => 1 / Math.sinh(x);
export const coth = (x: number): number => 1 / Math.tanh(x);
export const sec = (x: number): number => 1 / Math.cos(x);
export const csc = (x: number): number => 1 / Math.sin(x);
export const cot = (x: number): number => 1 / Math.tan(x);
export const heaviside = (x: number): number => (x > 0 ? 1 : x < 0 ? 0 : 0.5);

/** σ(x) = 1/(1 + e^{−x}), without overflow for large |x|. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** softplus(x) = log(1 + e^x), exact for large |x|. */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/**
 * Beyond this |u| the term log1p(e^{−2|u|}) < 4.3e-18 is below half an ulp of log 2 − |u| (|·| > 19), so
 * dropping it returns the same double: no exp or log1p for the far tails (most pairs in a sampler's field).
 */
const NEGLIGIBLE_TAIL = 20;

/** log sech(u) = log 2 − |u| − log1p(e^{−2|u|})  (docs/mathematics.md §2). */
export function logsech(u: number): number {
  const a = Math.abs(u);
  if (a > NEGLIGIBLE_TAIL) return Math.LN2 - a;
  return Math.LN2 - a - log1pSmall(Math.exp(-2 * a));
}

/** log1p(e) for e ≥ 0; below 1e-8 the series e − e²/2 is exact to double precision and much cheaper. */
function log1pSmall(e: number): number {
  return e < 1e-8 ? e - 0.5 * e * e : Math.log1p(e);
}

/** log cosh(u) = |u| + log1p(e^{−2|u|}) − log 2. */
export function logcosh(u: number): number {
  const a = Math.abs(u);
  if (a > NEGLIGIBLE_TAIL) return a - Math.LN2;
  return a + log1pSmall(Math.exp(-2 * a)) - Math.LN2;
}

/** log |sinh(u)| = |u| + log1p(−e^{−2|u|}) − log 2. */
export function logsinh(u: number): number {
  const a = Math.abs(u);
  return a + Math.log1p(-Math.exp(-2 * a)) - Math.LN2;
}

/** log(1 − e^{−a}) for a > 0, accurate for small and large a (Mächler 2012). */
export function log1mexp(a: number): number {
  return a < Math.LN2 ? Math.log(-Math.expm1(-a)) : Math.log1p(-Math.exp(-a));
}

/** log(e^a + e^b) without overflow. */
export function logaddexp(a: number, b: number): number {
  const m = Math.max(a, b);
  if (m === -Infinity) return -Infinity;
  return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
}

/** log |tanh(u)| = log1p(−e^{−2|u|}) − log1p(e^{−2|u|}). */
export function logtanh(u: number): number {
  const e = Math.exp(-2 * Math.abs(u));
  return Math.log1p(-e) - Math.log1p(e);
}

/** log Σ exp(v_i), shifted by the largest term; −∞ for no terms or all −∞, and the largest when it is +∞ or NaN. */
export function logSumExp(values: ArrayLike<number>): number {
  let top = -Infinity;
  for (let i = 0; i < values.length; i++) if (values[i]! > top || Number.isNaN(values[i]!)) top = values[i]!;
  if (top === -Infinity || !Number.isFinite(top)) return top;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += Math.exp(values[i]! - top);
  return top + Math.log(sum);
}
