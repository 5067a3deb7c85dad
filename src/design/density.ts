// Radial designs given by an unnormalized density φ̃_t(r): ψ_t(r) = ∫_0^r φ̃ ρ^{d−1} dρ / ∫_0^∞ φ̃ ρ^{d−1} dρ.
// Symbolic (nerdamer) when the antiderivative and its normalization check out against quadrature;
// otherwise every quantity by quadrature from the density's own (symbolic) log and time derivative.
import { OdeforgeError } from '../errors.js';
import { integrate } from '../numeric/quadrature.js';
import { invertIncreasing } from '../numeric/roots.js';
import { logSphereArea } from '../numeric/special.js';
import type { DesignSpec, Expression } from '../spec/index.js';
import {
  antiderivative,
  constant,
  describeNode,
  differentiate,
  div,
  logAbs,
  mul,
  pow,
  sub,
  substitute,
  symbol,
  type MathNode,
} from '../symbolic/index.js';
import { compileIn, type Binding, type Fn2 } from './bind.js';
import { radialProfile, type RadialProfile } from './profile.js';
import type { DerivedQuantity } from './types.js';

export interface DensityProfile {
  profile: RadialProfile;
  derivation: Record<string, DerivedQuantity>;
}

export function densityProfile(
  density: Expression,
  binding: Binding,
  spec: DesignSpec,
  velocity?: MathNode,
): DensityProfile {
  const d = binding.d;
  const radialMass = mul(density.node, pow(symbol('r'), constant(d - 1)));
  const quad = quadratureProfile(density.node, binding, velocity);
  const checkTimes = [spec.epsilon * 10, spec.T / 7, spec.T / 2, spec.T].filter((t) => t > 0);
  for (const t of checkTimes) {
    const mass = quad.mass(t);
    if (!(mass > 0 && Number.isFinite(mass))) {
      throw new OdeforgeError(
        `the radial density is not normalizable at t = ${t} in dimension ${d} (∫φ r^{d−1} dr = ${mass})`,
        density.where,
      );
    }
  }
  const symbolic = symbolicCumulative(radialMass, binding, checkTimes, quad);
  const source = { density: describeNode(density.node) };
  if (symbolic !== undefined) {
    return {
      profile: radialProfile(symbolic, binding, velocity),
      derivation: {
        ...source,
        method: { expr: 'symbolic integration (nerdamer, checked by quadrature)', latex: '\\text{symbolic}' },
      },
    };
  }
  return {
    profile: quad.profile,
    derivation: {
      ...source,
      psi: {
        expr: 'int_0^r phi(t, rho) rho^(d-1) drho / int_0^inf phi(t, rho) rho^(d-1) drho',
        latex:
          '\\frac{\\int_0^r \\tilde\\varphi_t(\\rho)\\rho^{d-1}d\\rho}{\\int_0^\\infty \\tilde\\varphi_t(\\rho)\\rho^{d-1}d\\rho}',
      },
      method: { expr: 'quadrature (nerdamer gave no checked antiderivative)', latex: '\\text{quadrature}' },
    },
  };
}

/** ψ = 1 − F(r)/F(0) when F is a checked antiderivative vanishing at infinity (checked by quadrature). */
function symbolicCumulative(
  radialMass: MathNode,
  binding: Binding,
  times: number[],
  quad: QuadratureProfile,
): MathNode | undefined {
  const points = times.flatMap((t) => [
    [t, 0.3 * t],
    [t, 1.7 * t],
  ]);
  const F = antiderivative(radialMass, 'r', { variables: ['t', 'r'], constants: binding.constants, points });
  if (F === undefined) return undefined;
  const atZero = substitute(F, { r: constant(0) });
  const psi = sub(constant(1), div(F, atZero));
  const psiFn = compileIn(psi, ['t', 'r'], binding) as Fn2;
  const agrees = times.every((t) =>
    [0.2, 1, 3].every((c) => {
      const expected = quad.profile.psi(t, c * t);
      return Math.abs(psiFn(t, c * t) - expected) <= 1e-8;
    }),
  );
  return agrees ? psi : undefined;
}

interface QuadratureProfile {
  profile: RadialProfile;
  mass(t: number): number;
}

function quadratureProfile(density: MathNode, binding: Binding, velocity?: MathNode): QuadratureProfile {
  const d = binding.d;
  const logDensity = compileIn(logAbs(density), ['t', 'r'], binding) as Fn2;
  const dLogDensityDr = compileIn(differentiate(logAbs(density), 'r'), ['t', 'r'], binding) as Fn2;
  const dDensityDt = compileIn(differentiate(density, 't'), ['t', 'r'], binding) as Fn2;
  const shell =
    (t: number) =>
    (rho: number): number =>
      rho === 0 ? 0 : Math.exp(logDensity(t, rho) + (d - 1) * Math.log(rho));
  const shellDt =
    (t: number) =>
    (rho: number): number =>
      rho === 0 ? 0 : dDensityDt(t, rho) * Math.pow(rho, d - 1);
  const opts = (t: number) => ({ rtol: 1e-12, scale: t });
  const mass = memo((t: number) => convergedValue(integrate(shell(t), 0, Infinity, opts(t))));
  const massDt = memo((t: number) => integrate(shellDt(t), 0, Infinity, opts(t)).value);
  const psi = (t: number, r: number): number => Math.min(1, integrate(shell(t), 0, r, opts(t)).value / mass(t));
  // ∂tψ = (∂t N · Z − N · ∂t Z) / Z²
  const dpsiDt = (t: number, r: number): number => {
    const z = mass(t);
    const n = integrate(shell(t), 0, r, opts(t)).value;
    const nt = integrate(shellDt(t), 0, r, opts(t)).value;
    return (nt * z - n * massDt(t)) / (z * z);
  };
  const logS = logSphereArea(d);
  const logDpsiDr = (t: number, r: number): number => logDensity(t, r) + (d - 1) * Math.log(r) - Math.log(mass(t));
  const kOverride = velocity ? (compileIn(velocity, ['t', 'r'], binding) as Fn2) : undefined;
  const profile: RadialProfile = {
    psi,
    logDpsiDr,
    logPhi: (t, r) => logDensity(t, r) - Math.log(mass(t)) - logS,
    dLogPhiDr: dLogDensityDr,
    dpsiDt,
    k:
      kOverride ??
      scaledK(logDensity, compileIn(differentiate(logAbs(density), 't'), ['t', 'r'], binding) as Fn2, mass, massDt, d),
    quantile: (t, u) => invertIncreasing((r) => psi(t, r), u, { lo: 0, hi: t, expand: true }),
    derivation: {
      log_dpsi_dr: {
        expr: `${logAbs(density).toString()} + (d-1) log(r) - log Z(t)`,
        latex: '\\ln\\tilde\\varphi_t(r) + (d-1)\\ln r - \\ln Z(t)',
      },
      dpsi_dr: { expr: `(${density.toString()}) r^(d-1) / Z(t)`, latex: '\\tilde\\varphi_t(r) r^{d-1} / Z(t)' },
      dpsi_dt: { expr: '(dN/dt Z - N dZ/dt) / Z^2 by quadrature', latex: '\\frac{\\dot N Z - N \\dot Z}{Z^2}' },
      k: { expr: '-dpsi_dt / (r dpsi_dr)', latex: '-\\partial_t\\psi / (r\\,\\partial_r\\psi)' },
    },
  };
  return { profile, mass };
}

/**
 * k = −∂tψ/(r ∂rψ) with every integral scaled by 1/φ̃_t(r), so that it stays finite where φ̃ underflows:
 * below the median from the lower integrals, k = −(N_t Z − N Z_t) / (Z r^d φ̃); above it from the upper
 * tail U = Z − N (no cancellation), k = (U_t Z − U Z_t) / (Z r^d φ̃).
 */
function scaledK(
  logDensity: Fn2,
  dtLogDensity: Fn2,
  mass: (t: number) => number,
  massDt: (t: number) => number,
  d: number,
): Fn2 {
  return (t, r) => {
    const logAtR = logDensity(t, r);
    const scaled = (rho: number): number =>
      rho === 0 ? 0 : Math.exp(logDensity(t, rho) - logAtR + (d - 1) * Math.log(rho));
    const scaledDt = (rho: number): number => scaled(rho) * (rho === 0 ? 0 : dtLogDensity(t, rho));
    const z = mass(t),
      zt = massDt(t);
    const opts = { rtol: 1e-12, scale: t };
    const lower = integrate(scaled, 0, r, opts).value;
    const lowerFraction = Math.exp(Math.log(lower) + logAtR - Math.log(z)); // ψ = N/Z, N = lower · φ̃(r)
    const [n, nt, sign] =
      lowerFraction <= 0.5
        ? [lower, integrate(scaledDt, 0, r, opts).value, -1]
        : [integrate(scaled, r, Infinity, opts).value, integrate(scaledDt, r, Infinity, opts).value, 1];
    return (sign * (nt * z - n * zt)) / (z * Math.pow(r, d));
  };
}

/** Remember the last value of a function of t (repeated calls at one t are the common case). */
function memo(fn: (t: number) => number): (t: number) => number {
  let lastT = NaN,
    lastValue = NaN;
  return (t) => {
    if (t !== lastT) {
      lastValue = fn(t);
      lastT = t;
    }
    return lastValue;
  };
}

/** The value of a quadrature, or NaN when its error estimate says the integral did not converge (divergent). */
export function convergedValue(result: { value: number; error: number }): number {
  return result.error <= 1e-6 * Math.abs(result.value) ? result.value : Number.NaN;
}
