// `export --to latex` (and `derive --format latex`): every derived quantity as an align* fragment
// that can be \input into a paper, with the design's constants in a comment header.
import type { Design } from '../design/index.js';
import { quantityLabel } from '../design/labels.js';
import { latexComment } from './literals.js';
import { exportedQuantities } from './quantities.js';

export function latexFragment(design: Design, options: { openDimension?: boolean } = {}): string {
  const rows = Object.entries(exportedQuantities(design, options.openDimension))
    .filter(([name]) => name !== 'method')
    .map(([name, q]) => `  ${quantityLabel(name)} &= ${q.latex}`);
  const params = Object.entries(design.parameters)
    .map(([k, v]) => `${k} = ${v}`)
    .join(', ');
  const dimension = options.openDimension ? 'd open' : `d = ${design.dimension}`;
  return [
    latexComment(
      `${design.name}: derived by odeforge (${design.family}, ${dimension}, t in [${design.epsilon}, ${design.T}]${params ? `; ${params}` : ''})`,
    ),
    '% S_{d-1} = 2 pi^{d/2} / Gamma(d/2) is the area of the unit sphere; requires amsmath',
    '\\begin{align*}',
    rows.join(' \\\\\n'),
    '\\end{align*}',
    '',
  ].join('\n');
}
