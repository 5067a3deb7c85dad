// sample(design, options): prior (or given starting points) → solve → samples, over chunks of sample indices
// shared between the calling thread and worker threads. Results depend only on (seed, sample index), or on the
// sample's starting point, never on how the work was split.
import { availableParallelism } from 'node:os';
import type { Design } from '../design/types.js';
import { recordTimes } from '../solvers/index.js';
import {
  chunkContext,
  resolveTimeVariable,
  runChunk,
  startingRows,
  type ChunkContext,
  type ChunkResult,
} from './chunk.js';
import { chunkPlan, planRun, type SampleOptions, type SamplePlan } from './options.js';
import { SamplerPool, type RunEvents } from './pool.js';
import type { DesignSource } from './source.js';

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
  /** Threads that computed samples: the calling one and each worker that finished a chunk. */
  threads: number;
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
  /**
   * With `logp: true`: log p̂_ε of each sample (count values, row i that of sample start + i), log π(x_T) plus
   * ∫_ε^T ∇·f dt integrated along its path (docs/mathematics.md §11).
   */
  logp?: Float64Array;
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
  // Workers rebuild the design from the caller's source, else from the spec text it was built from.
  const designSource = options.designSource ?? design.origin;
  const plan = planRun(design, { ...options, designSource }, availableParallelism());
  plan.method = resolveTimeVariable(design, plan.method);
  const ctx = chunkContext(design, plan);
  const d = design.dimension;
  const chunks = chunkPlan(plan);
  const workers = new RunWorkers({
    lent: options.pool,
    source: designSource,
    most: Math.min(plan.threads - 1, chunks.length - 1),
    measured: options.threads === undefined,
  });
  let results: ChunkResult[];
  try {
    results = await runChunks(ctx, plan, workers.measured ? withProbes(chunks) : chunks, workers, options.onProgress);
  } finally {
    await workers.close();
  }

  const samples = new Float64Array(plan.count * d);
  const times = plan.saveTimes && recordTimes(ctx.method, plan.saveTimes);
  const states = plan.saveTimes && times ? new Float64Array(times.length * plan.count * d) : undefined;
  const logp = plan.logp ? new Float64Array(plan.count) : undefined;
  const totals = { nfe: 0, steps: 0, rejected: 0 };
  for (const r of results) {
    const offset = r.start - plan.start;
    samples.set(r.samples, offset * d);
    if (logp && r.logp) logp.set(r.logp, offset);
    totals.nfe += r.stats.nfe;
    totals.steps += r.stats.steps;
    totals.rejected += r.stats.rejected;
    if (states && r.trajectory && times) {
      for (let k = 0; k < times.length; k++) {
        states.set(r.trajectory.subarray(k * r.count * d, (k + 1) * r.count * d), (k * plan.count + offset) * d);
      }
    }
  }
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
      threads: 1 + workers.used,
    },
    trajectories: states && times ? { times: Float64Array.from(times), states } : undefined,
    ...(logp ? { logp } : {}),
  };
}

/**
 * Seconds a worker thread needs before it computes: loading and compiling the design (measured on this
 * project's 2-core machine: 0.25–0.5 s from the bundle, 0.6–1 s from dist/).
 */
const WORKER_START_S = 0.35;

/** Samples in each chunk the first planned one is cut into, so that the calling thread's timing decides early. */
const PROBE_SAMPLES = 16;

/**
 * Seconds of sampling after which the calling thread's chunks are timed: until then the JIT is still compiling
 * the field's loops (measured here, d = 2, m = 512: the first 16 samples take 2–5× the steady time per sample,
 * those after ~0.1 s within 20% of it).
 */
const WARM_UP_S = 0.1;

/**
 * The worker threads of one run. A caller's pool, or a thread count the caller gave: workers from the
 * start. Otherwise the calling thread times its chunks once warm and starts workers when the work left, at
 * the measured rate, is at least twice a worker's start: a worker ready after S seconds saves
 * (W − S)·k/(k + 1) of the W seconds left with k workers, so with W ≥ 2S at least S/2, clearly above the
 * noise of a shared machine, and short runs never pay for a start.
 */
class RunWorkers {
  /** Whether the calling thread's timing decides (no pool and no thread count from the caller). */
  readonly measured: boolean;
  /** The pool shared with from the start: the caller's, or one for the thread count the caller gave. */
  readonly atStart: SamplerPool | undefined;
  private started: SamplerPool | undefined;
  private computed = 0;
  private readonly warm = { seconds: 0, samples: 0 };
  /** Workers that finished a chunk of the run. */
  used = 0;

  constructor(private readonly setup: { lent?: SamplerPool; source?: DesignSource; most: number; measured: boolean }) {
    const possible = !setup.lent && setup.source !== undefined && setup.most > 0;
    this.measured = possible && setup.measured;
    this.atStart = setup.lent ?? (possible && !setup.measured ? new SamplerPool(setup.source!, setup.most) : undefined);
  }

  /**
   * After the calling thread ran `count` samples in `seconds`, with `queue` left: a pool, started now, when
   * the measured work left repays it.
   */
  afterChunk(count: number, seconds: number, queue: [number, number][]): SamplerPool | undefined {
    if (!this.measured || this.started) return undefined;
    const warm = this.computed >= WARM_UP_S;
    this.computed += seconds;
    if (!warm) return undefined;
    this.warm.seconds += seconds;
    this.warm.samples += count;
    const left = queue.reduce((sum, [, n]) => sum + n, 0);
    if ((left * this.warm.seconds) / this.warm.samples < 2 * WORKER_START_S) return undefined;
    this.started = new SamplerPool(this.setup.source!, Math.min(this.setup.most, queue.length));
    return this.started;
  }

  poke(): void {
    (this.atStart ?? this.started)?.poke();
  }

  /** Close the pools this run started (a caller's pool stays open). */
  async close(): Promise<void> {
    const own = this.atStart === this.setup.lent ? this.started : this.atStart;
    await own?.close();
  }
}

/** The first chunk cut into chunks of PROBE_SAMPLES (any cut gives the same samples). */
function withProbes(chunks: [number, number][]): [number, number][] {
  const [start, count] = chunks[0]!;
  const probes: [number, number][] = [];
  for (let s = start; s < start + count; s += PROBE_SAMPLES)
    probes.push([s, Math.min(PROBE_SAMPLES, start + count - s)]);
  return [...probes, ...chunks.slice(1)];
}

/**
 * Run the chunks on this thread and on the workers' (from the start, or from when the calling thread's timing
 * starts them), handing each chunk to whoever is free. The calling thread starts at once and yields between
 * chunks, so workers still loading their design never hold the run up.
 */
async function runChunks(
  ctx: ChunkContext,
  plan: SamplePlan,
  chunks: [number, number][],
  workers: RunWorkers,
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
  const setup = {
    source: plan.source,
    method: plan.method,
    seed: plan.seed,
    saveTimes: plan.saveTimes,
    logp: plan.logp,
  };
  const events: RunEvents = {
    progress(start, fraction) {
      progress.set(start, fraction);
      report();
    },
    done: record,
    failed(error) {
      failure ??= error;
    },
  };
  const share = (pool: SamplerPool) => pool.run(setup, queue, events, startingPoints);
  let workersDone = workers.atStart && share(workers.atStart);
  const chunkProgress = (start: number) =>
    onProgress
      ? (fraction: number) => {
          progress.set(start, fraction);
          report();
        }
      : undefined;
  while (queue.length > 0 && !failure) {
    const [start, count] = queue.shift()!;
    const began = performance.now();
    record(runChunk(ctx, start, count, chunkProgress(start), startingPoints?.(start, count)));
    const startedNow = workers.afterChunk(count, (performance.now() - began) / 1000, queue);
    if (startedNow) workersDone = share(startedNow);
    workers.poke();
    await new Promise((resolve) => setImmediate(resolve));
  }
  workers.used = (await workersDone) ?? 0;
  if (failure) throw failure;
  return results;
}
