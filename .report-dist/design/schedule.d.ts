import type { Expression } from '../spec/index.js';
import { type MathNode } from '../symbolic/index.js';
import { type Binding, type Fn1 } from './bind.js';
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
export declare function scheduleAt(s: ScheduleFunctions, t: number): Schedule;
/** α and σ given as trees in t; derivatives symbolic. */
export declare function symbolicSchedule(alpha: MathNode, sigma: MathNode, binding: Binding): ScheduleFunctions;
/**
 * dx = f(t) x dt + g(t) dw  →  α = exp ∫_0^t f,  σ² = α² ∫_0^t g²/α²  (MATH.md §6).
 * Symbolic when nerdamer's integrals check out numerically; otherwise tabulated quadrature.
 */
export declare function sdeSchedule(drift: Expression, diffusion: Expression, binding: Binding, T: number): ScheduleFunctions;
/** The poisson family's path: α = 1, σ = t. */
export declare function poissonSchedule(binding: Binding): ScheduleFunctions;
