import { exportDesign, exportTargets } from '../../export/index.js';
import { loadDesign } from '../../index.js';
import { writeFileAtomic } from '../../io/atomic.js';
import { parsePositiveInteger } from '../options.js';
export function register(program) {
    program
        .command('export')
        .description('export the derived design as LaTeX, a NumPy or PyTorch module, or JSON')
        .argument('<spec>', 'design spec file (YAML or JSON)')
        .requiredOption('--to <target>', exportTargets.join(' | '))
        .option('--dim <D>', 'dimension d, when the spec has none')
        .option('-o, --out <file>', 'write to a file (atomically) instead of stdout')
        .action((spec, options) => {
        const design = loadDesign(spec, { ...(options.dim === undefined ? {} : { dimension: parsePositiveInteger('dim', options.dim) }) });
        const text = exportDesign(design, options.to);
        if (options.out === undefined)
            process.stdout.write(text);
        else
            writeFileAtomic(options.out, text);
    });
}
