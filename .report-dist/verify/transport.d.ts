import type { Design } from '../design/types.js';
import { type VerifyContext } from './context.js';
import type { PropertyResult } from './types.js';
export declare const TRANSPORT_PIECES = 8;
export declare const TRANSPORT_SAMPLES = 500;
export declare function checkTransport(ctx: VerifyContext): PropertyResult;
/**
 * Integrate dx/dt = v_t(x|x0) from t0 to t1 for every row of `samples` (in place), by classical RK4 in
 * s = log t, where dx/ds = t v: near t → 0 the fields scale like 1/t and steps even in s suit them. The batch
 * advances stage by stage (every sample at one time before the next), which keeps per-time caches warm.
 */
export declare function pushForward(design: Design, x0: ArrayLike<number>, samples: Float64Array, t0: number, t1: number): void;
