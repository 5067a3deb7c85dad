// The sampler's options, checked once at the boundary and resolved into a plan (what to sample, how).
import type { Design } from '../design/types.js';
import { OdeforgeError } from '../errors.js';
import { limits } from '../limits.js';
import { DEFAULT_FIELD_TOL, empiricalData, mixtureParameters, sharedData, type FieldSource } from '../field/index.js';
import type { EmpiricalData, GaussianMixture } from '../field/types.js';
import type { GridName, MethodOptions, SamplerSettings, SolverName, TimeVariable } from '../solvers/index.js';
import type { DataTable } from '../io/table.js';
import type { SamplerPool } from './pool.js';
import type { DesignSource } from './source.js';

export interface SampleOptions extends SamplerSettings {
  /** Data: flat m × d points, a table, or an analytic Gaussian mixture (Gaussian-noise designs). */
  data: Float64Array | EmpiricalData | GaussianMixture;
  /**
   * Number of samples (of the whole run; a shard returns its slice). Required without `init`; with it,
   * defaults to init.rows and must equal it.
   */
  n?: number;
  /**
   * Starting points at T instead of prior draws: sample i starts at row i (the `readDataFile` shape, rows × d,
   * d the design's). For comparing solvers or samplers from identical starts; `seed` is then unused.
   */
  init?: DataTable;
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
  /**
   * Adaptive solvers' integration variable: default λ = α/σ with y = x/σ for dopri5 (radial designs:
   * α = 1, σ = t), log t for odex; or t.
   */
  timeVariable?: TimeVariable;
  maxSteps?: number;
  /**
   * Threads computing, the calling one included; 1 without design.origin or designSource. By default up to
   * os.availableParallelism(), with workers started only once the calling thread's timing of its first
   * chunks shows the work left repays their start (each loads and compiles the design, ~0.35 s from the
   * bundle): small runs stay on the calling thread.
   */
  threads?: number;
  /** Produce only slice `index` (0-based) of `count` contiguous slices of the n samples. */
  shard?: { index: number; count: number };
  /** Called as samples progress: done (fractional) out of total for this run or shard. */
  onProgress?: (done: number, total: number) => void;
  /** Keep trajectories: true, or the number of save times for adaptive solvers (default 65, log-spaced). */
  trajectories?: boolean | number;
  /**
   * Also the log-density log p̂_ε of every sample, integrated along its path with the exact divergence
   * (result.logp): deterministic solvers (dopri5, odex, euler, heun, rk4) and data points only.
   */
  logp?: boolean;
  /**
   * How worker threads rebuild a design without `origin` (one not from loadDesign or designFromText);
   * without either (and without a pool) the run is single-threaded.
   */
  designSource?: DesignSource;
  /**
   * Workers started earlier with `new SamplerPool(designSource, threads − 1)` (they load the design while the
   * caller loads its own); the caller closes it. Its design must be the one passed to sample().
   */
  pool?: SamplerPool;
  /**
   * Samples per unit of work handed to a thread. Default: guided, each unit a third of what remains per
   * thread (16..1024), so the units get smaller towards the end and no thread is left with a long tail.
   */
  chunkSize?: number;
  /**
   * Gaussian-noise designs with empirical data (Poisson noise in d = 2 at large σ): x̂ from a k-d tree that skips
   * negligible nodes and expands far ones, within fieldTol · R of the exact sum (R the data's radius;
   * docs/mathematics.md §13). Default 1e-12; 0 is the exact sum over all data.
   */
  fieldTol?: number;
}

export interface SamplePlan {
  source: FieldSource;
  method: MethodOptions;
  seed: number;
  start: number;
  count: number;
  threads: number;
  /** Fixed unit size, or undefined for guided units. */
  chunkSize?: number;
  saveTimes?: Float64Array;
  /** The starting points of all n samples (indexed by sample index, not by shard), when given. */
  init?: Float64Array;
  /** Whether each sample's log-density is carried along. */
  logp?: boolean;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw new OdeforgeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

/** The data option as a field source, checked against the design's dimension. */
export function fieldSource(design: Pick<Design, 'dimension'>, data: SampleOptions['data']): FieldSource {
  const d = design.dimension;
  if (data instanceof Float64Array) return { kind: 'empirical', data: empiricalData(data, d) };
  if ('weights' in data) return { kind: 'mixture', mixture: mixtureParameters(data, d) };
  if (data.dim !== d) {
    throw new OdeforgeError(
      `the data has dimension ${data.dim} but the design has dimension ${d}`,
      {},
      "use data of the design's dimension, or --dim",
    );
  }
  return { kind: 'empirical', data: empiricalData(data.data, d) };
}

/**
 * An empirical source with the run's field tolerance (default DEFAULT_FIELD_TOL), checked to lie in [0, 1), and its
 * data where every thread reads it (sharedData).
 */
function withFieldTol(source: FieldSource, fieldTol = DEFAULT_FIELD_TOL): FieldSource {
  if (!(fieldTol >= 0 && fieldTol < 1))
    throw new OdeforgeError(`the field tolerance must be in [0, 1), got ${fieldTol}`, {}, 'try 1e-12, or 0 for exact');
  // the data where every thread's field reads it: workers get it without a copy
  return source.kind === 'empirical' ? { ...source, data: sharedData(source.data), fieldTol } : source;
}

/**
 * The number of samples and the checked starting points: n alone, or init (whose rows fix n).
 * @throws OdeforgeError when n is missing or does not match init.rows, or init has the wrong dimension,
 *   a malformed shape or a non-finite value (named by row and column, both 1-based)
 */
export function samplesAndStarts(
  design: Pick<Design, 'dimension'>,
  options: Pick<SampleOptions, 'n' | 'init'>,
): { n: number; init?: Float64Array } {
  const init = options.init;
  if (!init) {
    if (options.n === undefined)
      throw new OdeforgeError(
        'n (the number of samples) is required',
        {},
        'give n, or init with one starting point per sample',
      );
    return { n: positiveInteger('n (the number of samples)', options.n) };
  }
  const d = design.dimension;
  if (init.dim !== d) {
    throw new OdeforgeError(
      `the starting points (init) have dimension ${init.dim} but the design has dimension ${d}`,
      {},
      'give one column per coordinate of the design',
    );
  }
  const rows = positiveInteger('init.rows (the number of starting points)', init.rows);
  if (init.data.length !== rows * d) {
    throw new OdeforgeError(`init.data holds ${init.data.length} values, not rows × dim = ${rows} × ${d}`);
  }
  if (options.n !== undefined && options.n !== rows) {
    throw new OdeforgeError(
      `n = ${options.n} but init has ${rows} starting points`,
      {},
      'leave n out (it defaults to the number of starting points) or give one starting point per sample',
    );
  }
  for (let i = 0; i < init.data.length; i++) {
    const value = init.data[i]!;
    if (!Number.isFinite(value)) {
      const row = Math.floor(i / d);
      throw new OdeforgeError(
        `init row ${row + 1} (sample ${row}), column ${(i % d) + 1}: ${value} is not a finite starting point`,
        {},
        'starting points must be finite numbers',
      );
    }
  }
  return { n: rows, init: init.data };
}

/** The run's arrays within the limits, checked before any is allocated. */
function checkSizes(d: number, n: number, options: Pick<SampleOptions, 'steps' | 'trajectories'>): void {
  if (n > limits.points) throw new OdeforgeError(`n = ${n} samples is above the limit of ${limits.points}`);
  if (n * d > limits.values)
    throw new OdeforgeError(
      `n × d = ${n} × ${d} values is above the limit of ${limits.values}`,
      {},
      'sample fewer points, or in shards',
    );
  if (options.steps !== undefined && options.steps > limits.steps)
    throw new OdeforgeError(`${options.steps} steps is above the limit of ${limits.steps}`);
  const points = typeof options.trajectories === 'number' ? options.trajectories : options.trajectories ? 65 : 0;
  if (points > limits.trajectoryPoints)
    throw new OdeforgeError(`${points} trajectory points is above the limit of ${limits.trajectoryPoints}`);
  if (points * n * d > limits.values) {
    throw new OdeforgeError(
      `trajectories of ${points} × ${n} × ${d} values are above the limit of ${limits.values}`,
      {},
      'keep fewer trajectory points, or sample fewer points',
    );
  }
}

/** The predictor–corrector's evaluations per sample, steps × (1 + corrector steps), within the steps limit. */
function checkCorrectorWork(steps: number | undefined, correctorSteps: number | undefined): void {
  if (correctorSteps === undefined) return;
  const total = (steps ?? 1000) * (1 + correctorSteps);
  if (total > limits.steps) {
    throw new OdeforgeError(
      `--corrector-steps ${correctorSteps} makes ${total} evaluations per sample, above the limit of ${limits.steps}`,
      {},
      'use fewer steps or corrector steps',
    );
  }
}

/** Log-spaced save times from T to ε, both ends exact. */
function saveTimesFor(T: number, epsilon: number, count: number): Float64Array {
  const a = Math.log(T);
  const b = Math.log(epsilon);
  const times = Float64Array.from({ length: count }, (_, k) => Math.exp(a + ((b - a) * k) / (count - 1)));
  times[0] = T;
  times[count - 1] = epsilon;
  return times;
}

/**
 * Check the options and resolve defaults.
 * @throws OdeforgeError for n ≤ 0, a bad seed, shard, thread count or trajectory count, bad data or bad
 *   starting points (see samplesAndStarts)
 */
export function planRun(
  design: Pick<Design, 'dimension' | 'T' | 'epsilon' | 'sampler'>,
  options: SampleOptions,
  hardwareThreads: number,
): SamplePlan {
  const { n, init } = samplesAndStarts(design, options);
  checkSizes(design.dimension, n, { ...options, steps: options.steps ?? design.sampler?.steps });
  checkCorrectorWork(options.steps ?? design.sampler?.steps, options.correctorSteps ?? design.sampler?.correctorSteps);
  const seed = options.seed ?? 0;
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new OdeforgeError(`the seed must be a non-negative integer, got ${seed}`);
  const shard = options.shard ?? { index: 0, count: 1 };
  positiveInteger('the shard count', shard.count);
  if (!Number.isInteger(shard.index) || shard.index < 0 || shard.index >= shard.count) {
    throw new OdeforgeError(
      `the shard index must be an integer in 0..${shard.count - 1}, got ${shard.index}`,
      {},
      'write --shard i/k with 0 ≤ i < k',
    );
  }
  const start = Math.floor((n * shard.index) / shard.count);
  const count = Math.floor((n * (shard.index + 1)) / shard.count) - start;
  const threads = options.pool
    ? options.pool.size + 1
    : options.designSource
      ? positiveInteger('threads', options.threads ?? hardwareThreads)
      : 1;
  const chunkSize = options.chunkSize === undefined ? undefined : positiveInteger('chunkSize', options.chunkSize);
  // the spec's `sampler:` defaults fill what the options leave out
  const defaults = design.sampler ?? {};
  const method: MethodOptions = {
    solver: options.solver ?? defaults.solver ?? 'dopri5',
    T: design.T,
    epsilon: design.epsilon,
    rtol: options.rtol ?? defaults.rtol,
    atol: options.atol ?? defaults.atol,
    steps: options.steps ?? defaults.steps,
    grid: options.grid ?? defaults.grid,
    timeVariable: options.timeVariable,
    maxSteps: options.maxSteps,
    eta: options.eta ?? defaults.eta,
    snr: options.snr ?? defaults.snr,
    correctorSteps: options.correctorSteps ?? defaults.correctorSteps,
    churn: options.churn ?? defaults.churn,
    sTmin: options.sTmin ?? defaults.sTmin,
    sTmax: options.sTmax ?? defaults.sTmax,
    sNoise: options.sNoise ?? defaults.sNoise,
  };
  let saveTimes: Float64Array | undefined;
  if (options.trajectories !== undefined && options.trajectories !== false) {
    const points = options.trajectories === true ? 65 : positiveInteger('trajectories', options.trajectories);
    if (points < 2) throw new OdeforgeError('trajectories need at least 2 save times');
    saveTimes = saveTimesFor(design.T, design.epsilon, points);
  }
  return {
    source: withFieldTol(fieldSource(design as Pick<Design, 'dimension'>, options.data), options.fieldTol),
    method,
    seed,
    start,
    count,
    threads,
    chunkSize,
    saveTimes,
    init,
    ...(options.logp ? { logp: true } : {}),
  };
}

/** The run's units of work [start, count]: fixed-size, or guided (shrinking towards the end). */
export function chunkPlan(plan: Pick<SamplePlan, 'start' | 'count' | 'threads' | 'chunkSize'>): [number, number][] {
  const chunks: [number, number][] = [];
  const end = plan.start + plan.count;
  for (let s = plan.start; s < end;) {
    const size = plan.chunkSize ?? Math.min(1024, Math.max(16, Math.ceil((end - s) / (3 * plan.threads))));
    chunks.push([s, Math.min(size, end - s)]);
    s += size;
  }
  return chunks;
}
