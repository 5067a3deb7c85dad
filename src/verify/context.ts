// What every property needs besides the Design: case generators (fast-check arbitraries over times, points
// and directions), the kernel's centre and scale, finite differences, seeded streams. Sees a Design only.
import fc from 'fast-check';
import type { Design, Rng } from '../design/types.js';
import { sampleStream } from '../numeric/rng.js';

/** Everything a property check receives. */
export interface VerifyContext {
  design: Design;
  d: number;
  /** Base random cases per pointwise property. */
  runs: number;
  seed: number;
}

// ---------------------------------------------------------------------------------------------
// Arbitraries. Scalars come from integers mapped onto [0, 1]: fast-check biases integers towards the ends of
// their range, so cases probe the ends of each interval (t = ε, t = T) rather than 1e-300-like doubles.

const UNIT_STEPS = 2 ** 30;

/** u ∈ [0, 1], biased towards 0 and 1, shrinking towards 0. */
export const unit = (): fc.Arbitrary<number> => fc.integer({ min: 0, max: UNIT_STEPS }).map((i) => i / UNIT_STEPS);

/** Log-uniform on [lo, hi], shrinking towards lo. */
export const logUniform = (lo: number, hi: number): fc.Arbitrary<number> =>
  unit().map((u) => (u === 1 ? hi : lo * Math.pow(hi / lo, u)));

/** Uniform on [lo, hi], shrinking towards lo. */
export const uniform = (lo: number, hi: number): fc.Arbitrary<number> => unit().map((u) => lo + (hi - lo) * u);

/** A point in the cube inscribed in the ball of radius R (so |x0| ≤ R), shrinking towards 0. */
export function ballPoint(d: number, radius: number): fc.Arbitrary<number[]> {
  const half = 2 ** 20;
  const side = radius / Math.sqrt(d);
  return fc
    .array(fc.integer({ min: -half, max: half }), { minLength: d, maxLength: d })
    .map((c) => c.map((v) => (side * v) / half));
}

/** A unit vector (not uniform on the sphere, but every direction is reachable), shrinking towards e1. */
export function direction(d: number): fc.Arbitrary<number[]> {
  const half = 2 ** 20;
  return fc.array(fc.integer({ min: -half, max: half }), { minLength: d, maxLength: d }).map((c) => {
    const norm = Math.hypot(...c);
    return norm === 0 ? c.map((_, j) => (j === 0 ? 1 : 0)) : c.map((v) => v / norm);
  });
}

/** An index of a seeded random stream for the case's own random numbers. */
export const streamIndex = (): fc.Arbitrary<number> => fc.integer({ min: 0, max: 2 ** 31 - 1 });

/**
 * The random stream of one case of one property: deterministic in (seed, property, design name, index), so a
 * counterexample is reproducible, while different properties and designs never share draws (otherwise one
 * unlucky stream would fail every Gaussian design at once).
 */
export function caseStream(ctx: VerifyContext, property: string, index: number): Rng {
  return sampleStream(propertySeed(ctx.seed, `${property}\u0000${ctx.design.name}`) >>> 0, index);
}

/** A 32-bit fast-check seed for one property, derived from the user's seed and the property's name. */
export function propertySeed(seed: number, name: string): number {
  let h = ((seed % 2 ** 32) ^ Math.floor(seed / 2 ** 32) ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return h | 0;
}

// ---------------------------------------------------------------------------------------------
// The kernel's geometry.

/** The centre of p_t(·|x0): α_t x0 for path families, x0 for radial ones. */
export function kernelCentre(design: Design, t: number, x0: ArrayLike<number>): Float64Array {
  const alpha = design.schedule ? design.schedule(t).alpha : 1;
  return Float64Array.from(x0, (v) => alpha * v);
}

/** c + r n. */
export function pointAt(centre: ArrayLike<number>, r: number, n: ArrayLike<number>): Float64Array {
  return Float64Array.from(centre, (c, j) => c + r * n[j]!);
}

/** |x − c|. */
export function distance(x: ArrayLike<number>, c: ArrayLike<number>, offset = 0): number {
  let sum = 0;
  for (let j = 0; j < c.length; j++) {
    const diff = x[offset + j]! - c[j]!;
    sum += diff * diff;
  }
  return Math.sqrt(sum);
}

/**
 * The kernel's median radius at t, its natural length scale: the quantile at 1/2 when it is usable, else the
 * first r on a logarithmic grid where the radial CDF reaches 1/2 (a broken CDF must not stop the checks).
 */
export function medianRadius(design: Design, t: number): number {
  try {
    const r = design.kernel.radialQuantile(t, 0.5);
    if (Number.isFinite(r) && r > 0) return r;
  } catch {
    // fall through to the grid
  }
  for (let k = -120; k <= 120; k++) {
    const r = Math.pow(10, k / 4);
    if (design.kernel.radialCdf(t, r) >= 0.5) return r;
  }
  return 1;
}

/** A radius of the kernel at quantile u, or the median radius scaled by a factor when the quantile fails. */
export function radiusAt(design: Design, t: number, u: number, fallbackFactor: number): number {
  try {
    const r = design.kernel.radialQuantile(t, u);
    if (Number.isFinite(r) && r > 0) return r;
  } catch {
    // fall through
  }
  return fallbackFactor * medianRadius(design, t);
}

// ---------------------------------------------------------------------------------------------
// Finite differences.

/** f'(x) by the five-point central difference: error O(h⁴). */
export function derivative5(f: (x: number) => number, x: number, h: number): number {
  return (f(x - 2 * h) - 8 * f(x - h) + 8 * f(x + h) - f(x + 2 * h)) / (12 * h);
}

/** Relative step for finite differences: truncation ~h⁴ ≈ 1e-12, rounding ~ε/h ≈ 1e-13 (relative). */
export const RELATIVE_STEP = 1e-3;

export { logSumExp } from '../numeric/elementary.js';

/** Round for display in counterexamples (full precision is kept in residuals). */
export const round = (x: number, digits = 10): number => (Number.isFinite(x) ? Number(x.toPrecision(digits)) : x);
export const roundAll = (xs: ArrayLike<number>, digits = 10): number[] => Array.from(xs, (x) => round(x, digits));
