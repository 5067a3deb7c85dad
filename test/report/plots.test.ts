// src/report/plots.ts (and axes.ts, text.ts): every plot is well-formed SVG with axes, ticks, labels and a legend,
// puts points where the axes say, and never writes a non-finite coordinate.
import { describe, expect, it } from 'vitest';
import { logTicks } from '../../src/report/axes.js';
import { linePlotSvg, quiverSvg, trajectoriesSvg } from '../../src/report/plots.js';
import { formatNumber } from '../../src/report/text.js';
import { allElements, badCoordinates, byClass, parseSvg, textOf, type Element } from './svgTree.js';

const num = (e: Element, name: string) => Number(e.attributes[name]);

/** Path data "M1 2L3 4M5 6" → pieces of [x, y] points. */
function pieces(d: string): [number, number][][] {
  return d
    .split('M')
    .filter((p) => p !== '')
    .map((p) => p.split('L').map((xy) => xy.trim().split(/\s+/).map(Number) as [number, number]));
}

function tickLabels(root: Element, axis: 'x-axis' | 'y-axis'): string[] {
  const g = byClass(root, axis)[0]!;
  return byClass(g, 'tick-labels')[0]!.children.map(textOf);
}

/** The checks every plot must pass: well-formed, both axes with ticks and labels, finite coordinates. */
function expectPlotBasics(svg: string, id: string): Element {
  const root = parseSvg(svg);
  expect(root.attributes.id).toBe(id);
  expect(root.attributes.class).toBe('odeforge-plot');
  for (const axis of ['x-axis', 'y-axis'] as const) {
    const g = byClass(root, axis)[0]!;
    expect(g, axis).toBeDefined();
    expect(byClass(g, 'ticks')[0]!.children.length, `${axis} ticks`).toBeGreaterThanOrEqual(2);
    expect(tickLabels(root, axis).every((t) => t.trim() !== '')).toBe(true);
    expect(textOf(byClass(g, 'axis-label')[0]!).trim()).not.toBe('');
  }
  expect(badCoordinates(root)).toEqual([]);
  // Ids are unique inside the document, and every url(#…) reference resolves.
  const ids = allElements(root)
    .map((e) => e.attributes.id)
    .filter((v): v is string => v !== undefined);
  expect(new Set(ids).size).toBe(ids.length);
  for (const e of allElements(root)) {
    for (const value of Object.values(e.attributes)) {
      const ref = /^url\(#(.+)\)$/.exec(value)?.[1];
      if (ref !== undefined) expect(ids).toContain(ref);
    }
  }
  return root;
}

describe('formatNumber', () => {
  it.each([
    [0, '0'],
    [1, '1'],
    [0.001, '0.001'],
    [0.0056123, '0.00561'],
    [12345, '12300'],
    [40, '40'],
    [-2.5, '−2.5'],
    [1e-4, '10⁻⁴'],
    [2.5e-7, '2.5×10⁻⁷'],
    [1.5e12, '1.5×10¹²'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, '∞'],
  ])('%f → %s', (value, expected) => {
    expect(formatNumber(value)).toBe(expected);
  });
});

describe('logTicks', () => {
  it('decades over a wide range, every other decade over a very wide one', () => {
    expect(logTicks(1e-3, 100)).toEqual([1e-3, 1e-2, 1e-1, 1, 10, 100]);
    expect(logTicks(1e-9, 1e9).length).toBeLessThanOrEqual(10);
    expect(logTicks(1e-9, 1e9)).toContain(1);
  });

  it('adds 2 and 5 multiples over two decades or less', () => {
    expect(logTicks(1, 100)).toEqual([1, 2, 5, 10, 20, 50, 100]);
  });
});

describe('linePlotSvg', () => {
  const x = [0, 0.5, 1];
  const svg = linePlotSvg(
    [
      { x, y: [0, 0.5, 1], color: '#0072b2', label: 'y = x' },
      { x, y: [1, Number.NaN, 0], color: '#e69f00', label: 'broken <&>' },
      { x, y: [0.2, 0.2, 0.2], color: '#999' },
    ],
    { id: 'line', title: 'A & B', xLabel: 'r', yLabel: 'ψₜ(r)', xRange: [0, 1], yRange: [0, 1] },
  );
  const root = expectPlotBasics(svg, 'line');

  it('has a title, axis labels, and a legend of the labelled series only (escaped)', () => {
    expect(textOf(byClass(root, 'title')[0]!)).toBe('A & B');
    expect(byClass(root, 'axis-label').map(textOf)).toEqual(['r', 'ψₜ(r)']);
    const legend = byClass(root, 'legend')[0]!;
    expect(legend.children.filter((e) => e.tag === 'text').map(textOf)).toEqual(['y = x', 'broken <&>']);
    expect(svg).toContain('broken &lt;&amp;&gt;');
  });

  it('puts (0, 0) at the bottom-left and (1, 1) at the top-right corner of the plot area', () => {
    const border = byClass(root, 'border')[0]!;
    const [left, top, width, height] = ['x', 'y', 'width', 'height'].map((k) => num(border, k)) as [
      number,
      number,
      number,
      number,
    ];
    const [line] = byClass(root, 'series');
    const points = pieces(line!.attributes.d!)[0]!;
    expect(points[0]![0]).toBeCloseTo(left, 1);
    expect(points[0]![1]).toBeCloseTo(top + height, 1);
    expect(points[2]![0]).toBeCloseTo(left + width, 1);
    expect(points[2]![1]).toBeCloseTo(top, 1);
  });

  it('breaks a curve at a non-finite value instead of writing NaN', () => {
    const broken = byClass(root, 'series')[1]!;
    expect(pieces(broken.attributes.d!)).toHaveLength(2);
  });

  it('log axes: decade tick labels, and points ≤ 0 are skipped', () => {
    const log = linePlotSvg([{ x: [0, 1e-3, 1, 100], y: [1, 1e-6, 1, 1e6], color: 'red', label: 's' }], {
      id: 'log',
      xLabel: 'r',
      yLabel: 'φ',
      xScale: 'log',
      yScale: 'log',
    });
    const logRoot = expectPlotBasics(log, 'log');
    expect(tickLabels(logRoot, 'x-axis')).toEqual(['0.001', '0.01', '0.1', '1', '10', '100']);
    expect(tickLabels(logRoot, 'y-axis')).toContain('10⁻⁶');
    expect(pieces(byClass(logRoot, 'series')[0]!.attributes.d!)[0]).toHaveLength(3);
  });

  it('runs its @example', () => {
    const example = linePlotSvg([{ x: [1, 2, 3], y: [1, 4, 9], color: '#1c7ed6', label: 'x²' }], {
      id: 'sq',
      xLabel: 'x',
      yLabel: 'y',
    });
    expect(byClass(expectPlotBasics(example, 'sq'), 'series')).toHaveLength(1);
  });

  it('writes no NaN even when every value is non-finite', () => {
    const empty = linePlotSvg([{ x: [Number.NaN], y: [Number.POSITIVE_INFINITY], color: 'red', label: 'nothing' }], {
      id: 'empty',
      xLabel: 'x',
      yLabel: 'y',
    });
    expectPlotBasics(empty, 'empty');
    expect(empty).not.toContain('NaN');
  });
});

describe('quiverSvg', () => {
  // Arrows at (0,0) → (1,0), (1,0) → (0,1), (0,1) → (0,0) (not drawn), (1,1) → (NaN, 0) (not drawn).
  const svg = quiverSvg({
    id: 'quiver',
    title: 'field',
    positions: Float64Array.of(0, 0, 1, 0, 0, 1, 1, 1),
    vectors: Float64Array.of(1, 0, 0, 2, 0, 0, Number.NaN, 0),
    spacing: 1,
    arrowLabel: '−vₜ(x)',
    background: { points: Float64Array.of(0.5, 0.5, 0.2, 0.8), dim: 2, label: 'data', color: '#999' },
  });
  const root = expectPlotBasics(svg, 'quiver');
  const arrows = byClass(root, 'arrows')[0]!.children;

  it('draws one arrow per finite non-zero vector, with an arrow head, and says what it skipped', () => {
    expect(arrows).toHaveLength(2);
    expect(byClass(root, 'arrows')[0]!.attributes['marker-end']).toBe('url(#quiver-head)');
    expect(byClass(root, 'note').map(textOf).join(' ')).toContain('1 non-finite vectors not drawn');
    expect(byClass(root, 'points')[0]!.children.filter((e) => e.tag === 'circle')).toHaveLength(2);
  });

  it('points each arrow along its vector (SVG y points down); lengths ∝ |v| up to the 90th percentile', () => {
    const [right, up] = arrows as [Element, Element];
    expect(num(right, 'x2')).toBeGreaterThan(num(right, 'x1'));
    expect(num(right, 'y2')).toBeCloseTo(num(right, 'y1'), 6);
    expect(num(up, 'y2')).toBeLessThan(num(up, 'y1'));
    expect(num(up, 'x2')).toBeCloseTo(num(up, 'x1'), 6);
    // Equal axes: one grid spacing is the pixel distance between the tails (0,0) and (1,0).
    const cell = num(up, 'x1') - num(right, 'x1');
    expect(num(up, 'y1') - num(up, 'y2')).toBeCloseTo(0.9 * cell, 1);
    expect(num(right, 'x2') - num(right, 'x1')).toBeCloseTo(0.9 * cell * 0.5, 1);
  });

  it('has a legend with the data and the arrows', () => {
    const legend = byClass(root, 'legend')[0]!;
    expect(legend.children.filter((e) => e.tag === 'text').map(textOf)).toEqual(['data', '−vₜ(x)']);
  });
});

describe('trajectoriesSvg', () => {
  // Three trajectories of three saved states each (K × n × d), starting far out, ending near the data.
  const K = 3;
  const n = 3;
  const states = Float64Array.of(
    100,
    0,
    0,
    100,
    0.5,
    0.5, // t = T (the third starts inside the view)
    10,
    0,
    0,
    10,
    -0.5,
    -0.5,
    1,
    0,
    0,
    1,
    Number.NaN,
    0, // t = ε; the third ended non-finite
  );
  const svg = trajectoriesSvg({
    id: 'traj',
    title: 'trajectories',
    states,
    steps: K,
    count: n,
    dim: 2,
    background: { points: Float64Array.of(1, 0, 0, 1), dim: 2, label: 'data', color: '#999' },
  });
  const root = expectPlotBasics(svg, 'traj');

  it('draws each trajectory, a ring at each start and a dot at each finite end', () => {
    expect(byClass(root, 'trajectories')[0]!.children).toHaveLength(3);
    expect(byClass(root, 'starts')[0]!.children).toHaveLength(3);
    expect(byClass(root, 'ends')[0]!.children).toHaveLength(2);
  });

  it('keeps the view on the data when the starts are far away, and says how many are outside', () => {
    expect(byClass(root, 'note').map(textOf)).toContain('2 of 3 starts lie outside the view');
    const xTicks = tickLabels(root, 'x-axis').map((t) => Number(t.replace('−', '-')));
    expect(Math.max(...xTicks)).toBeLessThan(5);
  });

  it('has a legend: data, trajectories, start, end', () => {
    const legend = byClass(root, 'legend')[0]!;
    expect(legend.children.filter((e) => e.tag === 'text').map(textOf)).toEqual([
      'data',
      'trajectories (3)',
      'start',
      'end',
    ]);
  });
});
