import { type VerifyContext } from './context.js';
import type { PropertyResult } from './types.js';
export declare const NORMALIZATION_TOLERANCE = 0.000001;
export declare function checkNormalization(ctx: VerifyContext): PropertyResult;
/** S_{d−1} ∫_0^∞ p_t(c + r n | x0) r^{d−1} dr, split at the median radius s (inner piece refined near 0). */
export declare function kernelMass(ctx: VerifyContext, t: number, x0: ArrayLike<number>, n: ArrayLike<number>): {
    value: number;
    error: number;
};
