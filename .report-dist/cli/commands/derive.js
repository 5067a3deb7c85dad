import { exportDesign } from '../../export/index.js';
import { loadDesign, OdeforgeError } from '../../index.js';
import { parsePositiveInteger } from '../options.js';
export function register(program) {
    program
        .command('derive')
        .description('print every derived quantity of a design (text, JSON or LaTeX)')
        .argument('<spec>', 'design spec file (YAML or JSON)')
        .option('--dim <D>', 'dimension d, when the spec has none')
        .option('--format <format>', 'text | json | latex', 'text')
        .action((spec, options) => {
        const design = loadDesign(spec, { ...(options.dim === undefined ? {} : { dimension: parsePositiveInteger('dim', options.dim) }) });
        process.stdout.write(render(design, options.format));
    });
}
function render(design, format) {
    if (format === 'json' || format === 'latex')
        return exportDesign(design, format);
    if (format === 'text')
        return renderText(design);
    throw new OdeforgeError(`--format must be text, json or latex, not "${format}"`);
}
function renderText(design) {
    const head = `${design.name} (${design.family}, d = ${design.dimension}, t ∈ [${design.epsilon}, ${design.T}], prior ${design.prior.kind})`;
    const width = Math.max(...Object.keys(design.derivation).map((k) => k.length));
    const lines = Object.entries(design.derivation).map(([name, q]) => `  ${name.padEnd(width)} = ${q.expr}`);
    return `${head}\n${lines.join('\n')}\n`;
}
