// The radial (time-separated isotropic) family (docs/mathematics.md §2): a cumulative ψ_t(r), given or integrated
// from a radial density; kernel φ_t(r) = ∂rψ/(S r^{d−1}) in log space, v = k_t(r)(x − x0).
import { placedAt } from '../errors.js';
import type { DesignSpec, Expression } from '../spec/index.js';
import { checkRadialCdf } from './admissible.js';
import type { Binding } from './bind.js';
import { densityProfile } from './density.js';
import { plainField } from './field.js';
import { drawRadial } from './noise.js';
import { buildPrior } from './prior.js';
import { radialProfile, type RadialProfile } from './profile.js';
import type { ConditionalDerivatives, Design, Kernel } from './types.js';
import { distance2 } from './vector.js';

type RadialBody = Extract<DesignSpec['body'], { family: 'radial' }>;

export function radialDesign(spec: DesignSpec, body: RadialBody, binding: Binding): Design {
  const d = binding.d;
  const cumulative = body.cumulative
    ? {
        profile: placedAt(body.cumulative.where, 'cumulative', () =>
          radialProfile(body.cumulative!.node, binding, body.velocity?.node),
        ),
        derivation: {},
      }
    : densityProfile(body.density as Expression, binding, spec, body.velocity?.node);
  const profile = cumulative.profile;
  if (body.cumulative) checkRadialCdf(profile.psi, body.cumulative, spec);
  const { logPhi, dLogPhiDr } = profile;
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
    name: spec.name,
    description: spec.description,
    family: 'radial',
    dimension: d,
    T: spec.T,
    epsilon: spec.epsilon,
    dataRadius: spec.dataRadius,
    parameters: spec.parameters,
    kernel,
    conditionalVelocity,
    conditionalScore,
    prior,
    ...radialDerivatives(profile, d),
    fieldKernel: {
      kind: 'radial',
      logPhi,
      k: profile.k,
      dLogPhiDr,
      ...(profile.dkDr ? { dkDr: profile.dkDr } : {}),
      ...profile.field,
    },
    field: (data) => plainField(kernel, conditionalVelocity, conditionalScore, data, d),
    derivation: {
      ...profile.derivation,
      ...cumulative.derivation,
      prior: priorDerivation,
      ...(body.velocity ? { k_override: { expr: body.velocity.text, latex: profile.derivation.k!.latex } } : {}),
    },
    ...(profile.checks ? { symbolicChecks: profile.checks } : {}),
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

/** Exact ∂t log p = ∂t log φ_t(r) and ∇·(k_t(r)(x − x0)) = d k + r ∂r k, when the profile has them. */
function radialDerivatives(profile: RadialProfile, d: number): { conditionalDerivatives?: ConditionalDerivatives } {
  const { dtLogPhi, dkDr, k } = profile;
  if (dtLogPhi === undefined || dkDr === undefined) return {};
  const radius = (x: ArrayLike<number>, x0: ArrayLike<number>): number => Math.sqrt(distance2(x, x0));
  return {
    conditionalDerivatives: {
      dtLogDensity: (t, x, x0) => dtLogPhi(t, radius(x, x0)),
      divergence: (t, x, x0) => {
        const r = radius(x, x0);
        return d * k(t, r) + r * dkDr(t, r);
      },
    },
  };
}

/** c (x − x0). */
function scaledOffset(c: number, x: ArrayLike<number>, x0: ArrayLike<number>): Float64Array {
  const out = new Float64Array(x.length);
  for (let j = 0; j < x.length; j++) out[j] = c * (x[j]! - x0[j]!);
  return out;
}
