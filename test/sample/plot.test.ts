// The `--plot` SVG (scatterSvg of src/report/plots.ts, the report's scatter too): round ticks, one marker per
// point, escaped labels, equal axis scales.
import { describe, expect, it } from 'vitest';
import { niceTicks } from '../../src/report/axes.js';
import { scatterSvg } from '../../src/report/plots.js';

describe('niceTicks', () => {
  it.each([
    [0, 10, [0, 2, 4, 6, 8, 10]],
    [-4.3, 4.3, [-4, -2, 0, 2, 4]],
    [0.001, 0.0042, [0.001, 0.002, 0.003, 0.004]],
  ])('[%f, %f] → %j', (lo, hi, expected) => {
    const ticks = niceTicks(lo, hi);
    expect(ticks.length).toBe(expected.length);
    ticks.forEach((t, i) => expect(t).toBeCloseTo(expected[i]!, 12));
  });
});

describe('scatterSvg', () => {
  const data = Float64Array.of(0, 0, 1, 1, 2, 0.5);
  const samples = Float64Array.of(-1, 3, 0.5, 0.5);
  const svg = scatterSvg(
    [
      { points: data, dim: 2, label: 'data <8gaussians>', color: '#999' },
      { points: samples, dim: 2, label: 'samples & more', color: 'red' },
    ],
    { title: 'VE: samples over data' },
  );

  it('draws one circle per point plus one per legend entry, inside balanced tags', () => {
    expect(svg.match(/<circle /g)!.length).toBe(3 + 2 + 2);
    for (const tag of ['svg', 'g', 'text', 'clipPath']) {
      expect(svg.match(new RegExp(`<${tag}[ >]`, 'g'))?.length ?? 0).toBe(
        svg.match(new RegExp(`</${tag}>`, 'g'))?.length ?? 0,
      );
    }
  });

  it('escapes labels and has a title, axis labels and tick labels', () => {
    expect(svg).toContain('data &lt;8gaussians&gt;');
    expect(svg).toContain('samples &amp; more');
    expect(svg).toContain('VE: samples over data');
    expect(svg).toMatch(/>x₁<\/text>/);
    expect(svg).toMatch(/>x₂<\/text>/);
    expect(svg).toMatch(/class="tick-labels"[\s\S]*>0<\/text>/);
  });

  it('uses the same scale on both axes', () => {
    const cx = [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)" r="1.6"\/>/g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    // data (0,0), (1,1): Δx in px equals −Δy in px.
    const [p0, p1] = cx;
    expect(p1![0]! - p0![0]!).toBeCloseTo(p0![1]! - p1![1]!, 1);
  });

  it('skips non-finite points instead of writing NaN', () => {
    const out = scatterSvg([{ points: Float64Array.of(0, 0, Number.NaN, 1), dim: 2, label: 's', color: 'red' }]);
    expect(out).not.toMatch(/NaN/);
  });
});
