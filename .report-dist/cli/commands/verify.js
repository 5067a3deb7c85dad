import { loadDesign, OdeforgeError } from '../../index.js';
import { DEFAULT_RUNS, DEFAULT_SEED, VerificationFailed, formatReport, verifyDesign } from '../../index.js';
import { parsePositiveInteger } from '../options.js';
export function register(program) {
    program
        .command('verify')
        .description('check a design: normalization, CDF, continuity equation, samplers, transport, prior, finiteness')
        .argument('<spec>', 'design spec file (YAML or JSON)')
        .option('--dim <D>', 'dimension d, when the spec has none')
        .option('--runs <N>', `random cases per property (default ${DEFAULT_RUNS}; sampling properties use fewer)`)
        .option('--seed <S>', `seed of every random choice (default ${DEFAULT_SEED}); same seed, same report`)
        .option('--format <format>', 'text | json', 'text')
        .action((spec, options) => {
        const render = renderer(options.format);
        const design = loadDesign(spec, options.dim === undefined ? {} : { dimension: parsePositiveInteger('dim', options.dim) });
        const report = verifyDesign(design, {
            ...(options.runs === undefined ? {} : { runs: parsePositiveInteger('runs', options.runs) }),
            ...(options.seed === undefined ? {} : { seed: parseSeed(options.seed) }),
        });
        process.stdout.write(render(report));
        if (!report.passed)
            throw new VerificationFailed(report);
    });
}
function renderer(format) {
    switch (format) {
        case 'text': return formatReport;
        case 'json': return (report) => `${JSON.stringify(report, null, 2)}\n`;
        default: throw new OdeforgeError(`--format must be text or json, not "${format}"`);
    }
}
function parseSeed(text) {
    const value = Number(text);
    if (text.trim() === '' || !Number.isSafeInteger(value) || value < 0) {
        throw new OdeforgeError(`--seed must be a non-negative integer, not "${text}"`);
    }
    return value;
}
