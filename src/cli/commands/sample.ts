// `odeforge sample <spec> (--n N | --init FILE) (--data FILE | --dataset NAME) [...]`: sample a design's marginal
// ODE for a data set, from prior draws or given starting points, write the samples (and trajectories, an SVG
// plot, stats), with a progress bar on a TTY.
import { resolve } from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { loadDesign, OdeforgeError, type Design } from '../../index.js';
import { mixtureParameters, sampleMixture, type GaussianMixture } from '../../field/index.js';
import { formatCsv } from '../../io/csv.js';
import { formatData, formatOf, readDataFile, readDataSource, writeDataFile } from '../../io/data.js';
import { dataset, datasetNames } from '../../io/datasets.js';
import { writeFileAtomic } from '../../io/atomic.js';
import type { DataTable } from '../../io/table.js';
import { createRng } from '../../numeric/rng.js';
import { scatterSvg } from '../../report/plots.js';
import { sample, type DesignSource, type SampleOptions, type SampleResult } from '../../sample/index.js';
import { gridNames, solverNames, type GridName, type TimeVariable } from '../../solvers/index.js';
import { parseNumber, parsePositiveInteger } from '../options.js';

interface SampleCliOptions {
  n?: string;
  init?: string;
  data?: string;
  dataset?: string;
  datasetN: string;
  datasetSeed: string;
  dim?: string;
  solver?: string;
  steps?: string;
  grid?: string;
  rtol?: string;
  atol?: string;
  timeVariable?: string;
  seed: string;
  out?: string;
  trajectories?: string;
  trajectoryPoints?: string;
  plot?: string;
  stats?: boolean;
  threads?: string;
  shard?: string;
  progress: boolean;
}

export function register(program: Command): void {
  program
    .command('sample')
    .description('sample a design for a data set: prior → marginal ODE from T down to epsilon → samples')
    .argument('<spec>', 'design spec file (YAML or JSON)')
    .option('--n <N>', 'number of samples (with --init: its number of rows, the default)')
    .option('--init <file>', 'start sample i at row i of this file (.csv, .npy, .json) instead of a prior draw')
    .option('--data <file>', 'data points (.csv with header x1..xd, .npy, .json) or a Gaussian mixture (.json)')
    .option('--dataset <name>', `built-in toy data set: ${datasetNames.join(', ')}`)
    .option('--dataset-n <M>', 'points in the built-in data set', '1000')
    .option('--dataset-seed <S>', 'seed of the built-in data set', '0')
    .option('--dim <D>', 'dimension d, when neither the spec nor the data fix it')
    .option('--solver <name>', `${solverNames.join(' | ')} (default: the spec's sampler.solver, else dopri5)`)
    .option('--steps <K>', 'steps of the fixed-step solvers (default 100)')
    .option('--grid <name>', `time grid of the fixed-step solvers: ${gridNames.join(' | ')} (default log)`)
    .option('--rtol <R>', 'relative tolerance of the adaptive solvers (default 1e-5)')
    .option('--atol <A>', 'absolute tolerance of the adaptive solvers (default 1e-5)')
    .option('--time-variable <v>', 'adaptive solvers integrate in: lambda (α/σ with x/σ; dopri5 default) | log (log t; odex default) | t')
    .option('--seed <S>', 'seed: sample i starts from the i-th random stream of this seed', '0')
    .option('--out <file>', 'write the samples here (.csv, .npy, .json; default: CSV on stdout)')
    .option('--trajectories <file>', 'write trajectories here (.npy: K × n × d; .csv: t,sample,x1..xd; .json)')
    .option('--trajectory-points <K>', 'save times of the adaptive solvers\' trajectories (log-spaced; default 65)')
    .option('--plot <file.svg>', 'plot the samples over the data (first two coordinates)')
    .option('--stats', 'print one JSON line of run statistics on stderr')
    .option('--threads <K>', 'threads (default: all cores when the run is long enough to repay starting them)')
    .option('--shard <i/k>', 'only the i-th (0-based) of k contiguous slices of the n samples; shards concatenate to one run')
    .option('--no-progress', 'no progress bar (it only shows on a terminal anyway)')
    .action(async (spec: string, options: SampleCliOptions) => {
      await runSample(spec, options);
    });
}

type Source = { kind: 'table'; table: DataTable } | { kind: 'mixture'; mixture: GaussianMixture };

function readSource(options: SampleCliOptions, dimOption: number | undefined): { source: Source; dim: number | undefined } {
  if ((options.data === undefined) === (options.dataset === undefined)) {
    throw new OdeforgeError('give exactly one of --data FILE and --dataset NAME', {}, `built-in data sets: ${datasetNames.join(', ')}`);
  }
  if (options.data !== undefined) {
    const source = readDataSource(options.data);
    const dim = source.kind === 'table' ? source.table.dim : source.mixture.means[0]?.length;
    if (dimOption !== undefined && dim !== undefined && dim !== dimOption) {
      throw new OdeforgeError(`--dim ${dimOption} does not match the data's dimension ${dim}`, { file: options.data });
    }
    return { source, dim };
  }
  return { source: { kind: 'table', table: { data: new Float64Array(0), rows: 0, dim: 0 } }, dim: dimOption };
}

function parseShard(text: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) throw new OdeforgeError(`--shard must look like i/k (0 ≤ i < k), not "${text}"`);
  return { index: Number(match[1]), count: Number(match[2]) };
}

function oneOf<T extends string>(option: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new OdeforgeError(`--${option} must be one of ${allowed.join(', ')}, not "${value}"`);
  }
  return value as T;
}

/** The number of samples, and the starting points of --init checked against --n (the error names the file). */
function readInit(options: SampleCliOptions): { n: number; init?: DataTable } {
  if (options.init === undefined) {
    if (options.n === undefined) throw new OdeforgeError('give --n N (the number of samples), or --init FILE (one starting point per row)');
    return { n: parsePositiveInteger('n', options.n) };
  }
  const init = readDataFile(options.init);
  const n = options.n === undefined ? init.rows : parsePositiveInteger('n', options.n);
  if (n !== init.rows) {
    throw new OdeforgeError(`--n ${n} but the file has ${init.rows} starting points`, { file: options.init }, 'leave --n out (it defaults to the rows of --init) or give one row per sample');
  }
  return { n, init };
}

/** sample() checks this too, but only the CLI knows which file to name. */
function checkInitDimension(file: string, init: DataTable, design: Design): void {
  if (init.dim !== design.dimension) {
    throw new OdeforgeError(`the starting points have dimension ${init.dim} but the design has dimension ${design.dimension}`, { file }, 'give one column per coordinate of the design');
  }
}

async function runSample(specPath: string, options: SampleCliOptions): Promise<void> {
  const dimOption = options.dim === undefined ? undefined : parsePositiveInteger('dim', options.dim);
  const { source, dim } = readSource(options, dimOption);
  const { n, init } = readInit(options);
  // Check output paths before the (possibly long) run.
  if (options.out !== undefined) formatOf(options.out);
  if (options.trajectories !== undefined) formatOf(options.trajectories);
  if (options.plot !== undefined && !options.plot.toLowerCase().endsWith('.svg')) {
    throw new OdeforgeError(`--plot writes SVG: give a file ending in .svg, not "${options.plot}"`);
  }
  const threads = options.threads === undefined ? undefined : parsePositiveInteger('threads', options.threads);
  const designSource = { specPath: resolve(specPath), dimension: dim };
  const result = await sampleWithSpec(specPath, options, { n, init, dim, source, threads, designSource });
  writeOutputs(options, result.design, result.plotData, result.run);
}

async function sampleWithSpec(
  specPath: string,
  options: SampleCliOptions,
  context: { n: number; init?: DataTable; dim: number | undefined; source: Source; threads: number | undefined; designSource: DesignSource },
) {
  const { n, init, dim, source, threads, designSource } = context;
  const design = loadDesign(specPath, dim === undefined ? {} : { dimension: dim });
  if (init) checkInitDimension(options.init!, init, design);

  let data: SampleOptions['data'];
  let plotData: Float64Array;
  if (options.dataset !== undefined) {
    const m = parsePositiveInteger('dataset-n', options.datasetN);
    const seed = parseNumber('dataset-seed', options.datasetSeed);
    data = dataset(options.dataset, { n: m, dim: design.dimension, seed });
    plotData = data;
  } else if (source.kind === 'table') {
    data = source.table;
    plotData = source.table.data;
  } else {
    data = source.mixture;
    plotData = sampleMixture(mixtureParameters(source.mixture, design.dimension, options.data), 2000, createRng(0));
  }

  const bar = options.progress && process.stderr.isTTY ? progressBar() : undefined;
  try {
    bar?.start(n, 0);
    const run = await sample(design, {
      data,
      n,
      init,
      seed: parseNumber('seed', options.seed),
      // unset options fall back to the spec's sampler: defaults inside sample()
      solver: oneOf('solver', options.solver, solverNames),
      steps: options.steps === undefined ? undefined : parsePositiveInteger('steps', options.steps),
      grid: oneOf<GridName>('grid', options.grid, gridNames),
      rtol: options.rtol === undefined ? undefined : parseNumber('rtol', options.rtol),
      atol: options.atol === undefined ? undefined : parseNumber('atol', options.atol),
      timeVariable: oneOf<TimeVariable>('time-variable', options.timeVariable, ['lambda', 'log', 't']),
      threads,
      designSource,
      shard: options.shard === undefined ? undefined : parseShard(options.shard),
      trajectories: options.trajectories === undefined
        ? undefined
        : options.trajectoryPoints === undefined ? true : parsePositiveInteger('trajectory-points', options.trajectoryPoints),
      onProgress: bar ? (done, total) => bar.update(Math.floor((done / total) * n)) : undefined,
    });
    bar?.update(n);
    return { design, plotData, run };
  } finally {
    bar?.stop();
  }
}

function writeOutputs(options: SampleCliOptions, design: Design, plotData: Float64Array, result: SampleResult): void {
  const d = result.dim;
  if (options.out !== undefined) writeDataFile(options.out, result.samples, d);
  else process.stdout.write(formatCsv(result.samples, d));
  if (options.trajectories !== undefined && result.trajectories) {
    writeTrajectories(options.trajectories, result.trajectories, result.count, d);
  }
  if (options.plot !== undefined) {
    writeFileAtomic(options.plot, plotOf(design, plotData, result.samples, d, options.data ?? options.dataset ?? ''));
  }
  if (options.stats) process.stderr.write(`${JSON.stringify(result.stats)}\n`);
}

function progressBar(): cliProgress.SingleBar {
  return new cliProgress.SingleBar(
    { stream: process.stderr, format: 'sampling [{bar}] {percentage}% | {value}/{total} samples | ETA {eta}s', hideCursor: true, etaBuffer: 50 },
    cliProgress.Presets.shades_classic,
  );
}

/** Trajectories by extension: .npy (K, n, d); .json {times, states: K × n × d}; .csv rows t,sample,x1..xd. */
function writeTrajectories(path: string, tr: { times: Float64Array; states: Float64Array }, n: number, d: number): void {
  const format = formatOf(path);
  const K = tr.times.length;
  if (format === 'npy') {
    writeFileAtomic(path, formatData('npy', tr.states, [K, n, d]));
    return;
  }
  if (format === 'json') {
    const states = Array.from({ length: K }, (_, k) =>
      Array.from({ length: n }, (_, i) => Array.from(tr.states.subarray((k * n + i) * d, (k * n + i + 1) * d))));
    writeFileAtomic(path, `${JSON.stringify({ times: Array.from(tr.times), states })}\n`);
    return;
  }
  const lines = [['t', 'sample', ...Array.from({ length: d }, (_, c) => `x${c + 1}`)].join(',')];
  for (let k = 0; k < K; k++) {
    for (let i = 0; i < n; i++) {
      lines.push([tr.times[k], i, ...tr.states.subarray((k * n + i) * d, (k * n + i + 1) * d)].join(','));
    }
  }
  writeFileAtomic(path, `${lines.join('\n')}\n`);
}

function plotOf(design: Design, data: Float64Array, samples: Float64Array, d: number, dataName: string): string {
  const coords = d > 2 ? ' (first two coordinates)' : '';
  return scatterSvg(
    [
      { points: data, dim: d, label: `data (${dataName})`, color: '#9aa5b1', radius: 1.4, opacity: 0.6 },
      { points: samples, dim: d, label: `samples (${samples.length / d})`, color: '#d9480f', radius: 1.6, opacity: 0.75 },
    ],
    { title: `${design.name}: samples over data${coords}` },
  );
}
