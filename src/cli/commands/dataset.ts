// `odeforge dataset NAME --n M [--dim D] [--seed S] [--out FILE]`: write a built-in toy data set.
import type { Command } from 'commander';
import { parseNonNegativeInteger, parsePositiveInteger } from '../options.js';
import { checkWritable, dataset, datasetNames, formatCsv, formatOf, limits, writeDataFile } from '../../index.js';

export function register(program: Command): void {
  program
    .command('dataset')
    .description(`write a built-in toy data set (${datasetNames.join(', ')})`)
    .argument('<name>', 'data set name')
    .requiredOption('--n <M>', 'number of points')
    .option('--dim <D>', 'dimension (d > 2: zero-padded, then turned by a random rotation fixed by the seed)', '2')
    .option('--seed <S>', 'seed', '0')
    .option('--out <file>', 'write here (.csv, .npy, .json; default: CSV on stdout)')
    .action((name: string, options: { n: string; dim: string; seed: string; out?: string }) => {
      const dim = parsePositiveInteger('dim', options.dim, limits.datasetDimension);
      const n = parsePositiveInteger('n', options.n, limits.points);
      const seed = parseNonNegativeInteger('seed', options.seed);
      if (options.out !== undefined) {
        formatOf(options.out);
        checkWritable(options.out);
      }
      const points = dataset(name, { n, dim, seed });
      if (options.out !== undefined) writeDataFile(options.out, points, dim);
      else process.stdout.write(formatCsv(points, dim));
    });
}
