import type { OdeTerm, ProgressCallback, Recording, SolveResult } from './types.js';
export interface OdexOptions {
    rtol: number;
    atol: number;
    maxSteps?: number;
    record?: Recording;
    recordOffset?: number;
    onProgress?: ProgressCallback;
    toTime?: (tau: number) => number;
}
/** Integrate rows 0..n−1 of y (in place) from t0 to t1, one odex solve per row. */
export declare function solveOdex(term: OdeTerm, t0: number, t1: number, y: Float64Array, n: number, options: OdexOptions): SolveResult;
