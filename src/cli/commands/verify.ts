// `odeforge verify <spec> [--dim D] [--runs N] [--seed S] [--format text|json]`: run every property check and
// print the report (a table, or JSON). A failed property throws VerificationFailed after the
// report is printed: the CLI maps it to exit code 1 (bad input stays 2).
import type { Command } from 'commander';
import {
  addDataOptions,
  loadCliDesign,
  parseNonNegativeInteger,
  parsePositiveInteger,
  readDataChoice,
  type DataCliOptions,
} from '../options.js';
import {
  DEFAULT_RUNS,
  DEFAULT_SEED,
  formatReport,
  limits,
  OdeforgeError,
  terminalJson,
  terminalText,
  VerificationFailed,
  verifyDesign,
  type VerifyReport,
} from '../../index.js';

interface VerifyCommandOptions extends DataCliOptions {
  runs?: string;
  seed?: string;
  format: string;
}

export function register(program: Command): void {
  const command = program
    .command('verify')
    .description('check a design: normalization, CDF, continuity equation, samplers, transport, prior, finiteness')
    .argument('<spec>', 'design spec file (YAML or JSON)');
  addDataOptions(
    command,
    'data file (.csv, .npy, .json) whose dimension the design takes (verify itself needs no data)',
  )
    .option('--runs <N>', `random cases per property (default ${DEFAULT_RUNS}; sampling properties use fewer)`)
    .option('--seed <S>', `seed of every random choice (default ${DEFAULT_SEED}); same seed, same report`)
    .option('--format <format>', 'text | json', 'text')
    .action((spec: string, options: VerifyCommandOptions) => {
      const render = renderer(options.format);
      const runs = options.runs === undefined ? undefined : parsePositiveInteger('runs', options.runs, limits.runs);
      const seed = options.seed === undefined ? undefined : parseNonNegativeInteger('seed', options.seed);
      const design = loadCliDesign(spec, readDataChoice(options));
      const report = verifyDesign(design, {
        ...(runs === undefined ? {} : { runs }),
        ...(seed === undefined ? {} : { seed }),
      });
      process.stdout.write(render(report));
      if (!report.passed) throw new VerificationFailed(report);
    });
}

function renderer(format: string): (report: VerifyReport) => string {
  switch (format) {
    case 'text':
      return (report) => terminalText(formatReport(report));
    case 'json':
      return (report) => terminalJson(`${JSON.stringify(report, null, 2)}\n`);
    default:
      throw new OdeforgeError(`--format must be text or json, not "${format}"`);
  }
}
