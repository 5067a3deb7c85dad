import type { Design, Rng } from '../design/types.js';
import { type VerifyContext } from './context.js';
import type { PropertyResult } from './types.js';
/**
 * KL (nats) above which the prior is reported as a poor stand-in for p_T. Gaussian VE: σ_T ≈ 2.2 × dataRadius;
 * EDM's σ_max = 80 for images (|x0|² ≈ 768) gives 0.06, below it.
 */
export declare const MISMATCH_WARNING = 0.1;
export declare const MISMATCH_SAMPLES = 2000;
/**
 * KL(p_T(·|x0) ‖ prior) ≈ (1/n) Σ [log p_T(x_i|x0) − log prior(x_i)], x_i ∼ p_T(·|x0).
 * @returns the estimate and its Monte Carlo standard error
 */
export declare function klToPrior(design: Design, x0: ArrayLike<number>, n: number, rng: Rng): {
    kl: number;
    standardError: number;
};
export declare function checkPriorMismatch(ctx: VerifyContext): PropertyResult;
