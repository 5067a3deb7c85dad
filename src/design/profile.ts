// A radial profile: a cumulative function ψ_t(r) and everything derived from it (docs/mathematics.md §2), compiled.
// Used by the radial family and by paths whose noise is a radial law F(ρ) (then ψ does not depend on t).
import { invertIncreasing } from '../numeric/roots.js';
import { logSphereArea } from '../numeric/special.js';
import {
  call,
  collectLogs,
  compileRowKernel,
  constant,
  dependsOn,
  describeNode,
  exactLogAbs,
  differentiate,
  div,
  factorsWith,
  logAbs,
  logSphereAreaTree,
  mul,
  pow,
  provablyNonPositive,
  signOf,
  sphereAreaTree,
  sub,
  symbol,
  termsWith,
  type MathNode,
  type RowKernel,
} from '../symbolic/index.js';
import { compileIn, tidyIn, type Binding, type Fn1, type Fn2 } from './bind.js';
import type { DerivedQuantity, SymbolicCheck } from './types.js';

export interface RadialProfile {
  /** ψ_t(r). */
  psi: Fn2;
  /** log ∂_r ψ_t(r), from the log-space tree. */
  logDpsiDr: Fn2;
  /** log φ_t(r) = log ∂rψ − log S_{d−1} − (d−1) log r, the normalized density in R^d, compiled as one function. */
  logPhi: Fn2;
  /** ∂_r log φ_t(r). */
  dLogPhiDr: Fn2;
  /** ∂_t ψ_t(r). */
  dpsiDt: Fn2;
  /** k_t(r) = −∂tψ / (r ∂rψ). */
  k: Fn2;
  /** ∂_t log φ_t(r) and ∂_r k_t(r), exact, for verify's continuity residuals (absent for quadrature profiles). */
  dtLogPhi?: Fn2;
  dkDr?: Fn2;
  /** r with ψ_t(r) = u. */
  quantile: Fn2;
  derivation: Record<string, DerivedQuantity>;
  /** Its symbolic derivatives, for verify's symbolic-agreement (absent for quadrature profiles). */
  checks?: readonly SymbolicCheck[];
  /** The field's fast path (FieldKernel): log φ's r-dependent terms as one loop, k_t when free of r, monotonicity. */
  field?: { logRow: RowKernel; directRow: RowKernel; kOfT?: Fn1; nonIncreasing: boolean };
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
  // log 2, log π stay exact (a bare logAbs folds constant factors into rounded numbers)
  const logDpsiDr = exactLogAbs(dpsiDr, logAbs);
  // (d − 1) log r and (d − 1)/r with d bound, so each compiles into one function
  const radialPower = constant(binding.d - 1);
  const logPhi = sub(sub(logDpsiDr, constant(logSphereArea(binding.d))), mul(radialPower, call('log', symbol('r'))));
  const dLogPhiDr = sub(tidy(differentiate(logDpsiDr, 'r')), div(radialPower, symbol('r')));
  // k_t(r) = −∂tψ / (r ∂rψ)  (docs/mathematics.md §2)
  const kNode = velocity ?? tidy(div(mul(constant(-1), dpsiDt), mul(symbol('r'), dpsiDr)));
  const compiled = {
    psi: compileIn(psi, vars, binding) as Fn2,
    logDpsiDr: compileIn(logDpsiDr, vars, binding) as Fn2,
    logPhi: compileIn(logPhi, vars, binding) as Fn2,
    dLogPhiDr: compileIn(dLogPhiDr, vars, binding) as Fn2,
    dpsiDt: compileIn(dpsiDt, vars, binding) as Fn2,
    dpsiDr: compileIn(dpsiDr, vars, binding) as Fn2,
  };
  const k = velocity ? (compileIn(velocity, vars, binding) as Fn2) : underflowSafeK(kNode, dpsiDt, dpsiDr, binding);
  const exact = exactDerivatives(logDpsiDr, kNode, k, binding);
  return {
    ...compiled,
    k,
    ...exact,
    field: {
      logRow: compileRowKernel(termsWith(logPhi, 'r'), binding.constants),
      // φ ∝ ∂rψ / r^{d−1}, its factors free of r dropped
      directRow: compileRowKernel(div(factorsWith(dpsiDr, 'r'), pow(symbol('r'), radialPower)), binding.constants),
      ...(dependsOn(kNode, 'r') ? {} : { kOfT: (t: number) => k(t, 1) }),
      nonIncreasing: provablyNonPositive(dLogPhiDr, binding.constants),
    },
    quantile: (t, u) => invertIncreasing((r) => compiled.psi(t, r), u, { lo: 0, hi: 1, expand: true }),
    derivation: {
      psi: describeNode(psi),
      dpsi_dr: describeNode(dpsiDr),
      dpsi_dt: describeNode(dpsiDt),
      log_dpsi_dr: describeNode(logDpsiDr),
      k: describeNode(kNode),
      ...densityQuantities({ dpsiDr, dpsiDt, logDpsiDr }, binding.d, tidy),
    },
    trees: { psi, dpsiDr, dpsiDt, logDpsiDr, k: kNode },
    checks: [
      { name: '∂rψ', value: compiled.dpsiDr, derivativeOf: compiled.psi, variable: 'r' },
      { name: '∂tψ', value: compiled.dpsiDt, derivativeOf: compiled.psi, variable: 't' },
      { name: '∂r log φ', value: compiled.dLogPhiDr, derivativeOf: compiled.logPhi, variable: 'r' },
      ...(exact
        ? [
            { name: '∂t log φ', value: exact.dtLogPhi, derivativeOf: compiled.logPhi, variable: 't' as const },
            { name: '∂r k', value: exact.dkDr, derivativeOf: k, variable: 'r' as const },
          ]
        : []),
    ],
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

/**
 * ∂t log φ = ∂t log ∂rψ, from the log-space tree (no underflow), and ∂r k (see logDerivativeOf), for verify's
 * continuity residuals. The trees are differentiated now (a function without a derivative rule means no exact
 * derivatives, not a failed load) but compiled on first use: sampling never pays for them.
 */
function exactDerivatives(
  logDpsiDr: MathNode,
  kNode: MathNode,
  k: Fn2,
  binding: Binding,
): { dtLogPhi: Fn2; dkDr: Fn2 } | undefined {
  let trees: { dtLogPhi: MathNode; dk: MathNode; dLogK: MathNode };
  try {
    trees = {
      dtLogPhi: differentiate(logDpsiDr, 't'),
      dk: differentiate(kNode, 'r'),
      dLogK: differentiate(logAbs(kNode), 'r'),
    };
  } catch {
    return undefined;
  }
  const compiled = (node: MathNode): Fn2 => onFirstCall(() => compileIn(node, vars, binding) as Fn2);
  return { dtLogPhi: compiled(trees.dtLogPhi), dkDr: logDerivativeOf(k, compiled(trees.dk), compiled(trees.dLogK)) };
}

/**
 * ∂r k as k · ∂r log|k|, log|k| from the log-space tree: the quotient rule on k's own tree squares ∂rψ, which
 * underflows (or loses its digits as a subnormal) far in the tail, where the marginal field still uses k.
 * Where k = 0 (log|k| has no derivative) the plain derivative of k's tree.
 */
function logDerivativeOf(k: Fn2, plain: Fn2, logarithmic: Fn2): Fn2 {
  return (t, r) => {
    const value = k(t, r);
    const viaLog = value * logarithmic(t, r);
    return value !== 0 && Number.isFinite(viaLog) ? viaLog : plain(t, r);
  };
}

/** A function built on its first call. */
function onFirstCall(build: () => Fn2): Fn2 {
  let fn: Fn2 | undefined;
  return (t, r) => (fn ??= build())(t, r);
}

/**
 * φ, log φ and ϕ for display: with d bound (S_{d−1} exact, the log r terms of log φ collected) for `derive`,
 * and with d and S_{d−1} as symbols for exports written for any d (docs/mathematics.md §2).
 */
function densityQuantities(
  trees: { dpsiDr: MathNode; dpsiDt: MathNode; logDpsiDr: MathNode },
  d: number,
  tidy: (node: MathNode) => MathNode,
): Record<string, DerivedQuantity> {
  const anyDimension = densityTrees(trees, symbol('d'), symbol('S_d'), call('log', symbol('S_d')));
  const bound = densityTrees(trees, constant(d), sphereAreaTree(d), logSphereAreaTree(d));
  const quantity = (name: keyof typeof bound, simplified: MathNode): DerivedQuantity => {
    const generic = describeNode(anyDimension[name]);
    return {
      ...describeNode(simplified),
      python: generic.python,
      anyDimension: { expr: generic.expr, latex: generic.latex },
    };
  };
  return {
    phi: quantity('phi', tidy(bound.phi)),
    log_phi: quantity('log_phi', collectLogs(bound.log_phi)),
    varphi: quantity('varphi', tidy(bound.varphi)),
  };
}

/** φ = ∂rψ / (S_{d−1} r^{d−1}), its logarithm, and ϕ = −∂tψ / (S_{d−1} r^d), for d and S_{d−1} given as trees. */
function densityTrees(
  { dpsiDr, dpsiDt, logDpsiDr }: { dpsiDr: MathNode; dpsiDt: MathNode; logDpsiDr: MathNode },
  d: MathNode,
  S: MathNode,
  logS: MathNode,
): { phi: MathNode; log_phi: MathNode; varphi: MathNode } {
  const r = symbol('r');
  const dMinusOne = sub(d, constant(1));
  return {
    phi: div(dpsiDr, mul(S, pow(r, dMinusOne))),
    log_phi: sub(sub(logDpsiDr, logS), mul(dMinusOne, call('log', r))),
    varphi: div(mul(constant(-1), dpsiDt), mul(S, pow(r, d))),
  };
}
