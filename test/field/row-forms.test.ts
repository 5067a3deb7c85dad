// The dot-product forms of the field's distances (d ≠ 2; docs/mathematics.md §14): the error bound they rest on,
// against double-double values of the exact quantity; the field they give, against the difference form (within
// --field-tol where the dots form serves a row, the same bits where it only screens); the dense four-row sums, the
// same bits as the survivors' sums; and the shared memory the data lives in for every thread.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FieldKernel } from '../../src/design/types.js';
import { dotsErrorBound, TileDistances } from '../../src/field/distances.js';
import { EmpiricalField, empiricalData, fieldDataArray, sharedData } from '../../src/field/index.js';
import { RowForm, RowForms } from '../../src/field/row-forms.js';
import { SimdMemory } from '../../src/field/simd.js';
import { gaussianPathKernel, poissonPathKernel, testRng, veSchedule, vpSchedule } from '../sample/designs.js';

// ---- double-double arithmetic (Dekker; Knuth's two-sum): the exact quantity to ~1e-32 relative -------------
type DD = [number, number];
const SPLITTER = 134217729; // 2^27 + 1
function split(a: number): [number, number] {
  const c = SPLITTER * a;
  const hi = c - (c - a);
  return [hi, a - hi];
}
function twoProduct(a: number, b: number): DD {
  const p = a * b;
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}
function twoSum(a: number, b: number): DD {
  const s = a + b;
  const v = s - a;
  return [s, a - (s - v) + (b - v)];
}
function ddAdd(x: DD, y: DD): DD {
  const [s, e] = twoSum(x[0], y[0]);
  return quickTwoSum(s, e + x[1] + y[1]);
}
function quickTwoSum(a: number, b: number): DD {
  const s = a + b;
  return [s, b - (s - a)];
}
function ddMulNumber(x: DD, b: number): DD {
  const [p, e] = twoProduct(x[0], b);
  return quickTwoSum(p, e + x[1] * b);
}
function ddMul(x: DD, y: DD): DD {
  const [p, e] = twoProduct(x[0], y[0]);
  return quickTwoSum(p, e + x[0] * y[1] + x[1] * y[0]);
}

/** α²|x_j|² − 2α x·x_j = Σ_k (αx_jk)² − 2 x_k (αx_jk), in double-double. */
function exactShifted(x: Float64Array, xb: number, a: number, data: Float64Array, j: number, d: number): number {
  let sum: DD = [0, 0];
  for (let k = 0; k < d; k++) {
    const ax = twoProduct(a, data[j * d + k]!);
    sum = ddAdd(sum, ddMul(ax, ax));
    sum = ddAdd(sum, ddMulNumber(ax, -2 * x[xb + k]!));
  }
  return sum[0] + sum[1];
}

function gaussians(count: number, seed: number, scale = 1): Float64Array {
  const rng = testRng(seed);
  return Float64Array.from({ length: count }, () => scale * rng.normal());
}

/** m points in 8 tight clusters, shifted by `offset` in every coordinate (far from the origin: cancellation). */
function clusters(m: number, d: number, seed: number, offset: number): Float64Array {
  const rng = testRng(seed);
  const centres = Array.from({ length: 8 }, () => Array.from({ length: d }, () => 3 * rng.normal()));
  const out = new Float64Array(m * d);
  for (let j = 0; j < m; j++)
    for (let k = 0; k < d; k++) out[j * d + k] = offset + centres[j % 8]![k]! + 0.1 * rng.normal();
  return out;
}

function norm(v: Float64Array, b: number, d: number): number {
  let q = 0;
  for (let k = 0; k < d; k++) q += v[b + k]! ** 2;
  return Math.sqrt(q);
}

/** R: the largest distance of a data point from the centre of the data's bounding box (the field's tolerance unit). */
function boxRadius(data: Float64Array, m: number, d: number): number {
  const lo = new Float64Array(d).fill(Infinity);
  const hi = new Float64Array(d).fill(-Infinity);
  for (let j = 0; j < m; j++)
    for (let k = 0; k < d; k++) {
      lo[k] = Math.min(lo[k]!, data[j * d + k]!);
      hi[k] = Math.max(hi[k]!, data[j * d + k]!);
    }
  let r = 0;
  for (let j = 0; j < m; j++) {
    let q = 0;
    for (let k = 0; k < d; k++) q += (data[j * d + k]! - (lo[k]! + hi[k]!) / 2) ** 2;
    r = Math.max(r, Math.sqrt(q));
  }
  return r;
}

describe('dotsErrorBound: |dots − (|x − αx_j|² − |x|²)| ≤ γ_{d+4}(α²R² + 2|α||x|R)', () => {
  it.each([
    [3, 0],
    [17, 0],
    [64, 0],
    [64, 1000],
    [5, -300],
  ])('d = %i, data offset %d: holds for every pair, in the SIMD kernel and its JS twin alike', (d, offset) => {
    const m = 37;
    const rows = 8;
    const data = clusters(m, d, d + 1, offset);
    let dataNorm = 0;
    for (let j = 0; j < m; j++) dataNorm = Math.max(dataNorm, norm(data, j * d, d));
    const rng = testRng(7 * d);
    // rows near data points (the cancellation case) and far from them, at several α
    const x = new Float64Array(rows * d);
    const alpha = Float64Array.from([1, 0.3, 1e-3, 1, 0, 0.9, 2.5, 1]);
    for (let r = 0; r < rows; r++)
      for (let k = 0; k < d; k++)
        x[r * d + k] = alpha[r]! * data[(r % m) * d + k]! + (r < 4 ? 1e-3 : 30) * rng.normal();
    const which = Int32Array.from({ length: rows }, (_, r) => r);
    let worst = 0;
    for (const kernel of [SimdMemory.create(data, m, d, rows), null]) {
      const tile = new TileDistances(data, m, d, rows, kernel);
      tile.computeTile(x, 0, alpha, which, rows, new Int32Array(0), 0);
      for (let r = 0; r < rows; r++) {
        const bound = dotsErrorBound(d, alpha[r]!, norm(x, r * d, d), dataNorm);
        for (let j = 0; j < m; j++) {
          const error = Math.abs(tile.dist[r * m + j]! - exactShifted(x, r * d, alpha[r]!, data, j, d));
          expect(error).toBeLessThanOrEqual(bound);
          if (bound > 0) worst = Math.max(worst, error / bound);
        }
      }
    }
    // the bound is a bound, not a guess several orders too large
    expect(worst).toBeGreaterThan(1e-4);
  });

  it('is needed: far from the origin the dot-product form loses the distance itself, the difference form does not', () => {
    const d = 64;
    const m = 16;
    const data = clusters(m, d, 3, 1000);
    const x = new Float64Array(d);
    for (let k = 0; k < d; k++) x[k] = data[k]! + 1e-4; // |x − x_0|² = 64e-8
    const tile = new TileDistances(data, m, d, 1, SimdMemory.create(data, m, d, 1));
    const exactQ = 64e-8;
    tile.computeTile(x, 0, Float64Array.of(1), new Int32Array(0), 0, Int32Array.of(0), 1);
    expect(Math.abs(tile.dist[0]! - exactQ) / exactQ).toBeLessThan(1e-6);
    tile.computeTile(x, 0, Float64Array.of(1), Int32Array.of(0), 1, new Int32Array(0), 0);
    const fromDots = tile.dist[0]! + norm(x, 0, d) ** 2;
    expect(Math.abs(fromDots - exactQ) / exactQ).toBeGreaterThan(1e-3);
  });
});

/** Which forms the fields chose (spied), to make sure each test exercises the form it means to. */
function chosenForms(): Map<RowForm, number> {
  const counts = new Map<RowForm, number>();
  const original = RowForms.prototype.choose;
  vi.spyOn(RowForms.prototype, 'choose').mockImplementation(function (this: RowForms, ...args) {
    const form = original.apply(this, args);
    counts.set(form, (counts.get(form) ?? 0) + 1);
    return form;
  });
  return counts;
}

/** n states: noisy copies of data points at times log-uniform in [1e-3, T], and states of the prior at T. */
function states(data: Float64Array, m: number, d: number, n: number, seed: number, schedule = veSchedule, T = 80) {
  const rng = testRng(seed);
  const t = new Float64Array(n);
  const x = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    t[i] = i % 5 === 0 ? T : Math.exp(Math.log(1e-3) + rng.uniform() * Math.log(T / 1e-3));
    const { alpha, sigma } = schedule(t[i]!);
    const j = Math.floor(rng.uniform() * m);
    for (let k = 0; k < d; k++) x[i * d + k] = alpha * data[j * d + k]! + sigma * rng.normal();
  }
  return { t, x };
}

function posteriorMeans(
  kernel: FieldKernel,
  data: Float64Array,
  d: number,
  options: object,
  t: Float64Array,
  x: Float64Array,
) {
  const n = t.length;
  const field = new EmpiricalField(kernel, empiricalData(data, d), options);
  const mean = new Float64Array(n * d);
  const velocity = new Float64Array(n * d);
  field.posteriorMean(t, x, n, mean);
  field.velocity(t, x, n, velocity);
  return { mean, velocity };
}

describe('the field with dot-product distances', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  describe.each([
    [3, 0],
    [17, 0],
    [64, 0],
    [64, 50],
  ])('d = %i, data offset %d', (d, offset) => {
    const m = 301;
    const data = clusters(m, d, d, offset);
    const R = boxRadius(data, m, d);

    it.each([1e-12, 1e-9])('VE, --field-tol %d: x̂ within fieldTol·R of the difference form at random (x, t)', (tol) => {
      const { t, x } = states(data, m, d, 160, d + 2);
      const counts = chosenForms();
      const fast = posteriorMeans(gaussianPathKernel(veSchedule), data, d, { fieldTol: tol }, t, x);
      vi.restoreAllMocks();
      const exact = posteriorMeans(gaussianPathKernel(veSchedule), data, d, { fieldTol: 0, dotProducts: false }, t, x);
      const dots = counts.get(RowForm.Dots) ?? 0;
      if (offset === 0) expect(dots).toBeGreaterThan(0);
      // far from the origin the bound refuses the dots form at every σ of the test (cancellation) at 1e-12
      if (offset !== 0 && tol === 1e-12) expect(dots).toBe(0);
      if (dots === 0) expect(fast.mean).toEqual(exact.mean);
      let worst = 0;
      for (let i = 0; i < t.length; i++) {
        let q = 0;
        for (let k = 0; k < d; k++) q += (fast.mean[i * d + k]! - exact.mean[i * d + k]!) ** 2;
        worst = Math.max(worst, Math.sqrt(q) / (tol * R));
      }
      expect(worst).toBeLessThanOrEqual(1);
    });

    it.each([
      ['VE', () => gaussianPathKernel(veSchedule), veSchedule, 80],
      ['VP', () => gaussianPathKernel(vpSchedule), vpSchedule, 1],
      ['Poisson D = 1', () => poissonPathKernel(d, 1), veSchedule, 40],
    ] as const)(
      '%s, --field-tol 0: screening and the dense sums give the bits of the difference form',
      (_, kernel, schedule, T) => {
        const { t, x } = states(data, m, d, 160, d + 3, schedule, T);
        const counts = chosenForms();
        const fast = posteriorMeans(kernel(), data, d, { fieldTol: 0 }, t, x);
        vi.restoreAllMocks();
        const exact = posteriorMeans(kernel(), data, d, { fieldTol: 0, dotProducts: false }, t, x);
        expect(counts.get(RowForm.Dots) ?? 0).toBe(0);
        expect(counts.get(RowForm.Screen) ?? 0).toBeGreaterThan(0);
        expect(fast.velocity.every(Number.isFinite)).toBe(true);
        expect(fast.mean).toEqual(exact.mean);
        expect(fast.velocity).toEqual(exact.velocity);
      },
    );

    it('VE, --field-tol 1e-12: the SIMD kernels and their JS twins give the same bits', () => {
      const { t, x } = states(data, m, d, 80, d + 4);
      const simd = posteriorMeans(gaussianPathKernel(veSchedule), data, d, { fieldTol: 1e-12 }, t, x);
      const js = posteriorMeans(gaussianPathKernel(veSchedule), data, d, { fieldTol: 1e-12, simd: false }, t, x);
      expect(simd.velocity).toEqual(js.velocity);
    });
  });
});

describe('data shared by every thread', () => {
  it('fieldDataArray: in even d ≠ 2 the array is the kernels’ memory (no copy); else a SharedArrayBuffer', () => {
    for (const [d, inWasm] of [
      [64, true],
      [4, true],
      [3, false],
      [2, false],
    ] as const) {
      const array = fieldDataArray(10, d);
      expect(array.buffer).toBeInstanceOf(SharedArrayBuffer);
      array.set(gaussians(10 * d, d));
      const shared = sharedData({ data: array, rows: 10, dim: d });
      expect(shared.points !== undefined && shared.points.stride === d).toBe(inWasm);
      if (inWasm) expect(shared.data.buffer.byteLength).toBe(array.buffer.byteLength);
      expect(shared.data).toEqual(array);
    }
  });

  it('sharedData: odd d gets one padded copy for the kernels and a SharedArrayBuffer for the rest', () => {
    const d = 5;
    const values = gaussians(7 * d, 11);
    const shared = sharedData(empiricalData(values, d));
    expect(shared.points!.stride).toBe(6);
    expect(shared.data.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(shared.data).toEqual(values);
    const padded = new Float64Array(shared.points!.memory.buffer, shared.points!.offset, 7 * 6);
    for (let j = 0; j < 7; j++) {
      expect(Array.from(padded.subarray(j * 6, j * 6 + 5))).toEqual(Array.from(values.subarray(j * d, (j + 1) * d)));
      expect(padded[j * 6 + 5]).toBe(0);
    }
  });

  it('fields on the same shared data reuse their thread’s scratch: the memory grows once, the results are the same', () => {
    const d = 64;
    const m = 500;
    const array = fieldDataArray(m, d);
    array.set(clusters(m, d, 5, 0));
    const shared = sharedData({ data: array, rows: m, dim: d });
    const { t, x } = states(array, m, d, 24, 9);
    const run = () => {
      const field = new EmpiricalField(gaussianPathKernel(veSchedule), shared, { fieldTol: 1e-12 });
      const out = new Float64Array(24 * d);
      field.velocity(t, x, 24, out);
      return out;
    };
    const first = run();
    const grown = shared.points!.memory.buffer.byteLength;
    expect(grown).toBeGreaterThan(8 * m * d);
    for (let i = 0; i < 4; i++) expect(run()).toEqual(first);
    expect(shared.points!.memory.buffer.byteLength).toBe(grown);
    // scratch of another layout is another region: it cannot overwrite the norms a field keeps in its own
    const kept = new EmpiricalField(gaussianPathKernel(veSchedule), shared, { fieldTol: 1e-12 });
    const out = new Float64Array(24 * d);
    kept.velocity(t, x, 24, out);
    const other = SimdMemory.create(array, m, d, 1, shared.points)!;
    new Float64Array(shared.points!.memory.buffer, other.rows.byteOffset).fill(Number.NaN);
    kept.velocity(t, x, 24, out);
    expect(out).toEqual(first);
    // and the same bits as a field on a private copy of the data
    const own = new EmpiricalField(gaussianPathKernel(veSchedule), empiricalData(Float64Array.from(array), d), {
      fieldTol: 1e-12,
    });
    own.velocity(t, x, 24, out);
    expect(out).toEqual(first);
  });
});
