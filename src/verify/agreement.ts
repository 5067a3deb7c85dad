// symbolic-agreement: every derived derivative agrees with a finite difference of what it is the derivative
// of, at random points in the bulk of the kernel (quantiles 0.02–0.98). From the Design itself:
//   - the kernel density S_{d−1} r^{d−1} p_t = ∂r ψ_t (the radial CDF), every family;
//   - the score = ∇x log p_t(x|x0), when the design has one;
//   - radial: k_t(r) = −∂tψ / (r ∂rψ) unless the spec overrides the velocity (then continuity judges it);
//   - paths: α̇ = dα/dt, σ̇ = dσ/dt (for SDEs: the integrals α = exp∫f, σ² = α²∫g²/α² differentiated back);
// and every entry of `design.symbolicChecks` when the design layer provides them.
import fc from 'fast-check';
import type { Design } from '../design/types.js';
import { logSphereArea } from '../numeric/special.js';
import {
  RELATIVE_STEP,
  ballPoint,
  derivative5,
  direction,
  kernelCentre,
  logUniform,
  medianRadius,
  pointAt,
  propertySeed,
  radiusAt,
  round,
  roundAll,
  uniform,
  type VerifyContext,
} from './context.js';
import { isWorse, plain, runProperty, type Evaluation } from './runner.js';
import type { PropertyResult, SymbolicCheck } from './types.js';

export const SYMBOLIC_TOLERANCE = 1e-6;
const EPS = 2.220446049250313e-16;

interface Case {
  t: number;
  x0: number[];
  n: number[];
  u: number;
}

/** One comparison: the derived value, its finite difference, their distance and the size to divide it by. */
interface Comparison {
  name: string;
  derived: number | number[];
  difference: number | number[];
  error: number;
  /** max(|derived|, rounding error of the difference ~ε|f|/h). */
  size: number;
}

/**
 * A five-point difference with its own error, measured: how far it moves when the step is halved or doubled.
 * That covers truncation and a function's evaluation noise alike, which the ε|f|/h estimate alone misses for
 * functions computed to fewer than ~100 ulps (a quadrature schedule's σ ≈ 1, whose σ̇ ≈ 1e-14 is rounding).
 */
interface Difference {
  value: number;
  spread: number;
}

function difference(f: (x: number) => number, x: number, h: number): Difference {
  const value = derivative5(f, x, h);
  const spread = Math.max(Math.abs(value - derivative5(f, x, 2 * h)), Math.abs(value - derivative5(f, x, h / 2)));
  return { value, spread };
}

/**
 * A comparison passes when |derived − difference| ≤ max(tol·|derived|, noise + spread): a disagreement smaller
 * than the difference's own error says nothing, so (noise + spread)/tol is the smallest size.
 */
function scalar(name: string, derived: number, diff: Difference, noise: number): Comparison {
  return {
    name,
    derived,
    difference: diff.value,
    error: Math.abs(derived - diff.value),
    size: Math.max(Math.abs(derived), (noise + diff.spread) / SYMBOLIC_TOLERANCE),
  };
}

export function checkSymbolicAgreement(ctx: VerifyContext): PropertyResult {
  const { design, d } = ctx;
  return runProperty({
    name: 'symbolic-agreement',
    measure: '|derived − finite difference| / |derived|, worst over the derived quantities at a point',
    tolerance: SYMBOLIC_TOLERANCE,
    arbitrary: fc.record({
      t: logUniform(design.epsilon, design.T),
      x0: ballPoint(d, design.dataRadius),
      n: direction(d),
      u: uniform(0.02, 0.98),
    }),
    runs: ctx.runs,
    seed: propertySeed(ctx.seed, 'symbolic-agreement'),
    shrinkBudget: 100,
    evaluate: (c) => worstOf(comparisons(design, c), c),
  });
}

function comparisons(design: Design, c: Case): Comparison[] {
  const { t } = c;
  const x0 = Float64Array.from(c.x0);
  const centre = kernelCentre(design, t, x0);
  const s = medianRadius(design, t);
  const r = radiusAt(design, t, c.u, 1);
  const h = RELATIVE_STEP * Math.min(r, s);
  const ht = RELATIVE_STEP * t;
  const psi = (tt: number, rr: number): number => design.kernel.radialCdf(tt, rr);
  const list: Comparison[] = [];
  const d = design.dimension;
  // S_{d−1} r^{d−1} p_t(c + r n | x0) = ∂r ψ_t(r)
  const density = Math.exp(
    design.kernel.logDensity(t, pointAt(centre, r, c.n), x0) + logSphereArea(d) + (d - 1) * Math.log(r),
  );
  const dpsiDr = difference((rr) => psi(t, rr), r, h);
  list.push(scalar('radial density = ∂r ψ', density, dpsiDr, noiseOf(psi(t, r), h)));
  list.push(scoreComparison(design, t, pointAt(centre, r, c.n), x0, h));
  const fk = design.fieldKernel;
  if (fk.kind === 'radial' && !('k_override' in design.derivation)) {
    // k = −∂tψ / (r ∂rψ)
    const dpsiDt = difference((tt) => psi(tt, r), t, ht);
    const k = fk.k(t, r);
    // relative errors of a quotient add
    const relative =
      (noiseOf(1, ht) + dpsiDt.spread) / Math.abs(dpsiDt.value) +
      (noiseOf(1, h) + dpsiDr.spread) / Math.abs(dpsiDr.value);
    list.push(
      scalar('k = −∂tψ / (r ∂rψ)', k, { value: -dpsiDt.value / (r * dpsiDr.value), spread: 0 }, Math.abs(k) * relative),
    );
  }
  if (design.schedule) {
    const schedule = design.schedule;
    const at = schedule(t);
    list.push(
      scalar(
        'dα/dt',
        at.dAlpha,
        difference((tt) => schedule(tt).alpha, t, ht),
        noiseOf(at.alpha, ht),
      ),
    );
    list.push(
      scalar(
        'dσ/dt',
        at.dSigma,
        difference((tt) => schedule(tt).sigma, t, ht),
        noiseOf(at.sigma, ht),
      ),
    );
  }
  for (const check of symbolicChecksOf(design)) {
    const f = check.derivativeOf;
    const measured = check.variable === 't' ? difference((tt) => f(tt, r), t, ht) : difference((rr) => f(t, rr), r, h);
    list.push(scalar(check.name, check.value(t, r), measured, noiseOf(f(t, r), check.variable === 't' ? ht : h)));
  }
  return list;
}

/** The score vector against the finite-difference gradient of the log-density (compared as vectors). */
function scoreComparison(design: Design, t: number, x: Float64Array, x0: Float64Array, h: number): Comparison {
  const score = design.conditionalScore(t, x, x0);
  const moved = Float64Array.from(x);
  const gradient = Array.from(score, (_, j) =>
    derivative5(
      (s) => {
        moved[j] = s;
        const value = design.kernel.logDensity(t, moved, x0);
        moved[j] = x[j]!;
        return value;
      },
      x[j]!,
      h,
    ),
  );
  let error = 0,
    size = 0;
  score.forEach((v, j) => {
    error += (v - gradient[j]!) ** 2;
    size += v * v;
  });
  return {
    name: 'score = ∇x log p',
    derived: Array.from(score),
    difference: gradient,
    error: Math.sqrt(error),
    size: Math.max(Math.sqrt(size), noiseOf(design.kernel.logDensity(t, x, x0), h) / SYMBOLIC_TOLERANCE),
  };
}

/** Rounding error of a five-point difference of a function of size |f| with step h. */
function noiseOf(f: number, h: number): number {
  return (100 * EPS * Math.max(1, Math.abs(f))) / h;
}

function worstOf(list: Comparison[], c: Case): Evaluation {
  let worst: Evaluation = { residual: 0, at: {} };
  for (const q of list) {
    const residual = q.error / q.size;
    if (isWorse(residual, worst.residual)) {
      worst = {
        residual,
        at: {
          quantity: q.name,
          t: round(c.t),
          x0: roundAll(c.x0),
          u: round(c.u),
          derived: plain(q.derived),
          finiteDifference: plain(q.difference),
        },
      };
    }
  }
  return worst;
}

/** The design layer's own list of derivative pairs, when it provides one (see SymbolicCheck). */
function symbolicChecksOf(design: Design): readonly SymbolicCheck[] {
  return design.symbolicChecks ?? [];
}
