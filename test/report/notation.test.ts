// The seeds' notation (docs/mathematics.md §2): key `phi` is φ_t(r), the kernel density, and key `varphi` is
// ϕ_t(r), the velocity field's radial part. TeX's \varphi draws φ (U+03C6) and \phi draws ϕ (U+03D5), so what is
// checked here is the glyph KaTeX draws, and that derive's legend, the report and the guide say the same.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDesign, quantityDescription, quantityLabel } from '../../src/index.js';
import { renderReport, type ReportContent } from '../../src/report/html.js';
import { renderMath } from '../../src/report/katex.js';
import { example } from '../helpers.js';

/** The phis KaTeX draws for a formula (each once: its HTML and MathML both carry the glyph). */
const glyphs = (tex: string): string[] => [...new Set([...renderMath(tex, false).matchAll(/[φϕ]/g)].map((m) => m[0]))];

describe('phi and varphi', () => {
  it('phi is typeset φ and varphi ϕ, as in docs/mathematics.md §2', () => {
    expect(glyphs(quantityLabel('phi'))).toEqual(['φ']);
    expect(glyphs(quantityLabel('log_phi'))).toEqual(['φ']);
    expect(glyphs(quantityLabel('density'))).toEqual(['φ']);
    expect(glyphs(quantityLabel('varphi'))).toEqual(['ϕ']);
  });

  it('are described with the same glyphs', () => {
    expect(quantityDescription('phi')).toMatch(/^φ_t\(r\) = .*normalized kernel density/);
    expect(quantityDescription('varphi')).toMatch(/^ϕ_t\(r\) = .*velocity field's radial part/);
    expect(quantityDescription('k')).toContain('ϕ/φ');
  });

  it('the guide and docs/mathematics.md name the keys alike', () => {
    const guide = readFileSync(new URL('../../docs/guide.md', import.meta.url), 'utf8');
    const maths = readFileSync(new URL('../../docs/mathematics.md', import.meta.url), 'utf8');
    for (const text of [guide, maths]) {
      expect(text).toMatch(/φ_t\(r\)[^\n]*key `phi`|`phi`[^\n]*φ_t\(r\)/);
      expect(text).toMatch(/ϕ_t\(r\)[^\n]*key `varphi`|`varphi`[^\n]*ϕ_t\(r\)/);
    }
  });

  it("the report's derivation table says what each is", () => {
    const design = loadDesign(example('tanh.yaml'));
    const derivation = Object.entries(design.derivation).map(([name, q]) => ({
      name,
      symbol: quantityLabel(name),
      description: quantityDescription(name),
      latex: q.latex,
      expr: q.expr,
    }));
    const content = { derivation } as unknown as ReportContent;
    const html = derivationSection(content);
    expect(html).toContain('<th>what it is</th>');
    expect(html).toContain('the normalized kernel density in R^d');
    expect(html).toContain('velocity field&#39;s radial part');
  });
});

/** The derivation section of a page built around `content` (the other sections need more than it has). */
function derivationSection(content: ReportContent): string {
  const full: ReportContent = {
    ...content,
    design: {
      name: 'n',
      description: '',
      family: 'radial',
      dimension: 2,
      T: 1,
      epsilon: 0.1,
      prior: 'kernel',
      parameters: {},
    },
    verification: { design: 'n', passed: true, seed: 0, properties: [] },
    sampling: { kind: 'no-data' },
    figures: { kernel: [], field: [], sampling: [] },
    timings: {},
  };
  const page = renderReport(full);
  return page.slice(page.indexOf('<section id="derivation">'), page.indexOf('<section id="verification">'));
}
