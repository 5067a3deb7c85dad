// Continuity residuals by finite differences, for designs without exact derivatives (radial densities
// normalized by quadrature, hand-built Designs): five-point differences in Cartesian coordinates, each with
// a Richardson-type error estimate (the same difference with twice the step), so the tolerance follows the
// differences' actual error rather than a constant.
import { EPS, ROUNDING_ULPS, continuityTerms, type ContinuityTerms } from './continuity-rows.js';

/** A density (in log) and the velocity that should transport it. */
export interface DensityAndVelocity {
  logDensity(t: number, x: Float64Array): number;
  velocity(t: number, x: Float64Array): Float64Array;
}

/**
 * Ulps of a value's rounding assumed in the noise of its difference quotient: compiled log-densities lose up to
 * ~100 ulps (log of a large argument, sums of log-space terms); quadrature noise shows in the Richardson part.
 */
const NOISE_ULPS = 100;

export interface Difference {
  value: number;
  /** |D(h) − D(2h)| (about 15 times D(h)'s truncation error, and the size of its noise) + rounding noise. */
  error: number;
}

/** f'(x) by the five-point central difference with step h (error O(h⁴)), with an error estimate. */
export function differenceWithError(f: (x: number) => number, x: number, step: number): Difference {
  // a step that x ± h represents exactly: otherwise the rounding of x ± h (ε|x|, large against h when x is far
  // from the origin) would be an error of the difference that no estimate here sees
  const h = x + step - x;
  const [m1, p1, m2, p2, m4, p4] = [f(x - h), f(x + h), f(x - 2 * h), f(x + 2 * h), f(x - 4 * h), f(x + 4 * h)];
  const fine = (m2 - 8 * m1 + 8 * p1 - p2) / (12 * h);
  const coarse = (m4 - 8 * m2 + 8 * p2 - p4) / (24 * h);
  const size = Math.max(Math.abs(m4), Math.abs(m2), Math.abs(m1), Math.abs(p1), Math.abs(p2), Math.abs(p4));
  return { value: fine, error: Math.abs(fine - coarse) + (NOISE_ULPS * EPS * size) / h };
}

/**
 * ∂t log p + ∇·v + v·∇log p at (t, x) with time step ht and space step hx, each of the d + 1 partial
 * derivatives a five-point difference; the error adds the differences' estimates and the sum's rounding.
 */
export function continuityResidual(
  pair: DensityAndVelocity,
  t: number,
  x: Float64Array,
  ht: number,
  hx: number,
): ContinuityTerms {
  const dt = differenceWithError((s) => pair.logDensity(s, x), t, ht);
  const v = pair.velocity(t, x);
  let divergence = 0,
    advection = 0,
    magnitude = Math.abs(dt.value),
    error = dt.error;
  const moved = Float64Array.from(x);
  for (let j = 0; j < x.length; j++) {
    const along =
      (f: (y: Float64Array) => number) =>
      (s: number): number => {
        moved[j] = s;
        const value = f(moved);
        moved[j] = x[j]!;
        return value;
      };
    const dj = differenceWithError(
      along((y) => pair.velocity(t, y)[j]!),
      x[j]!,
      hx,
    );
    const gj = differenceWithError(
      along((y) => pair.logDensity(t, y)),
      x[j]!,
      hx,
    );
    divergence += dj.value;
    advection += v[j]! * gj.value;
    magnitude += Math.abs(dj.value) + Math.abs(v[j]! * gj.value);
    error += dj.error + Math.abs(v[j]!) * gj.error;
  }
  return continuityTerms(dt.value, divergence, advection, magnitude, error + ROUNDING_ULPS * EPS * magnitude);
}
