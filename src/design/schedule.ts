// Schedules α_t, σ_t with their time derivatives, compiled from trees (paths) or derived from a linear
// SDE (docs/mathematics.md §6): symbolically by nerdamer when the result checks out, otherwise by quadrature.
import { cumulativeIntegral } from '../numeric/cumulative.js';
import type { Expression } from '../spec/index.js';
import {
  call,
  constant,
  definiteFrom,
  describeNode,
  differentiate,
  div,
  mul,
  pow,
  symbol,
  type MathNode,
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
export function symbolicSchedule(alpha: MathNode, sigma: MathNode, binding: Binding): ScheduleFunctions {
  const tidy = (node: MathNode): MathNode => tidyIn(node, ['t'], binding);
  const nodes = {
    alpha: tidy(alpha),
    sigma: tidy(sigma),
    dalpha: tidy(differentiate(alpha, 't')),
    dsigma: tidy(differentiate(sigma, 't')),
  };
  const fn = (node: MathNode): Fn1 => compileIn(node, ['t'], binding) as Fn1;
  return {
    alpha: fn(nodes.alpha),
    sigma: fn(nodes.sigma),
    dAlpha: fn(nodes.dalpha),
    dSigma: fn(nodes.dsigma),
    derivation: Object.fromEntries(Object.entries(nodes).map(([k, v]) => [k, describeNode(v)])),
  };
}

/**
 * dx = f(t) x dt + g(t) dw  →  α = exp ∫_0^t f,  σ² = α² ∫_0^t g²/α²  (docs/mathematics.md §6).
 * Symbolic when nerdamer's integrals check out numerically; otherwise tabulated quadrature.
 */
export function sdeSchedule(drift: Expression, diffusion: Expression, binding: Binding, T: number): ScheduleFunctions {
  const check = {
    variables: ['t'] as const,
    constants: binding.constants,
    points: [[0.13 * T], [0.41 * T], [0.77 * T], [T]],
  };
  const f = drift.node,
    g = diffusion.node;
  const logAlpha = definiteFrom(f, 't', 0, check);
  if (logAlpha !== undefined) {
    const alpha = call('exp', logAlpha);
    const integrand = div(pow(g, constant(2)), pow(alpha, constant(2)));
    const variance = definiteFrom(tidyIn(integrand, ['t'], binding), 't', 0, check);
    if (variance !== undefined) {
      const sigma = call('sqrt', mul(pow(alpha, constant(2)), variance));
      const schedule = symbolicSchedule(alpha, sigma, binding);
      schedule.derivation.method = { expr: 'symbolic (nerdamer, checked numerically)', latex: '\\text{symbolic}' };
      const fn = (node: MathNode): Fn1 => compileIn(node, ['t'], binding) as Fn1;
      const [logAlphaFn, fFn, varianceFn, integrandFn] = [logAlpha, f, variance, integrand].map(fn) as [
        Fn1,
        Fn1,
        Fn1,
        Fn1,
      ];
      schedule.checks = [
        { name: 'f = d log α/dt', value: (t) => fFn(t), derivativeOf: (t) => logAlphaFn(t), variable: 't' },
        {
          name: 'g²/α² = d(σ²/α²)/dt',
          value: (t) => integrandFn(t),
          derivativeOf: (t) => varianceFn(t),
          variable: 't',
        },
      ];
      return withSdeTerms(schedule, f, g);
    }
  }
  return withSdeTerms(quadratureSdeSchedule(f, g, binding, T), f, g);
}

function withSdeTerms(schedule: ScheduleFunctions, f: MathNode, g: MathNode): ScheduleFunctions {
  schedule.derivation.drift = describeNode(f);
  schedule.derivation.diffusion = describeNode(g);
  return schedule;
}

/** α, σ by cumulative quadrature on [0, T]; σ̇ = (2 f σ² + g²)/(2σ) and α̇ = f α exactly. */
function quadratureSdeSchedule(f: MathNode, g: MathNode, binding: Binding, T: number): ScheduleFunctions {
  const fFn = compileIn(f, ['t'], binding) as Fn1;
  const g2 = compileIn(pow(g, constant(2)), ['t'], binding) as Fn1;
  const logAlpha = cumulativeIntegral(fFn, T);
  const alphaOf = (t: number): number => Math.exp(logAlpha(t));
  const weighted = cumulativeIntegral((s) => g2(s) * Math.exp(-2 * logAlpha(s)), T);
  const sigmaOf = (t: number): number => alphaOf(t) * Math.sqrt(weighted(t));
  const shown = (text: string, latex: string): DerivedQuantity => ({ expr: text, latex });
  return {
    alpha: alphaOf,
    sigma: sigmaOf,
    dAlpha: (t) => fFn(t) * alphaOf(t),
    dSigma: (t) => {
      const s = sigmaOf(t);
      return (2 * fFn(t) * s * s + g2(t)) / (2 * s);
    },
    derivation: {
      alpha: shown(`exp(int_0^t (${f.toString()}) ds)`, `\\exp\\int_0^t f(s)\\,ds`),
      sigma: shown(
        `alpha_t sqrt(int_0^t (${g.toString()})^2 / alpha_s^2 ds)`,
        `\\alpha_t\\sqrt{\\int_0^t g(s)^2/\\alpha_s^2\\,ds}`,
      ),
      dalpha: shown('f(t) alpha_t', `f(t)\\,\\alpha_t`),
      dsigma: shown('(2 f(t) sigma_t^2 + g(t)^2) / (2 sigma_t)', `\\frac{2 f(t)\\sigma_t^2 + g(t)^2}{2\\sigma_t}`),
      method: shown('quadrature (nerdamer gave no checked antiderivative)', '\\text{quadrature}'),
    },
  };
}

/** The poisson family's path: α = 1, σ = t. */
export function poissonSchedule(binding: Binding): ScheduleFunctions {
  return symbolicSchedule(constant(1), symbol('t'), binding);
}
