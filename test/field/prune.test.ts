// The tree-pruned posterior mean (fieldTol > 0) against a direct log-sum-exp sum over every data point, written
// here from w_i ∝ exp(−|x − α x_i|²/(2σ²)) alone: |x̂ − x̂_exact| ≤ fieldTol · R at random (x, t), R the data's
// radius about its bounding-box centre (docs/mathematics.md §13). Also the Hermite expansion against a direct sum.
import { describe, expect, it } from 'vitest';
import { EmpiricalField, empiricalData } from '../../src/field/index.js';
import { expandNode, expansionOrder, hermiteFactors, PlaneMoments, roundingBound } from '../../src/field/hermite.js';
import { poissonCoefficients, poissonExpand, poissonOrder } from '../../src/field/poisson-far.js';
import { PrunedPathSum } from '../../src/field/prune.js';
import { KdTree } from '../../src/field/tree.js';
import { gaussianPathKernel, poissonPathKernel, testRng, veSchedule, vpSchedule } from '../sample/designs.js';

/** m points in d dimensions around 8 cluster centres (spread 0.05 .. 0.5), a few far outliers. */
function clusters(m: number, d: number, seed: number): Float64Array {
  const rng = testRng(seed);
  const centres = Array.from({ length: 8 }, () => Array.from({ length: d }, () => 4 * rng.normal()));
  const spreads = Array.from({ length: 8 }, (_, c) => 0.05 * 10 ** (c / 7));
  const data = new Float64Array(m * d);
  for (let i = 0; i < m; i++) {
    const c = i % 8;
    for (let k = 0; k < d; k++) data[i * d + k] = centres[c]![k]! + spreads[c]! * rng.normal();
  }
  for (let k = 0; k < d; k++) data[k] = 30; // an outlier makes R large against the clusters
  return data;
}

/**
 * Σ w_i x_i / Σ w_i with log w_i = −|x − α x_i|²/(2σ²) (or, given the Poisson power c, −c log(σ² + |x − α x_i|²)),
 * relative to the largest log-weight (no cutoff).
 */
function directPosteriorMean(
  data: Float64Array,
  d: number,
  alpha: number,
  sigma: number,
  x: Float64Array,
  poissonPower = 0,
): number[] {
  const m = data.length / d;
  const logw = new Float64Array(m);
  let max = -Infinity;
  for (let i = 0; i < m; i++) {
    let q = 0;
    for (let k = 0; k < d; k++) q += (x[k]! - alpha * data[i * d + k]!) ** 2;
    logw[i] = poissonPower > 0 ? -poissonPower * Math.log(sigma * sigma + q) : -q / (2 * sigma * sigma);
    max = Math.max(max, logw[i]!);
  }
  let sum = 0;
  const acc = new Array<number>(d).fill(0);
  for (let i = 0; i < m; i++) {
    const w = Math.exp(logw[i]! - max);
    sum += w;
    for (let k = 0; k < d; k++) acc[k]! += w * data[i * d + k]!;
  }
  return acc.map((a) => a / sum);
}

/** The radius of the data about the centre of its bounding box. */
function boxRadius(data: Float64Array, d: number): number {
  const m = data.length / d;
  const centre = Array.from({ length: d }, (_, k) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < m; i++) {
      lo = Math.min(lo, data[i * d + k]!);
      hi = Math.max(hi, data[i * d + k]!);
    }
    return (lo + hi) / 2;
  });
  let r2 = 0;
  for (let i = 0; i < m; i++)
    r2 = Math.max(
      r2,
      centre.reduce((s, c, k) => s + (data[i * d + k]! - c) ** 2, 0),
    );
  return Math.sqrt(r2);
}

const schedules = [
  { name: 'VE', schedule: veSchedule, T: 80, poisson: false },
  { name: 'VP', schedule: vpSchedule, T: 1, poisson: false },
  { name: 'Poisson (PFGM, D = 1)', schedule: veSchedule, T: 40, poisson: true },
];

describe('pruned posterior mean (fieldTol > 0)', () => {
  for (const { name, schedule, T, poisson } of schedules) {
    for (const d of [2, 3]) {
      for (const tol of [1e-3, 1e-8, 1e-12]) {
        it(`${name}, d = ${d}, fieldTol ${tol}: |x̂ − x̂_exact| ≤ fieldTol · R at random (x, t)`, () => {
          const m = 3000;
          const data = clusters(m, d, 11 + d);
          // the tree on every row (EmpiricalField hands rows back to its exact loops where the tree would be slower)
          const c = poisson ? (d + 1) / 2 : 0;
          const pruned = new PrunedPathSum(data, m, d, tol, { predictCost: false, poissonPower: c || undefined });
          const R = boxRadius(data, d);
          const rng = testRng(5);
          const n = 120;
          const t = new Float64Array(n);
          const x = new Float64Array(n * d);
          for (let i = 0; i < n; i++) {
            // log-uniform t over [1e-3, T]; x on the path of a random data point, or anywhere (every 3rd row)
            t[i] = 1e-3 * (T / 1e-3) ** rng.uniform();
            const { alpha, sigma } = schedule(t[i]!);
            const j = Math.floor(rng.uniform() * m);
            for (let k = 0; k < d; k++)
              x[i * d + k] = i % 3 === 0 ? 10 * rng.normal() : alpha * data[j * d + k]! + sigma * rng.normal();
          }
          const out = new Float64Array(n * d);
          for (let i = 0; i < n; i++) {
            const { alpha, sigma } = schedule(t[i]!);
            expect(pruned.posteriorMean(alpha, sigma, x, i * d, out, i * d)).toBe(true);
          }
          let worst = 0;
          for (let i = 0; i < n; i++) {
            const { alpha, sigma } = schedule(t[i]!);
            const exact = directPosteriorMean(data, d, alpha, sigma, x.subarray(i * d, (i + 1) * d), c);
            const error = Math.hypot(...exact.map((e, k) => out[i * d + k]! - e));
            worst = Math.max(worst, error / R);
          }
          // the bound, plus rounding of the two float64 sums (a few ulp of R)
          expect(worst).toBeLessThanOrEqual(tol + 1e-15);
          // the tree did skip work: fewer exact pairs than the full sums (the Poisson kernel's tails are too heavy
          // to skip anything in d = 3, where it has no expansion)
          if (!(poisson && d === 3)) expect(pruned.stats.pairs).toBeLessThan(n * m);
          if (d === 2) expect(pruned.stats.expansions).toBeGreaterThan(0);
        });
      }
    }
  }

  it('far from all data (|t| up to ~20, where the Hermite series cancels badly in float64) the bound still holds', () => {
    const d = 2;
    const m = 5000;
    const rng = testRng(21);
    const data = Float64Array.from({ length: m * d }, () => rng.uniform());
    const R = boxRadius(data, d);
    const pruned = new PrunedPathSum(data, m, d, 1e-12, { predictCost: false });
    const out = new Float64Array(d);
    for (const sigma of [0.2, 0.35, 0.5, 1]) {
      for (const far of [2, 4, 6, 8]) {
        const x = Float64Array.from([0.5 + far * Math.cos(far), 0.5 + far * Math.sin(far)]);
        expect(pruned.posteriorMean(1, sigma, x, 0, out, 0)).toBe(true);
        const exact = directPosteriorMean(data, d, 1, sigma, x);
        expect(Math.hypot(out[0]! - exact[0]!, out[1]! - exact[1]!) / R).toBeLessThanOrEqual(1e-12 + 1e-15);
      }
    }
  });

  it('velocity and score follow from x̂: f = (σ̇/σ)(x − αx̂) + α̇x̂, ∇log p = −(x − αx̂)/σ²', () => {
    const d = 2;
    const m = 4096;
    const data = clusters(m, d, 3);
    const kernel = gaussianPathKernel(vpSchedule);
    const pruned = new EmpiricalField(kernel, empiricalData(data, d), { fieldTol: 1e-12 });
    const exact = new EmpiricalField(kernel, empiricalData(data, d));
    const rng = testRng(9);
    const n = 40;
    const t = Float64Array.from({ length: n }, () => 1e-3 * 1e3 ** rng.uniform());
    const x = Float64Array.from({ length: n * d }, () => 3 * rng.normal());
    const R = boxRadius(data, d);
    for (const method of ['velocity', 'score'] as const) {
      const a = new Float64Array(n * d);
      const b = new Float64Array(n * d);
      pruned[method](t, x, n, a);
      exact[method](t, x, n, b);
      for (let i = 0; i < n; i++) {
        const { alpha, sigma, dAlpha, dSigma } = vpSchedule(t[i]!);
        // |Δf| ≤ |α̇ − α σ̇/σ| tol R; |Δscore| ≤ α tol R / σ²; plus rounding of f itself
        const scale = method === 'velocity' ? Math.abs(dAlpha - (alpha * dSigma) / sigma) : alpha / sigma ** 2;
        for (let k = 0; k < d; k++) {
          const allowed = scale * 1e-12 * R + 1e-14 * Math.abs(b[i * d + k]!) + 1e-300;
          expect(Math.abs(a[i * d + k]! - b[i * d + k]!)).toBeLessThanOrEqual(allowed);
        }
      }
    }
    expect(pruned.pruneStats()!.rows).toBeGreaterThan(0);
  });

  it('Poisson (PFGM) in the plane: x̂ from the root expansion at large σ, else the exact loops; within tol · R', () => {
    const d = 2;
    const m = 5000;
    const data = clusters(m, d, 12);
    data[0] = data[2]!; // no outlier: the root's far field needs σ ≫ R (here up to 40 against R ≈ 10)
    data[1] = data[3]!;
    const R = boxRadius(data, d);
    const kernel = poissonPathKernel(d, 1);
    const pruned = new EmpiricalField(kernel, empiricalData(data, d), { fieldTol: 1e-12 });
    const exact = new EmpiricalField(kernel, empiricalData(data, d));
    const rng = testRng(13);
    const n = 60;
    const t = Float64Array.from({ length: n }, () => 1e-2 * 4e3 ** rng.uniform());
    const x = Float64Array.from({ length: n * d }, (_, i) => 3 * rng.normal() * Math.max(1, t[Math.floor(i / d)]!));
    const a = new Float64Array(n * d);
    const b = new Float64Array(n * d);
    pruned.posteriorMean(t, x, n, a);
    exact.posteriorMean(t, x, n, b);
    for (let i = 0; i < n; i++) {
      const error = Math.hypot(a[2 * i]! - b[2 * i]!, a[2 * i + 1]! - b[2 * i + 1]!);
      expect(error / R).toBeLessThanOrEqual(1e-12 + 1e-15);
    }
    const stats = pruned.pruneStats()!;
    expect(stats.expansions).toBeGreaterThan(0);
    expect(stats.fallbacks).toBeGreaterThan(0);
  });

  it('fieldTol = 0 is the exact field, bit for bit', () => {
    const d = 2;
    const data = clusters(4096, d, 4);
    const kernel = gaussianPathKernel(veSchedule);
    const plain = new EmpiricalField(kernel, empiricalData(data, d));
    const zero = new EmpiricalField(kernel, empiricalData(data, d), { fieldTol: 0 });
    const rng = testRng(2);
    const n = 30;
    const t = Float64Array.from({ length: n }, () => 1e-3 * 8e4 ** rng.uniform());
    const x = Float64Array.from({ length: n * d }, () => 5 * rng.normal());
    for (const method of ['velocity', 'score', 'posteriorMean'] as const) {
      const a = new Float64Array(n * d);
      const b = new Float64Array(n * d);
      plain[method](t, x, n, a);
      zero[method](t, x, n, b);
      expect(Buffer.from(b.buffer).equals(Buffer.from(a.buffer))).toBe(true);
    }
    expect(zero.pruneStats()).toBeNull();
  });

  it('rejects a field tolerance outside [0, 1)', () => {
    const data = empiricalData(new Float64Array([0, 0, 1, 1]), 2);
    for (const bad of [-1e-3, 1, Number.NaN])
      expect(() => new EmpiricalField(gaussianPathKernel(veSchedule), data, { fieldTol: bad })).toThrow(/tolerance/);
  });
});

describe('k-d tree bounds', () => {
  it('every point lies between the lower and upper distance bounds of each node that holds it', () => {
    const d = 3;
    const data = clusters(700, d, 8);
    const tree = new KdTree(data, 700, d);
    const rng = testRng(1);
    for (let trial = 0; trial < 20; trial++) {
      const y = Float64Array.from({ length: d }, () => 6 * rng.normal());
      let nearest = Infinity;
      for (let node = 0; node < tree.nodes; node++) {
        const lo = tree.lowerDistance2(node, y, 0);
        const hi = tree.upperDistance2(node, y, 0);
        for (let i = tree.start[node]!; i < tree.start[node]! + tree.count[node]!; i++) {
          const q = Array.from({ length: d }, (_, k) => (y[k]! - tree.points[i * d + k]!) ** 2).reduce((s, v) => s + v);
          expect(q).toBeGreaterThanOrEqual(lo);
          expect(q).toBeLessThanOrEqual(hi);
        }
      }
      for (let i = 0; i < 700; i++) {
        const q = Array.from({ length: d }, (_, k) => (y[k]! - data[i * d + k]!) ** 2).reduce((s, v) => s + v);
        nearest = Math.min(nearest, q);
      }
      expect(tree.nearestDistance2(y, 0)).toBe(nearest);
    }
  });
});

describe('Hermite far field (d = 2)', () => {
  it('the expansion of a node differs from its direct sum by at most the proven bound', () => {
    const data = clusters(4096, 2, 6);
    const tree = new KdTree(data, 4096, 2);
    const moments = new PlaneMoments(tree);
    const rng = testRng(4);
    const g1 = new Float64Array(32);
    const g2 = new Float64Array(32);
    const sums = new Float64Array(3);
    let checked = 0;
    for (let node = 0; node < tree.nodes; node++) {
      if (moments.offset[node]! < 0) continue;
      for (const H of [0.5, 2, 10]) {
        const c1 = tree.centre[2 * node]!;
        const c2 = tree.centre[2 * node + 1]!;
        const y = [c1 + H * rng.normal(), c2 + H * rng.normal()];
        const t1 = (y[0]! - c1) / H;
        const t2 = (y[1]! - c2) / H;
        const rho1 = (Math.SQRT2 * tree.half[2 * node]!) / H;
        const rho2 = (Math.SQRT2 * tree.half[2 * node + 1]!) / H;
        const logScale = 0.3; // weights e^{0.3 − |y − x_i|²/H²}
        const boundOut = new Float64Array(1);
        const order = expansionOrder(t1, t2, rho1, rho2, logScale, 1e-9, 16, boundOut);
        if (order === 0) continue;
        hermiteFactors(t1, t2, 1 / H, order, g1, g2);
        const half1 = tree.half[2 * node]!;
        const half2 = tree.half[2 * node + 1]!;
        const bound = boundOut[0]! + roundingBound(half1, half2, order, t1, t2, logScale, g1, g2);
        expandNode(moments, node, order, t1, t2, logScale, g1, g2, sums);
        let s = 0;
        let a1 = 0;
        let a2 = 0;
        for (let i = tree.start[node]!; i < tree.start[node]! + tree.count[node]!; i++) {
          const p1 = tree.points[2 * i]!;
          const p2 = tree.points[2 * i + 1]!;
          const w = Math.exp(logScale - ((y[0]! - p1) ** 2 + (y[1]! - p2) ** 2) / (H * H));
          s += w;
          a1 += w * (p1 - c1);
          a2 += w * (p2 - c2);
        }
        const n = tree.count[node]!;
        const r = tree.radius[node]!;
        expect(Math.abs(sums[0]! - s)).toBeLessThanOrEqual(bound * n + 1e-15 * s);
        expect(Math.abs(sums[1]! - a1)).toBeLessThanOrEqual(bound * n * r + 1e-15 * s * r);
        expect(Math.abs(sums[2]! - a2)).toBeLessThanOrEqual(bound * n * r + 1e-15 * s * r);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});

describe('Poisson far field (d = 2)', () => {
  it('the Gegenbauer expansion of a node differs from its direct sum by at most its bound', () => {
    const data = clusters(4096, 2, 6);
    const tree = new KdTree(data, 4096, 2);
    const moments = new PlaneMoments(tree);
    const rng = testRng(8);
    const coefs = new Float64Array(17 * 17);
    const majorant = new Float64Array(17 * 17);
    const sums = new Float64Array(3);
    const boundOut = new Float64Array(1);
    const c = 1.5;
    let checked = 0;
    for (let node = 0; node < tree.nodes; node++) {
      if (moments.offset[node]! < 0) continue;
      for (const S of [0.3, 2, 10]) {
        const c1 = tree.centre[2 * node]!;
        const c2 = tree.centre[2 * node + 1]!;
        const y = [c1 + 2 * S * rng.normal(), c2 + 2 * S * rng.normal()];
        const u1 = y[0]! - c1;
        const u2 = y[1]! - c2;
        const D = Math.sqrt(S * S + u1 * u1 + u2 * u2);
        const order = poissonOrder(tree.radius[node]! / D, c, 1e-9, 16, boundOut);
        if (order === 0) continue;
        poissonCoefficients(u1 / D, u2 / D, c, order, coefs, majorant);
        const half1 = tree.half[2 * node]!;
        const half2 = tree.half[2 * node + 1]!;
        const rounding = poissonExpand(moments, node, order, 1 / D, half1, half2, coefs, majorant, sums);
        // direct sums in units of D^{−2c}: (D² / (S² + |y − x_i|²))^c
        let s = 0;
        let a1 = 0;
        let a2 = 0;
        for (let i = tree.start[node]!; i < tree.start[node]! + tree.count[node]!; i++) {
          const p1 = tree.points[2 * i]!;
          const p2 = tree.points[2 * i + 1]!;
          const w = ((D * D) / (S * S + (y[0]! - p1) ** 2 + (y[1]! - p2) ** 2)) ** c;
          s += w;
          a1 += w * (p1 - c1);
          a2 += w * (p2 - c2);
        }
        const n = tree.count[node]!;
        const r = tree.radius[node]!;
        const bound = (boundOut[0]! + rounding) * n;
        expect(Math.abs(sums[0]! - s)).toBeLessThanOrEqual(bound + 1e-15 * s);
        expect(Math.abs(sums[1]! - a1)).toBeLessThanOrEqual(bound * r + 1e-15 * s * r);
        expect(Math.abs(sums[2]! - a2)).toBeLessThanOrEqual(bound * r + 1e-15 * s * r);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});
