import type { Stepper } from './rk.js';
import type { OdeTerm, ProgressCallback, Recording, SolveResult } from './types.js';
export interface FixedOptions {
    /** Records every grid point: recording.times must equal the grid. */
    record?: Recording;
    /** Row offset of this batch inside the recording. */
    recordOffset?: number;
    onProgress?: ProgressCallback;
    /** Maps the integration variable to t for failure reports (identity unless integrating in log t). */
    toTime?: (tau: number) => number;
}
/**
 * Integrate rows 0..n−1 of y (in place) along `grid` (grid[0] → grid[last]).
 * A non-finite state stops the solve with a failure naming the first such row.
 */
export declare function solveFixed(term: OdeTerm, stepper: Stepper, grid: Float64Array, y: Float64Array, n: number, options?: FixedOptions): SolveResult;
