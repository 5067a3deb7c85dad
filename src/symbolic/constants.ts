// Exact constants of the normalizations (Γ of half-integers, the area of the unit sphere) as trees and rationals,
// so that a derivation shows ln 2 + ln π rather than 1.8378770664093453.
import { add, div, mul, pow, sub } from './algebra.js';
import { call, constant, symbol, type MathNode } from './math.js';

/** q·√π^h, q = num/den a rational. */
export interface HalfIntegerGamma {
  num: bigint;
  den: bigint;
  sqrtPi: 0 | 1;
}

/** Beyond this k, Γ(k/2)'s digits are more than a reader wants printed (and than a double holds). */
const largestPrintedGammaArgument = 60;

/**
 * Γ(k/2) as q·√π^h exactly: Γ(n) = (n − 1)! and Γ(n + 1/2) = (2n)! √π / (4^n n!). Undefined when the numbers
 * grow past what a reader would want printed.
 */
export function halfIntegerGamma(k: number): HalfIntegerGamma | undefined {
  if (!Number.isInteger(k) || k < 1 || k > largestPrintedGammaArgument) return undefined;
  if (k % 2 === 0) return { num: factorial(k / 2 - 1), den: 1n, sqrtPi: 0 };
  const n = (k - 1) / 2;
  return { num: factorial(2 * n), den: 4n ** BigInt(n) * factorial(n), sqrtPi: 1 };
}

function factorial(n: number): bigint {
  let product = 1n;
  for (let i = 2; i <= n; i++) product *= BigInt(i);
  return product;
}

export function gcd(a: bigint, b: bigint): bigint {
  return b === 0n ? a : gcd(b, a % b);
}

/** Largest integer a double represents exactly: beyond it a rational's digits would be rounded. */
const exactIntegerLimit = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * S_{d−1} = 2π^{d/2}/Γ(d/2), the area of the unit sphere in R^d, as (num/den)·π^m with m = ⌊d/2⌋ (the √π of
 * odd d cancels), or undefined when the rational's digits exceed a double's exact integers.
 */
export function sphereArea(d: number): { num: bigint; den: bigint; piPower: number } | undefined {
  const gamma = halfIntegerGamma(d);
  if (!gamma) return undefined;
  // 2π^{d/2} / (q √π^h) = (2/q) π^{(d − h)/2}
  let num = 2n * gamma.den;
  let den = gamma.num;
  const common = gcd(num, den);
  num /= common;
  den /= common;
  if (num > exactIntegerLimit || den > exactIntegerLimit) return undefined;
  return { num, den, piPower: (d - gamma.sqrtPi) / 2 };
}

/** S_{d−1} as an exact tree (2π for d = 2, 4π for d = 3), or the symbol S_d when it has no short exact form. */
export function sphereAreaTree(d: number): MathNode {
  const area = sphereArea(d);
  if (!area) return symbol('S_d');
  const rational = div(constant(Number(area.num)), constant(Number(area.den)));
  return area.piPower === 0 ? rational : mul(rational, pow(symbol('pi'), constant(area.piPower)));
}

/** ln S_{d−1} as a sum of exact logarithms (ln 2 + ln π for d = 2), or log(S_d). */
export function logSphereAreaTree(d: number): MathNode {
  const area = sphereArea(d);
  if (!area) return call('log', symbol('S_d'));
  let sum: MathNode = constant(0);
  if (area.num !== 1n) sum = add(sum, call('log', constant(Number(area.num))));
  if (area.den !== 1n) sum = sub(sum, call('log', constant(Number(area.den))));
  if (area.piPower !== 0) sum = add(sum, mul(constant(area.piPower), call('log', symbol('pi'))));
  return sum;
}
