// `odeforge sample <spec> (--n N | --init FILE) (--data FILE | --dataset NAME) [...]`: sample a design's marginal
// ODE for a data set, from prior draws or given starting points, write the samples (and trajectories, an SVG
// plot, stats), with a progress bar on a TTY.
import { resolve } from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import {
  addDataOptions,
  dataPoints,
  loadCliDesign,
  parseNonNegativeInteger,
  parseNumber,
  parsePositiveInteger,
  parseThreads,
  readDataChoice,
  type DataChoice,
} from '../options.js';
import {
  checkWritable,
  createRng,
  datasetNames,
  formatCsv,
  formatData,
  formatOf,
  formatSamplesWithLogp,
  gridNames,
  limits,
  logpSidecarPath,
  mixtureParameters,
  OdeforgeError,
  readDataFile,
  runProvenance,
  sample,
  sampleMixture,
  solverNames,
  writeDataFile,
  writeFileAtomic,
  writeSamplesWithLogp,
  writeSamplesWithProvenance,
  type EmpiricalData as DataTable,
  type Design,
  type GaussianMixture,
  type GridName,
  type RunProvenance,
  type SampleOptions,
  type SampleResult,
  type TimeVariable,
} from '../../index.js';
import { scatterSvg } from '../../report/index.js';

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
  eta?: string;
  snr?: string;
  correctorSteps?: string;
  churn?: string;
  sTmin?: string;
  sTmax?: string;
  sNoise?: string;
  fieldTol?: string;
  seed: string;
  out?: string;
  trajectories?: string;
  trajectoryPoints?: string;
  plot?: string;
  stats?: boolean;
  logp?: boolean;
  threads?: string;
  shard?: string;
  progress: boolean;
}

export function register(program: Command): void {
  const command = program
    .command('sample')
    .description('sample a design for a data set: prior → marginal ODE from T down to epsilon → samples')
    .argument('<spec>', 'design spec file (YAML or JSON)')
    .option('--n <N>', 'number of samples (with --init: its number of rows, the default)')
    .option('--init <file>', 'start sample i at row i of this file (.csv, .npy, .json) instead of a prior draw');
  addDataOptions(command, 'data points (.csv with header x1..xd, .npy, .json) or a Gaussian mixture (.json)')
    .option('--solver <name>', `${solverNames.join(' | ')} (default: the spec's sampler.solver, else dopri5)`)
    .option('--steps <K>', 'steps of the fixed-step solvers (default 100)')
    .option('--grid <name>', `time grid of the fixed-step solvers: ${gridNames.join(' | ')} (default log)`)
    .option('--rtol <R>', 'relative tolerance of the adaptive solvers (default 1e-5)')
    .option('--atol <A>', 'absolute tolerance of the adaptive solvers (default 1e-5)')
    .option(
      '--time-variable <v>',
      'adaptive solvers integrate in: lambda (α/σ with x/σ; dopri5 default) | log (log t; odex default) | t',
    )
    .option('--eta <η>', 'euler-maruyama, pc: the diffusion is η g_t (default 1; 0 is the ODE)')
    .option('--snr <r>', "pc: the Langevin corrector's signal-to-noise ratio (default 0.16)")
    .option('--corrector-steps <K>', 'pc: Langevin steps after each predictor step (default 1)')
    .option('--churn <S>', 'edm: S_churn, the stochasticity (default 0: deterministic Heun)')
    .option('--s-tmin <σ>', 'edm: churn only where σ/α ≥ this (default 0)')
    .option('--s-tmax <σ>', 'edm: churn only where σ/α ≤ this (default inf)')
    .option('--s-noise <S>', 'edm: scale of the churn noise (default 1)')
    .option(
      '--field-tol <tol>',
      'Gaussian/Poisson noise: error bound of the tree-pruned field, |Δx̂| ≤ tol · data radius (default 1e-12; 0: exact)',
    )
    .option(
      '--seed <S>',
      'seed: sample i starts from (and, for stochastic solvers, draws its noise from) stream i',
      '0',
    )
    .option('--out <file>', 'write the samples here (.csv, .npy, .json; default: CSV on stdout)')
    .option('--trajectories <file>', 'write trajectories here (.npy: K × n × d; .csv: t,sample,x1..xd; .json)')
    .option('--trajectory-points <K>', "save times of the adaptive solvers' trajectories (log-spaced; default 65)")
    .option('--plot <file.svg>', 'plot the samples over the data (first two coordinates)')
    .option(
      '--logp',
      "also each sample's log-density, integrated along its path (CSV: a logp column; .npy/.json: FILE.logp.npy/.json)",
    )
    .option('--stats', 'print one JSON line of run statistics on stderr')
    .option('--threads <K>', 'threads (default: all cores when the run is long enough to repay starting them)')
    .option(
      '--shard <i/k>',
      'only the i-th (0-based) of k contiguous slices of the n samples; shards concatenate to one run',
    )
    .option('--no-progress', 'no progress bar (it only shows on a terminal anyway)')
    .action(async (spec: string, options: SampleCliOptions) => {
      await runSample(spec, options);
    });
}

/** The data: exactly one of --data and --dataset. */
function readSource(options: SampleCliOptions): DataChoice {
  if ((options.data === undefined) === (options.dataset === undefined)) {
    throw new OdeforgeError(
      'give exactly one of --data FILE and --dataset NAME',
      {},
      `built-in data sets: ${datasetNames.join(', ')}`,
    );
  }
  return readDataChoice(options);
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
    if (options.n === undefined)
      throw new OdeforgeError('give --n N (the number of samples), or --init FILE (one starting point per row)');
    return { n: parsePositiveInteger('n', options.n, limits.points) };
  }
  const init = readDataFile(options.init);
  const n = options.n === undefined ? init.rows : parsePositiveInteger('n', options.n, limits.points);
  if (n !== init.rows) {
    throw new OdeforgeError(
      `--n ${n} but the file has ${init.rows} starting points`,
      { file: options.init },
      'leave --n out (it defaults to the rows of --init) or give one row per sample',
    );
  }
  return { n, init };
}

/** sample() checks this too, but only the CLI knows which file to name. */
function checkInitDimension(file: string, init: DataTable, design: Design): void {
  if (init.dim !== design.dimension) {
    throw new OdeforgeError(
      `the starting points have dimension ${init.dim} but the design has dimension ${design.dimension}`,
      { file },
      'give one column per coordinate of the design',
    );
  }
}

/** Every option checked, and every output path found writable, before the (possibly long) run. */
function checkOptions(options: SampleCliOptions): RunSettings {
  if (options.logp) checkLogpOutput(options);
  for (const path of [options.out, options.trajectories]) {
    if (path === undefined) continue;
    formatOf(path);
    checkWritable(path);
  }
  if (options.plot !== undefined) {
    if (!options.plot.toLowerCase().endsWith('.svg'))
      throw new OdeforgeError(`--plot writes SVG: give a file ending in .svg, not "${options.plot}"`);
    checkWritable(options.plot);
  }
  return {
    seed: parseNonNegativeInteger('seed', options.seed),
    // unset options fall back to the spec's sampler: defaults inside sample()
    solver: oneOf('solver', options.solver, solverNames),
    steps: options.steps === undefined ? undefined : parsePositiveInteger('steps', options.steps, limits.steps),
    grid: oneOf<GridName>('grid', options.grid, gridNames),
    rtol: options.rtol === undefined ? undefined : parseNumber('rtol', options.rtol),
    atol: options.atol === undefined ? undefined : parseNumber('atol', options.atol),
    timeVariable: oneOf<TimeVariable>('time-variable', options.timeVariable, ['lambda', 'log', 't']),
    ...samplerSettings(options),
    fieldTol: parseFieldTol(options.fieldTol),
    threads: options.threads === undefined ? undefined : parseThreads(options.threads),
    shard: options.shard === undefined ? undefined : parseShard(options.shard),
    ...(options.logp ? { logp: true } : {}),
    trajectories:
      options.trajectories === undefined
        ? undefined
        : options.trajectoryPoints === undefined
          ? true
          : parsePositiveInteger('trajectory-points', options.trajectoryPoints, limits.trajectoryPoints),
  };
}

/** A number option at or above `min` (above it when strict); 'inf' allowed where said. */
function parseBounded(option: string, text: string | undefined, min: number, strict: boolean, inf = false) {
  if (text === undefined) return undefined;
  if (inf && /^\+?inf(inity)?$/i.test(text.trim())) return Infinity;
  const value = parseNumber(option, text);
  if (strict ? !(value > min) : !(value >= min))
    throw new OdeforgeError(`--${option} must be ${strict ? '>' : '≥'} ${min}, not ${text}`);
  return value;
}

/** --field-tol: a number in [0, 1). */
function parseFieldTol(text: string | undefined): number | undefined {
  const value = parseBounded('field-tol', text, 0, false);
  if (value !== undefined && !(value < 1)) throw new OdeforgeError(`--field-tol must be < 1, not ${text}`);
  return value;
}

/** The stochastic and EDM samplers' options (each checked here, so the message names the option). */
function samplerSettings(options: SampleCliOptions): RunSettings {
  const correctorSteps = options.correctorSteps;
  return {
    eta: parseBounded('eta', options.eta, 0, false),
    snr: parseBounded('snr', options.snr, 0, true),
    correctorSteps:
      correctorSteps === undefined ? undefined : parseNonNegativeInteger('corrector-steps', correctorSteps),
    churn: parseBounded('churn', options.churn, 0, false),
    sTmin: parseBounded('s-tmin', options.sTmin, 0, false),
    sTmax: parseBounded('s-tmax', options.sTmax, 0, false, true),
    sNoise: parseBounded('s-noise', options.sNoise, 0, false),
  };
}

type RunSettings = Omit<SampleOptions, 'data' | 'n' | 'init' | 'designSource' | 'onProgress'>;

async function runSample(specPath: string, options: SampleCliOptions): Promise<void> {
  const choice = readSource(options);
  const { n, init } = readInit(options);
  const settings = checkOptions(options);
  const design = loadCliDesign(specPath, choice);
  if (init) checkInitDimension(options.init!, init, design);
  const { data, plotData } = dataFor(choice, design);
  // a shard written to a file carries its provenance (sidecar FILE.provenance.json), for `odeforge merge`
  const provenance =
    settings.shard && options.out !== undefined ? runProvenance(design, { ...settings, data, n, init }) : undefined;
  const bar = options.progress && process.stderr.isTTY ? progressBar() : undefined;
  let run: SampleResult;
  try {
    bar?.start(n, 0);
    run = await sample(design, {
      ...settings,
      data,
      n,
      init,
      designSource: { specPath: resolve(specPath), dimension: design.dimension },
      onProgress: bar ? (done, total) => bar.update(Math.floor((done / total) * n)) : undefined,
    });
    bar?.update(n);
  } finally {
    bar?.stop();
  }
  writeOutputs(options, design, plotData, run, provenance);
}

/** The data to sample for, and the points to plot under the samples. */
function dataFor(choice: DataChoice, design: Design): { data: SampleOptions['data']; plotData: Float64Array } {
  const points = dataPoints(choice, design);
  if (points !== undefined)
    return { data: choice.source?.kind === 'table' ? choice.source.table : points, plotData: points };
  const mixture = (choice.source as { mixture: GaussianMixture }).mixture;
  return {
    data: mixture,
    plotData: sampleMixture(mixtureParameters(mixture, design.dimension, choice.label), 2000, createRng(0)),
  };
}

function writeOutputs(
  options: SampleCliOptions,
  design: Design,
  plotData: Float64Array,
  result: SampleResult,
  provenance?: RunProvenance,
): void {
  const d = result.dim;
  writeSamples(options.out, result, provenance);
  if (options.trajectories !== undefined && result.trajectories) {
    writeTrajectories(options.trajectories, result.trajectories, result.count, d);
  }
  if (options.plot !== undefined) {
    writeFileAtomic(options.plot, plotOf(design, plotData, result.samples, d, options.data ?? options.dataset ?? ''));
  }
  if (options.stats) process.stderr.write(`${JSON.stringify(result.stats)}\n`);
}

/**
 * The samples: on stdout (CSV) or to --out; with --logp their log-densities too (CSV: a logp column; .npy/.json:
 * FILE.logp.npy/.json beside FILE); for a shard written to a file, its provenance sidecar, which records the
 * log-densities when there are some, so that `odeforge merge` carries them.
 */
function writeSamples(out: string | undefined, result: SampleResult, provenance?: RunProvenance): void {
  const { samples, logp, dim } = result;
  if (out === undefined) {
    process.stdout.write(logp ? formatSamplesWithLogp('csv', samples, logp, dim).data : formatCsv(samples, dim));
  } else if (provenance) {
    writeSamplesWithProvenance(out, samples, provenance, undefined, logp ? { logp } : {});
  } else if (logp) {
    writeSamplesWithLogp(out, samples, logp, dim);
  } else {
    writeDataFile(out, samples, dim);
  }
}

/** --logp's log-density file (for .npy and .json) checked writable before the run. */
function checkLogpOutput(options: SampleCliOptions): void {
  if (options.out !== undefined && formatOf(options.out) !== 'csv') checkWritable(logpSidecarPath(options.out));
}

function progressBar(): cliProgress.SingleBar {
  return new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: 'sampling [{bar}] {percentage}% | {value}/{total} samples | ETA {eta}s',
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
}

/** Trajectories by extension: .npy (K, n, d); .json {times, states: K × n × d}; .csv rows t,sample,x1..xd. */
function writeTrajectories(
  path: string,
  tr: { times: Float64Array; states: Float64Array },
  n: number,
  d: number,
): void {
  const format = formatOf(path);
  const K = tr.times.length;
  if (format === 'npy') {
    writeFileAtomic(path, formatData('npy', tr.states, [K, n, d]));
    return;
  }
  if (format === 'json') {
    const states = Array.from({ length: K }, (_, k) =>
      Array.from({ length: n }, (_, i) => Array.from(tr.states.subarray((k * n + i) * d, (k * n + i + 1) * d))),
    );
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
      {
        points: samples,
        dim: d,
        label: `samples (${samples.length / d})`,
        color: '#d9480f',
        radius: 1.6,
        opacity: 0.75,
      },
    ],
    { title: `${design.name}: samples over data${coords}` },
  );
}
