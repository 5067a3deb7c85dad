// Radial designs given by an unnormalized density φ̃_t(r): ψ_t(r) = ∫_0^r φ̃ ρ^{d−1} dρ / ∫_0^∞ φ̃ ρ^{d−1} dρ.
// Symbolic (nerdamer) when the antiderivative and its normalization check out against quadrature;
// otherwise every quantity by quadrature from the density's own (symbolic) log and time derivative.
import { OdeforgeError } from '../errors.js';
import { integrate } from '../numeric/quadrature.js';
import { invertIncreasing } from '../numeric/roots.js';
import { logSphereArea } from '../numeric/special.js';
import { antiderivative, constant, describeNode, differentiate, div, logAbs, mul, pow, sub, substitute, symbol, } from '../symbolic/index.js';
import { compileIn } from './bind.js';
import { radialProfile } from './profile.js';
export function densityProfile(density, binding, spec, velocity) {
    const d = binding.d;
    const radialMass = mul(density.node, pow(symbol('r'), constant(d - 1)));
    const quad = quadratureProfile(density.node, binding, velocity);
    const checkTimes = [spec.epsilon * 10, spec.T / 7, spec.T / 2, spec.T].filter((t) => t > 0);
    for (const t of checkTimes) {
        const mass = quad.mass(t);
        if (!(mass > 0 && Number.isFinite(mass))) {
            throw new OdeforgeError(`the radial density is not normalizable at t = ${t} in dimension ${d} (∫φ r^{d−1} dr = ${mass})`, density.where);
        }
    }
    const symbolic = symbolicCumulative(radialMass, binding, checkTimes, quad);
    const source = { density: describeNode(density.node) };
    if (symbolic !== undefined) {
        return {
            profile: radialProfile(symbolic, binding, velocity),
            derivation: { ...source, method: { expr: 'symbolic integration (nerdamer, checked by quadrature)', latex: '\\text{symbolic}' } },
        };
    }
    return {
        profile: quad.profile,
        derivation: {
            ...source,
            psi: { expr: 'int_0^r phi(t, rho) rho^(d-1) drho / int_0^inf phi(t, rho) rho^(d-1) drho', latex: '\\frac{\\int_0^r \\tilde\\varphi_t(\\rho)\\rho^{d-1}d\\rho}{\\int_0^\\infty \\tilde\\varphi_t(\\rho)\\rho^{d-1}d\\rho}' },
            method: { expr: 'quadrature (nerdamer gave no checked antiderivative)', latex: '\\text{quadrature}' },
        },
    };
}
/** ψ = 1 − F(r)/F(0) when F is a checked antiderivative vanishing at infinity (checked by quadrature). */
function symbolicCumulative(radialMass, binding, times, quad) {
    const points = times.flatMap((t) => [[t, 0.3 * t], [t, 1.7 * t]]);
    const F = antiderivative(radialMass, 'r', { variables: ['t', 'r'], constants: binding.constants, points });
    if (F === undefined)
        return undefined;
    const atZero = substitute(F, { r: constant(0) });
    const psi = sub(constant(1), div(F, atZero));
    const psiFn = compileIn(psi, ['t', 'r'], binding);
    const agrees = times.every((t) => [0.2, 1, 3].every((c) => {
        const expected = quad.profile.psi(t, c * t);
        return Math.abs(psiFn(t, c * t) - expected) <= 1e-8;
    }));
    return agrees ? psi : undefined;
}
function quadratureProfile(density, binding, velocity) {
    const d = binding.d;
    const logDensity = compileIn(logAbs(density), ['t', 'r'], binding);
    const dLogDensityDr = compileIn(differentiate(logAbs(density), 'r'), ['t', 'r'], binding);
    const dDensityDt = compileIn(differentiate(density, 't'), ['t', 'r'], binding);
    const shell = (t) => (rho) => (rho === 0 ? 0 : Math.exp(logDensity(t, rho) + (d - 1) * Math.log(rho)));
    const shellDt = (t) => (rho) => (rho === 0 ? 0 : dDensityDt(t, rho) * Math.pow(rho, d - 1));
    const opts = (t) => ({ rtol: 1e-12, scale: t });
    const mass = memo((t) => convergedValue(integrate(shell(t), 0, Infinity, opts(t))));
    const massDt = memo((t) => integrate(shellDt(t), 0, Infinity, opts(t)).value);
    const psi = (t, r) => Math.min(1, integrate(shell(t), 0, r, opts(t)).value / mass(t));
    // ∂tψ = (∂t N · Z − N · ∂t Z) / Z²
    const dpsiDt = (t, r) => {
        const z = mass(t);
        const n = integrate(shell(t), 0, r, opts(t)).value;
        const nt = integrate(shellDt(t), 0, r, opts(t)).value;
        return (nt * z - n * massDt(t)) / (z * z);
    };
    const logS = logSphereArea(d);
    const logDpsiDr = (t, r) => logDensity(t, r) + (d - 1) * Math.log(r) - Math.log(mass(t));
    const kOverride = velocity ? compileIn(velocity, ['t', 'r'], binding) : undefined;
    const profile = {
        psi,
        logDpsiDr,
        logPhi: (t, r) => logDensity(t, r) - Math.log(mass(t)) - logS,
        dLogPhiDr: dLogDensityDr,
        dpsiDt,
        k: kOverride ?? ((t, r) => -dpsiDt(t, r) / (r * Math.exp(logDpsiDr(t, r)))),
        quantile: (t, u) => invertIncreasing((r) => psi(t, r), u, { lo: 0, hi: t, expand: true }),
        derivation: {
            log_dpsi_dr: { expr: `${logAbs(density).toString()} + (d-1) log(r) - log Z(t)`, latex: '\\ln\\tilde\\varphi_t(r) + (d-1)\\ln r - \\ln Z(t)' },
            dpsi_dr: { expr: `(${density.toString()}) r^(d-1) / Z(t)`, latex: '\\tilde\\varphi_t(r) r^{d-1} / Z(t)' },
            dpsi_dt: { expr: '(dN/dt Z - N dZ/dt) / Z^2 by quadrature', latex: '\\frac{\\dot N Z - N \\dot Z}{Z^2}' },
            k: { expr: '-dpsi_dt / (r dpsi_dr)', latex: '-\\partial_t\\psi / (r\\,\\partial_r\\psi)' },
        },
    };
    return { profile, mass };
}
/** Remember the last value of a function of t (repeated calls at one t are the common case). */
function memo(fn) {
    let lastT = NaN, lastValue = NaN;
    return (t) => {
        if (t !== lastT) {
            lastValue = fn(t);
            lastT = t;
        }
        return lastValue;
    };
}
/** The value of a quadrature, or NaN when its error estimate says the integral did not converge (divergent). */
export function convergedValue(result) {
    return result.error <= 1e-6 * Math.abs(result.value) ? result.value : Number.NaN;
}
