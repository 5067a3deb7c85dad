// `odeforge derive <spec> [--dim D] [--format text|json|latex]`: print what the design derives.
import type { Command } from 'commander';
import { parsePositiveInteger } from '../options.js';
import {
  exportDesign,
  loadDesign,
  OdeforgeError,
  quantityDescription,
  terminalJson,
  terminalText,
  type Design,
} from '../../index.js';

// The seeds' two phis, whose key names alone do not say which is which (docs/mathematics.md §2).
const legendKeys = ['phi', 'varphi'];

export function register(program: Command): void {
  program
    .command('derive')
    .description('print every derived quantity of a design (text, JSON or LaTeX)')
    .argument('<spec>', 'design spec file (YAML or JSON)')
    .option('--dim <D>', 'dimension d, when the spec has none')
    .option('--format <format>', 'text | json | latex', 'text')
    .action((spec: string, options: { dim?: string; format: string }) => {
      const design = loadDesign(spec, {
        ...(options.dim === undefined ? {} : { dimension: parsePositiveInteger('dim', options.dim) }),
      });
      process.stdout.write(render(design, options.format));
    });
}

function render(design: Design, format: string): string {
  if (format === 'json') return terminalJson(exportDesign(design, format));
  if (format === 'latex') return exportDesign(design, format);
  if (format === 'text') return terminalText(renderText(design));
  throw new OdeforgeError(`--format must be text, json or latex, not "${format}"`);
}

function renderText(design: Design): string {
  const head = `${design.name} (${design.family}, d = ${design.dimension}, t ∈ [${design.epsilon}, ${design.T}], prior ${design.prior.kind})`;
  const width = Object.keys(design.derivation).reduce((widest, k) => Math.max(widest, k.length), 0);
  const lines = Object.entries(design.derivation).map(([name, q]) => `  ${name.padEnd(width)} = ${q.expr}`);
  return `${head}\n${lines.join('\n')}\n${legend(design)}`;
}

/** "where phi = φ_t(r) …" lines for the keys of the design that need them. */
function legend(design: Design): string {
  const keys = legendKeys.filter((k) => Object.hasOwn(design.derivation, k));
  return keys.map((k, i) => `${i === 0 ? 'where' : '     '} ${k} = ${quantityDescription(k)}\n`).join('');
}
