// The radial (time-separated isotropic) family (MATH.md §2): a cumulative ψ_t(r), given or integrated
// from a radial density; kernel φ_t(r) = ∂rψ/(S r^{d−1}) in log space, v = k_t(r)(x − x0).
import { logSphereArea } from '../numeric/special.js';
import type { DesignSpec, Expression } from '../spec/index.js';
import type { Binding } from './bind.js';
import { densityProfile } from './density.js';
import { plainField } from './field.js';
import { drawRadial } from './noise.js';
import { buildPrior } from './prior.js';
import { radialProfile, type RadialProfile } from './profile.js';
import type { Design, Kernel } from './types.js';
import { distance2 } from './vector.js';

type RadialBody = Extract<DesignSpec['body'], { family: 'radial' }>;

export function radialDesign(spec: DesignSpec, body: RadialBody, binding: Binding): Design {
  const d = binding.d;
  const cumulative = body.cumulative
    ? { profile: radialProfile(body.cumulative.node, binding, body.velocity?.node), derivation: {} }
    : densityProfile(body.density as Expression, binding, spec, body.velocity?.node);
  const profile = cumulative.profile;
  const logS = logSphereArea(d);
  // log φ_t(r) = log ∂rψ − log S_{d−1} − (d−1) log r
  const logPhi = (t: number, r: number): number => profile.logDpsiDr(t, r) - logS - (d - 1) * Math.log(r);
  const dLogPhiDr = (t: number, r: number): number => profile.dLogDpsiDr(t, r) - (d - 1) / r;
  const kernel = radialKernel(profile, logPhi, d);
  const conditionalVelocity = (t: number, x: ArrayLike<number>, x0: ArrayLike<number>): Float64Array =>
    scaledOffset(profile.k(t, Math.sqrt(distance2(x, x0))), x, x0);
  // ∇ log φ_t(|x − x0|) = ∂r log φ · (x − x0)/r
  const conditionalScore = (t: number, x: ArrayLike<number>, x0: ArrayLike<number>): Float64Array => {
    const r = Math.sqrt(distance2(x, x0));
    return scaledOffset(dLogPhiDr(t, r) / r, x, x0);
  };
  const { prior, derivation: priorDerivation } = buildPrior({ spec, binding, kernel });
  return {
    name: spec.name, description: spec.description, family: 'radial', dimension: d,
    T: spec.T, epsilon: spec.epsilon, dataRadius: spec.dataRadius,
    kernel, conditionalVelocity, conditionalScore, prior,
    fieldKernel: { kind: 'radial', logPhi, k: profile.k, dLogPhiDr },
    field: (data) => plainField(kernel, conditionalVelocity, conditionalScore, data, d),
    derivation: {
      ...profile.derivation,
      ...cumulative.derivation,
      phi: { expr: `(${profile.derivation.dpsi_dr!.expr}) / (S_{d-1} r^(d-1))`, latex: `\\frac{${profile.derivation.dpsi_dr!.latex}}{S_{d-1} r^{d-1}}` },
      log_phi: { expr: `${profile.derivation.log_dpsi_dr!.expr} - log S_{d-1} - (d-1) log(r)`, latex: `${profile.derivation.log_dpsi_dr!.latex} - \\ln S_{d-1} - (d-1)\\ln r` },
      varphi: { expr: `-(${profile.derivation.dpsi_dt!.expr}) / (S_{d-1} r^d)`, latex: `-\\frac{${profile.derivation.dpsi_dt!.latex}}{S_{d-1} r^{d}}` },
      prior: priorDerivation,
      ...(body.velocity ? { k_override: { expr: body.velocity.text, latex: profile.derivation.k!.latex } } : {}),
    },
    hasScore: true,
  };
}

function radialKernel(profile: RadialProfile, logPhi: (t: number, r: number) => number, d: number): Kernel {
  return {
    logDensity: (t, x, x0) => logPhi(t, Math.sqrt(distance2(x, x0))),
    sample: (t, x0, n, rng) => {
      const out = new Float64Array(n * d);
      for (let i = 0; i < n; i++) {
        drawRadial(rng, profile.quantile(t, rng.uniform()), d, out, i * d);
        for (let j = 0; j < d; j++) out[i * d + j]! += x0[j]!;
      }
      return out;
    },
    radialCdf: (t, r) => profile.psi(t, r),
    radialQuantile: (t, u) => profile.quantile(t, u),
  };
}

/** c (x − x0). */
function scaledOffset(c: number, x: ArrayLike<number>, x0: ArrayLike<number>): Float64Array {
  const out = new Float64Array(x.length);
  for (let j = 0; j < x.length; j++) out[j] = c * (x[j]! - x0[j]!);
  return out;
}
