// The report: verify a design, sample it for data, plot what it does, and put it all in one self-contained
// HTML page. Uses the public API only; the page itself is html.ts's. A public entry of its own (odeforge/report),
// so that importing odeforge does not load KaTeX.
import {
  DEFAULT_RUNS,
  IntegrationError,
  OdeforgeError,
  quantityDescription,
  quantityLabel,
  sample,
  verifyDesign,
  type Design,
  type EmpiricalData as DataTable,
  type SampleOptions,
} from '../index.js';
import {
  curveTimes,
  fieldTimes,
  phiFigure,
  psiFigure,
  radialCurves,
  samplesFigure,
  trajectoryFigures,
  velocityFigures,
  type Figure,
  type PlotData,
} from './figures.js';
import { renderReport, type DerivationRow, type ReportContent, type SamplingOutcome } from './html.js';

export { renderReport, type ReportContent } from './html.js';
export { linePlotSvg, quiverSvg, scatterSvg, trajectoriesSvg } from './plots.js';
export { renderComparePage } from './compare.js';

export interface ReportOptions {
  /** Data points, flat m × d or a table; without data the page has no field, samples or trajectories. */
  data?: Float64Array | DataTable;
  /** What the data is called on the page (a file name, a data set's name). */
  dataLabel?: string;
  /** The spec's text, shown on the page. */
  spec?: { text: string; file?: string };
  /** Random cases per verified property (default verify's, 40). */
  verifyRuns?: number;
  /** Seed of verify (default verify's) and of the sampler (default 0). */
  seed?: number;
  /** Samples drawn (default 500). */
  sampleN?: number;
  /** Trajectories drawn (default 40). */
  trajectories?: number;
  /** Solver settings and threads for the samples. */
  sampler?: Pick<SampleOptions, 'solver' | 'rtol' | 'atol' | 'steps' | 'grid' | 'threads' | 'designSource' | 'pool'>;
}

function plotData(design: Design, options: ReportOptions): PlotData | undefined {
  const data = options.data;
  if (data === undefined) return undefined;
  const table =
    data instanceof Float64Array ? { data, rows: data.length / design.dimension, dim: design.dimension } : data;
  if (table.dim !== design.dimension || !Number.isInteger(table.rows) || table.rows < 1) {
    throw new OdeforgeError(
      `the data (${table.rows} rows of dimension ${table.dim}) does not fit the design's dimension ${design.dimension}`,
      {},
      "use data of the design's dimension, or --dim",
    );
  }
  return { points: table.data, dim: table.dim, label: options.dataLabel ?? 'data' };
}

function derivationRows(design: Design): DerivationRow[] {
  return Object.entries(design.derivation).map(([name, q]) => ({
    name,
    symbol: quantityLabel(name),
    description: quantityDescription(name),
    latex: q.latex,
    expr: q.expr,
  }));
}

/** Seconds since `start` (a performance.now() reading). */
const since = (start: number) => (performance.now() - start) / 1000;

async function sampling(
  design: Design,
  data: PlotData,
  options: ReportOptions,
): Promise<{ outcome: SamplingOutcome; figures: Figure[] }> {
  const n = options.sampleN ?? 500;
  const seed = options.seed ?? 0;
  try {
    const run = await sample(design, { ...options.sampler, data: data.points, n, seed, trajectories: true });
    const settings: Record<string, string | number> = { solver: options.sampler?.solver ?? 'dopri5', seed };
    for (const key of ['rtol', 'atol', 'steps', 'grid'] as const) {
      const value = options.sampler?.[key];
      if (value !== undefined) settings[key] = value;
    }
    const figures = [samplesFigure(design, data, run.samples)];
    if (run.trajectories) {
      figures.push(
        ...trajectoryFigures(design, data, { ...run.trajectories, count: run.count }, options.trajectories ?? 40),
      );
    }
    return { outcome: { kind: 'sampled', stats: run.stats, settings }, figures };
  } catch (error) {
    if (!(error instanceof IntegrationError)) throw error;
    return {
      outcome: { kind: 'failed', message: `${error.message} (sample ${error.sampleIndex}, t = ${error.t})` },
      figures: [],
    };
  }
}

/**
 * What the report shows, computed: verification, kernel curves, the velocity field, samples and trajectories.
 * A failed property or a failed sampling run is part of the content, not an error.
 * @throws OdeforgeError for data that does not fit the design, or bad sampler options
 */
export async function reportContent(design: Design, options: ReportOptions = {}): Promise<ReportContent> {
  const data = plotData(design, options);
  const timings: Record<string, number> = {};

  let start = performance.now();
  const verification = verifyDesign(design, {
    runs: options.verifyRuns ?? DEFAULT_RUNS,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  });
  timings.verify = since(start);

  start = performance.now();
  const curves = radialCurves(design, curveTimes(design));
  const kernel = [psiFigure(design, curves), phiFigure(design, curves)];
  const field = data ? velocityFigures(design, data, fieldTimes(design, data)) : [];
  timings.plots = since(start);

  start = performance.now();
  const sampled = data ? await sampling(design, data, options) : { outcome: { kind: 'no-data' } as const, figures: [] };
  timings.sampling = since(start);

  return {
    design: {
      name: design.name,
      description: design.description,
      family: design.family,
      dimension: design.dimension,
      T: design.T,
      epsilon: design.epsilon,
      prior: design.prior.kind,
      parameters: design.parameters,
    },
    spec: options.spec,
    derivation: derivationRows(design),
    verification,
    data: data ? { label: data.label, rows: data.points.length / data.dim, dim: data.dim } : undefined,
    sampling: sampled.outcome,
    figures: { kernel, field, sampling: sampled.figures },
    timings,
  };
}

/**
 * One self-contained HTML page about a design: the spec, the derivation typeset with KaTeX, the verification
 * table, plots of the kernel, the velocity field, samples and trajectories, and the sampler's statistics.
 * @example
 *   const html = await buildReport(loadDesign('examples/tanh.yaml'), { data: dataset('8gaussians', { n: 500 }), dataLabel: '8gaussians' });
 * @throws OdeforgeError for data that does not fit the design, or bad sampler options
 */
export async function buildReport(design: Design, options: ReportOptions = {}): Promise<string> {
  return renderReport(await reportContent(design, options));
}
