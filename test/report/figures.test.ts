// src/report/figures.ts: what the report plots for a design, against closed forms that do not go through the
// design's own formulas: tanh's ψ_t(r) = tanh(r/t), φ_t(r) = sech²(r/t) / (2π t r) in d = 2, its median radius
// t·atanh(1/2), its marginal velocity (x − x0)/t for one data point; VE's median radius t·√(2 ln 2) (Rayleigh).
import { describe, expect, it } from 'vitest';
import { designFromText, loadDesign } from '../../src/index.js';
import {
  curveTimes,
  dataScale,
  fieldTimes,
  phiFigure,
  psiFigure,
  radialCurves,
  timeAtNoiseRatio,
  trajectoryFigures,
  velocityFigures,
  velocityGrid,
} from '../../src/report/figures.js';
import { example, specWithDimension } from '../helpers.js';
import { badCoordinates, byClass, parseSvg } from './svgTree.js';

const tanh = loadDesign(example('tanh.yaml'));
const ve = loadDesign(example('ve.yaml'));

describe('curveTimes', () => {
  it('runs from ε to T exactly, log-spaced, interior times rounded to 2 significant digits', () => {
    expect(curveTimes(tanh)).toEqual([0.001, 0.014, 0.2, 2.8, 40]);
    expect(curveTimes({ T: 1, epsilon: 0.001 }, 4)).toEqual([0.001, 0.01, 0.1, 1]);
  });
});

describe('radialCurves (tanh, d = 2)', () => {
  const curves = radialCurves(tanh, [0.01, 1, 40], 50);

  it('ψ_t(r) = tanh(r/t) and φ_t(r) = sech²(r/t) / (2π t r) on the whole grid', () => {
    curves.times.forEach((t, k) => {
      curves.r.forEach((r, i) => {
        expect(curves.psi[k]![i]).toBeCloseTo(Math.tanh(r / t), 12);
        const expected = 1 / Math.cosh(r / t) ** 2 / (2 * Math.PI * t * r);
        if (expected > 1e-250) expect(Math.abs(curves.phi[k]![i]! / expected - 1)).toBeLessThan(1e-9);
      });
    });
  });

  it("spans the smallest time's 0.2% radius to the largest time's 99.8% radius, on a log grid", () => {
    expect(curves.rScale).toBe('log');
    expect(curves.r[0]).toBeCloseTo(0.01 * Math.atanh(0.002), 12);
    expect(curves.r[curves.r.length - 1]).toBeCloseTo(40 * Math.atanh(0.998), 9);
  });

  it('makes well-formed ψ and φ plots with one legend entry per time', () => {
    for (const figure of [psiFigure(tanh, curves), phiFigure(tanh, curves)]) {
      const root = parseSvg(figure.svg);
      expect(root.attributes.id).toBe(figure.id);
      expect(byClass(root, 'series')).toHaveLength(3);
      expect(byClass(root, 'legend')[0]!.children.filter((e) => e.tag === 'text')).toHaveLength(3);
      expect(badCoordinates(root)).toEqual([]);
    }
  });
});

describe('field times', () => {
  it('tanh: the median radius t·atanh(1/2) equals the ratio times the data scale', () => {
    expect(timeAtNoiseRatio(tanh, 2, 0.5)).toBeCloseTo(1 / Math.atanh(0.5), 8);
  });

  it('VE (σ_t = t, Gaussian, d = 2): the median radius is t·√(2 ln 2)', () => {
    expect(timeAtNoiseRatio(ve, 3, 1.5)).toBeCloseTo(4.5 / Math.sqrt(2 * Math.LN2), 8);
  });

  it('clamps to ε and T when the ratio is out of reach', () => {
    expect(timeAtNoiseRatio(tanh, 1, 1e-9)).toBe(tanh.epsilon);
    expect(timeAtNoiseRatio(tanh, 1, 1e9)).toBe(tanh.T);
  });

  it('dataScale is the RMS distance to the mean; fieldTimes are distinct and inside [ε, T]', () => {
    const data = { points: Float64Array.of(-1, 0, 1, 0, 0, -1, 0, 1), dim: 2, label: 'square' };
    expect(dataScale(data)).toBeCloseTo(1, 14);
    const times = fieldTimes(tanh, data);
    expect(times).toEqual([
      Number((1.5 / Math.atanh(0.5)).toPrecision(2)),
      Number((0.5 / Math.atanh(0.5)).toPrecision(2)),
      Number((0.15 / Math.atanh(0.5)).toPrecision(2)),
    ]);
  });
});

describe('velocityGrid', () => {
  it('tanh with one data point x0: the arrows are −v = −(x − x0)/t', () => {
    const x0 = [0.5, -0.25];
    const data = { points: Float64Array.of(x0[0]!, x0[1]!, x0[0]! + 1e-9, x0[1]!), dim: 2, label: 'point' };
    const t = 0.7;
    const grid = velocityGrid(tanh, data, t, 4);
    expect(grid.positions.length).toBeGreaterThan(8);
    for (let k = 0; k < grid.positions.length / 2; k++) {
      const [x, y] = [grid.positions[2 * k]!, grid.positions[2 * k + 1]!];
      expect(grid.vectors[2 * k]).toBeCloseTo(-(x - x0[0]!) / t, 6);
      expect(grid.vectors[2 * k + 1]).toBeCloseTo(-(y - x0[1]!) / t, 6);
    }
  });
});

describe('velocity and trajectory figures', () => {
  const data = { points: Float64Array.of(1, 1, -1, -1, 1, -1, -1, 1), dim: 2, label: 'corners' };

  it('one quiver per time, each a well-formed plot', () => {
    const figures = velocityFigures(tanh, data, [0.5, 2]);
    expect(figures.map((f) => f.id)).toEqual(['plot-velocity-1', 'plot-velocity-2']);
    for (const f of figures) expect(badCoordinates(parseSvg(f.svg))).toEqual([]);
  });

  it('d = 1: one plot of −vₜ(x) curves instead of quivers, and only the traces of the trajectories', () => {
    const one = { points: Float64Array.of(-1, 1, 0.5), dim: 1, label: 'three' };
    const tanh1 = designFromText(specWithDimension('tanh.yaml', 1));
    const [figure] = velocityFigures(tanh1, one, [0.5, 2]);
    expect(figure!.id).toBe('plot-velocity-1');
    expect(byClass(parseSvg(figure!.svg), 'series')).toHaveLength(2);
    const traces = trajectoryFigures(tanh1, one, {
      times: Float64Array.of(40, 1, 0.001),
      states: Float64Array.of(30, -20, 5, 2, -1, 0.6, 1, -1, 0.5),
      count: 3,
    });
    expect(traces.map((f) => f.id)).toEqual(['plot-traces']);
  });
});
