// src/report/index.ts and html.ts: the page has every section and plot, is self-contained (no script, no URL
// to fetch, a CSP that forbids requests), shows failures as content, and works without data.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { dataset, designFromText, loadDesign, OdeforgeError } from '../../src/index.js';
import { renderReport, reportContent, type ReportContent } from '../../src/report/index.js';
import { example } from '../helpers.js';
import { badCoordinates, parseSvg } from './svgTree.js';

const tanh = loadDesign(example('tanh.yaml'));
const small = { verifyRuns: 3, sampleN: 64, trajectories: 10 };

/** Each figure's id and its SVG (everything between the <figure> tag and its caption). */
function figuresOf(html: string): { id: string; svg: string }[] {
  return [...html.matchAll(/<figure class="plot" data-plot="([^"]+)">\n([\s\S]*?)<figcaption>/g)].map((m) => ({
    id: m[1]!,
    svg: m[2]!.trim(),
  }));
}

describe('the report of tanh for 8gaussians', () => {
  let html = '';
  let content: ReportContent;
  beforeAll(async () => {
    content = await reportContent(tanh, {
      ...small,
      data: dataset('8gaussians', { n: 128, seed: 1 }),
      dataLabel: '8gaussians',
      spec: { text: readFileSync(example('tanh.yaml'), 'utf8'), file: 'tanh.yaml' },
    });
    html = renderReport(content);
  });

  it('has every section, the spec text, and one derivation row per derived quantity', () => {
    for (const id of ['spec', 'derivation', 'verification', 'kernel', 'field', 'sampling'])
      expect(html).toContain(`<section id="${id}">`);
    expect(html).toContain('cumulative: tanh(r/t)');
    expect(content.derivation.map((r) => r.name)).toEqual(Object.keys(tanh.derivation));
    expect(html.match(/<td class="formula">/g)).toHaveLength(Object.keys(tanh.derivation).length);
    expect(html).not.toContain('katex-error');
  });

  it('has a verification row per property, all passing for tanh', () => {
    expect(content.verification.passed).toBe(true);
    expect(html.match(/<span class="badge pass">pass<\/span>/g)).toHaveLength(content.verification.properties.length);
  });

  it('has every plot: ψ, φ, three velocity fields, samples, trajectories, traces; all well-formed', () => {
    const figures = figuresOf(html);
    expect(figures.map((f) => f.id)).toEqual([
      'plot-psi',
      'plot-phi',
      'plot-velocity-1',
      'plot-velocity-2',
      'plot-velocity-3',
      'plot-samples',
      'plot-trajectories',
      'plot-traces',
    ]);
    for (const { svg } of figures) expect(badCoordinates(parseSvg(svg))).toEqual([]);
  });

  it('reports the sampler statistics', () => {
    expect(content.sampling.kind).toBe('sampled');
    if (content.sampling.kind !== 'sampled') return;
    expect(content.sampling.stats.n).toBe(64);
    expect(html).toContain('field evaluations per sample (mean)');
  });

  it('is self-contained: no script, no external URL, a CSP that forbids every request', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(?:src|href)\s*=\s*"(?!#)/i);
    expect(html).not.toMatch(/url\((?!data:|#)/);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:">`,
    );
  });
});

describe('reportContent without data, and for a failing design', () => {
  it('without data: the kernel plots, a notice instead of the field and sampling', async () => {
    const content = await reportContent(tanh, { verifyRuns: 2 });
    expect(content.figures.kernel.map((f) => f.id)).toEqual(['plot-psi', 'plot-phi']);
    expect(content.figures.field).toEqual([]);
    expect(content.sampling.kind).toBe('no-data');
    expect(renderReport(content)).toContain('No data was given');
  });

  it('a failed property is a FAIL row with its counterexample, not an error', async () => {
    const bad = loadDesign(new URL('../fixtures/verify-bad/monotone.yaml', import.meta.url).pathname);
    const content = await reportContent(bad, { verifyRuns: 5 });
    expect(content.verification.passed).toBe(false);
    const html = renderReport(content);
    expect(html).toContain('<tr class="fail"><td>monotone</td><td><span class="badge fail">FAIL</span>');
    expect(html).toContain('<b>counterexample:</b>');
  });

  it('a hostile name, description and spec text reach the page only as escaped text', async () => {
    const hostile = `x"><script>alert(1)</script><img src=x onerror=alert(2)>' & </title>`;
    const text = JSON.stringify({
      name: hostile,
      description: hostile,
      family: 'radial',
      dimension: 2,
      cumulative: 'tanh(r/t)',
      time: { T: 40, epsilon: 0.001 },
    });
    const content = await reportContent(designFromText(text), { verifyRuns: 2, spec: { text, file: hostile } });
    const html = renderReport(content);
    expect(html).not.toMatch(/<script|<img|onerror=alert\(2\)>/i);
    expect(html).toContain(
      'x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&#39; &amp; &lt;/title&gt;',
    );
  });

  it('data of the wrong dimension is an OdeforgeError naming both dimensions', async () => {
    await expect(reportContent(tanh, { data: { data: new Float64Array(9), rows: 3, dim: 3 } })).rejects.toThrow(
      OdeforgeError,
    );
    await expect(reportContent(tanh, { data: { data: new Float64Array(9), rows: 3, dim: 3 } })).rejects.toThrow(
      "the data (3 rows of dimension 3) does not fit the design's dimension 2",
    );
  });
});
