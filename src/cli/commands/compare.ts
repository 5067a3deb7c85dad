// `odeforge compare <spec>... (--data F | --dataset NAME) [--n N] [--test-fraction F] [--solver S] [--json F]
// [-o report.html]`: several designs side by side on one data set split into a reference part and a held-out part.
// Prints the table; writes the JSON and the self-contained HTML page when asked (atomically).
import { basename, extname } from 'node:path';
import type { Command } from 'commander';
import {
  addDataOptions,
  dataPoints,
  loadCliDesign,
  parseNonNegativeInteger,
  parseNumber,
  parsePositiveInteger,
  readDataChoice,
  type DataChoice,
  type DataCliOptions,
} from '../options.js';
import {
  checkWritable,
  compare,
  compareJson,
  COMPARE_DEFAULTS,
  datasetNames,
  formatCompareTable,
  limits,
  OdeforgeError,
  solverNames,
  terminalText,
  writeFileAtomic,
  type Design,
  type SolverName,
} from '../../index.js';
import { renderComparePage } from '../../report/index.js';
import { CheckFailed } from '../errors.js';

interface CompareCliOptions extends DataCliOptions {
  n: string;
  testFraction: string;
  solver?: string;
  rtol?: string;
  atol?: string;
  steps?: string;
  seed: string;
  likelihoodPoints?: string;
  json?: string;
  out?: string;
}

export function register(program: Command): void {
  const command = program
    .command('compare')
    .description('compare designs on one data set: sample quality on held-out data, cost, straightness, prior')
    .argument('<spec...>', 'design spec files (YAML or JSON), all of one dimension');
  addDataOptions(command, 'data points (.csv with header x1..xd, .npy, .json)')
    .option('--n <N>', 'samples per design', String(COMPARE_DEFAULTS.n))
    .option('--test-fraction <F>', 'share of the data held out (the rest is the field’s data)', '0.5')
    .option('--solver <name>', `solver of the samples and the NFE column: ${solverNames.join(' | ')} (default dopri5)`)
    .option('--rtol <R>', `its relative tolerance (default ${COMPARE_DEFAULTS.rtol})`)
    .option('--atol <A>', `its absolute tolerance (default ${COMPARE_DEFAULTS.atol})`)
    .option('--steps <K>', 'its steps, for a fixed-step solver')
    .option('--seed <S>', 'seed of the split, the samples and the prior draws', '0')
    .option(
      '--likelihood-points <K>',
      `held-out points whose bits/dim the likelihood ODE integrates (default ${COMPARE_DEFAULTS.likelihoodPoints}; 0: none)`,
    )
    .option('--json <file>', 'write the numbers as JSON here')
    .option('-o, --out <file.html>', 'write the self-contained HTML comparison here')
    .action(async (specs: string[], options: CompareCliOptions) => {
      await runCompare(specs, options);
    });
}

function checkOutputs(options: CompareCliOptions): void {
  if (options.out !== undefined) {
    if (!/\.html?$/i.test(options.out))
      throw new OdeforgeError(`-o writes HTML: give a file ending in .html, not "${options.out}"`);
    checkWritable(options.out);
  }
  if (options.json !== undefined) checkWritable(options.json);
}

function parseSolver(text: string | undefined): SolverName | undefined {
  if (text === undefined) return undefined;
  if (!(solverNames as readonly string[]).includes(text))
    throw new OdeforgeError(`--solver must be one of ${solverNames.join(', ')}, not "${text}"`);
  return text as SolverName;
}

/** Each design's name, or its file's name where two designs share one. */
function labelsOf(designs: readonly Design[], specs: readonly string[]): string[] {
  const names = designs.map((d) => d.name);
  return names.map((name, i) =>
    names.indexOf(name) === names.lastIndexOf(name) ? name : basename(specs[i]!, extname(specs[i]!)),
  );
}

/** The data's points in the designs' dimension (a mixture file has no points to split). */
function comparePoints(choice: DataChoice, design: Design, file: string | undefined): Float64Array {
  if (choice.source?.kind === 'mixture') {
    throw new OdeforgeError(
      'this file holds a Gaussian mixture, not data points',
      { file },
      'compare needs points to split: use `odeforge dataset` or a CSV/NPY/JSON table',
    );
  }
  const points = dataPoints(choice, design);
  if (points === undefined)
    throw new OdeforgeError('give --data FILE or --dataset NAME', {}, `built-in data sets: ${datasetNames.join(', ')}`);
  return points;
}

async function runCompare(specs: string[], options: CompareCliOptions): Promise<void> {
  checkOutputs(options);
  if (specs.length > limits.compareDesigns)
    throw new OdeforgeError(`${specs.length} designs is above the limit of ${limits.compareDesigns}`);
  const choice = readDataChoice(options);
  if (choice.toy === undefined && choice.source === undefined)
    throw new OdeforgeError('give --data FILE or --dataset NAME', {}, `built-in data sets: ${datasetNames.join(', ')}`);
  const settings = {
    n: parsePositiveInteger('n', options.n, limits.metricPoints),
    testFraction: parseNumber('test-fraction', options.testFraction),
    solver: parseSolver(options.solver),
    rtol: options.rtol === undefined ? undefined : parseNumber('rtol', options.rtol),
    atol: options.atol === undefined ? undefined : parseNumber('atol', options.atol),
    steps: options.steps === undefined ? undefined : parsePositiveInteger('steps', options.steps, limits.steps),
    seed: parseNonNegativeInteger('seed', options.seed),
    likelihoodPoints:
      options.likelihoodPoints === undefined
        ? undefined
        : parseNonNegativeInteger('likelihood-points', options.likelihoodPoints),
  };
  const designs = specs.map((spec) => loadCliDesign(spec, choice));
  const labels = labelsOf(designs, specs);
  const showProgress = process.stderr.isTTY;
  const result = await compare(designs, {
    ...settings,
    data: comparePoints(choice, designs[0]!, options.data),
    dataLabel: options.data !== undefined ? basename(options.data) : options.dataset,
    labels,
    onDesign: showProgress
      ? (i, name) => process.stderr.write(terminalText(`odeforge: ${i + 1}/${designs.length} ${name}\n`))
      : undefined,
  });
  process.stdout.write(`${terminalText(formatCompareTable(result))}\n`);
  if (options.json !== undefined) writeFileAtomic(options.json, `${JSON.stringify(compareJson(result), null, 2)}\n`);
  if (options.out !== undefined) {
    writeFileAtomic(options.out, renderComparePage(result));
    process.stderr.write(`odeforge: wrote ${terminalText(options.out)}\n`);
  }
  // every output is written; a design that failed is a failed check (exit 1), like a failed verify property
  if (result.failed.length > 0) {
    throw new CheckFailed(`${result.failed.map((f) => f.name).join(', ')} failed to sample (see the table above)`);
  }
}
