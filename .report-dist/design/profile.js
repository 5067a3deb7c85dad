// A radial profile: a cumulative function ψ_t(r) and everything derived from it (MATH.md §2), compiled.
// Used by the radial family and by paths whose noise is a radial law F(ρ) (then ψ does not depend on t).
import { invertIncreasing } from '../numeric/roots.js';
import { logSphereArea } from '../numeric/special.js';
import { call, constant, describeNode, differentiate, div, logAbs, mul, pow, signOf, sub, symbol, } from '../symbolic/index.js';
import { compileIn, tidyIn } from './bind.js';
const vars = ['t', 'r'];
/**
 * Derive a profile from ψ (a tree in t and r).
 * @param velocity optional hand-derived k_t(r) overriding the derived one
 */
export function radialProfile(psiNode, binding, velocity) {
    const tidy = (node) => tidyIn(node, vars, binding);
    const psi = tidy(psiNode);
    const dpsiDr = tidy(differentiate(psiNode, 'r'));
    const dpsiDt = tidy(differentiate(psiNode, 't'));
    const logDpsiDr = logAbs(dpsiDr);
    // (d − 1) log r and (d − 1)/r with d bound, so each compiles into one function
    const radialPower = constant(binding.d - 1);
    const logPhi = sub(sub(logDpsiDr, constant(logSphereArea(binding.d))), mul(radialPower, call('log', symbol('r'))));
    const dLogPhiDr = sub(tidy(differentiate(logDpsiDr, 'r')), div(radialPower, symbol('r')));
    // k_t(r) = −∂tψ / (r ∂rψ)  (MATH.md §2)
    const kNode = velocity ?? tidy(div(mul(constant(-1), dpsiDt), mul(symbol('r'), dpsiDr)));
    const compiled = {
        psi: compileIn(psi, vars, binding),
        logDpsiDr: compileIn(logDpsiDr, vars, binding),
        logPhi: compileIn(logPhi, vars, binding),
        dLogPhiDr: compileIn(dLogPhiDr, vars, binding),
        dpsiDt: compileIn(dpsiDt, vars, binding),
        dpsiDr: compileIn(dpsiDr, vars, binding),
    };
    const k = velocity ? compileIn(velocity, vars, binding) : underflowSafeK(kNode, dpsiDt, dpsiDr, binding);
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
            ...densityQuantities(dpsiDr, dpsiDt, logDpsiDr),
        },
        trees: { psi, dpsiDr, dpsiDt, logDpsiDr, k: kNode },
        checks: [
            { name: '∂rψ', value: compiled.dpsiDr, derivativeOf: compiled.psi, variable: 'r' },
            { name: '∂tψ', value: compiled.dpsiDt, derivativeOf: compiled.psi, variable: 't' },
            { name: '∂r log φ', value: compiled.dLogPhiDr, derivativeOf: compiled.logPhi, variable: 'r' },
        ],
    };
}
/** k from the simplified tree; where it is 0/0 (both derivatives underflow), from the log-space trees. */
function underflowSafeK(kNode, dpsiDt, dpsiDr, binding) {
    const direct = compileIn(kNode, vars, binding);
    // k = −sign(∂tψ) · exp(log|∂tψ| − log r − log|∂rψ|)
    const logMagnitude = sub(sub(logAbs(dpsiDt), call('log', symbol('r'))), logAbs(dpsiDr));
    const sign = mul(signOf(dpsiDt), signOf(dpsiDr));
    const safe = compileIn(mul(constant(-1), mul(sign, call('exp', logMagnitude))), vars, binding);
    return (t, r) => {
        const value = direct(t, r);
        return Number.isFinite(value) ? value : safe(t, r);
    };
}
/** φ, log φ and ϕ for display, with d and S_{d−1} kept as symbols (MATH.md §2). */
function densityQuantities(dpsiDr, dpsiDt, logDpsiDr) {
    const S = symbol('S_d'), r = symbol('r'), d = symbol('d');
    const dMinusOne = sub(d, constant(1));
    return {
        // φ = ∂rψ / (S_{d−1} r^{d−1})
        phi: describeNode(div(dpsiDr, mul(S, pow(r, dMinusOne)))),
        log_phi: describeNode(sub(sub(logDpsiDr, call('log', S)), mul(dMinusOne, call('log', r)))),
        // ϕ = −∂tψ / (S_{d−1} r^d)
        varphi: describeNode(div(mul(constant(-1), dpsiDt), mul(S, pow(r, d)))),
    };
}
