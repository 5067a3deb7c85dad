import type { Design } from '../design/types.js';
import { type SampleOptions } from './options.js';
export { priorSamples } from './prior.js';
export { fieldSource, type SampleOptions } from './options.js';
export { SamplerPool, workersAvailable } from './pool.js';
export type { DesignSource } from './source.js';
export interface SampleStats {
    n: number;
    dim: number;
    /** Field evaluations per sample (mean over samples). */
    nfe: number;
    /** Accepted steps per sample (mean). */
    steps: number;
    /** Rejected steps per sample (mean). */
    rejected: number;
    wall_s: number;
    samples_per_s: number;
    /** Non-finite output values (always 0: a non-finite state throws IntegrationError instead). */
    nonFinite: number;
}
export interface SampleResult {
    /** count × dim samples, row i being sample start + i of the run. */
    samples: Float64Array;
    dim: number;
    /** First sample index and count of this run (a shard's slice of the n samples). */
    start: number;
    count: number;
    stats: SampleStats;
    /** times[k] in t (from T to ε) and states K × count × dim, when trajectories were asked for. */
    trajectories?: {
        times: Float64Array;
        states: Float64Array;
    };
}
/**
 * Sample from `design` for `options.data`, integrating its marginal ODE from T down to ε.
 * @example
 *   const { samples, stats } = await sample(design, { data, n: 1000, seed: 1 });
 * @throws OdeforgeError for bad options or data; IntegrationError (with sample index and t) when a state
 *   becomes non-finite
 */
export declare function sample(design: Design, options: SampleOptions): Promise<SampleResult>;
