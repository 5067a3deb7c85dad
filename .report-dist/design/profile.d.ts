import { type MathNode } from '../symbolic/index.js';
import { type Binding, type Fn2 } from './bind.js';
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
    /** r with ψ_t(r) = u. */
    quantile: Fn2;
    derivation: Record<string, DerivedQuantity>;
    /** Its symbolic derivatives, for verify's symbolic-agreement (absent for quadrature profiles). */
    checks?: readonly SymbolicCheck[];
    /** The trees, for callers that build on them (verify's symbolic agreement); absent for quadrature profiles. */
    trees?: {
        psi: MathNode;
        dpsiDr: MathNode;
        dpsiDt: MathNode;
        logDpsiDr: MathNode;
        k: MathNode;
    };
}
/**
 * Derive a profile from ψ (a tree in t and r).
 * @param velocity optional hand-derived k_t(r) overriding the derived one
 */
export declare function radialProfile(psiNode: MathNode, binding: Binding, velocity?: MathNode): RadialProfile;
