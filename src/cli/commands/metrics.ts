// `odeforge metrics A B [--format json|text] [--projections L] [--bandwidth H] [--seed S]`: distances between two
// sample sets (CSV, NPY or JSON files of points): W2, sliced W2, MMD and energy distance.
import { basename } from 'node:path';
import type { Command } from 'commander';
import { parseNonNegativeInteger, parseNumber, parsePositiveInteger } from '../options.js';
import {
  DEFAULT_PROJECTIONS,
  MAX_PROJECTIONS,
  metrics,
  OdeforgeError,
  readDataFile,
  terminalJson,
  terminalText,
  type Metrics,
} from '../../index.js';

interface MetricsCliOptions {
  format: string;
  projections?: string;
  bandwidth?: string;
  seed: string;
}

export function register(program: Command): void {
  program
    .command('metrics')
    .description('distances between two sample sets: exact W2, sliced W2, MMD (Gaussian kernel), energy distance')
    .argument('<a>', 'first set of points (.csv with header x1..xd, .npy, .json)')
    .argument('<b>', 'second set of points, of the same dimension')
    .option('--format <format>', 'text | json', 'text')
    .option('--projections <L>', `directions of the sliced W2 (default ${DEFAULT_PROJECTIONS})`)
    .option('--bandwidth <H>', "the MMD kernel's h (default: median pairwise distance of the pooled sets)")
    .option('--seed <S>', "seed of the sliced W2's directions (and of W2's subsets above its size limit)", '0')
    .action((a: string, b: string, options: MetricsCliOptions) => {
      const render = renderer(options.format);
      const projections =
        options.projections === undefined
          ? undefined
          : parsePositiveInteger('projections', options.projections, MAX_PROJECTIONS);
      const bandwidth = options.bandwidth === undefined ? undefined : parseNumber('bandwidth', options.bandwidth);
      if (bandwidth !== undefined && !(bandwidth > 0)) {
        throw new OdeforgeError(`--bandwidth must be positive, not ${options.bandwidth}`);
      }
      const seed = parseNonNegativeInteger('seed', options.seed);
      const first = readDataFile(a);
      const second = readDataFile(b);
      const result = metrics(first, second, { projections, bandwidth, seed, labels: [a, b] });
      process.stdout.write(render(result, [basename(a), basename(b)]));
    });
}

const w2Methods: Record<Metrics['w2Method'], string> = {
  assignment: 'exact: optimal assignment',
  sorted: 'exact: sorted (1-D) coupling',
  replicated: 'exact: assignment of the points repeated to lcm(n, m)',
  subsets: 'estimate: assignment between random subsets (above the size limit)',
};

/** Significant digits enough to compare with another implementation to 1e-9. */
const number = (v: number) => (Number.isFinite(v) ? v.toPrecision(12).replace(/\.?0+(e|$)/, '$1') : String(v));

function textReport(m: Metrics, names: [string, string]): string {
  const rows: [string, string, string][] = [
    ['w2', number(m.w2), w2Methods[m.w2Method]],
    ['slicedW2', number(m.slicedW2), `${m.projections} seeded directions (seed ${m.seed})`],
    ['mmd', number(m.mmd), `√max(0, MMD²), MMD² = ${number(m.mmd2)} (unbiased)`],
    ['bandwidth', number(m.bandwidth), m.bandwidthFrom === 'given' ? 'given' : 'median pairwise distance, pooled'],
    ['energy', number(m.energy), '2E|X−Y| − E|X−X′| − E|Y−Y′|'],
    ['n', String(m.n), names[0]],
    ['m', String(m.m), names[1]],
    ['dim', String(m.dim), ''],
  ];
  const width = Math.max(...rows.map((r) => r[1].length));
  return rows.map(([k, v, note]) => `${k.padEnd(10)} ${v.padStart(width)}  ${note}`.trimEnd()).join('\n') + '\n';
}

function renderer(format: string): (m: Metrics, names: [string, string]) => string {
  switch (format) {
    case 'text':
      return (m, names) => terminalText(textReport(m, names));
    case 'json':
      return (m) => terminalJson(`${JSON.stringify(m, null, 2)}\n`);
    default:
      throw new OdeforgeError(`--format must be text or json, not "${format}"`);
  }
}
