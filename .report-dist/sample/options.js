import { OdeforgeError } from '../errors.js';
import { empiricalData, mixtureParameters } from '../field/index.js';
function positiveInteger(name, value) {
    if (!Number.isInteger(value) || value < 1)
        throw new OdeforgeError(`${name} must be a positive integer, got ${value}`);
    return value;
}
/** The data option as a field source, checked against the design's dimension. */
export function fieldSource(design, data) {
    const d = design.dimension;
    if (data instanceof Float64Array)
        return { kind: 'empirical', data: empiricalData(data, d) };
    if ('weights' in data)
        return { kind: 'mixture', mixture: mixtureParameters(data, d) };
    if (data.dim !== d) {
        throw new OdeforgeError(`the data has dimension ${data.dim} but the design has dimension ${d}`, {}, 'use data of the design\'s dimension, or --dim');
    }
    return { kind: 'empirical', data: empiricalData(data.data, d) };
}
/** Log-spaced save times from T to ε, both ends exact. */
function saveTimesFor(T, epsilon, count) {
    const a = Math.log(T);
    const b = Math.log(epsilon);
    const times = Float64Array.from({ length: count }, (_, k) => Math.exp(a + ((b - a) * k) / (count - 1)));
    times[0] = T;
    times[count - 1] = epsilon;
    return times;
}
/**
 * Check the options and resolve defaults.
 * @throws OdeforgeError for n ≤ 0, a bad seed, shard, thread count or trajectory count, or bad data
 */
export function planRun(design, options, hardwareThreads) {
    const n = positiveInteger('n (the number of samples)', options.n);
    const seed = options.seed ?? 0;
    if (!Number.isSafeInteger(seed) || seed < 0)
        throw new OdeforgeError(`the seed must be a non-negative integer, got ${seed}`);
    const shard = options.shard ?? { index: 0, count: 1 };
    positiveInteger('the shard count', shard.count);
    if (!Number.isInteger(shard.index) || shard.index < 0 || shard.index >= shard.count) {
        throw new OdeforgeError(`the shard index must be an integer in 0..${shard.count - 1}, got ${shard.index}`, {}, 'write --shard i/k with 0 ≤ i < k');
    }
    const start = Math.floor((n * shard.index) / shard.count);
    const count = Math.floor((n * (shard.index + 1)) / shard.count) - start;
    const threads = options.pool
        ? options.pool.size + 1
        : options.designSource ? positiveInteger('threads', options.threads ?? hardwareThreads) : 1;
    const chunkSize = options.chunkSize ?? Math.min(1024, Math.max(16, Math.ceil(count / (8 * threads))));
    positiveInteger('chunkSize', chunkSize);
    const method = {
        solver: options.solver ?? 'dopri5',
        T: design.T,
        epsilon: design.epsilon,
        rtol: options.rtol,
        atol: options.atol,
        steps: options.steps,
        grid: options.grid,
        timeVariable: options.timeVariable,
        maxSteps: options.maxSteps,
    };
    let saveTimes;
    if (options.trajectories !== undefined && options.trajectories !== false) {
        const points = options.trajectories === true ? 65 : positiveInteger('trajectories', options.trajectories);
        if (points < 2)
            throw new OdeforgeError('trajectories need at least 2 save times');
        saveTimes = saveTimesFor(design.T, design.epsilon, points);
    }
    return { source: fieldSource(design, options.data), method, seed, start, count, threads, chunkSize, saveTimes };
}
