// `odeforge report <spec> [--data FILE | --dataset NAME] [--dim D] -o FILE.html`: verify, sample and plot a design
// into one self-contained HTML page, written atomically. A failed property still writes the page, then exits 1.
import { availableParallelism } from 'node:os';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import {
  addDataOptions,
  dataPoints,
  loadCliDesign,
  parseNonNegativeInteger,
  parsePositiveInteger,
  parseThreads,
  readDataChoice,
  type DataChoice,
} from '../options.js';
import {
  checkWritable,
  limits,
  OdeforgeError,
  readSpecText,
  SamplerPool,
  terminalText,
  VerificationFailed,
  writeFileAtomic,
  type Design,
} from '../../index.js';
import { renderReport, reportContent, type ReportContent, type ReportOptions } from '../../report/index.js';

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
  const command = program
    .command('report')
    .description('write a self-contained HTML report: spec, derivation, verification table, plots, sampler statistics')
    .argument('<spec>', 'design spec file (YAML or JSON)')
    .requiredOption('-o, --out <file.html>', 'the HTML file to write');
  addDataOptions(command, 'data points (.csv with header x1..xd, .npy, .json)')
    .option('--n <N>', 'samples drawn for the sampling section', '500')
    .option('--runs <N>', "random cases per verified property (default: verify's)")
    .option('--seed <S>', 'seed of verify and of the sampler')
    .option('--threads <K>', 'sampler threads (default: all cores)')
    .action(async (spec: string, options: ReportCliOptions) => {
      await runReport(spec, options);
    });
}

/** Fail before the (possibly long) work when the page could not be written. */
function checkOutput(path: string): void {
  if (!/\.html?$/i.test(path)) throw new OdeforgeError(`-o writes HTML: give a file ending in .html, not "${path}"`);
  checkWritable(path);
}

/** The report's data: points of a file or a toy set (a mixture has no points to plot). */
function reportData(choice: DataChoice, design: Design, file: string | undefined): ReportOptions['data'] {
  if (choice.source?.kind === 'mixture') {
    throw new OdeforgeError(
      'this file holds a Gaussian mixture, not data points',
      { file },
      'use it with `odeforge sample --data`',
    );
  }
  if (choice.source?.kind === 'table') return choice.source.table;
  return dataPoints(choice, design);
}

async function runReport(specPath: string, options: ReportCliOptions): Promise<void> {
  checkOutput(options.out);
  const choice = readDataChoice(options);
  const n = parsePositiveInteger('n', options.n, limits.points);
  const threads = options.threads === undefined ? availableParallelism() : parseThreads(options.threads);
  const verifyRuns = options.runs === undefined ? undefined : parsePositiveInteger('runs', options.runs, limits.runs);
  const seed = options.seed === undefined ? undefined : parseNonNegativeInteger('seed', options.seed);
  const design = loadCliDesign(specPath, choice);
  const data = reportData(choice, design, options.data);
  if (data === undefined) {
    process.stderr.write(
      'odeforge: no data given: the report has no velocity field, samples or trajectories (add --dataset 8gaussians or --data FILE)\n',
    );
  }
  const reportOptions: ReportOptions = {
    data,
    dataLabel: options.data !== undefined ? basename(options.data) : options.dataset,
    spec: { text: readSpecText(specPath), file: basename(specPath) },
    verifyRuns,
    seed,
    sampleN: n,
  };
  // Workers start now and load the design while this thread verifies it.
  const pool =
    data !== undefined && threads > 1 && n >= 64
      ? new SamplerPool({ specPath: resolve(specPath), dimension: design.dimension }, threads - 1)
      : undefined;
  let content: ReportContent;
  try {
    const defaults = design.sampler ?? {};
    content = await reportContent(design, {
      ...reportOptions,
      sampler: {
        solver: defaults.solver,
        rtol: defaults.rtol,
        atol: defaults.atol,
        steps: defaults.steps,
        grid: defaults.grid,
        pool,
      },
    });
  } finally {
    await pool?.close();
  }
  writeFileAtomic(options.out, renderReport(content));
  process.stderr.write(`odeforge: wrote ${terminalText(options.out)}\n`);
  if (content.sampling.kind === 'failed')
    process.stderr.write(`odeforge: sampling failed: ${terminalText(content.sampling.message)}\n`);
  if (!content.verification.passed) throw new VerificationFailed(content.verification);
}
