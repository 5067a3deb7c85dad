// Schedules α_t, σ_t with their time derivatives, compiled from trees (paths) or derived from a linear
// SDE (docs/mathematics.md §6): symbolically by nerdamer when the result checks out, otherwise by quadrature.
import { cumulativeIntegral, gaussLegendre5 } from '../numeric/cumulative.js';
import { OdeforgeError, placedAt, type SourcePosition } from '../errors.js';
import type { Expression } from '../spec/index.js';
import {
  alphaForm,
  call,
  constant,
  definiteFrom,
  describeNode,
  differentiate,
  div,
  mul,
  driftlessSigma,
  pow,
  substitute,
  symbol,
  toPython,
  vpTypeSigma,
  type CheckPoints,
  type MathNode,
  type StableForm,
} from '../symbolic/index.js';
import { compileIn, tidyIn, type Binding, type Fn1 } from './bind.js';
import type { DerivedQuantity, Schedule, SymbolicCheck } from './types.js';

export interface ScheduleFunctions {
  alpha: Fn1;
  sigma: Fn1;
  dAlpha: Fn1;
  dSigma: Fn1;
  derivation: Record<string, DerivedQuantity>;
  /** Symbolic integrals to differentiate back (SDE schedules from nerdamer). */
  checks?: readonly SymbolicCheck[];
}

/** Record form for one t (flow_matching's SchedulerOutput). */
export function scheduleAt(s: ScheduleFunctions, t: number): Schedule {
  return { alpha: s.alpha(t), sigma: s.sigma(t), dAlpha: s.dAlpha(t), dSigma: s.dSigma(t) };
}

/** α and σ given as trees in t; derivatives symbolic. */
export function symbolicSchedule(
  alpha: MathNode,
  sigma: MathNode,
  binding: Binding,
  where: { alpha?: SourcePosition; sigma?: SourcePosition } = {},
): ScheduleFunctions {
  return stableSchedule({ display: alpha, stable: alpha }, { display: sigma, stable: sigma }, binding, where);
}

/** α, σ and their derivatives: shown (expr, LaTeX) from the display trees, evaluated (JS, Python) from the stable ones. */
function stableSchedule(
  alpha: StableForm,
  sigma: StableForm,
  binding: Binding,
  where: { alpha?: SourcePosition; sigma?: SourcePosition } = {},
): ScheduleFunctions {
  const tidy = (node: MathNode): MathNode => tidyIn(node, ['t'], binding);
  // α, σ shown in a form distinct from the stable one are already in paper form: mathjs simplify would reshuffle them.
  const tidied = (form: StableForm, paperForm = false): StableForm => {
    if (form.stable === form.display) {
      const both = tidy(form.display);
      return { display: both, stable: both };
    }
    return { display: paperForm ? form.display : tidy(form.display), stable: tidy(form.stable) };
  };
  const derivative = (form: StableForm, name: 'alpha' | 'sigma'): StableForm =>
    placedAt(where[name] ?? {}, name, () => {
      const display = differentiate(form.display, 't');
      return { display, stable: form.stable === form.display ? display : differentiate(form.stable, 't') };
    });
  const forms = {
    alpha: tidied(alpha, true),
    sigma: tidied(sigma, true),
    dalpha: tidied(derivative(alpha, 'alpha')),
    dsigma: tidied(derivative(sigma, 'sigma')),
  };
  const fn = (form: StableForm): Fn1 => compileIn(form.stable, ['t'], binding) as Fn1;
  const shown = (form: StableForm): DerivedQuantity => ({
    ...describeNode(form.display),
    python: toPython(form.stable),
  });
  return {
    alpha: fn(forms.alpha),
    sigma: fn(forms.sigma),
    dAlpha: fn(forms.dalpha),
    dSigma: fn(forms.dsigma),
    derivation: Object.fromEntries(Object.entries(forms).map(([k, v]) => [k, shown(v)])),
  };
}

/**
 * dx = f(t) x dt + g(t) dw  →  α = exp ∫_0^t f,  σ² = α² ∫_0^t g²/α²  (docs/mathematics.md §6).
 * Symbolic when nerdamer's integrals check out numerically; otherwise tabulated quadrature.
 */
export function sdeSchedule(drift: Expression, diffusion: Expression, binding: Binding, T: number): ScheduleFunctions {
  const f = drift.node,
    g = diffusion.node;
  return withSdeTerms(closedFormSdeSchedule(f, g, binding, T) ?? quadratureSdeSchedule(f, g, binding, T), f, g);
}

/**
 * Where symbolic results are compared with numbers: fractions of T and fixed small times, so that a wrong
 * antiderivative that happens to agree for large t (∫erf against t, say) is caught near 0 for any T.
 */
function checkTimes(T: number): number[] {
  const small = [1e-3, 0.01, 0.1, 1].filter((t) => t < 1e-3 * T);
  return [...small, ...[1e-3, 0.013, 0.13, 0.41, 0.77, 1].map((x) => x * T)];
}

/** A closed form too large to differentiate (past limits.derivedNodes) is no closed form: quadrature takes over. */
function closedFormOrNothing(build: () => ScheduleFunctions): ScheduleFunctions | undefined {
  try {
    return build();
  } catch (error) {
    if (error instanceof OdeforgeError) return undefined;
    throw error;
  }
}

/** The closed-form schedule, or undefined when nerdamer finds none that solves the variance ODE numerically. */
function closedFormSdeSchedule(f: MathNode, g: MathNode, binding: Binding, T: number): ScheduleFunctions | undefined {
  const check = { variables: ['t'], constants: binding.constants, points: checkTimes(T).map((t) => [t]) };
  const logAlpha = definiteFrom(f, 't', 0, check);
  if (logAlpha === undefined) return undefined;
  const fFn = compileIn(f, ['t'], binding) as Fn1;
  const sigma = check.points.every(([t]) => fFn(t!) === 0)
    ? driftlessSigma(g, check)
    : (vpTypeSigma(f, g, logAlpha, check) ?? generalSigma(g, logAlpha, binding, check));
  if (sigma === undefined) return undefined;
  const schedule = closedFormOrNothing(() => stableSchedule(alphaForm(logAlpha, check), sigma, binding));
  if (schedule === undefined) return undefined;
  const g2 = compileIn(pow(g, constant(2)), ['t'], binding) as Fn1;
  if (!solvesVarianceOde(schedule, fFn, g2, T)) return undefined;
  const logAlphaFn = compileIn(logAlpha, ['t'], binding) as Fn1;
  schedule.derivation.method = { expr: 'symbolic (nerdamer, checked numerically)', latex: '\\text{symbolic}' };
  // d(σ²/α²)/dt = g²/α² in log space: σ²/α² itself overflows where α underflows (e^{t²} for f = −t).
  schedule.checks = [
    { name: 'f = d log α/dt', value: (t) => fFn(t), derivativeOf: (t) => logAlphaFn(t), variable: 't' },
    {
      name: 'g²/σ² = d log(σ²/α²)/dt',
      value: (t) => g2(t) / schedule.sigma(t) ** 2,
      derivativeOf: (t) => 2 * (Math.log(schedule.sigma(t)) - logAlphaFn(t)),
      variable: 't',
    },
  ];
  return schedule;
}

/** σ = √(α² ∫_0^t g²/α²) as nerdamer integrates it: the last resort before quadrature (may overflow: checked). */
function generalSigma(g: MathNode, logAlpha: MathNode, binding: Binding, check: CheckPoints): StableForm | undefined {
  const alpha2 = call('exp', mul(constant(2), logAlpha));
  const integrand = tidyIn(div(pow(g, constant(2)), alpha2), ['t'], binding);
  const variance = definiteFrom(integrand, 't', 0, check);
  if (variance === undefined) return undefined;
  const sigma = call('sqrt', mul(alpha2, variance));
  return { display: sigma, stable: sigma };
}

/**
 * Trust for a closed form: σ(0) = 0, α(0) = 1, every quantity finite on a grid over (0, T], and
 * dσ²/dt = 2 f σ² + g² (from the compiled σ̇) at several scales of t, to 1e-8 of the terms' size.
 */
function solvesVarianceOde(s: ScheduleFunctions, f: Fn1, g2: Fn1, T: number): boolean {
  if (s.sigma(0) !== 0 || Math.abs(s.alpha(0) - 1) > 1e-15) return false;
  const grid = Array.from({ length: 64 }, (_, i) => ((i + 1) * T) / 64);
  const finite = grid.every((t) => [s.alpha, s.sigma, s.dAlpha, s.dSigma].every((fn) => Number.isFinite(fn(t))));
  return (
    finite &&
    checkTimes(T).every((t) => {
      const sigma = s.sigma(t);
      const [lhs, decay, source] = [2 * sigma * s.dSigma(t), 2 * f(t) * sigma * sigma, g2(t)];
      return Math.abs(lhs - decay - source) <= 1e-8 * (Math.abs(lhs) + Math.abs(decay) + Math.abs(source));
    })
  );
}

function withSdeTerms(schedule: ScheduleFunctions, f: MathNode, g: MathNode): ScheduleFunctions {
  schedule.derivation.drift = describeNode(f);
  schedule.derivation.diffusion = describeNode(g);
  return schedule;
}

/**
 * α, σ by quadrature on [0, T]; σ̇ = (2 f σ² + g²)/(2σ) and α̇ = f α exactly. σ² is stepped cell by cell,
 * σ²(t) = e^{2∫_a^t f} σ²(a) + ∫_a^t g(s)² e^{2∫_s^t f} ds, so α_t²/α_s² stays inside one exponential of a
 * short integral: no 1/α_s² to overflow, no large F(t) − F(s) to cancel.
 */
function quadratureSdeSchedule(f: MathNode, g: MathNode, binding: Binding, T: number): ScheduleFunctions {
  const fFn = compileIn(f, ['t'], binding) as Fn1;
  const g2 = compileIn(pow(g, constant(2)), ['t'], binding) as Fn1;
  const cells = quadratureCells(fFn, T);
  const logAlpha = cumulativeIntegral(fFn, T, cells);
  const alphaOf = (t: number): number => Math.exp(logAlpha(t));
  const variance = steppedVariance(fFn, g2, T, cells);
  const sigmaOf = (t: number): number => Math.sqrt(variance(t));
  const shown = (text: string, latex: string): DerivedQuantity => ({ expr: text, latex });
  const inS = (node: MathNode): string => substitute(node, { t: symbol('s') }).toString();
  return {
    alpha: alphaOf,
    sigma: sigmaOf,
    dAlpha: (t) => fFn(t) * alphaOf(t),
    dSigma: (t) => {
      const s = sigmaOf(t);
      return (2 * fFn(t) * s * s + g2(t)) / (2 * s);
    },
    derivation: {
      alpha: shown(`exp(int_0^t (${inS(f)}) ds)`, `\\exp\\int_0^t f(s)\\,ds`),
      sigma: shown(`sqrt(int_0^t (${inS(g)})^2 exp(2 int_s^t f) ds)`, `\\sqrt{\\int_0^t g(s)^2 e^{2\\int_s^t f}\\,ds}`),
      dalpha: shown('f(t) alpha_t', `f(t)\\,\\alpha_t`),
      dsigma: shown('(2 f(t) sigma_t^2 + g(t)^2) / (2 sigma_t)', `\\frac{2 f(t)\\sigma_t^2 + g(t)^2}{2\\sigma_t}`),
      method: shown('quadrature (nerdamer gave no checked antiderivative)', '\\text{quadrature}'),
    },
  };
}

/** Fewest and most uniform cells of [0, T] for the quadrature schedule. */
const minCells = 4096;
const maxCells = 262_144;

/**
 * Cells of [0, T] narrow enough for 5-point Gauss–Legendre on half-cells to be exact to ~1e-14: the variance
 * integrand carries α_t²/α_s² = e^{2∫_s^t f}, whose rate 2|f| makes the panel error ~4e-13·(2|f|h/2)^10, so
 * h ≤ 1/(4 max|f|). (A fixed 4096 cells gave h = 2.4 at T = 1e4 with |f| ≈ 1: σ wrong in the 8th digit.)
 */
function quadratureCells(f: Fn1, T: number): number {
  let rate = 0;
  for (let i = 0; i <= minCells; i++) rate = Math.max(rate, Math.abs(f((T * i) / minCells)));
  const wanted = Math.ceil(4 * T * rate);
  return Number.isFinite(wanted) ? Math.min(maxCells, Math.max(minCells, wanted)) : maxCells;
}

/** σ²(t) from σ² at the cell start below t plus one cell's weighted integral (Gauss–Legendre). */
function steppedVariance(f: Fn1, g2: Fn1, T: number, varianceCells: number): Fn1 {
  // in offsets τ = s − a from the cell start: s itself rounds to ulp(a) (4.5e-13 at a = 2750), and
  // e^{2∫_s^t f} over a shifted interval carried that into σ² as 3e-14 where σ² → 1
  const step = (a: number, start: number, t: number): number => {
    const fFrom = (tau: number): number => f(a + tau);
    const width = t - a;
    const decay = (tau: number): number => Math.exp(2 * gaussLegendre5(fFrom, tau, width));
    return decay(0) * start + halves((tau) => g2(a + tau) * decay(tau), 0, width);
  };
  const atEdge = new Float64Array(varianceCells + 1);
  for (let i = 0; i < varianceCells; i++) {
    atEdge[i + 1] = step((i * T) / varianceCells, atEdge[i]!, ((i + 1) * T) / varianceCells);
  }
  const width = T / varianceCells;
  return (t) => {
    if (t > T) return beyond(T, atEdge[varianceCells]!, t);
    const k = Math.max(0, Math.min(varianceCells - 1, Math.floor((t / T) * varianceCells)));
    return step(k * width, atEdge[k]!, t);
  };

  /** Past T (finite differences at T look there): cell by cell, never one long panel. */
  function beyond(a: number, start: number, t: number): number {
    let edge = a,
      value = start;
    for (; t - edge > width; edge += width) value = step(edge, value, edge + width);
    return step(edge, value, t);
  }
}

function halves(fn: Fn1, a: number, b: number): number {
  const m = (a + b) / 2;
  return gaussLegendre5(fn, a, m) + gaussLegendre5(fn, m, b);
}

/** The poisson family's path: α = 1, σ = t. */
export function poissonSchedule(binding: Binding): ScheduleFunctions {
  return symbolicSchedule(constant(1), symbol('t'), binding);
}
