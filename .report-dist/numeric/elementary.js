// Elementary functions the generated code calls that Math lacks, written to stay finite where the
// naive formula under- or overflows (log sech at |u| = 1000, log(1 − e^{−u}) near 0...).
export const sech = (x) => 1 / Math.cosh(x);
export const csch = (x) => 1 / Math.sinh(x);
export const coth = (x) => 1 / Math.tanh(x);
export const sec = (x) => 1 / Math.cos(x);
export const csc = (x) => 1 / Math.sin(x);
export const cot = (x) => 1 / Math.tan(x);
export const heaviside = (x) => (x > 0 ? 1 : x < 0 ? 0 : 0.5);
/** σ(x) = 1/(1 + e^{−x}), without overflow for large |x|. */
export function sigmoid(x) {
    if (x >= 0)
        return 1 / (1 + Math.exp(-x));
    const e = Math.exp(x);
    return e / (1 + e);
}
/** softplus(x) = log(1 + e^x), exact for large |x|. */
export function softplus(x) {
    return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}
/** log sech(u) = log 2 − |u| − log1p(e^{−2|u|})  (MATH.md §2). */
export function logsech(u) {
    const a = Math.abs(u);
    return Math.LN2 - a - log1pSmall(Math.exp(-2 * a));
}
/** log1p(e) for e ≥ 0; below 1e-8 the series e − e²/2 is exact to double precision and much cheaper. */
function log1pSmall(e) {
    return e < 1e-8 ? e - 0.5 * e * e : Math.log1p(e);
}
/** log cosh(u) = |u| + log1p(e^{−2|u|}) − log 2. */
export function logcosh(u) {
    const a = Math.abs(u);
    return a + log1pSmall(Math.exp(-2 * a)) - Math.LN2;
}
/** log |sinh(u)| = |u| + log1p(−e^{−2|u|}) − log 2. */
export function logsinh(u) {
    const a = Math.abs(u);
    return a + Math.log1p(-Math.exp(-2 * a)) - Math.LN2;
}
/** log(1 − e^{−a}) for a > 0, accurate for small and large a (Mächler 2012). */
export function log1mexp(a) {
    return a < Math.LN2 ? Math.log(-Math.expm1(-a)) : Math.log1p(-Math.exp(-a));
}
/** log(e^a + e^b) without overflow. */
export function logaddexp(a, b) {
    const m = Math.max(a, b);
    if (m === -Infinity)
        return -Infinity;
    return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
}
/** log |tanh(u)| = log1p(−e^{−2|u|}) − log1p(e^{−2|u|}). */
export function logtanh(u) {
    const e = Math.exp(-2 * Math.abs(u));
    return Math.log1p(-e) - Math.log1p(e);
}
