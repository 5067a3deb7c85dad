import type { Design } from '../design/types.js';
import { type FieldSource } from '../field/index.js';
import type { EmpiricalData, GaussianMixture } from '../field/types.js';
import type { GridName, MethodOptions, SolverName } from '../solvers/index.js';
import type { SamplerPool } from './pool.js';
import type { DesignSource } from './source.js';
export interface SampleOptions {
    /** Data: flat m × d points, a table, or an analytic Gaussian mixture (Gaussian-noise designs). */
    data: Float64Array | EmpiricalData | GaussianMixture;
    /** Number of samples (of the whole run; a shard returns its slice). */
    n: number;
    /** Seed of the per-sample random streams (default 0). */
    seed?: number;
    /** Default dopri5. */
    solver?: SolverName;
    rtol?: number;
    atol?: number;
    /** Fixed-step solvers: number of steps (default 100). */
    steps?: number;
    /** Fixed-step solvers: time grid (default log). */
    grid?: GridName;
    /** Adaptive solvers: integrate in log t (default) or t. */
    timeVariable?: 't' | 'log';
    maxSteps?: number;
    /** Threads computing, the calling one included (default os.availableParallelism(); 1 without designSource). */
    threads?: number;
    /** Produce only slice `index` (0-based) of `count` contiguous slices of the n samples. */
    shard?: {
        index: number;
        count: number;
    };
    /** Called as samples progress: done (fractional) out of total for this run or shard. */
    onProgress?: (done: number, total: number) => void;
    /** Keep trajectories: true, or the number of save times for adaptive solvers (default 65, log-spaced). */
    trajectories?: boolean | number;
    /** How worker threads rebuild the design; without it (and without a pool) the run is single-threaded. */
    designSource?: DesignSource;
    /**
     * Workers started earlier with `new SamplerPool(designSource, threads − 1)` (they load the design while the
     * caller loads its own); the caller closes it. Its design must be the one passed to sample().
     */
    pool?: SamplerPool;
    /** Samples per unit of work handed to a thread (default: about 8 units per thread, 16..1024). */
    chunkSize?: number;
}
export interface SamplePlan {
    source: FieldSource;
    method: MethodOptions;
    seed: number;
    start: number;
    count: number;
    threads: number;
    chunkSize: number;
    saveTimes?: Float64Array;
}
/** The data option as a field source, checked against the design's dimension. */
export declare function fieldSource(design: Pick<Design, 'dimension'>, data: SampleOptions['data']): FieldSource;
/**
 * Check the options and resolve defaults.
 * @throws OdeforgeError for n ≤ 0, a bad seed, shard, thread count or trajectory count, or bad data
 */
export declare function planRun(design: Pick<Design, 'dimension' | 'T' | 'epsilon'>, options: SampleOptions, hardwareThreads: number): SamplePlan;
