// compare(designs, options): several designs side by side on one data set. The data is split into a reference
// part (the data whose exact marginal field each design integrates) and a held-out part; each design is sampled
// once and measured for sample quality (W2, MMD, energy against the held-out part, and against the reference
// part, whose gap shows memorization), cost (NFE of the adaptive solver, error-vs-NFE of fixed-step solvers),
// straightness of its paths and the mismatch of its prior.
import type { Design } from '../design/types.js';
import { IntegrationError, OdeforgeError } from '../errors.js';
import { limits } from '../limits.js';
import { bandwidthOf, metrics, type PointSet } from '../metrics/index.js';
import { likelihoodSync } from '../likelihood/index.js';
import type { EmpiricalData } from '../numeric/data.js';
import { createRng } from '../numeric/rng.js';
import { priorSamples, sample } from '../sample/index.js';
import { solverNames, type SolverName } from '../solvers/index.js';
import { klToPrior } from '../verify/index.js';
import { costCurves, DEFAULT_STEP_LADDER, TIGHT_TOLERANCE, type CostPoint } from './cost.js';
import { splitData } from './split.js';
import { meanStraightness } from './straightness.js';

export { DEFAULT_STEP_LADDER, TIGHT_TOLERANCE, type CostPoint } from './cost.js';
export { MIN_PART_POINTS, splitData, type DataSplit } from './split.js';
export { meanStraightness } from './straightness.js';
export { bestIndex, compareColumns, formatCompareTable, type CompareColumn } from './table.js';

export const COMPARE_DEFAULTS = {
  n: 500,
  testFraction: 0.5,
  seed: 0,
  solver: 'dopri5' as SolverName,
  rtol: 1e-5,
  atol: 1e-5,
  curveSamples: 64,
  klPoints: 32,
  klSamples: 500,
  likelihoodPoints: 32,
} as const;

export interface CompareOptions {
  /** The data, flat rows × d (d the designs') or a table. */
  data: Float64Array | EmpiricalData;
  /** What the data is called (a file or data set name). */
  dataLabel?: string;
  /** A name per design (default each design's name); names must tell the designs apart on the page. */
  labels?: readonly string[];
  /** Samples per design (default 500). */
  n?: number;
  /** Share of the data held out (default 0.5). */
  testFraction?: number;
  /** Seed of the split, the samples, the curves' starting points and the KL draws (default 0). */
  seed?: number;
  /** The solver of the samples and of the `nfe` column (default dopri5), its tolerances or its steps. */
  solver?: SolverName;
  rtol?: number;
  atol?: number;
  steps?: number;
  /** Fixed-step solvers of the error-vs-NFE curves (default euler, heun and dpmpp-2m where it exists). */
  curveSolvers?: readonly SolverName[];
  /** Step counts of the curves (default 4, 8, …, 128). */
  stepLadder?: readonly number[];
  /** Starting points of the curves (default 64). */
  curveSamples?: number;
  /** Held-out points whose bits/dim the likelihood integrates (default 32; 0 leaves bits/dim out). */
  likelihoodPoints?: number;
  /** Called before each design's work, with its index and name. */
  onDesign?: (index: number, name: string) => void;
}

/** Sample quality against one part of the data. */
export interface Quality {
  w2: number;
  slicedW2: number;
  mmd: number;
  energy: number;
}

export interface DesignComparison extends Quality {
  name: string;
  family: string;
  T: number;
  /** Field evaluations per sample of the sampling solver (mean). */
  nfe: number;
  /** The same distances to the reference part (the field's own data): far below the held-out ones = memorized. */
  reference: Quality;
  /** Mean over samples of path length / end-to-end distance (1 = straight). */
  straightness: number;
  /** Mean over reference points x0 of KL(p_T(·|x0) ‖ prior) in nats (the verify property prior-mismatch). */
  priorKL: number;
  /**
   * −mean log p(x)/(d ln 2) over the first held-out points, by the likelihood ODE for the reference data;
   * null when left out or when the design's likelihood is unavailable (bitsPerDimNote says why).
   */
  bitsPerDim: number | null;
  bitsPerDimNote?: string;
  /** Error-vs-NFE points of the fixed-step solvers, against this design's own tight solution. */
  errorVsNfe: CostPoint[];
  /** Curve solvers this design refused, with the reason. */
  unavailable: { solver: SolverName; reason: string }[];
  /** The samples, flat n × d (for plots; left out of JSON). */
  samples: Float64Array;
  wall_s: number;
}

/** A design whose sampling failed numerically: it is left out of the table, with the reason, not the comparison. */
export interface FailedDesign {
  name: string;
  family: string;
  reason: string;
}

export interface CompareResult {
  designs: DesignComparison[];
  /** Designs whose sampling failed (a state became non-finite, or the step limit was reached). */
  failed: FailedDesign[];
  data: {
    label: string;
    rows: number;
    dim: number;
    reference: number;
    heldOut: number;
    testFraction: number;
    /** The MMD's bandwidth for every design: the median pairwise distance of the whole data set. */
    bandwidth: number;
  };
  settings: {
    n: number;
    seed: number;
    solver: SolverName;
    rtol: number;
    atol: number;
    steps?: number;
    curveSolvers: SolverName[];
    stepLadder: number[];
    curveSamples: number;
    likelihoodPoints: number;
    tightTolerance: number;
  };
  /** The parts themselves (for plots; left out of JSON). */
  split: { reference: PointSet; heldOut: PointSet };
}

function asTable(data: CompareOptions['data'], dim: number): EmpiricalData {
  if (!(data instanceof Float64Array)) return data;
  if (data.length % dim !== 0) {
    throw new OdeforgeError(`the data has ${data.length} values, not a whole number of points of dimension ${dim}`);
  }
  return { data, rows: data.length / dim, dim };
}

function checkDesigns(designs: readonly Design[], names: readonly string[]): void {
  if (designs.length === 0) throw new OdeforgeError('compare needs at least one design');
  if (designs.length > limits.compareDesigns) {
    throw new OdeforgeError(
      `${designs.length} designs is above the limit of ${limits.compareDesigns} designs per comparison`,
    );
  }
  const first = designs[0]!;
  designs.forEach((design, i) => {
    if (design.dimension !== first.dimension) {
      throw new OdeforgeError(
        `the designs have different dimensions: ${names[0]} has dimension ${first.dimension} but ${names[i]} has dimension ${design.dimension}`,
        {},
        'compare designs of one dimension, on data of that dimension',
      );
    }
  });
}

function checkCount(name: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 2 || value > max) {
    throw new OdeforgeError(`${name} must be an integer from 2 to ${max}, not ${value}`);
  }
  return value;
}

/** The default curve solvers: euler and heun, and dpmpp-2m where the solvers have it. */
function defaultCurveSolvers(): SolverName[] {
  return ['euler', 'heun', ...solverNames.filter((s) => s === 'dpmpp-2m')];
}

type Settings = CompareResult['settings'];

function settingsOf(options: CompareOptions): Settings {
  const n = checkCount('n (samples per design)', options.n ?? COMPARE_DEFAULTS.n, limits.metricPoints);
  const curveSamples = checkCount(
    "the curves' starting points",
    options.curveSamples ?? COMPARE_DEFAULTS.curveSamples,
    limits.metricPoints,
  );
  const likelihoodPoints = options.likelihoodPoints ?? COMPARE_DEFAULTS.likelihoodPoints;
  if (!Number.isInteger(likelihoodPoints) || likelihoodPoints < 0 || likelihoodPoints > limits.metricPoints) {
    throw new OdeforgeError(
      `the likelihood's held-out points must be an integer from 0 to ${limits.metricPoints}, not ${likelihoodPoints}`,
    );
  }
  const stepLadder = [...(options.stepLadder ?? DEFAULT_STEP_LADDER)];
  for (const steps of stepLadder) {
    if (!Number.isInteger(steps) || steps < 1 || steps > limits.steps)
      throw new OdeforgeError(
        `each step count of the curves must be an integer from 1 to ${limits.steps}, not ${steps}`,
      );
  }
  return {
    n,
    seed: options.seed ?? COMPARE_DEFAULTS.seed,
    solver: options.solver ?? COMPARE_DEFAULTS.solver,
    rtol: options.rtol ?? COMPARE_DEFAULTS.rtol,
    atol: options.atol ?? COMPARE_DEFAULTS.atol,
    ...(options.steps === undefined ? {} : { steps: options.steps }),
    curveSolvers: [...(options.curveSolvers ?? defaultCurveSolvers())],
    stepLadder,
    curveSamples,
    likelihoodPoints,
    tightTolerance: TIGHT_TOLERANCE,
  };
}

/** E over the first `count` reference points of KL(p_T(·|x0) ‖ prior), each from its own seeded stream. */
function meanPriorKL(design: Design, reference: PointSet, seed: number): number {
  const count = Math.min(COMPARE_DEFAULTS.klPoints, reference.rows);
  const rng = createRng(seed);
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const x0 = reference.data.subarray(i * reference.dim, (i + 1) * reference.dim);
    sum += klToPrior(design, x0, COMPARE_DEFAULTS.klSamples, rng).kl;
  }
  return sum / count;
}

/** Bits/dim of the first `count` held-out points under the design's ODE for the reference data. */
function heldOutBitsPerDim(
  design: Design,
  split: { reference: PointSet; heldOut: PointSet },
  count: number,
): { bitsPerDim: number | null; note?: string } {
  if (count === 0) return { bitsPerDim: null, note: 'not asked for' };
  const rows = Math.min(count, split.heldOut.rows);
  const points = { data: split.heldOut.data.subarray(0, rows * split.heldOut.dim), rows, dim: split.heldOut.dim };
  try {
    const result = likelihoodSync(design, { data: split.reference, points });
    return { bitsPerDim: result.bitsPerDim };
  } catch (error) {
    // a design the likelihood cannot integrate (or a point it fails on) costs the column, not the comparison
    if (error instanceof OdeforgeError || error instanceof IntegrationError)
      return { bitsPerDim: null, note: error.message };
    throw error;
  }
}

function quality(samples: PointSet, target: PointSet, bandwidth: number, seed: number, label: string): Quality {
  const m = metrics(samples, target, { bandwidth, seed, labels: ['the samples', label] });
  return { w2: m.w2, slicedW2: m.slicedW2, mmd: m.mmd, energy: m.energy };
}

function bitsOf(result: {
  bitsPerDim: number | null;
  note?: string;
}): Pick<DesignComparison, 'bitsPerDim' | 'bitsPerDimNote'> {
  return result.note === undefined
    ? { bitsPerDim: result.bitsPerDim }
    : { bitsPerDim: result.bitsPerDim, bitsPerDimNote: result.note };
}

async function compareOne(
  design: Design,
  name: string,
  split: { reference: PointSet; heldOut: PointSet },
  bandwidth: number,
  settings: Settings,
): Promise<DesignComparison> {
  const started = performance.now();
  const run = await sample(design, {
    data: split.reference,
    n: settings.n,
    seed: settings.seed,
    solver: settings.solver,
    rtol: settings.rtol,
    atol: settings.atol,
    ...(settings.steps === undefined ? {} : { steps: settings.steps }),
    trajectories: true,
  });
  const samples: PointSet = { data: run.samples, rows: run.count, dim: run.dim };
  // the first samples' own starting points
  const starts = priorSamples(design, settings.seed, 0, settings.curveSamples);
  const curves = await costCurves(
    design,
    split.reference,
    { data: starts, rows: settings.curveSamples, dim: design.dimension },
    settings.curveSolvers,
    settings.stepLadder,
  );
  const trajectories = run.trajectories!;
  return {
    name,
    family: design.family,
    T: design.T,
    nfe: run.stats.nfe,
    ...quality(samples, split.heldOut, bandwidth, settings.seed, 'the held-out data'),
    reference: quality(samples, split.reference, bandwidth, settings.seed, 'the reference data'),
    straightness: meanStraightness(trajectories.states, trajectories.times.length, run.count, run.dim),
    priorKL: meanPriorKL(design, split.reference, settings.seed),
    ...bitsOf(heldOutBitsPerDim(design, split, settings.likelihoodPoints)),
    errorVsNfe: curves.points,
    unavailable: curves.unavailable,
    samples: run.samples,
    wall_s: Math.round((performance.now() - started) / 10) / 100,
  };
}

/**
 * Compare designs of one dimension on one data set (split into reference and held-out parts).
 * @example
 *   const result = await compare([loadDesign('examples/ve.yaml'), loadDesign('examples/pfgm.yaml')], { data: dataset('8gaussians', { n: 1000 }) });
 *   result.designs.map((d) => [d.name, d.w2, d.nfe]);
 * @throws OdeforgeError for designs of different dimensions, data of another dimension or too small to split,
 *   counts above the limits. A design whose sampling fails numerically is listed in `failed`, with the reason.
 */
export async function compare(designs: readonly Design[], options: CompareOptions): Promise<CompareResult> {
  const names = designs.map((design, i) => options.labels?.[i] ?? design.name);
  checkDesigns(designs, names);
  const dim = designs[0]!.dimension;
  const table = asTable(options.data, dim);
  if (table.dim !== dim) {
    throw new OdeforgeError(
      `the data has dimension ${table.dim} but the designs have dimension ${dim}`,
      {},
      "use data of the designs' dimension",
    );
  }
  const settings = settingsOf(options);
  const testFraction = options.testFraction ?? COMPARE_DEFAULTS.testFraction;
  const split = splitData(table, testFraction, settings.seed);
  const bandwidth = bandwidthOf(split.reference, split.heldOut);
  const results: DesignComparison[] = [];
  const failed: FailedDesign[] = [];
  for (const [i, design] of designs.entries()) {
    options.onDesign?.(i, names[i]!);
    try {
      results.push(await compareOne(design, names[i]!, split, bandwidth, settings));
    } catch (error) {
      // a design that cannot be integrated is a finding about that design, not the end of the comparison
      if (!(error instanceof IntegrationError)) throw error;
      failed.push({ name: names[i]!, family: design.family, reason: error.message });
    }
  }
  return {
    designs: results,
    failed,
    data: {
      label: options.dataLabel ?? 'data',
      rows: table.rows,
      dim,
      reference: split.reference.rows,
      heldOut: split.heldOut.rows,
      testFraction,
      bandwidth,
    },
    settings,
    split,
  };
}

/** The result as JSON-ready data: no samples or parts, non-finite numbers as null. */
export function compareJson(result: CompareResult): unknown {
  return {
    designs: result.designs.map(({ samples: _samples, ...rest }) => rest),
    failed: result.failed,
    data: result.data,
    settings: result.settings,
  };
}
