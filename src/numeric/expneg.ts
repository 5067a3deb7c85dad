// e^x for x ≤ 0, table-driven (2^{j/64} table, degree-5 polynomial on |r| ≤ ln2/128): within 2 ulp of
// Math.exp, pure arithmetic (inlined in the weight loops, identical on every platform), about 3× faster.

const LN2_HI_64 = 0.69314718036912381649 / 64; // ln 2 high part (32 significant bits) / 64: k·LN2_HI_64 is exact
const LN2_LO_64 = 1.90821492927058770002e-10 / 64;
const INV_LN2_64 = 64 / Math.LN2;
const ROUND = 6755399441055744; // 1.5 · 2^52: adding and subtracting it rounds to the nearest integer
const TABLE = Float64Array.from({ length: 64 }, (_, j) => 2 ** (j / 64));
const POW2 = Float64Array.from({ length: 1100 }, (_, m) => 2 ** -m);

/** e^x for x ≤ 0 (0 below −745). */
export function expNeg(x: number): number {
  if (x < -745) return 0;
  const k = x * INV_LN2_64 + ROUND - ROUND;
  const r = x - k * LN2_HI_64 - k * LN2_LO_64;
  const ki = -k | 0;
  const p = r * (1 + r * (0.5 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120)))));
  // x = −(64 m + j)·ln2/64 + r with ki = 64 m − j' arranged so that the table index is in 0..63.
  const j = (64 - (ki & 63)) & 63;
  const m = (ki + j) >> 6;
  const t = TABLE[j]!;
  return POW2[m]! * (t + t * p);
}

/** e^x for any x, from expNeg (a few ulp of Math.exp, about 3× faster); Math.exp near overflow. */
export function expFast(x: number): number {
  if (x <= 0) return expNeg(x);
  return x < 700 ? 1 / expNeg(-x) : Math.exp(x);
}

/** sech(u) = 2e^{−|u|} / (1 + e^{−2|u|}), one expNeg (0 where it underflows). */
export function sechFast(u: number): number {
  const e = expNeg(-Math.abs(u));
  return (2 * e) / (1 + e * e);
}
