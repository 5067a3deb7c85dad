// likelihood(design, options): exact log-densities of given points under a design's marginal ODE for a data set
// (docs/mathematics.md §11). Each point x, taken at t = ε, is carried with ∫∇·f up to T; the model's
// log-likelihood is then log π(x_T) + ∫_ε^T ∇·f_t(x_t) dt, reported beside the data's closed-form marginal
// log p_ε(x) and the prior's stand-in error log π(x_T) − log p_T(x_T). Points are shared between the calling
// thread and worker threads in ranges; each point is integrated on its own, so the rows do not depend on the split.
import { availableParallelism } from 'node:os';
import type { Design } from '../design/types.js';
import { OdeforgeError } from '../errors.js';
import { LikelihoodPool, likelihoodWorkersAvailable, type PoolEvents } from './pool.js';
import type { WorkerSetup } from './protocol.js';
import {
  likelihoodResult,
  likelihoodRun,
  pointRows,
  type LikelihoodOptions,
  type LikelihoodResult,
  type LikelihoodRow,
  type LikelihoodRun,
} from './run.js';

export { marginalLogDensity } from './marginal.js';
export {
  pointFlow,
  STIFF_SWITCH_STEPS,
  type FlowOptions,
  type FlowResult,
  type LikelihoodTimeVariable,
  type PointFlow,
} from './integrate.js';
export { likelihoodWorkersAvailable } from './pool.js';
export type { LikelihoodOptions, LikelihoodResult, LikelihoodRow } from './run.js';

/**
 * The log-likelihood of every point under the design's marginal ODE for `options.data`, on the calling thread
 * (`threads` is ignored): for synchronous callers such as verify's properties.
 * @example
 *   const { rows, bitsPerDim } = likelihoodSync(design, { data, points, rtol: 1e-8, atol: 1e-8 });
 * @throws OdeforgeError for bad options, data or points (wrong dimension, non-finite values, levels out of
 *   range); IntegrationError (point index, t) when a point's integration fails
 */
export function likelihoodSync(design: Design, options: LikelihoodOptions): LikelihoodResult {
  const started = performance.now();
  const run = likelihoodRun(design, options);
  const total = run.points.rows;
  let done = 0;
  const onPoint = options.onProgress && (() => options.onProgress!(++done, total));
  const { rows, stiffPoints } = pointRows(run, 0, total, onPoint);
  return likelihoodResult(run, rows, stiffPoints, (performance.now() - started) / 1000, 1);
}

/**
 * The log-likelihood of every point, on up to `options.threads` threads (the rows of likelihoodSync, bit for
 * bit, whatever the thread count).
 * @example
 *   const { rows, bitsPerDim } = await likelihood(design, { data, points, rtol: 1e-8, atol: 1e-8, threads: 2 });
 * @throws OdeforgeError for bad options, data or points (see likelihoodSync) or a bad thread count;
 *   IntegrationError (point index, t) when a point's integration fails
 */
export async function likelihood(design: Design, options: LikelihoodOptions): Promise<LikelihoodResult> {
  const started = performance.now();
  const threads = threadCount(options.threads);
  const run = likelihoodRun(design, options);
  const total = run.points.rows;
  const source = design.origin;
  const most = source && likelihoodWorkersAvailable() ? Math.min(threads, total) - 1 : 0;
  if (most === 0) {
    let done = 0;
    const onPoint = options.onProgress && (() => options.onProgress!(++done, total));
    const { rows, stiffPoints } = pointRows(run, 0, total, onPoint);
    return likelihoodResult(run, rows, stiffPoints, (performance.now() - started) / 1000, 1);
  }
  const rows = new Array<LikelihoodRow>(total);
  const progress = { finished: 0, stiffPoints: 0 };
  const record = (start: number, part: LikelihoodRow[], stiff: number) => {
    part.forEach((row, i) => (rows[start + i] = row));
    progress.stiffPoints += stiff;
    progress.finished += part.length;
    options.onProgress?.(progress.finished, total);
  };
  const measured = options.threads === undefined;
  const queue = ranges(total, most + 1, measured);
  const used = await runRanges(
    run,
    queue,
    (events) => new RunWorkers(workerSetup(run, source!), most, measured, queue, events),
    record,
  );
  const wall = (performance.now() - started) / 1000;
  return likelihoodResult(run, rows, progress.stiffPoints, wall, 1 + used);
}

function threadCount(threads: number | undefined): number {
  if (threads === undefined) return availableParallelism();
  if (!Number.isInteger(threads) || threads < 1)
    throw new OdeforgeError(`threads must be a positive integer, got ${threads}`);
  return threads;
}

/** The run's checked inputs as plain values for the workers (resolved tolerances and time variable). */
function workerSetup(run: LikelihoodRun, source: NonNullable<Design['origin']>): WorkerSetup {
  return {
    source,
    options: {
      data: run.data.data,
      points: run.points.data,
      rtol: run.flow.rtol,
      atol: run.flow.atol,
      maxSteps: run.flow.maxSteps,
      timeVariable: run.flowOf.timeVariable,
      seed: run.seed,
      dequantize: run.levels,
    },
  };
}

/** Points in each of the first ranges when the calling thread's timing decides: it decides early. */
const PROBE_POINTS = 4;

/**
 * Ranges [start, count] of point indices, guided (a third of what is left per thread, 4..256: the ranges
 * shrink towards the end, so no thread is left with a long tail); first a few probes when timing decides.
 */
function ranges(total: number, threads: number, probes: boolean): [number, number][] {
  const out: [number, number][] = [];
  let s = 0;
  for (let p = 0; probes && p < 4 && s < total; p++, s += PROBE_POINTS)
    out.push([s, Math.min(PROBE_POINTS, total - s)]);
  while (s < total) {
    const size = Math.min(256, Math.max(4, Math.ceil((total - s) / (3 * threads))));
    out.push([s, Math.min(size, total - s)]);
    s += size;
  }
  return out;
}

/** Seconds a worker needs to load and compile the design before it computes (as the sampler's). */
const WORKER_START_S = 0.35;
/** Seconds of computing after which the calling thread's ranges are timed (the JIT has compiled the loops). */
const WARM_UP_S = 0.1;

/**
 * The worker threads of one run: from the start when the caller gave a thread count; otherwise started once
 * the calling thread's timing shows the work left is at least twice a worker's start (the sampler's rule,
 * sample/index.ts).
 */
class RunWorkers {
  pool: LikelihoodPool | undefined;
  private computed = 0;
  private readonly warm = { seconds: 0, points: 0 };

  constructor(
    private readonly setup: WorkerSetup,
    private readonly most: number,
    private readonly measured: boolean,
    private readonly queue: [number, number][],
    private readonly events: PoolEvents,
  ) {
    if (!measured) this.start();
  }

  private start(): void {
    this.pool = new LikelihoodPool(this.setup, Math.min(this.most, this.queue.length), this.queue, this.events);
  }

  /** After the calling thread computed `count` points in `seconds`: workers now when the work left repays them. */
  afterRange(count: number, seconds: number): void {
    if (!this.measured || this.pool) return;
    const warm = this.computed >= WARM_UP_S;
    this.computed += seconds;
    if (!warm) return;
    this.warm.seconds += seconds;
    this.warm.points += count;
    const left = this.queue.reduce((sum, [, n]) => sum + n, 0);
    if ((left * this.warm.seconds) / this.warm.points >= 2 * WORKER_START_S) this.start();
  }

  /** Once no worker holds a range: the number of workers that computed one. */
  async finished(): Promise<number> {
    return this.pool ? this.pool.finished() : 0;
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }
}

/**
 * Compute the ranges on this thread and on the workers', each range to whoever is free; the calling thread
 * yields between ranges so that the workers' messages are handled. Returns the number of workers that computed.
 */
async function runRanges(
  run: LikelihoodRun,
  queue: [number, number][],
  startWorkers: (events: PoolEvents) => RunWorkers,
  record: PoolEvents['done'],
): Promise<number> {
  let failure: Error | undefined;
  const workers = startWorkers({
    done: record,
    failed: (error) => {
      failure ??= error;
    },
  });
  try {
    while (queue.length > 0 && !failure) {
      const [start, count] = queue.shift()!;
      const began = performance.now();
      try {
        const { rows, stiffPoints } = pointRows(run, start, count);
        record(start, rows, stiffPoints);
      } catch (error) {
        failure ??= error as Error;
        break;
      }
      workers.afterRange(count, (performance.now() - began) / 1000);
      workers.pool?.poke();
      await new Promise((resolve) => setImmediate(resolve));
    }
    const used = await workers.finished();
    if (failure) throw failure;
    return used;
  } finally {
    await workers.close();
  }
}
