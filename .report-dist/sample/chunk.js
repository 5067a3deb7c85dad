import { IntegrationError } from '../errors.js';
import { solve } from '../solvers/index.js';
import { priorSamples } from './prior.js';
/**
 * Sample indices start..start+count−1.
 * @throws IntegrationError naming the (global) sample index and t where a state became non-finite
 */
export function runChunk(ctx, start, count, onProgress) {
    const d = ctx.design.dimension;
    const y = priorSamples(ctx.design, ctx.seed, start, count);
    const times = ctx.method.kind === 'fixed' ? ctx.method.grid : ctx.saveTimes;
    const trajectory = ctx.saveTimes && times ? new Float64Array(times.length * count * d) : undefined;
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
