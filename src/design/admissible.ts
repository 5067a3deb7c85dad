// Load-time checks that a radial design's ψ_t(r) is a CDF in r at all: finite, from 0 at r → 0 to 1 as
// r → ∞, non-decreasing, on a coarse grid of times and radii. Without them a design like `cumulative: r`
// or `2*tanh(r/t)` samples happily (nothing downstream needs ψ ≤ 1), and `1 - tanh(r/t)` fails deep inside a
// root finder. The grid is coarse and the tolerances loose on purpose: finer defects (a value off only at
// exactly r = 0, a dip of 1e-9) are for `odeforge verify` to find, with a counterexample.
import { OdeforgeError } from '../errors.js';
import type { Expression } from '../spec/index.js';
import type { Fn2 } from './bind.js';

/** How far ψ may stray from [0, 1] and from monotone before the design is refused. */
const TOLERANCE = 1e-6;
/** How close to 0 (r → 0) and to 1 (r → ∞) ψ must come. */
const LIMIT_TOLERANCE = 1e-3;
/** Times checked, log-spaced over [ε, T]. */
const TIMES = 5;
/** The grid of r / t: 10^-9 .. 10^9, 8 points a decade. */
const BULK = Array.from({ length: 145 }, (_, k) => 10 ** ((k - 72) / 8));
/** r / t towards 0 and towards ∞, for the limits (the first finite value counts). */
const NEAR_ZERO = [1e-300, 1e-100, 1e-30, 1e-12];
const FAR = [1e300, 1e100, 1e30, 1e12];

/**
 * Refuse a ψ that is not a radial CDF.
 * @throws OdeforgeError positioned at the `cumulative` value, naming t, r and ψ_t(r)
 */
export function checkRadialCdf(psi: Fn2, cumulative: Expression, time: { epsilon: number; T: number }): void {
  const fail = (what: string, t: number, r: number, value: number): never => {
    throw new OdeforgeError(
      `ψ is not a radial CDF: ${what} (ψ_t(r) = ${value} at t = ${t}, r = ${r})`,
      cumulative.where,
      'ψ_t(r) must rise from 0 at r = 0 to 1 as r → ∞, for every t in [ε, T]',
    );
  };
  for (const t of checkTimes(time)) {
    checkBulk(psi, t, fail);
    const zero = firstFinite(psi, t, NEAR_ZERO);
    if (zero === undefined) fail('it is not finite as r → 0', t, t * NEAR_ZERO[0]!, psi(t, t * NEAR_ZERO[0]!));
    else if (Math.abs(zero.value) > LIMIT_TOLERANCE) fail('it does not tend to 0 as r → 0', t, zero.r, zero.value);
    const far = firstFinite(psi, t, FAR);
    if (far === undefined)
      fail(
        'it does not reach 1 at any representable r (is T too large?)',
        t,
        Number.MAX_VALUE,
        psi(t, Number.MAX_VALUE),
      );
    else if (Math.abs(far.value - 1) > LIMIT_TOLERANCE) fail('it does not tend to 1 as r → ∞', t, far.r, far.value);
  }
}

/** Log-spaced in [ε, T], both ends exact (in logs: T / ε overflows for T near the largest double). */
function checkTimes({ epsilon, T }: { epsilon: number; T: number }): number[] {
  const a = Math.log(epsilon),
    b = Math.log(T);
  const times = Array.from({ length: TIMES }, (_, k) => Math.exp(a + ((b - a) * k) / (TIMES - 1)));
  times[0] = epsilon;
  times[TIMES - 1] = T;
  return times;
}

/** Finite, within [0, 1] and non-decreasing on the bulk of the grid (radii that overflow are skipped). */
function checkBulk(psi: Fn2, t: number, fail: (what: string, t: number, r: number, value: number) => never): void {
  let previous = -Infinity;
  for (const u of BULK) {
    const r = t * u;
    if (!Number.isFinite(r)) return;
    const value = psi(t, r);
    if (!Number.isFinite(value)) fail('it is not finite', t, r, value);
    if (value < -TOLERANCE || value > 1 + TOLERANCE) fail('it leaves [0, 1]', t, r, value);
    if (value < previous - TOLERANCE) fail(`it decreases in r (from ${previous})`, t, r, value);
    previous = value;
  }
}

function firstFinite(psi: Fn2, t: number, ratios: readonly number[]): { r: number; value: number } | undefined {
  for (const u of ratios) {
    const r = t * u;
    if (!Number.isFinite(r) || r === 0) continue;
    const value = psi(t, r);
    if (Number.isFinite(value)) return { r, value };
  }
  return undefined;
}
