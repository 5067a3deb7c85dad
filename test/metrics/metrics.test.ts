// The distances against independent values: brute force over all permutations (W2, n ≤ 7), the sorted matching
// of 1-D sets, a translate (W2 = |shift|), hand values, and the MMD and energy distance written out as plain
// double loops over the textbook formulas.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OdeforgeError } from '../../src/errors.js';
import { createRng } from '../../src/numeric/rng.js';
import {
  kernelDistances,
  medianPairwiseDistance,
  metrics,
  slicedWasserstein2,
  wasserstein2,
  type PointSet,
} from '../../src/metrics/index.js';

const set = (rows: number[][]): PointSet => ({
  data: Float64Array.from(rows.flat()),
  rows: rows.length,
  dim: rows[0]!.length,
});

/** n random points in R^d (normal, scaled), from a seeded stream. */
function randomSet(n: number, d: number, seed: number, scale = 1): PointSet {
  const rng = createRng(seed);
  return { data: Float64Array.from({ length: n * d }, () => scale * rng.normal()), rows: n, dim: d };
}

const row = (s: PointSet, i: number): number[] => Array.from(s.data.subarray(i * s.dim, (i + 1) * s.dim));
const dist2 = (u: number[], v: number[]): number => u.reduce((sum, ui, k) => sum + (ui - v[k]!) ** 2, 0);

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) =>
    Array.from({ length: n }, (_, k) => [...p.slice(0, k), n - 1, ...p.slice(k)]),
  );
}

/** min over all n! permutations of the mean squared distance, square-rooted. */
function bruteForceW2(x: PointSet, y: PointSet): number {
  let best = Infinity;
  for (const p of permutations(x.rows)) {
    let sum = 0;
    for (let i = 0; i < x.rows; i++) sum += dist2(row(x, i), row(y, p[i]!));
    best = Math.min(best, sum / x.rows);
  }
  return Math.sqrt(best);
}

const close = (actual: number, expected: number, tolerance = 1e-9) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected)));

describe('wasserstein2', () => {
  it('equals the brute-force minimum over all permutations for n ≤ 7', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 2, max: 4 }), fc.nat(1e6), (n, d, seed) => {
        const x = randomSet(n, d, seed);
        const y = randomSet(n, d, seed + 1, 2);
        const result = wasserstein2(x, y);
        expect(result.method).toBe('assignment');
        close(result.w2, bruteForceW2(x, y), 1e-12);
      }),
      { seed: 15, numRuns: 60 },
    );
  });

  it('of 1-D sets is the sorted matching, both as the sorted coupling and as an assignment in the plane', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 60 }), fc.nat(1e6), (n, seed) => {
        const x = randomSet(n, 1, seed);
        const y = randomSet(n, 1, seed + 7, 3);
        const xs = Array.from(x.data).sort((a, b) => a - b);
        const ys = Array.from(y.data).sort((a, b) => a - b);
        const expected = Math.sqrt(xs.reduce((s, v, i) => s + (v - ys[i]!) ** 2, 0) / n);
        const sorted = wasserstein2(x, y);
        expect(sorted.method).toBe('sorted');
        close(sorted.w2, expected, 1e-12);
        // the same points on the x axis of the plane go through the assignment
        const planar = (s: PointSet) => set(Array.from(s.data, (v) => [v, 0]));
        const assigned = wasserstein2(planar(x), planar(y));
        expect(assigned.method).toBe('assignment');
        close(assigned.w2, expected, 1e-12);
      }),
      { seed: 16, numRuns: 40 },
    );
  });

  it('of a set and its translate is |shift|', () => {
    const x = randomSet(200, 3, 3);
    const shift = [0.3, -1.2, 2];
    const y = set(Array.from({ length: 200 }, (_, i) => row(x, i).map((v, k) => v + shift[k]!)));
    close(wasserstein2(x, y).w2, Math.hypot(...shift), 1e-12);
  });

  it('of sets of different sizes: the quantile coupling by hand, in 1-D and through the replicated assignment', () => {
    // F⁻¹ of {0, 1} against G⁻¹ of {0, 1, 2}: they differ by 1 on (1/3, 1/2] and on (2/3, 1]: W2² = 1/6 + 1/3
    const x = set([[0], [1]]);
    const y = set([[0], [1], [2]]);
    close(wasserstein2(x, y).w2, Math.sqrt(0.5), 1e-15);
    const planar = wasserstein2(
      set([
        [0, 5],
        [1, 5],
      ]),
      set([
        [0, 5],
        [1, 5],
        [2, 5],
      ]),
    );
    expect(planar.method).toBe('replicated');
    close(planar.w2, Math.sqrt(0.5), 1e-15);
  });

  it('of unequal 2-D sets equals the brute force over the lcm-point uniform measures', () => {
    // n = 2, m = 3: a plan with marginals 1/2 and 1/3 is a vertex of the transport polytope, which the 6 × 6
    // assignment reaches; the brute force here enumerates all 720 permutations of 6 slots
    const x = randomSet(2, 2, 40);
    const y = randomSet(3, 2, 41);
    const repeat = (s: PointSet, k: number) =>
      set(Array.from({ length: s.rows * k }, (_, r) => row(s, Math.floor(r / k))));
    close(wasserstein2(x, y).w2, bruteForceW2(repeat(x, 3), repeat(y, 2)), 1e-12);
  });

  it('above the assignment limit is computed on random subsets, and says so', () => {
    const x = randomSet(10, 2, 1);
    const result = wasserstein2(x, x, 0, 4);
    expect(result.method).toBe('subsets');
    expect(result.assignmentSize).toBe(4);
    expect(result.w2).toBeGreaterThan(0);
  });
});

/** The textbook formulas as plain loops: mean over ordered pairs i ≠ j within, all pairs across. */
function naive(x: PointSet, y: PointSet, h: number): { mmd2: number; energy: number } {
  const k = (u: number[], v: number[]) => Math.exp(-dist2(u, v) / (2 * h * h));
  const e = (u: number[], v: number[]) => Math.sqrt(dist2(u, v));
  const within = (s: PointSet, f: typeof k) => {
    let sum = 0;
    for (let i = 0; i < s.rows; i++) for (let j = 0; j < s.rows; j++) if (i !== j) sum += f(row(s, i), row(s, j));
    return sum / (s.rows * (s.rows - 1));
  };
  const across = (f: typeof k) => {
    let sum = 0;
    for (let i = 0; i < x.rows; i++) for (let j = 0; j < y.rows; j++) sum += f(row(x, i), row(y, j));
    return sum / (x.rows * y.rows);
  };
  return {
    mmd2: within(x, k) + within(y, k) - 2 * across(k),
    energy: 2 * across(e) - within(x, e) - within(y, e),
  };
}

/** The median of all pairwise distances i < j, by listing and sorting them. */
function naiveMedian(s: PointSet): number {
  const all: number[] = [];
  for (let i = 0; i < s.rows; i++)
    for (let j = i + 1; j < s.rows; j++) all.push(Math.sqrt(dist2(row(s, i), row(s, j))));
  all.sort((a, b) => a - b);
  const mid = Math.floor(all.length / 2);
  return all.length % 2 === 1 ? all[mid]! : (all[mid - 1]! + all[mid]!) / 2;
}

describe('MMD and energy distance', () => {
  it('match hand values for 2 + 2 points on a line', () => {
    const x = set([[0], [1]]);
    const y = set([[3], [5]]);
    const E = Math.exp;
    const mmd2 = E(-0.5) + E(-2) - (2 * (E(-4.5) + E(-12.5) + E(-2) + E(-8))) / 4;
    const result = kernelDistances(x, y, 1);
    close(result.mmd2, mmd2, 1e-15);
    close(result.mmd, Math.sqrt(mmd2), 1e-15);
    // cross distances 3, 5, 2, 4 (mean 3.5); within 1 and 2
    close(result.energy, 7 - 1 - 2, 1e-15);
    // pooled {0, 1, 3, 5}: distances 1, 2, 2, 3, 4, 5 → median (2 + 3)/2
    expect(metrics(x, y).bandwidth).toBe(2.5);
  });

  it('match the textbook double loops to 1e-9, with the median bandwidth and a given one', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 40 }),
        fc.integer({ min: 2, max: 40 }),
        fc.integer({ min: 1, max: 5 }),
        fc.nat(1e6),
        (n, m, d, seed) => {
          const x = randomSet(n, d, seed);
          const y = randomSet(m, d, seed + 1, 1.5);
          const pooledSet = set([
            ...Array.from({ length: n }, (_, i) => row(x, i)),
            ...Array.from({ length: m }, (_, j) => row(y, j)),
          ]);
          const h = naiveMedian(pooledSet);
          const result = metrics(x, y);
          close(result.bandwidth, h, 1e-15);
          const expected = naive(x, y, h);
          close(result.mmd2, expected.mmd2);
          close(result.mmd, Math.sqrt(Math.max(0, expected.mmd2)));
          close(result.energy, expected.energy);
          const given = metrics(x, y, { bandwidth: 0.7 });
          expect(given.bandwidthFrom).toBe('given');
          close(given.mmd2, naive(x, y, 0.7).mmd2);
        },
      ),
      { seed: 17, numRuns: 50 },
    );
  });

  it('report MMD = √max(0, MMD²): equal sets give a negative unbiased MMD² and MMD 0', () => {
    const x = randomSet(5, 2, 9);
    const result = kernelDistances(x, x, 1);
    expect(result.mmd2).toBeLessThan(0);
    expect(result.mmd).toBe(0);
  });
});

describe('medianPairwiseDistance', () => {
  it('is the median of the sorted list of distances, with ties and duplicate points', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 50 }), fc.integer({ min: 1, max: 3 }), fc.nat(1e6), (n, d, seed) => {
        // coordinates on a coarse grid: many equal distances and some coincident points
        const rng = createRng(seed);
        const s: PointSet = {
          data: Float64Array.from({ length: n * d }, () => Math.floor(rng.uniform() * 4)),
          rows: n,
          dim: d,
        };
        expect(medianPairwiseDistance(s)).toBe(naiveMedian(s));
        const spread = randomSet(n, d, seed, 1e3);
        expect(medianPairwiseDistance(spread)).toBe(naiveMedian(spread));
      }),
      { seed: 18, numRuns: 80 },
    );
  });
});

describe('slicedWasserstein2', () => {
  it('in one dimension equals W2 (every direction is ±1), for equal and unequal sizes', () => {
    for (const [n, m] of [
      [30, 30],
      [17, 40],
    ] as const) {
      const x = randomSet(n, 1, n);
      const y = randomSet(m, 1, m + 100, 2);
      close(slicedWasserstein2(x, y, 16, 3), wasserstein2(x, y).w2, 1e-12);
    }
  });

  it('is at most W2 (each projection is 1-Lipschitz) and fixed by its seed', () => {
    const x = randomSet(50, 3, 1);
    const y = randomSet(50, 3, 2, 2);
    const sliced = slicedWasserstein2(x, y, 64, 5);
    expect(sliced).toBeLessThanOrEqual(wasserstein2(x, y).w2);
    expect(slicedWasserstein2(x, y, 64, 5)).toBe(sliced);
    expect(slicedWasserstein2(x, y, 64, 6)).not.toBe(sliced);
  });
});

describe('metrics: bad input', () => {
  it('refuses sets of different dimensions, too few points, non-finite values and bad options', () => {
    const two = randomSet(5, 2, 1);
    expect(() => metrics(two, randomSet(5, 3, 1))).toThrow(/dimension 2 but the second set has dimension 3/);
    expect(() => metrics(two, set([[1, 2]]))).toThrow(/1 point; the distances need at least 2/);
    expect(() =>
      metrics(
        two,
        set([
          [1, 2],
          [Number.NaN, 0],
        ]),
      ),
    ).toThrow(/row 2, column 1 is not a finite number/);
    expect(() => metrics(two, two, { projections: 0 })).toThrow(OdeforgeError);
    expect(() => metrics(two, two, { bandwidth: -1 })).toThrow(/bandwidth must be a positive/);
    const same = set([
      [1, 1],
      [1, 1],
      [1, 1],
    ]);
    expect(() => metrics(same, same)).toThrow(/median pairwise distance of the pooled points is 0/);
  });
});
