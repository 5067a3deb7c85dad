// Scalar root finding: Brent's bracketing method and the inversion of increasing functions (quantiles).
// Must not guess brackets silently: a root that is not bracketed is a thrown Error, never a wrong number.

export interface BrentOptions {
  /** Absolute tolerance on x (default 1e-300). */
  xtol?: number;
  /** Relative tolerance on x (default 4ε ≈ 8.9e-16). */
  rtol?: number;
  /** Maximum number of function evaluations after the two end points (default 500). */
  maxIter?: number;
}

const EPS = 2.220446049250313e-16;

/**
 * A root of f in [a, b] by Brent's method (inverse quadratic interpolation, secant, bisection; the
 * variant of SciPy's brentq). Converges when the bracket half-width is below (xtol + rtol·|x|)/2.
 * @throws Error if f(a) and f(b) do not have opposite signs (or one is NaN), or after maxIter evaluations.
 * @example brent((x) => x * x - 2, 0, 2) // 1.4142135623730951
 */
export function brent(f: (x: number) => number, a: number, b: number, opts: BrentOptions = {}): number {
  const xtol = opts.xtol ?? 1e-300;
  const rtol = opts.rtol ?? 4 * EPS;
  const maxIter = opts.maxIter ?? 500;
  let xpre = a;
  let xcur = b;
  let fpre = f(xpre);
  let fcur = f(xcur);
  if (fpre === 0) return xpre;
  if (fcur === 0) return xcur;
  if (!(Math.sign(fpre) * Math.sign(fcur) < 0)) {
    throw new Error(`brent: f(${a}) = ${fpre} and f(${b}) = ${fcur} do not bracket a root`);
  }
  let xblk = 0;
  let fblk = 0;
  let spre = 0;
  let scur = 0;
  for (let iter = 0; iter < maxIter; iter++) {
    if (Math.sign(fpre) * Math.sign(fcur) < 0) {
      xblk = xpre;
      fblk = fpre;
      spre = scur = xcur - xpre;
    }
    if (Math.abs(fblk) < Math.abs(fcur)) {
      xpre = xcur;
      xcur = xblk;
      xblk = xpre;
      fpre = fcur;
      fcur = fblk;
      fblk = fpre;
    }
    const delta = (xtol + rtol * Math.abs(xcur)) / 2;
    const sbis = (xblk - xcur) / 2;
    if (fcur === 0 || Math.abs(sbis) < delta) return xcur;
    if (Math.abs(spre) > delta && Math.abs(fcur) < Math.abs(fpre)) {
      const stry = interpolationStep(xpre, fpre, xcur, fcur, xblk, fblk);
      if (2 * Math.abs(stry) < Math.min(Math.abs(spre), 3 * Math.abs(sbis) - delta)) {
        spre = scur;
        scur = stry;
      } else {
        spre = sbis;
        scur = sbis;
      }
    } else {
      spre = sbis;
      scur = sbis;
    }
    xpre = xcur;
    fpre = fcur;
    xcur += Math.abs(scur) > delta ? scur : sbis > 0 ? delta : -delta;
    fcur = f(xcur);
    if (Number.isNaN(fcur)) throw new Error(`brent: f(${xcur}) is NaN`);
  }
  throw new Error(`brent: no convergence in ${maxIter} iterations on [${a}, ${b}]`);
}

/** Secant step when only two points are distinct, else inverse quadratic interpolation through the three. */
function interpolationStep(xpre: number, fpre: number, xcur: number, fcur: number, xblk: number, fblk: number): number {
  if (xpre === xblk) return (-fcur * (xcur - xpre)) / (fcur - fpre);
  const dpre = (fpre - fcur) / (xpre - xcur);
  const dblk = (fblk - fcur) / (xblk - xcur);
  return (-fcur * (fblk * dblk - fpre * dpre)) / (dblk * dpre * (fblk - fpre));
}

export interface InvertOptions {
  /** f(lo) ≤ target is required. */
  lo: number;
  /** First upper end; doubled away from lo until f(hi) ≥ target (if expand). */
  hi: number;
  /** Whether hi may grow (default true). */
  expand?: boolean;
}

/**
 * x ≥ lo with f(x) = target for an increasing f (a quantile: f a CDF, target a probability).
 * The bracket [lo, hi] is pushed right geometrically (hi − lo doubled, lo moved to the old hi) until
 * f(hi) ≥ target, then Brent's method finishes to ~4ε relative.
 * @throws Error if hi ≤ lo, f(lo) > target, or no hi below ∞ reaches the target, or f returns NaN.
 * @example invertIncreasing((r) => 1 - Math.exp(-r), 0.5, { lo: 0, hi: 1 }) // Math.LN2
 */
export function invertIncreasing(f: (x: number) => number, target: number, opts: InvertOptions): number {
  let lo = opts.lo;
  let hi = opts.hi;
  if (!(hi > lo)) throw new Error(`invertIncreasing: hi = ${hi} must exceed lo = ${lo}`);
  const g = (x: number): number => f(x) - target;
  const glo = g(lo);
  if (glo === 0) return lo;
  if (!(glo < 0)) throw new Error(`invertIncreasing: f(${lo}) = ${glo + target} is not below the target ${target}`);
  let ghi = g(hi);
  while (ghi < 0) {
    if (opts.expand === false)
      throw new Error(`invertIncreasing: f(${hi}) = ${ghi + target} is below the target ${target} and expand is false`);
    const width = hi - lo;
    lo = hi;
    hi = lo + 2 * width;
    if (!Number.isFinite(hi)) throw new Error(`invertIncreasing: f stays below the target ${target} up to ${lo}`);
    ghi = g(hi);
  }
  if (Number.isNaN(ghi)) throw new Error(`invertIncreasing: f(${hi}) is NaN`);
  if (ghi === 0) return hi;
  return brent(g, lo, hi);
}
