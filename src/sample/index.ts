// sample(design, options): prior (or given starting points) → solve → samples, over chunks of sample indices
// shared between the calling thread and worker threads. Results depend only on (seed, sample index), or on the
// sample's starting point, never on how the work was split.
import { availableParallelism } from 'node:os';
import type { Design } from '../design/types.js';
import { recordTimes } from '../solvers/index.js';
import { chunkContext, resolveTimeVariable, runChunk, startingRows, type ChunkContext, type ChunkResult } from './chunk.js';
import { chunkPlan, planRun, type SampleOptions, type SamplePlan } from './options.js';
import { SamplerPool } from './pool.js';

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
  trajectories?: { times: Float64Array; states: Float64Array };
}

/**
 * Sample from `design` for `options.data`, integrating its marginal ODE from T down to ε, from prior draws
 * or from the caller's starting points (`init`).
 * @example
 *   const { samples, stats } = await sample(design, { data, n: 1000, seed: 1 });
 *   const fromGiven = await sample(design, { data, init: readDataFile('x0.npy') });
 * @throws OdeforgeError for bad options or data; IntegrationError (with sample index and t) when a state
 *   becomes non-finite
 */
export async function sample(design: Design, options: SampleOptions): Promise<SampleResult> {
  const started = performance.now();
  const plan = planRun(design, options, availableParallelism());
  plan.method = resolveTimeVariable(design, plan.method);
  const ctx = chunkContext(design, plan);
  const d = design.dimension;
  const chunks = chunkPlan(plan);
  // A pool of threads − 1 workers, unless the caller brought one; with the default thread count, only when
  // the run repays their start.
  const wanted = options.threads !== undefined || worthWorkers(design, ctx, plan);
  const ownPool = !options.pool && options.designSource && plan.threads > 1 && chunks.length > 1 && wanted
    ? new SamplerPool(options.designSource, Math.min(plan.threads - 1, chunks.length - 1))
    : undefined;
  let results: ChunkResult[];
  try {
    results = await runChunks(ctx, plan, chunks, options.pool ?? ownPool, options.onProgress);
  } finally {
    await ownPool?.close();
  }

  const samples = new Float64Array(plan.count * d);
  const times = plan.saveTimes && recordTimes(ctx.method, plan.saveTimes);
  const states = plan.saveTimes && times ? new Float64Array(times.length * plan.count * d) : undefined;
  const totals = { nfe: 0, steps: 0, rejected: 0 };
  for (const r of results) {
    const offset = r.start - plan.start;
    samples.set(r.samples, offset * d);
    totals.nfe += r.stats.nfe;
    totals.steps += r.stats.steps;
    totals.rejected += r.stats.rejected;
    if (states && r.trajectory && times) {
      for (let k = 0; k < times.length; k++) {
        states.set(r.trajectory.subarray(k * r.count * d, (k + 1) * r.count * d), (k * plan.count + offset) * d);
      }
    }
  }
  let nonFinite = 0;
  for (let i = 0; i < samples.length; i++) if (!Number.isFinite(samples[i])) nonFinite++;
  const wall = (performance.now() - started) / 1000;
  const perSample = (v: number) => Math.round((10 * v) / plan.count) / 10;
  return {
    samples,
    dim: d,
    start: plan.start,
    count: plan.count,
    stats: {
      n: plan.count,
      dim: d,
      nfe: perSample(totals.nfe),
      steps: perSample(totals.steps),
      rejected: perSample(totals.rejected),
      wall_s: Math.round(wall * 1e4) / 1e4,
      samples_per_s: Math.round((10 * plan.count) / wall) / 10,
      nonFinite,
    },
    trajectories: states && times ? { times: Float64Array.from(times), states } : undefined,
  };
}

/**
 * Seconds a worker thread needs before it computes: loading and compiling the design (measured here: 0.25 s
 * from the bundle, 0.6 s from dist/).
 */
const WORKER_START_S = 0.35;

/**
 * Whether the run is long enough for worker threads to pay for their start: a rough cost model of
 * n · m · (evaluations per sample) · (time per sample–data pair), against twice a worker's start.
 */
function worthWorkers(design: Design, ctx: ChunkContext, plan: SamplePlan): boolean {
  const m = plan.source.kind === 'empirical' ? plan.source.data.rows : 1;
  const evaluations = ctx.method.kind === 'fixed' ? (ctx.method.grid.length - 1) * ctx.method.stepper.stages : 110;
  const kernel = design.fieldKernel;
  // Per pair: radial row loops ~20 ns, compiled log-kernels (quadrature profiles, general noise) ~50 ns,
  // Gaussian/Poisson loops ~6 ns in the plane, ~3 + 0.6 d ns with the SIMD kernels of d ≠ 2.
  const compiledPerPair = kernel.kind === 'radial' && kernel.directRow ? 20e-9 : 50e-9;
  const d = design.dimension;
  const pathPerPair = (d === 2 ? 6 : 3 + 0.6 * d) * 1e-9;
  const perPair = kernel.kind === 'radial' || kernel.noise.kind === 'radial' ? compiledPerPair : pathPerPair;
  return plan.count * m * evaluations * perPair > 2 * WORKER_START_S;
}

/**
 * Run the chunks on this thread and on the pool's workers, handing each chunk to whoever is free. The
 * calling thread starts at once and yields between chunks, so workers still loading their design never
 * hold the run up.
 */
async function runChunks(
  ctx: ChunkContext,
  plan: SamplePlan,
  chunks: [number, number][],
  pool: SamplerPool | undefined,
  onProgress: SampleOptions['onProgress'],
): Promise<ChunkResult[]> {
  const results: ChunkResult[] = [];
  const sizes = new Map(chunks);
  const progress = new Map<number, number>();
  let finished = 0;
  const report = () => {
    if (!onProgress) return;
    let inFlight = 0;
    for (const [start, fraction] of progress) inFlight += fraction * sizes.get(start)!;
    onProgress(finished + inFlight, plan.count);
  };
  const record = (result: ChunkResult) => {
    progress.delete(result.start);
    results.push(result);
    finished += result.count;
    report();
  };
  const queue = chunks.slice();
  let failure: Error | undefined;
  // The caller's starting points, by sample index: every thread gets a task's rows with the task.
  const init = plan.init;
  const d = ctx.design.dimension;
  const startingPoints = init ? (start: number, count: number) => startingRows(init, d, start, count) : undefined;
  const setup = { source: plan.source, method: plan.method, seed: plan.seed, saveTimes: plan.saveTimes };
  const workersDone = pool?.run(setup, queue, {
    progress(start, fraction) {
      progress.set(start, fraction);
      report();
    },
    done: record,
    failed(error) {
      failure ??= error;
    },
  }, startingPoints);
  const chunkProgress = (start: number) => (onProgress ? (fraction: number) => {
    progress.set(start, fraction);
    report();
  } : undefined);
  while (queue.length > 0 && !failure) {
    const [start, count] = queue.shift()!;
    record(runChunk(ctx, start, count, chunkProgress(start), startingPoints?.(start, count)));
    pool?.poke();
    await new Promise((resolve) => setImmediate(resolve));
  }
  await workersDone;
  if (failure) throw failure;
  return results;
}
