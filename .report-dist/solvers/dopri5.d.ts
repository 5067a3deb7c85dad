import { type StepController } from './controller.js';
import type { OdeTerm, ProgressCallback, Recording, SolveResult } from './types.js';
export interface AdaptiveOptions {
    rtol: number;
    atol: number;
    /** Steps (accepted + rejected) allowed per row before it is reported as a failure. */
    maxSteps?: number;
    controller?: StepController;
    /** Keep states at recording.times (interpolated by cubic Hermite from each step's ends and slopes). */
    record?: Recording;
    /** Row offset of this batch inside the recording. */
    recordOffset?: number;
    onProgress?: ProgressCallback;
    /** Maps the integration variable to t for failure reports (identity unless integrating in log t). */
    toTime?: (tau: number) => number;
}
/**
 * Integrate rows 0..n−1 of y (in place) from t0 to t1 (either direction).
 * Error per row: RMS over coordinates of h Σ_j e_j k_j / (atol + rtol · max(|y|, |y_new|)), accepted below 1.
 */
export declare function solveDopri5(term: OdeTerm, t0: number, t1: number, y: Float64Array, n: number, options: AdaptiveOptions): SolveResult;
