// The batched empirical field against a direct double-precision sum over data points (no blocking, no
// skipped weights), and its score against finite differences of log p_t(x) = log Σ_i p_t(x|x_i).
import { describe, expect, it } from 'vitest';
import type { FieldKernel } from '../../src/design/types.js';
import { EmpiricalField, empiricalData, logWeightCutoff } from '../../src/field/index.js';
import { OdeforgeError } from '../../src/errors.js';
import {
  gaussianPathKernel,
  logsech,
  poissonPathKernel,
  tanhKernel,
  testRng,
  veSchedule,
  vpSchedule,
} from '../sample/designs.js';

interface Case {
  name: string;
  kernel: (d: number) => FieldKernel;
  /** log p_t(x|x0) up to a constant independent of x0, written from docs/mathematics.md §5 directly. */
  logKernel: (t: number, x: number[], x0: number[]) => number;
  /** v_t(x|x0). */
  conditionalVelocity: (t: number, x: number[], x0: number[]) => number[];
  times: number[];
}

const sq = (a: number[], b: number[], scale = 1): number => a.reduce((s, ak, k) => s + (ak - scale * b[k]!) ** 2, 0);

const pathVelocity = (schedule: typeof veSchedule) => (t: number, x: number[], x0: number[]) => {
  const { alpha, sigma, dAlpha, dSigma } = schedule(t);
  return x.map((xk, k) => (dSigma / sigma) * (xk - alpha * x0[k]!) + dAlpha * x0[k]!);
};

const cases: Case[] = [
  {
    name: 'VE gaussian path',
    kernel: () => gaussianPathKernel(veSchedule),
    logKernel: (t, x, x0) => -sq(x, x0) / (2 * t * t),
    conditionalVelocity: pathVelocity(veSchedule),
    times: [80, 1, 0.05, 1e-3],
  },
  {
    name: 'VP gaussian path',
    kernel: () => gaussianPathKernel(vpSchedule),
    logKernel: (t, x, x0) => {
      const { alpha, sigma } = vpSchedule(t);
      return -sq(x, x0, alpha) / (2 * sigma * sigma);
    },
    conditionalVelocity: pathVelocity(vpSchedule),
    times: [1, 0.3, 0.01, 1e-3],
  },
  {
    name: 'Poisson D=1 path',
    kernel: (d) => poissonPathKernel(d, 1),
    logKernel: (t, x, x0) => (-(x.length + 1) / 2) * Math.log(t * t + sq(x, x0)),
    conditionalVelocity: pathVelocity(veSchedule),
    times: [40, 1, 0.05, 1e-3],
  },
  {
    name: 'Poisson D=4 through the general logNoise loop',
    kernel: (d) => poissonPathKernel(d, 4, true),
    logKernel: (t, x, x0) => (-(x.length + 4) / 2) * Math.log(t * t + sq(x, x0)),
    conditionalVelocity: pathVelocity(veSchedule),
    times: [40, 1, 0.05, 1e-3],
  },
  {
    name: 'radial tanh(r/t)',
    kernel: (d) => tanhKernel(d),
    logKernel: (t, x, x0) => {
      const r = Math.sqrt(sq(x, x0));
      return 2 * logsech(r / t) - (x.length - 1) * Math.log(r);
    },
    conditionalVelocity: (t, x, x0) => x.map((xk, k) => (xk - x0[k]!) / t),
    times: [40, 1, 0.05, 1e-3],
  },
];

function randomPoints(n: number, d: number, scale: number, seed: number): Float64Array {
  const rng = testRng(seed);
  const out = new Float64Array(n * d);
  for (let i = 0; i < out.length; i++) out[i] = scale * rng.normal();
  return out;
}

function row(a: Float64Array, i: number, d: number): number[] {
  return Array.from(a.subarray(i * d, (i + 1) * d));
}

/** f_t(x) = Σ w_i v_t(x|x_i), w_i = softmax(log p_t(x|x_i)) over every data point. */
function directVelocity(c: Case, t: number, x: number[], data: Float64Array, d: number): number[] {
  const m = data.length / d;
  const logs = Array.from({ length: m }, (_, i) => c.logKernel(t, x, row(data, i, d)));
  const max = Math.max(...logs);
  const w = logs.map((l) => Math.exp(l - max));
  const total = w.reduce((a, b) => a + b, 0);
  const f = new Array<number>(d).fill(0);
  for (let i = 0; i < m; i++) {
    const v = c.conditionalVelocity(t, x, row(data, i, d));
    for (let k = 0; k < d; k++) f[k]! += (w[i]! / total) * v[k]!;
  }
  return f;
}

function logMarginal(c: Case, t: number, x: number[], data: Float64Array, d: number): number {
  const m = data.length / d;
  const logs = Array.from({ length: m }, (_, i) => c.logKernel(t, x, row(data, i, d)));
  const max = Math.max(...logs);
  return max + Math.log(logs.reduce((s, l) => s + Math.exp(l - max), 0));
}

describe.each(cases)('EmpiricalField: $name', (c) => {
  describe.each([1, 2, 3, 5])('d = %i', (d) => {
    const m = 37;
    const n = 19; // more than two row tiles, with a ragged last tile
    const data = randomPoints(m, d, 2, 11 + d);

    it.each(c.times)('velocity equals the direct double sum at t = %f', (t) => {
      const field = new EmpiricalField(c.kernel(d), empiricalData(data, d));
      // states at the scale where weights are neither uniform nor one-hot for this t
      const x = randomPoints(n, d, 2 + t, 5 * d);
      const out = new Float64Array(n * d);
      field.velocity(new Float64Array(n).fill(t), x, n, out);
      for (let i = 0; i < n; i++) {
        const expected = directVelocity(c, t, row(x, i, d), data, d);
        const scale = Math.max(1, ...expected.map(Math.abs));
        for (let k = 0; k < d; k++) expect(Math.abs(out[i * d + k]! - expected[k]!)).toBeLessThan(1e-12 * scale);
      }
    });

    const radial = c.name.startsWith('radial');
    it.skipIf(radial)(
      `posterior mean x̂ = Σ w_i x_i equals the direct sum${radial ? ' (skipped: a radial kernel has no posterior mean)' : ''}`,
      () => {
        const t = 0.3;
        const field = new EmpiricalField(c.kernel(d), empiricalData(data, d));
        const x = randomPoints(n, d, 2, 3 * d);
        const out = new Float64Array(n * d);
        field.posteriorMean(new Float64Array(n).fill(t), x, n, out);
        for (let i = 0; i < n; i++) {
          const logs = Array.from({ length: m }, (_, j) => c.logKernel(t, row(x, i, d), row(data, j, d)));
          const max = Math.max(...logs);
          const w = logs.map((l) => Math.exp(l - max));
          const total = w.reduce((a, b) => a + b, 0);
          for (let k = 0; k < d; k++) {
            const expected = w.reduce((s, wj, j) => s + (wj / total) * data[j * d + k]!, 0);
            expect(Math.abs(out[i * d + k]! - expected)).toBeLessThan(1e-12 * Math.max(1, Math.abs(expected)));
          }
        }
      },
    );

    it('score is the gradient of log Σ_i p_t(x|x_i) (central differences)', () => {
      const t = 0.7;
      const field = new EmpiricalField(c.kernel(d), empiricalData(data, d));
      const x = randomPoints(n, d, 2, 9 * d);
      const out = new Float64Array(n * d);
      field.score(new Float64Array(n).fill(t), x, n, out);
      const h = 1e-5;
      for (let i = 0; i < n; i++) {
        const xi = row(x, i, d);
        for (let k = 0; k < d; k++) {
          const plus = xi.slice();
          const minus = xi.slice();
          plus[k]! += h;
          minus[k]! -= h;
          const fd = (logMarginal(c, t, plus, data, d) - logMarginal(c, t, minus, data, d)) / (2 * h);
          expect(Math.abs(out[i * d + k]! - fd)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
        }
      }
    });
  });
});

describe('EmpiricalField: per-row times and batch independence', () => {
  it('each row uses its own t, and a row gives the same bits alone or inside any batch', () => {
    const d = 2;
    const data = randomPoints(50, d, 3, 1);
    const field = new EmpiricalField(gaussianPathKernel(vpSchedule), empiricalData(data, d));
    const n = 23;
    const x = randomPoints(n, d, 1, 2);
    const t = Float64Array.from({ length: n }, (_, i) => 1e-3 + i / n);
    const batch = new Float64Array(n * d);
    field.velocity(t, x, n, batch);
    for (let i = 0; i < n; i++) {
      const single = new Float64Array(d);
      field.velocity(t.subarray(i, i + 1), x.subarray(i * d, (i + 1) * d), 1, single);
      expect(Array.from(single)).toEqual(row(batch, i, d));
    }
  });

  it('near t → 0 the weights are one-hot: a state next to a data point moves towards it', () => {
    const d = 2;
    const data = Float64Array.from([0, 0, 1, 0, 0, 1]);
    const field = new EmpiricalField(gaussianPathKernel(veSchedule), empiricalData(data, d));
    const out = new Float64Array(2);
    // v = (x − x_1)/t exactly: the other points' weights are e^{−(~0.5)/(2e−6)} = 0.
    field.velocity(Float64Array.of(1e-3), Float64Array.of(1.0001, 0.0002), 1, out);
    expect(out[0]).toBeCloseTo(0.1, 12);
    expect(out[1]).toBeCloseTo(0.2, 12);
  });

  it('the cutoff leaves out less than 2^-53 of the weight in total', () => {
    for (const m of [1, 100, 1e6]) expect(m * Math.exp(-logWeightCutoff(m))).toBeLessThanOrEqual(2 ** -53);
  });
});

describe('empiricalData: bad data', () => {
  it('rejects an empty data set', () => {
    expect(() => empiricalData(new Float64Array(0), 2)).toThrow(/empty/);
  });
  it('rejects a length that is not a multiple of the dimension', () => {
    expect(() => empiricalData(new Float64Array(5), 2)).toThrow(/not a multiple of the dimension 2/);
  });
  it('names the point and coordinate of a non-finite value', () => {
    const e = (() => {
      try {
        empiricalData(Float64Array.of(1, 2, 3, Number.NaN), 2, 'data.csv');
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(OdeforgeError);
    expect((e as OdeforgeError).format()).toMatch(/^data\.csv: data point 2, coordinate 2 is NaN/);
  });
});

describe('EmpiricalField: rows with α = 0 (rectified flow at t = T)', () => {
  const rectified = (t: number) => ({ alpha: 1 - t, sigma: t, dAlpha: -1, dSigma: 1 });

  it.each([2, 3, 7])(
    'd = %i: x̂ is the data mean, f = x − x̂ and the score −x/σ² at t = 1, next to rows with α ≠ 0',
    (d) => {
      const m = 23;
      const data = randomPoints(m, d, 2, 40 + d);
      const field = new EmpiricalField(gaussianPathKernel(rectified), empiricalData(data, d));
      const n = 5;
      const x = randomPoints(n, d, 1, 50 + d);
      const t = Float64Array.from([1, 0.5, 1, 0.9, 1]);
      const velocity = new Float64Array(n * d);
      const score = new Float64Array(n * d);
      field.velocity(t, x, n, velocity);
      field.score(t, x, n, score);
      const mean = Array.from(
        { length: d },
        (_, k) => data.filter((_, i) => i % d === k).reduce((a, b) => a + b, 0) / m,
      );
      for (const i of [0, 2, 4]) {
        for (let k = 0; k < d; k++) {
          expect(velocity[i * d + k]).toBeCloseTo(x[i * d + k]! - mean[k]!, 12);
          // p_1(x | x0) = N(x; 0, I) for every x0
          expect(score[i * d + k]).toBeCloseTo(-x[i * d + k]!, 12);
        }
      }
      // Poisson noise (D = 1) on the same path: its score depends on |x − α x0|² itself, −(d + 1) x/(σ² + |x|²)
      const poisson = { ...poissonPathKernel(d, 1), schedule: rectified };
      new EmpiricalField(poisson, empiricalData(data, d)).score(t, x, n, score);
      for (const i of [0, 2, 4]) {
        const r2 = row(x, i, d).reduce((s, v) => s + v * v, 0);
        for (let k = 0; k < d; k++) expect(score[i * d + k]).toBeCloseTo((-(d + 1) * x[i * d + k]!) / (1 + r2), 12);
      }
      // the α ≠ 0 rows of the same tiles against the direct sum
      const c: Case = {
        ...cases[0]!,
        conditionalVelocity: pathVelocity(rectified),
        logKernel: (tt, xx, x0) => -sq(xx, x0, 1 - tt) / (2 * tt * tt),
      };
      for (const i of [1, 3]) {
        const expected = directVelocity(c, t[i]!, row(x, i, d), data, d);
        for (let k = 0; k < d; k++)
          expect(Math.abs(velocity[i * d + k]! - expected[k]!)).toBeLessThan(
            1e-12 * Math.max(1, Math.abs(expected[k]!)),
          );
      }
    },
  );
});
