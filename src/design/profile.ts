// A radial profile: a cumulative function ψ_t(r) and everything derived from it (MATH.md §2), compiled.
// Used by the radial family and by paths whose noise is a radial law F(ρ) (then ψ does not depend on t).
import { invertIncreasing } from '../numeric/roots.js';
import {
  call, constant, describeNode, differentiate, div, logAbs, mul, signOf, sub, symbol, type MathNode,
} from '../symbolic/index.js';
import { compileIn, tidyIn, type Binding, type Fn2 } from './bind.js';
import type { DerivedQuantity } from './types.js';

export interface RadialProfile {
  /** ψ_t(r). */
  psi: Fn2;
  /** log ∂_r ψ_t(r), from the log-space tree. */
  logDpsiDr: Fn2;
  /** ∂_r log ∂_r ψ_t(r). */
  dLogDpsiDr: Fn2;
  /** ∂_t ψ_t(r). */
  dpsiDt: Fn2;
  /** k_t(r) = −∂tψ / (r ∂rψ). */
  k: Fn2;
  /** r with ψ_t(r) = u. */
  quantile: Fn2;
  derivation: Record<string, DerivedQuantity>;
  /** The trees, for callers that build on them (verify's symbolic agreement); absent for quadrature profiles. */
  trees?: { psi: MathNode; dpsiDr: MathNode; dpsiDt: MathNode; logDpsiDr: MathNode; k: MathNode };
}

const vars = ['t', 'r'] as const;

/**
 * Derive a profile from ψ (a tree in t and r).
 * @param velocity optional hand-derived k_t(r) overriding the derived one
 */
export function radialProfile(psiNode: MathNode, binding: Binding, velocity?: MathNode): RadialProfile {
  const tidy = (node: MathNode): MathNode => tidyIn(node, vars, binding);
  const psi = tidy(psiNode);
  const dpsiDr = tidy(differentiate(psiNode, 'r'));
  const dpsiDt = tidy(differentiate(psiNode, 't'));
  const logDpsiDr = logAbs(dpsiDr);
  const dLogDpsiDr = tidy(differentiate(logDpsiDr, 'r'));
  // k_t(r) = −∂tψ / (r ∂rψ)  (MATH.md §2)
  const kNode = velocity ?? tidy(div(mul(constant(-1), dpsiDt), mul(symbol('r'), dpsiDr)));
  const compiled = {
    psi: compileIn(psi, vars, binding) as Fn2,
    logDpsiDr: compileIn(logDpsiDr, vars, binding) as Fn2,
    dLogDpsiDr: compileIn(dLogDpsiDr, vars, binding) as Fn2,
    dpsiDt: compileIn(dpsiDt, vars, binding) as Fn2,
  };
  const k = velocity ? (compileIn(velocity, vars, binding) as Fn2) : underflowSafeK(kNode, dpsiDt, dpsiDr, binding);
  return {
    ...compiled,
    k,
    quantile: (t, u) => invertIncreasing((r) => compiled.psi(t, r), u, { lo: 0, hi: 1, expand: true }),
    derivation: {
      psi: describeNode(psi),
      dpsi_dr: describeNode(dpsiDr),
      dpsi_dt: describeNode(dpsiDt),
      log_dpsi_dr: describeNode(logDpsiDr),
      k: describeNode(kNode),
    },
    trees: { psi, dpsiDr, dpsiDt, logDpsiDr, k: kNode },
  };
}

/** k from the simplified tree; where it is 0/0 (both derivatives underflow), from the log-space trees. */
function underflowSafeK(kNode: MathNode, dpsiDt: MathNode, dpsiDr: MathNode, binding: Binding): Fn2 {
  const direct = compileIn(kNode, vars, binding) as Fn2;
  // k = −sign(∂tψ) · exp(log|∂tψ| − log r − log|∂rψ|)
  const logMagnitude = sub(sub(logAbs(dpsiDt), call('log', symbol('r'))), logAbs(dpsiDr));
  const sign = mul(signOf(dpsiDt), signOf(dpsiDr));
  const safe = compileIn(mul(constant(-1), mul(sign, call('exp', logMagnitude))), vars, binding) as Fn2;
  return (t, r) => {
    const value = direct(t, r);
    return Number.isFinite(value) ? value : safe(t, r);
  };
}
