// One unit of sampling work, the same on the main thread and in workers: prior draws (or the caller's starting
// points) for a contiguous range of sample indices, then the solve from T down to ε. Also how a run's shared
// context is built.
import type { Design } from '../design/types.js';
import { IntegrationError } from '../errors.js';
import { createField, type FieldSource } from '../field/index.js';
import type { BatchField } from '../field/types.js';
import {
  methodFor,
  recordTimes,
  SignalToNoise,
  solve,
  type Method,
  type MethodOptions,
  type SemilinearProblem,
  type SolveStats,
} from '../solvers/index.js';
import { priorSamples } from './prior.js';

/** What a run needs besides the design (which each worker loads once, when it starts). */
export interface RunSetup {
  source: FieldSource;
  method: MethodOptions;
  seed: number;
  saveTimes?: Float64Array;
}

/** What every chunk of one run shares. */
export interface ChunkContext {
  design: Pick<Design, 'prior' | 'dimension' | 'T' | 'epsilon'>;
  field: BatchField;
  method: Method;
  seed: number;
  /** Save times in t (adaptive methods), when trajectories are kept. */
  saveTimes?: Float64Array;
  semilinear?: { problem: SemilinearProblem; snr: SignalToNoise };
}

export interface ChunkResult {
  start: number;
  count: number;
  samples: Float64Array;
  stats: SolveStats;
  /** K × count × d states at the run's save times. */
  trajectory?: Float64Array;
}

type SamplerDesign = Pick<Design, 'prior' | 'dimension' | 'T' | 'epsilon' | 'fieldKernel'>;

/**
 * The method options with the time variable decided: dopri5 integrates in λ = α/σ (radial designs: λ = 1/t)
 * when α/σ is strictly decreasing, else in log t; odex in log t.
 * @throws OdeforgeError when λ was asked for and the design does not allow it
 */
export function resolveTimeVariable(design: SamplerDesign, method: MethodOptions): MethodOptions {
  if (method.solver !== 'dopri5' && method.solver !== 'odex') return method;
  const kernel = design.fieldKernel;
  const wanted = method.timeVariable;
  if (wanted !== undefined && wanted !== 'lambda') return method;
  if (method.solver === 'odex' && wanted === undefined) return { ...method, timeVariable: 'log' };
  if (kernel.kind !== 'path') return { ...method, timeVariable: 'lambda' };
  try {
    new SignalToNoise(kernel.schedule, design.T, design.epsilon);
    return { ...method, timeVariable: 'lambda' };
  } catch (error) {
    if (wanted === 'lambda') throw error;
    return { ...method, timeVariable: 'log' };
  }
}

/** Field, method and (for λ) the semi-linear form of a run, from its setup. */
export function chunkContext(design: SamplerDesign, setup: RunSetup): ChunkContext {
  const field = createField(design.fieldKernel, setup.source, design.dimension);
  const method = methodFor(setup.method);
  const ctx: ChunkContext = { design, field, method, seed: setup.seed, saveTimes: setup.saveTimes };
  if (method.kind === 'adaptive' && method.timeVariable === 'lambda') {
    const problem = semilinearForm(design, field);
    ctx.semilinear = { problem, snr: new SignalToNoise(problem.schedule, design.T, design.epsilon) };
  }
  return ctx;
}

const identityPath = (t: number) => ({ alpha: 1, sigma: t, dAlpha: 0, dSigma: 1 });

/**
 * The ODE as dx/dt = (σ̇/σ) x + (α̇ − α σ̇/σ) x̂. Path designs: their own α, σ and posterior mean. Radial
 * designs: α = 1, σ = t and x̂ := x − t f(t, x), an exact rewriting of any field (the data prediction itself
 * when k_t(r) = 1/t, as for every scale family ψ = F(r/t)).
 */
function semilinearForm(design: SamplerDesign, field: BatchField): SemilinearProblem {
  const kernel = design.fieldKernel;
  const d = design.dimension;
  if (kernel.kind === 'path' && field.posteriorMean) {
    return { dim: d, schedule: kernel.schedule, posteriorMean: field.posteriorMean.bind(field) };
  }
  return {
    dim: d,
    schedule: identityPath,
    posteriorMean(t, x, n, out) {
      field.velocity(t, x, n, out);
      for (let i = 0; i < n; i++) {
        for (let k = i * d; k < (i + 1) * d; k++) out[k] = x[k]! - t[i]! * out[k]!;
      }
    },
  };
}

/**
 * Rows start..start+count−1 of `points` (n × d, by sample index) as a fresh array: the solver overwrites its
 * starting points with the samples, and a worker may be handed the copy without a copy of its own.
 */
export function startingRows(points: Float64Array, dim: number, start: number, count: number): Float64Array {
  return points.slice(start * dim, (start + count) * dim);
}

/**
 * Sample indices start..start+count−1, from `x0` (count × d, the run's own starting points, overwritten with
 * the samples) or else from the prior draws of the run's seed.
 * @throws IntegrationError naming the (global) sample index and t where a state became non-finite
 */
export function runChunk(
  ctx: ChunkContext,
  start: number,
  count: number,
  onProgress?: (fraction: number) => void,
  x0?: Float64Array,
): ChunkResult {
  const d = ctx.design.dimension;
  if (x0 && x0.length !== count * d)
    throw new Error(`runChunk: ${x0.length} starting values for ${count} samples of dimension ${d}`);
  const y = x0 ?? priorSamples(ctx.design, ctx.seed, start, count);
  const trajectory = ctx.saveTimes
    ? new Float64Array(recordTimes(ctx.method, ctx.saveTimes).length * count * d)
    : undefined;
  const term = { dim: d, evaluate: ctx.field.velocity.bind(ctx.field) };
  const result = solve(term, ctx.method, y, count, {
    t0: ctx.design.T,
    t1: ctx.design.epsilon,
    record: trajectory && ctx.saveTimes ? { times: ctx.saveTimes, states: trajectory, rows: count } : undefined,
    onProgress,
    semilinear: ctx.semilinear,
  });
  if (result.failure) {
    const { row, t, reason } = result.failure;
    throw new IntegrationError(reason, start + row, t);
  }
  return { start, count, samples: y, stats: result.stats, trajectory };
}
