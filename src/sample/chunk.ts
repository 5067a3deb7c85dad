// One unit of sampling work, the same on the main thread and in workers: prior draws (or the caller's starting
// points) for a contiguous range of sample indices, then the solve from T down to ε. Also how a run's shared
// context is built.
import type { Design } from '../design/types.js';
import { IntegrationError, OdeforgeError } from '../errors.js';
import { createField, type FieldSource } from '../field/index.js';
import type { BatchField } from '../field/types.js';
import { sampleStream, type Rng } from '../numeric/rng.js';
import {
  drawsNoise,
  methodFor,
  needsSemilinear,
  recordTimes,
  SignalToNoise,
  solve,
  withScheduleGrid,
  type DiffusionProblem,
  type Method,
  type MethodOptions,
  type SemilinearProblem,
  type SolveStats,
} from '../solvers/index.js';
import { logpFlow, type LogpFlow } from './logp.js';
import { priorSamples } from './prior.js';
import { checkSamplerApplies, diffusionForm } from './stochastic.js';

/** What a run needs besides the design (which each worker loads once, when it starts). */
export interface RunSetup {
  source: FieldSource;
  method: MethodOptions;
  seed: number;
  saveTimes?: Float64Array;
  /** Carry each sample's log-density along (sample/logp.ts). */
  logp?: boolean;
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
  /** The reverse SDE, for the stochastic samplers. */
  diffusion?: DiffusionProblem;
  /** The flow with the log-density beside the state, when the run carries it. */
  logp?: LogpFlow;
}

export interface ChunkResult {
  start: number;
  count: number;
  samples: Float64Array;
  stats: SolveStats;
  /** K × count × d states at the run's save times. */
  trajectory?: Float64Array;
  /** log p̂_ε of each sample (count values), when the run carries it. */
  logp?: Float64Array;
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

/**
 * Field, method, and what the method steps along (the semi-linear form for λ, dpmpp and edm; the reverse SDE
 * for the stochastic samplers), from a run's setup.
 * @throws OdeforgeError when the method does not apply to the design (see sample/stochastic.ts)
 */
export function chunkContext(design: SamplerDesign, setup: RunSetup): ChunkContext {
  const field = createField(design.fieldKernel, setup.source, design.dimension);
  let method = methodFor(setup.method);
  checkSamplerApplies(design, setup.method.solver, method);
  const ctx: ChunkContext = { design, field, method, seed: setup.seed, saveTimes: setup.saveTimes };
  if (needsSemilinear(method)) {
    const problem = semilinearForm(design, field);
    const snr = signalToNoiseFor(problem, design, setup.method.solver);
    ctx.semilinear = { problem, snr };
    method = withScheduleGrid(method, snr);
    ctx.method = method;
  }
  if (method.kind === 'stochastic') ctx.diffusion = diffusionForm(design, field, method.grid);
  if (setup.logp) ctx.logp = logpFlow(design, setup.source, setup.method.solver, method);
  return ctx;
}

/** λ = α/σ and its inverse; for dpmpp and edm a refusal names what they need. */
function signalToNoiseFor(problem: SemilinearProblem, design: SamplerDesign, solver: string): SignalToNoise {
  try {
    return new SignalToNoise(problem.schedule, design.T, design.epsilon);
  } catch (error) {
    if (solver !== 'dpmpp-2m' && solver !== 'dpmpp-3m' && solver !== 'edm') throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new OdeforgeError(
      `${solver} steps in log(α/σ), so it applies to radial, Poisson and sde designs and to paths whose α/σ ` +
        `decreases strictly on [ε, T]; here: ${reason}`,
      {},
      'use euler, heun or dopri5 (in log t) for this design',
    );
  }
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

/** One prior draw from each stream (the same values as priorSamples for the same seed and indices). */
function priorFromStreams(design: Pick<Design, 'prior' | 'dimension'>, streams: readonly Rng[]): Float64Array {
  const d = design.dimension;
  const out = new Float64Array(streams.length * d);
  streams.forEach((stream, i) => out.set(design.prior.sample(1, stream), i * d));
  return out;
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
  // Samplers that draw noise keep each sample's stream after its prior draw (or, from given starts, a fresh one).
  const noise = drawsNoise(ctx.method)
    ? Array.from({ length: count }, (_, i) => sampleStream(ctx.seed, start + i))
    : undefined;
  const y = x0 ?? (noise ? priorFromStreams(ctx.design, noise) : priorSamples(ctx.design, ctx.seed, start, count));
  const trajectory = ctx.saveTimes
    ? new Float64Array(recordTimes(ctx.method, ctx.saveTimes).length * count * d)
    : undefined;
  if (ctx.logp) return withLogp(ctx, ctx.logp, start, count, y, trajectory, onProgress);
  const term = { dim: d, evaluate: ctx.field.velocity.bind(ctx.field) };
  const result = solve(term, ctx.method, y, count, {
    t0: ctx.design.T,
    t1: ctx.design.epsilon,
    record: trajectory && ctx.saveTimes ? { times: ctx.saveTimes, states: trajectory, rows: count } : undefined,
    onProgress,
    semilinear: ctx.semilinear,
    diffusion: ctx.diffusion,
    noise,
  });
  if (result.failure) {
    const { row, t, reason } = result.failure;
    throw new IntegrationError(reason, start + row, t);
  }
  return { start, count, samples: y, stats: result.stats, trajectory };
}

/** runChunk with each sample's log-density integrated beside it. */
function withLogp(
  ctx: ChunkContext,
  flow: LogpFlow,
  start: number,
  count: number,
  y: Float64Array,
  trajectory: Float64Array | undefined,
  onProgress: ((fraction: number) => void) | undefined,
): ChunkResult {
  const record =
    trajectory && ctx.saveTimes ? { times: recordTimes(ctx.method, ctx.saveTimes), states: trajectory } : undefined;
  const result = flow.solve(y, count, { record, onProgress });
  if (result.failure) {
    const { row, t, reason } = result.failure;
    throw new IntegrationError(reason, start + row, t);
  }
  return { start, count, samples: y, stats: result.stats, trajectory, logp: result.logp };
}
