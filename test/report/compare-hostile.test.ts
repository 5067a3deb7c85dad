// A design's name reaches compare's table (terminal), page (HTML) and JSON: as escaped text only, never as markup,
// a terminal control sequence or a broken document.
import { describe, expect, it } from 'vitest';
import { compare, compareJson, dataset, designFromText, formatCompareTable, terminalText } from '../../src/index.js';
import { renderComparePage } from '../../src/report/index.js';
import { rawControlOrBidi } from '../export/hostile-strings.js';

const markup = '<script>alert(1)</script><img src=x onerror=alert(2)>&amp;"\'';
const terminal = '\u001b]0;owned\u0007\u001b[31mred \u202e bidi';

function spec(name: string, extra = ''): string {
  return `${JSON.stringify({ name, family: 'radial', dimension: 2, cumulative: 'tanh(r/t)', time: { T: 3, epsilon: 0.01 } }).slice(0, -1)}${extra}}`;
}

describe('compare with hostile design names', async () => {
  const good = designFromText(spec(markup + terminal));
  // a velocity NaN below t = 1: this design fails, and its name travels in the failure too
  const broken = designFromText(spec(`${markup}broken`, ', "velocity": "log(t - 1)"'));
  const result = await compare([good, broken], {
    data: dataset('moons', { n: 60, seed: 0 }),
    dataLabel: markup,
    n: 40,
    curveSamples: 4,
    stepLadder: [4],
    likelihoodPoints: 0,
  });

  it('the page carries the names as text: no script, no injected element, the escaped form present', () => {
    expect(result.failed).toHaveLength(1);
    const page = renderComparePage(result);
    // the attribute text may stand in the page as text; what may not is a tag that starts an element
    expect(page).not.toMatch(/<script|<img/i);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('the table, as the CLI prints it, has no raw control or bidi character', () => {
    const printed = terminalText(formatCompareTable(result));
    expect(printed).not.toMatch(rawControlOrBidi);
    expect(printed).toContain('<script>alert(1)</script>');
  });

  it('the JSON round-trips the names exactly', () => {
    const json = JSON.parse(JSON.stringify(compareJson(result))) as {
      designs: { name: string }[];
      failed: { name: string }[];
    };
    expect(json.designs[0]!.name).toBe(markup + terminal);
    expect(json.failed[0]!.name).toBe(`${markup}broken`);
  });
});
