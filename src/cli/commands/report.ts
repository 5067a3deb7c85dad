// `odeforge report <spec> [--data FILE | --dataset NAME] [--dim D] -o FILE.html`: verify, sample and plot a design
// into one self-contained HTML page, written atomically. A failed property still writes the page, then exits 1.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { loadDesign, loadSpec, OdeforgeError } from '../../index.js';
import { writeFileAtomic } from '../../io/atomic.js';
import { readDataFile } from '../../io/data.js';
import { dataset, datasetNames } from '../../io/datasets.js';
import type { DataTable } from '../../io/table.js';
import { renderReport, reportContent, type ReportContent, type ReportOptions } from '../../report/index.js';
import { SamplerPool } from '../../sample/index.js';
import { VerificationFailed } from '../../verify/index.js';
import { parseNumber, parsePositiveInteger } from '../options.js';

interface ReportCliOptions {
  out: string;
  data?: string;
  dataset?: string;
  datasetN: string;
  datasetSeed: string;
  dim?: string;
  n: string;
  runs?: string;
  seed?: string;
  threads?: string;
}

export function register(program: Command): void {
  program
    .command('report')
    .description('write a self-contained HTML report: spec, derivation, verification table, plots, sampler statistics')
    .argument('<spec>', 'design spec file (YAML or JSON)')
    .requiredOption('-o, --out <file.html>', 'the HTML file to write')
    .option('--data <file>', 'data points (.csv with header x1..xd, .npy, .json)')
    .option('--dataset <name>', `built-in toy data set: ${datasetNames.join(', ')}`)
    .option('--dataset-n <M>', 'points in the built-in data set', '1000')
    .option('--dataset-seed <S>', 'seed of the built-in data set', '0')
    .option('--dim <D>', 'dimension d, when neither the spec nor the data fix it')
    .option('--n <N>', 'samples drawn for the sampling section', '500')
    .option('--runs <N>', 'random cases per verified property (default: verify\'s)')
    .option('--seed <S>', 'seed of verify and of the sampler')
    .option('--threads <K>', 'sampler threads (default: all cores)')
    .action(async (spec: string, options: ReportCliOptions) => {
      await runReport(spec, options);
    });
}

/** Fail before the (possibly long) work when the page could not be written. */
function checkOutput(path: string): void {
  if (!/\.html?$/i.test(path)) throw new OdeforgeError(`-o writes HTML: give a file ending in .html, not "${path}"`);
  const directory = dirname(resolve(path));
  if (!existsSync(directory) || !statSync(directory).isDirectory()) {
    throw new OdeforgeError(`cannot write ${path}: the directory ${directory} does not exist`, { file: path }, 'create it first');
  }
}

function readData(options: ReportCliOptions, dimOption: number | undefined): { table?: DataTable; dim?: number } {
  if (options.data !== undefined && options.dataset !== undefined) {
    throw new OdeforgeError('give at most one of --data FILE and --dataset NAME');
  }
  if (options.data === undefined) return { dim: dimOption };
  const table = readDataFile(options.data);
  if (dimOption !== undefined && table.dim !== dimOption) {
    throw new OdeforgeError(`--dim ${dimOption} does not match the data's dimension ${table.dim}`, { file: options.data });
  }
  return { table, dim: table.dim };
}

function parseSeed(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isSafeInteger(value) || value < 0) throw new OdeforgeError(`--seed must be a non-negative integer, not "${text}"`);
  return value;
}

async function runReport(specPath: string, options: ReportCliOptions): Promise<void> {
  checkOutput(options.out);
  const dimOption = options.dim === undefined ? undefined : parsePositiveInteger('dim', options.dim);
  const { table, dim } = readData(options, dimOption);
  const design = loadDesign(specPath, dim === undefined ? {} : { dimension: dim });
  const defaults = loadSpec(specPath).sampler;

  let data: ReportOptions['data'];
  let dataLabel: string | undefined;
  if (table !== undefined) {
    data = table;
    dataLabel = basename(options.data!);
  } else if (options.dataset !== undefined) {
    const m = parsePositiveInteger('dataset-n', options.datasetN);
    data = dataset(options.dataset, { n: m, dim: design.dimension, seed: parseNumber('dataset-seed', options.datasetSeed) });
    dataLabel = options.dataset;
  } else {
    process.stderr.write('odeforge: no data given: the report has no velocity field, samples or trajectories (add --dataset 8gaussians or --data FILE)\n');
  }

  const n = parsePositiveInteger('n', options.n);
  const threads = options.threads === undefined ? availableParallelism() : parsePositiveInteger('threads', options.threads);
  const reportOptions: ReportOptions = {
    data,
    dataLabel,
    spec: { text: readFileSync(specPath, 'utf8'), file: basename(specPath) },
    verifyRuns: options.runs === undefined ? undefined : parsePositiveInteger('runs', options.runs),
    seed: options.seed === undefined ? undefined : parseSeed(options.seed),
    sampleN: n,
  };
  // Workers start now and load the design while this thread verifies it.
  const pool = data !== undefined && threads > 1 && n >= 64
    ? new SamplerPool({ specPath: resolve(specPath), dimension: design.dimension }, threads - 1)
    : undefined;
  let content: ReportContent;
  try {
    content = await reportContent(design, {
      ...reportOptions,
      sampler: { solver: defaults.solver, rtol: defaults.rtol, atol: defaults.atol, steps: defaults.steps, grid: defaults.grid, pool },
    });
  } finally {
    await pool?.close();
  }
  writeFileAtomic(options.out, renderReport(content));
  process.stderr.write(`odeforge: wrote ${options.out}\n`);
  if (content.sampling.kind === 'failed') process.stderr.write(`odeforge: sampling failed: ${content.sampling.message}\n`);
  if (!content.verification.passed) throw new VerificationFailed(content.verification);
}
