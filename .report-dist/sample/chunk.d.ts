import type { Design } from '../design/types.js';
import type { BatchField } from '../field/types.js';
import { type Method, type SolveStats } from '../solvers/index.js';
/** What every chunk of one run shares. */
export interface ChunkContext {
    design: Pick<Design, 'prior' | 'dimension' | 'T' | 'epsilon'>;
    field: BatchField;
    method: Method;
    seed: number;
    /** Save times in t (adaptive methods), when trajectories are kept. */
    saveTimes?: Float64Array;
}
export interface ChunkResult {
    start: number;
    count: number;
    samples: Float64Array;
    stats: SolveStats;
    /** K × count × d states at the run's save times. */
    trajectory?: Float64Array;
}
/**
 * Sample indices start..start+count−1.
 * @throws IntegrationError naming the (global) sample index and t where a state became non-finite
 */
export declare function runChunk(ctx: ChunkContext, start: number, count: number, onProgress?: (fraction: number) => void): ChunkResult;
