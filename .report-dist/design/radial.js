import { densityProfile } from './density.js';
import { plainField } from './field.js';
import { drawRadial } from './noise.js';
import { buildPrior } from './prior.js';
import { radialProfile } from './profile.js';
import { distance2 } from './vector.js';
export function radialDesign(spec, body, binding) {
    const d = binding.d;
    const cumulative = body.cumulative
        ? { profile: radialProfile(body.cumulative.node, binding, body.velocity?.node), derivation: {} }
        : densityProfile(body.density, binding, spec, body.velocity?.node);
    const profile = cumulative.profile;
    const { logPhi, dLogPhiDr } = profile;
    const kernel = radialKernel(profile, logPhi, d);
    const conditionalVelocity = (t, x, x0) => scaledOffset(profile.k(t, Math.sqrt(distance2(x, x0))), x, x0);
    // ∇ log φ_t(|x − x0|) = ∂r log φ · (x − x0)/r
    const conditionalScore = (t, x, x0) => {
        const r = Math.sqrt(distance2(x, x0));
        return scaledOffset(dLogPhiDr(t, r) / r, x, x0);
    };
    const { prior, derivation: priorDerivation } = buildPrior({ spec, binding, kernel });
    return {
        name: spec.name, description: spec.description, family: 'radial', dimension: d,
        T: spec.T, epsilon: spec.epsilon, dataRadius: spec.dataRadius, parameters: spec.parameters,
        kernel, conditionalVelocity, conditionalScore, prior,
        fieldKernel: { kind: 'radial', logPhi, k: profile.k, dLogPhiDr },
        field: (data) => plainField(kernel, conditionalVelocity, conditionalScore, data, d),
        derivation: {
            ...profile.derivation,
            ...cumulative.derivation,
            prior: priorDerivation,
            ...(body.velocity ? { k_override: { expr: body.velocity.text, latex: profile.derivation.k.latex } } : {}),
        },
        ...(profile.checks ? { symbolicChecks: profile.checks } : {}),
        hasScore: true,
    };
}
function radialKernel(profile, logPhi, d) {
    return {
        logDensity: (t, x, x0) => logPhi(t, Math.sqrt(distance2(x, x0))),
        sample: (t, x0, n, rng) => {
            const out = new Float64Array(n * d);
            for (let i = 0; i < n; i++) {
                drawRadial(rng, profile.quantile(t, rng.uniform()), d, out, i * d);
                for (let j = 0; j < d; j++)
                    out[i * d + j] += x0[j];
            }
            return out;
        },
        radialCdf: (t, r) => profile.psi(t, r),
        radialQuantile: (t, u) => profile.quantile(t, u),
    };
}
/** c (x − x0). */
function scaledOffset(c, x, x0) {
    const out = new Float64Array(x.length);
    for (let j = 0; j < x.length; j++)
        out[j] = c * (x[j] - x0[j]);
    return out;
}
