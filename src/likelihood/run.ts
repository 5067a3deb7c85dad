// One likelihood run's shared part, the same on the calling thread and in workers: the checked inputs and the
// flow (likelihoodRun), the rows of a range of points (pointRows), and the result from the rows
// (likelihoodResult). Every point is integrated on its own, so its row does not depend on who computes it.
import type { Design } from '../design/types.js';
import { IntegrationError, OdeforgeError } from '../errors.js';
import { DivergenceField, empiricalData } from '../field/index.js';
import type { EmpiricalData } from '../field/types.js';
import { limits } from '../limits.js';
import { dequantizedPoint, dequantizeOffset, checkLevels } from './dequantize.js';
import { pointFlow, type FlowOptions, type LikelihoodTimeVariable, type PointFlow } from './integrate.js';
import { marginalLogDensity } from './marginal.js';

export interface LikelihoodOptions {
  /** The data set whose marginal field the ODE follows: flat m × d, or a table. */
  data: Float64Array | EmpiricalData;
  /** The points to evaluate: flat n × d, or a table (rows × dim, dim the design's). */
  points: Float64Array | EmpiricalData;
  /** Tolerances of the adaptive integration (default: the spec's sampler: values, else 1e-5). */
  rtol?: number;
  atol?: number;
  /** Steps allowed per point (default 100 000). */
  maxSteps?: number;
  /**
   * Integration variable: λ = α/σ with y = x/σ (default, where α/σ is strictly decreasing on [ε, T]; radial
   * designs: λ = 1/t), or log t.
   */
  timeVariable?: LikelihoodTimeVariable;
  /** Seed of the dequantization noise (point i uses stream i); default 0. */
  seed?: number;
  /**
   * Points are integer levels 0..K−1 of a K-level quantization: each is dequantized to y = (x + u)/K,
   * u ∼ U[0, 1)^d, and its rows report log p(y) − d ln K, a one-sample lower bound on log P(x).
   */
  dequantize?: number;
  /** Called as points finish: done out of total. */
  onProgress?: (done: number, total: number) => void;
  /**
   * likelihood(): threads computing, the calling one included (1 for a design without `origin`, whose workers
   * could not rebuild it). By default up to os.availableParallelism(), workers started only once the calling
   * thread's timing of its first points shows the work left repays their start. Any count gives the same rows.
   */
  threads?: number;
}

export interface LikelihoodRow {
  /** log π(x_T) + ∫_ε^T ∇·f_t(x_t) dt: the model's log-likelihood (−∞ with a reason where it is 0). */
  logp: number;
  /** log p_ε(x), the data's closed-form marginal at ε. */
  logpExact: number;
  /** log π(x_T) − log p_T(x_T); NaN when x_T was never reached (see reason). */
  priorGap: number;
  /** Field evaluations of this point's integration. */
  nfe: number;
  /** Why logp is −∞, when it is. */
  reason?: string;
}

export interface LikelihoodResult {
  points: number;
  dim: number;
  /** Mean of logp over the points. */
  meanLogp: number;
  /** −meanLogp / (d ln 2). */
  bitsPerDim: number;
  rows: LikelihoodRow[];
  /** With dequantize: K, and the d·log2 K bits included in bitsPerDim per point (log2 K per dimension). */
  dequantize?: { levels: number; bitsPerDimOffset: number };
  stats: {
    nfe: number;
    wall_s: number;
    points_per_s: number;
    rtol: number;
    atol: number;
    timeVariable: LikelihoodTimeVariable;
    /** Points finished by the stiff Rosenbrock–W integrator (Dormand–Prince needed more than STIFF_SWITCH_STEPS). */
    stiffPoints: number;
    /** Threads that computed points: the calling one and each worker that finished a unit. */
    threads: number;
  };
}

/** What every point of one run shares: the checked inputs and the flow (one per thread: it has scratch buffers). */
export interface LikelihoodRun {
  design: Design;
  data: EmpiricalData;
  points: EmpiricalData;
  flow: FlowOptions;
  flowOf: PointFlow;
  levels?: number;
  seed: number;
  /** d ln K with dequantization, else 0. */
  offset: number;
}

/**
 * The checked run: data, points, tolerances, dequantization and seed, and the flow.
 * @throws OdeforgeError for bad options, data or points (see likelihood)
 */
export function likelihoodRun(design: Design, options: LikelihoodOptions): LikelihoodRun {
  const d = design.dimension;
  const data = tableOf(options.data, d, 'data');
  const points = tableOf(options.points, d, 'points');
  const flow = flowOptions(design, options);
  const levels = options.dequantize;
  if (levels !== undefined) checkLevels(levels, points);
  const seed = options.seed ?? 0;
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new OdeforgeError(`seed must be a non-negative integer, got ${seed}`);
  const flowOf = pointFlow(
    new DivergenceField(design.fieldKernel, data),
    design.fieldKernel,
    design.epsilon,
    design.T,
    options.timeVariable,
  );
  const offset = levels === undefined ? 0 : dequantizeOffset(levels, d);
  return { design, data, points, flow, flowOf, levels, seed, offset };
}

/**
 * Rows of points start..start+count−1, each from its own integration (and its own dequantization stream):
 * the same values whichever thread computes them, in whatever units.
 * @throws IntegrationError (point index, t) when a point's integration fails
 */
export function pointRows(
  run: LikelihoodRun,
  start: number,
  count: number,
  onPoint?: () => void,
): { rows: LikelihoodRow[]; stiffPoints: number } {
  const d = run.design.dimension;
  const rows: LikelihoodRow[] = [];
  let stiffPoints = 0;
  for (let i = start; i < start + count; i++) {
    const raw = run.points.data.subarray(i * d, (i + 1) * d);
    const x = run.levels === undefined ? raw : dequantizedPoint(raw, run.levels, run.seed, i);
    const { row, stiff } = pointLikelihood(run.design, run.flowOf, run.data.data, x, run.flow, i);
    if (stiff) stiffPoints++;
    const offset = run.offset;
    rows.push(offset === 0 ? row : { ...row, logp: row.logp - offset, logpExact: row.logpExact - offset });
    onPoint?.();
  }
  return { rows, stiffPoints };
}

/** The result of a run from its rows (in point order). */
export function likelihoodResult(
  run: LikelihoodRun,
  rows: LikelihoodRow[],
  stiffPoints: number,
  wall: number,
  threads: number,
): LikelihoodResult {
  const d = run.design.dimension;
  const meanLogp = rows.reduce((sum, r) => sum + r.logp, 0) / rows.length;
  const nfe = rows.reduce((sum, r) => sum + r.nfe, 0) / rows.length;
  const levels = run.levels;
  return {
    points: rows.length,
    dim: d,
    meanLogp,
    bitsPerDim: -meanLogp / (d * Math.LN2),
    rows,
    ...(levels === undefined ? {} : { dequantize: { levels, bitsPerDimOffset: Math.log2(levels) } }),
    stats: {
      nfe: Math.round(10 * nfe) / 10,
      wall_s: Math.round(wall * 1e4) / 1e4,
      points_per_s: Math.round((10 * rows.length) / wall) / 10,
      rtol: run.flow.rtol,
      atol: run.flow.atol,
      timeVariable: run.flowOf.timeVariable,
      stiffPoints,
      threads,
    },
  };
}

/** One point: its closed-form marginal at ε, then the flow to T, then the prior at x_T. */
function pointLikelihood(
  design: Design,
  flowOf: PointFlow,
  data: Float64Array,
  x: ArrayLike<number>,
  flow: FlowOptions,
  index: number,
): { row: LikelihoodRow; stiff: boolean } {
  const d = design.dimension;
  const logpExact = marginalLogDensity(design.kernel, design.epsilon, x, data, d);
  if (logpExact === -Infinity) {
    const reason = `the point is outside the support of every data point's kernel at t = ε = ${design.epsilon}: no flow passes through it`;
    return { row: { logp: -Infinity, logpExact, priorGap: Number.NaN, nfe: 0, reason }, stiff: false };
  }
  const result = flowOf.solve(x, flow);
  if (result.failure)
    throw new IntegrationError(`point ${index + 1}: ${result.failure.reason}`, index, result.failure.t);
  const logPrior = design.prior.logDensity(result.end);
  const priorGap = logPrior - marginalLogDensity(design.kernel, design.T, result.end, data, d);
  const stiff = result.integrator === 'rosenbrock';
  if (logPrior === -Infinity) {
    const reason = `the prior density is 0 at x_T = (${Array.from(result.end, (v) => Number(v.toPrecision(6))).join(', ')})`;
    return { row: { logp: -Infinity, logpExact, priorGap, nfe: result.nfe, reason }, stiff };
  }
  return { row: { logp: logPrior + result.divergenceIntegral, logpExact, priorGap, nfe: result.nfe }, stiff };
}

/** Tolerances and step limit: the options, else the spec's sampler: defaults, else 1e-5. */
function flowOptions(design: Design, options: LikelihoodOptions): FlowOptions {
  const rtol = options.rtol ?? design.sampler?.rtol ?? 1e-5;
  const atol = options.atol ?? design.sampler?.atol ?? 1e-5;
  if (!(rtol > 0 && rtol < 1) || !(atol > 0 && Number.isFinite(atol))) {
    throw new OdeforgeError(`rtol must be in (0, 1) and atol positive and finite, got rtol = ${rtol}, atol = ${atol}`);
  }
  const maxSteps = options.maxSteps;
  if (maxSteps !== undefined && !(Number.isInteger(maxSteps) && maxSteps >= 1))
    throw new OdeforgeError(`maxSteps must be a positive integer, got ${maxSteps}`);
  return { rtol, atol, maxSteps };
}

/** Data or points as a checked table of the design's dimension (finite values, within the limits). */
function tableOf(value: Float64Array | EmpiricalData, d: number, name: 'data' | 'points'): EmpiricalData {
  const table = value instanceof Float64Array ? { data: value, rows: value.length / d, dim: d } : value;
  if (table.dim !== d) {
    throw new OdeforgeError(
      `the ${name} have dimension ${table.dim} but the design has dimension ${d}`,
      {},
      "give one column per coordinate of the design's dimension",
    );
  }
  if (table.data.length > limits.values || table.rows > limits.points) {
    throw new OdeforgeError(
      `the ${name} hold ${table.rows} rows (${table.data.length} values), above odeforge's limits of ${limits.points} points and ${limits.values} values`,
    );
  }
  if (name === 'points') {
    if (!Number.isInteger(table.rows) || table.rows < 1 || table.data.length !== table.rows * d) {
      throw new OdeforgeError(`points: ${table.data.length} values do not form rows of dimension ${d}`);
    }
    for (let i = 0; i < table.data.length; i++) {
      if (!Number.isFinite(table.data[i])) {
        throw new OdeforgeError(
          `point ${Math.floor(i / d) + 1}, coordinate ${(i % d) + 1} is ${table.data[i]}`,
          {},
          'every point needs finite coordinates',
        );
      }
    }
    return table;
  }
  return empiricalData(table.data, d);
}
