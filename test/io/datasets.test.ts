// Toy data sets: sizes, shapes that identify each set, seeding, and the random rotation in d > 2
// (distances between points are preserved, the padded coordinates are mixed in).
import { describe, expect, it } from 'vitest';
import { checkDataset, datasetNames, randomRotation, toyDataset, type DatasetName } from '../../src/io/datasets.js';
import { testRng } from '../sample/designs.js';

const make = (name: DatasetName, n: number, dim = 2, seed = 1) =>
  toyDataset(name, { n, dim }, testRng(seed), testRng(seed + 1000));

describe('toy data sets', () => {
  it.each(datasetNames)('%s: any n, finite, seeded', (name) => {
    for (const n of [1, 2, 7, 500]) {
      const xs = make(name, n);
      expect(xs.length).toBe(2 * n);
      expect(xs.every(Number.isFinite)).toBe(true);
    }
    expect(make(name, 50)).toEqual(make(name, 50));
    expect(make(name, 50, 2, 2)).not.toEqual(make(name, 50));
  });

  it('8gaussians: eight clusters at radius 4/1.414 in equal shares', () => {
    const xs = make('8gaussians', 8000);
    const counts = new Array(8).fill(0);
    for (let i = 0; i < 8000; i++) {
      const a = Math.atan2(xs[2 * i + 1]!, xs[2 * i]!);
      counts[((Math.round(a / (Math.PI / 4)) % 8) + 8) % 8]++;
    }
    for (const c of counts) expect(Math.abs(c / 8000 - 1 / 8)).toBeLessThan(4 * Math.sqrt(((1 / 8) * (7 / 8)) / 8000));
    const radius = Array.from({ length: 8000 }, (_, i) => Math.hypot(xs[2 * i]!, xs[2 * i + 1]!)).sort(
      (a, b) => a - b,
    )[4000]!;
    expect(radius).toBeCloseTo(4 / 1.414, 1);
  });

  it('circles: half the points near radius 3, half near 1.5 (noise std 0.24)', () => {
    const xs = make('circles', 2000);
    const r = Array.from({ length: 2000 }, (_, i) => Math.hypot(xs[2 * i]!, xs[2 * i + 1]!));
    expect(Math.abs(r.filter((v) => v > 2.25).length - 1000)).toBeLessThanOrEqual(5);
    const outer = r.filter((v) => v > 2.25).sort((a, b) => a - b);
    const inner = r.filter((v) => v <= 2.25).sort((a, b) => a - b);
    expect(outer[outer.length >> 1]).toBeCloseTo(3, 1);
    expect(inner[inner.length >> 1]).toBeCloseTo(1.5, 1);
  });

  it('checkerboard: points lie in the 8 squares (i, j) with i + j even of a 4 × 4 board on [−4, 4]²', () => {
    const xs = make('checkerboard', 2000);
    for (let i = 0; i < 2000; i++) {
      const cx = Math.floor(xs[2 * i]! / 2);
      const cy = Math.floor(xs[2 * i + 1]! / 2);
      expect(Math.abs(xs[2 * i]!)).toBeLessThanOrEqual(4);
      expect(Math.abs(xs[2 * i + 1]!)).toBeLessThanOrEqual(4);
      expect((((cx + cy) % 2) + 2) % 2).toBe(0);
    }
  });

  it('in d > 2: a rotation of the zero-padded 2-D set (pairwise distances kept, all coordinates used)', () => {
    const flat = make('moons', 30);
    const high = make('moons', 30, 5);
    for (let i = 0; i < 30; i++) {
      for (let j = 0; j < i; j++) {
        const d2 = Math.hypot(flat[2 * i]! - flat[2 * j]!, flat[2 * i + 1]! - flat[2 * j + 1]!);
        let s = 0;
        for (let k = 0; k < 5; k++) s += (high[5 * i + k]! - high[5 * j + k]!) ** 2;
        expect(Math.sqrt(s)).toBeCloseTo(d2, 12);
      }
    }
    for (let k = 2; k < 5; k++) expect(high.filter((_, i) => i % 5 === k).some((v) => Math.abs(v) > 1e-3)).toBe(true);
  });

  it('randomRotation is orthogonal with determinant +1 on average sign conventions (QᵀQ = I)', () => {
    const q = randomRotation(6, testRng(4));
    const qtq = q.transpose().mmul(q);
    for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) expect(qtq.get(i, j)).toBeCloseTo(i === j ? 1 : 0, 12);
  });

  it.each([
    ['spiral', { n: 10 }, /unknown data set "spiral"/],
    ['moons', { n: 0 }, /number of points must be a positive integer, got 0/],
    ['moons', { n: 10, dim: 1 }, /dimension 2 or more, got 1/],
  ])('rejects %s %o', (name, options, message) => {
    expect(() => checkDataset(name, options)).toThrow(message);
  });
});
