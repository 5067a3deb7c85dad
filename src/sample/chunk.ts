// One unit of sampling work, the same on the main thread and in workers: prior draws for a contiguous range
// of sample indices, then the solve from T down to ε.
import type { Design } from '../design/types.js';
import { IntegrationError } from '../errors.js';
import type { BatchField } from '../field/types.js';
import { recordTimes, solve, type Method, type SolveStats } from '../solvers/index.js';
import { priorSamples } from './prior.js';

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
export function runChunk(ctx: ChunkContext, start: number, count: number, onProgress?: (fraction: number) => void): ChunkResult {
  const d = ctx.design.dimension;
  const y = priorSamples(ctx.design, ctx.seed, start, count);
  const trajectory = ctx.saveTimes ? new Float64Array(recordTimes(ctx.method, ctx.saveTimes).length * count * d) : undefined;
  const term = { dim: d, evaluate: ctx.field.velocity.bind(ctx.field) };
  const result = solve(term, ctx.method, y, count, {
    t0: ctx.design.T,
    t1: ctx.design.epsilon,
    record: trajectory && ctx.saveTimes ? { times: ctx.saveTimes, states: trajectory, rows: count } : undefined,
    onProgress,
  });
  if (result.failure) {
    const { row, t, reason } = result.failure;
    throw new IntegrationError(reason, start + row, t);
  }
  return { start, count, samples: y, stats: result.stats, trajectory };
}
