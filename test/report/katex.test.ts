// src/report/katex.ts: every derived formula of every example typesets without a KaTeX error, and the stylesheet
// carries its fonts inside (no URL left that the browser would have to fetch).
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { designFromText, quantityLabel } from '../../src/index.js';
import { katexStylesheet, renderMath } from '../../src/report/katex.js';
import { exampleFiles, specWithDimension } from '../helpers.js';

describe('renderMath', () => {
  it.each(exampleFiles)('%s: every derived quantity renders (symbol = formula), with no katex-error', (file) => {
    const design = designFromText(specWithDimension(file, 3), { file });
    for (const [name, q] of Object.entries(design.derivation)) {
      const html = renderMath(`${quantityLabel(name)} = ${q.latex}`, true);
      expect(html, name).toContain('class="katex-display"');
      expect(html, `${name}: ${q.latex}`).not.toContain('katex-error');
    }
  });

  it('shows a formula KaTeX cannot parse as its error element rather than throwing', () => {
    expect(renderMath('\\frac{1}{', false)).toContain('katex-error');
  });
});

describe('katexStylesheet', () => {
  const css = katexStylesheet();
  const fonts = readdirSync(
    join(dirname(createRequire(import.meta.url).resolve('katex/dist/katex.min.css')), 'fonts'),
  ).filter((f) => f.endsWith('.woff2'));

  it('inlines one woff2 data URL per @font-face, and no other URL', () => {
    const urls = [...css.matchAll(/url\(([^)]*)\)/g)].map((m) => m[1]!);
    expect(urls.length).toBe(fonts.length);
    expect(urls.every((u) => u.startsWith('data:font/woff2;base64,'))).toBe(true);
    expect(css.match(/@font-face/g)?.length).toBe(fonts.length);
  });

  it('the inlined fonts are the woff2 files (their magic number is wOF2)', () => {
    const first = /url\(data:font\/woff2;base64,([^)]*)\)/.exec(css)![1]!;
    expect(Buffer.from(first, 'base64').subarray(0, 4).toString('latin1')).toBe('wOF2');
  });
});
