// `odeforge likelihood <spec> (--data F | --dataset NAME) --points F [...]`: exact log-densities of given points
// under a design's marginal ODE for a data set (docs/mathematics.md §11), as JSON or CSV, with a progress bar
// on a TTY.
import { readFileSync } from 'node:fs';
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
  datasetNames,
  likelihood,
  OdeforgeError,
  readDataFile,
  terminalJson,
  writeFileAtomic,
  type EmpiricalData as DataTable,
  type LikelihoodResult,
  type LikelihoodTimeVariable,
  type SourcePosition,
} from '../../index.js';

interface LikelihoodCliOptions {
  data?: string;
  dataset?: string;
  datasetN: string;
  datasetSeed: string;
  dim?: string;
  points: string;
  rtol?: string;
  atol?: string;
  timeVariable?: string;
  format?: string;
  out?: string;
  dequantize?: string;
  seed: string;
  threads?: string;
  stats?: boolean;
  progress: boolean;
}

type Format = 'json' | 'csv';

export function register(program: Command): void {
  const command = program
    .command('likelihood')
    .description("log-likelihoods of points under a design's marginal ODE (exact divergence, from epsilon up to T)")
    .argument('<spec>', 'design spec file (YAML or JSON)')
    .requiredOption('--points <file>', 'the points to evaluate (.csv, .npy, .json), one per row');
  addDataOptions(command, 'data points (.csv with header x1..xd, .npy, .json): the data set of the marginal field')
    .option('--rtol <R>', 'relative tolerance of the integration (default 1e-5)')
    .option('--atol <A>', 'absolute tolerance of the integration (default 1e-5)')
    .option('--time-variable <v>', 'integrate in: lambda (α/σ with x/σ; the default where α/σ decreases) | log (log t)')
    .option('--format <f>', 'json | csv (default: from --out, else json)')
    .option('--out <file>', 'write the result here (default: stdout)')
    .option('--dequantize <K>', 'points are integer levels 0..K−1: dequantize to (x + u)/K, report log p − d ln K')
    .option('--seed <S>', 'seed of the dequantization noise (point i uses stream i)', '0')
    .option('--threads <K>', 'threads (default: all cores when the run is long enough to repay starting them)')
    .option('--stats', 'print one JSON line of run statistics on stderr')
    .option('--no-progress', 'no progress bar (it only shows on a terminal anyway)')
    .action(async (spec: string, options: LikelihoodCliOptions) => {
      await runLikelihood(spec, options);
    });
}

async function runLikelihood(specPath: string, options: LikelihoodCliOptions): Promise<void> {
  const choice = readSource(options);
  const format = formatFor(options);
  if (options.out !== undefined) checkWritable(options.out);
  const settings = {
    rtol: options.rtol === undefined ? undefined : parseNumber('rtol', options.rtol),
    atol: options.atol === undefined ? undefined : parseNumber('atol', options.atol),
    timeVariable: timeVariableOf(options.timeVariable),
    dequantize:
      options.dequantize === undefined ? undefined : parsePositiveInteger('dequantize', options.dequantize, 2 ** 24),
    seed: parseNonNegativeInteger('seed', options.seed),
    threads: options.threads === undefined ? undefined : parseThreads(options.threads),
  };
  const points = readDataFile(options.points);
  const design = loadCliDesign(specPath, choice);
  checkPointsDimension(options.points, points, design.dimension);
  const data = dataPoints(choice, design);
  if (data === undefined)
    throw new OdeforgeError('the data file holds a Gaussian mixture, not data points', { file: options.data });
  const bar = options.progress && process.stderr.isTTY ? progressBar() : undefined;
  let result: LikelihoodResult;
  try {
    bar?.start(points.rows, 0);
    result = await likelihood(design, {
      ...settings,
      data,
      points,
      onProgress: bar ? (done) => bar.update(done) : undefined,
    });
  } finally {
    bar?.stop();
  }
  const text = format === 'csv' ? likelihoodCsv(result) : likelihoodJson(result);
  if (options.out !== undefined) writeFileAtomic(options.out, text);
  else process.stdout.write(terminalJson(text));
  if (options.stats) process.stderr.write(`${JSON.stringify(result.stats)}\n`);
}

/** Exactly one of --data and --dataset. */
function readSource(options: LikelihoodCliOptions): DataChoice {
  if ((options.data === undefined) === (options.dataset === undefined)) {
    throw new OdeforgeError(
      'give exactly one of --data FILE and --dataset NAME',
      {},
      `built-in data sets: ${datasetNames.join(', ')}`,
    );
  }
  return readDataChoice(options);
}

function formatFor(options: LikelihoodCliOptions): Format {
  const format = options.format ?? (options.out?.toLowerCase().endsWith('.csv') ? 'csv' : 'json');
  if (format !== 'json' && format !== 'csv') throw new OdeforgeError(`--format must be json or csv, not "${format}"`);
  return format;
}

function timeVariableOf(text: string | undefined): LikelihoodTimeVariable | undefined {
  if (text === undefined) return undefined;
  if (text !== 'lambda' && text !== 'log')
    throw new OdeforgeError(`--time-variable must be lambda or log, not "${text}"`);
  return text;
}

/** Points of another dimension: an error at the first data row (CSV: its line and the first extra or missing column). */
function checkPointsDimension(file: string, points: DataTable, dim: number): void {
  if (points.dim === dim) return;
  throw new OdeforgeError(
    `the points have ${points.dim} coordinates per row but the design has dimension ${dim}`,
    firstRowPosition(file, dim),
    'give one column per coordinate of the design',
  );
}

/** Line and column of the first data row's coordinate dim + 1 (or of its end) in a CSV file; the file otherwise. */
export function firstRowPosition(file: string, dim: number): SourcePosition {
  if (!file.toLowerCase().endsWith('.csv')) return { file };
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  let seenHeader = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const fields = line.split(',');
    if (!seenHeader && fields.some((f) => f.trim() === '' || Number.isNaN(Number(f)))) {
      seenHeader = true;
      continue;
    }
    const column = fields.length > dim ? fields.slice(0, dim).join(',').length + 2 : line.length + 1;
    return { file, line: i + 1, column };
  }
  return { file };
}

/** JSON numbers where finite; ±Infinity as the strings "Infinity"/"-Infinity", NaN (not computed) as null. */
function jsonNumber(value: number): number | string | null {
  if (Number.isFinite(value)) return value;
  return Number.isNaN(value) ? null : String(value);
}

export function likelihoodJson(result: LikelihoodResult): string {
  const body = {
    points: result.points,
    dim: result.dim,
    meanLogp: jsonNumber(result.meanLogp),
    bitsPerDim: jsonNumber(result.bitsPerDim),
    ...(result.dequantize ? { dequantize: result.dequantize } : {}),
    rows: result.rows.map((row) => ({
      logp: jsonNumber(row.logp),
      logpExact: jsonNumber(row.logpExact),
      priorGap: jsonNumber(row.priorGap),
      nfe: row.nfe,
      ...(row.reason === undefined ? {} : { reason: row.reason }),
    })),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/** One row per point: logp,logpExact,priorGap,nfe,reason (NaN, not computed, as an empty field). */
export function likelihoodCsv(result: LikelihoodResult): string {
  const number = (v: number) => (Number.isNaN(v) ? '' : String(v));
  const quoted = (text: string) => `"${text.replace(/"/g, '""')}"`;
  const lines = ['logp,logpExact,priorGap,nfe,reason'];
  for (const row of result.rows) {
    lines.push(
      [
        number(row.logp),
        number(row.logpExact),
        number(row.priorGap),
        row.nfe,
        row.reason ? quoted(row.reason) : '',
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

function progressBar(): cliProgress.SingleBar {
  return new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: 'likelihood [{bar}] {percentage}% | {value}/{total} points | ETA {eta}s',
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
}
