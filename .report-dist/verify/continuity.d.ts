import type { Design } from '../design/types.js';
import { type VerifyContext } from './context.js';
import type { PropertyResult } from './types.js';
export declare const CONTINUITY_TOLERANCE = 0.000001;
/** A density (in log) and the velocity that should transport it. */
export interface DensityAndVelocity {
    logDensity(t: number, x: Float64Array): number;
    velocity(t: number, x: Float64Array): Float64Array;
}
export interface ContinuityTerms {
    residual: number;
    dtLogDensity: number;
    divergence: number;
    advection: number;
}
/**
 * The relative residual of ∂t log p + ∇·v + v·∇log p = 0 at (t, x), with time step ht and space step hx.
 * Each of the d + 1 partial derivatives is a five-point central difference.
 */
export declare function continuityResidual(pair: DensityAndVelocity, t: number, x: Float64Array, ht: number, hx: number): ContinuityTerms;
export declare function checkContinuityConditional(ctx: VerifyContext): PropertyResult;
export declare function checkContinuityMarginal(ctx: VerifyContext): PropertyResult;
/** log p_t(x) = log Σ_i p_t(x|x_i) − log M (log-sum-exp) and the design's own marginal field of the data. */
export declare function marginalPair(design: Design, points: readonly (readonly number[])[]): DensityAndVelocity;
