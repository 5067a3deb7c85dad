import { type VerifyContext } from './context.js';
import type { PropertyResult } from './types.js';
export declare const KERNEL_SAMPLES = 1000;
export declare const PRIOR_SAMPLES = 2000;
/** Runs of a sampling property: a fifth of the pointwise runs, at least 3. */
export declare const samplingRuns: (runs: number) => number;
/** Runs of the costliest sampling properties (prior-sampler, prior-mismatch, transport's random pieces). */
export declare const fewRuns: (runs: number) => number;
export declare function checkKernelSampler(ctx: VerifyContext): PropertyResult;
export declare function checkPriorSampler(ctx: VerifyContext): PropertyResult;
/** Radii |x_i − c| and unit directions (x_i − c)/|x_i − c| of flat n×d samples. */
export declare function polar(samples: Float64Array, centre: ArrayLike<number>, d: number): {
    radii: Float64Array;
    directions: Float64Array;
};
