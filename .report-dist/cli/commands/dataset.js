import { formatCsv } from '../../io/csv.js';
import { writeDataFile } from '../../io/data.js';
import { dataset, datasetNames } from '../../io/datasets.js';
import { parseNumber, parsePositiveInteger } from '../options.js';
export function register(program) {
    program
        .command('dataset')
        .description(`write a built-in toy data set (${datasetNames.join(', ')})`)
        .argument('<name>', 'data set name')
        .requiredOption('--n <M>', 'number of points')
        .option('--dim <D>', 'dimension (d > 2: zero-padded, then turned by a random rotation fixed by the seed)', '2')
        .option('--seed <S>', 'seed', '0')
        .option('--out <file>', 'write here (.csv, .npy, .json; default: CSV on stdout)')
        .action((name, options) => {
        const dim = parsePositiveInteger('dim', options.dim);
        const points = dataset(name, { n: parsePositiveInteger('n', options.n), dim, seed: parseNumber('seed', options.seed) });
        if (options.out !== undefined)
            writeDataFile(options.out, points, dim);
        else
            process.stdout.write(formatCsv(points, dim));
    });
}
