// The radial field's fast paths built by the design layer (one generated loop per row, direct weights
// without logs, k_t taken out of the sum, far data skipped for provably non-increasing kernels) against
// a naive double loop over every data point with the design's own log φ, k and ∂r log φ.
import { describe, expect, it } from 'vitest';
import { designFromText } from '../../src/design/index.js';
import type { FieldKernel } from '../../src/design/types.js';
import { EmpiricalField, empiricalData } from '../../src/field/index.js';
import { testRng } from '../sample/designs.js';

type Radial = Extract<FieldKernel, { kind: 'radial' }>;

const specs: { name: string; body: string; nonIncreasing: boolean; kOfT: boolean; dims?: number[] }[] = [
  { name: 'tanh(r/t)', body: 'cumulative: tanh(r/t)', nonIncreasing: true, kOfT: true },
  { name: '1 − e^{−r/t}', body: 'cumulative: 1 - exp(-r/t)', nonIncreasing: true, kOfT: true },
  // d = 2 only: at other d nerdamer cannot integrate it and the quadrature profile has no trees (no fast paths)
  { name: 'Gaussian density', body: 'density: exp(-r^2 / (2 * t^2))', nonIncreasing: false, kOfT: true, dims: [2] },
  // not a scale family: k depends on r, and the sign analysis cannot prove φ monotone
  { name: 'tanh(r/t + r²)', body: 'cumulative: tanh(r/t + r^2)', nonIncreasing: false, kOfT: false },
];

/** Six tight clusters on a circle of radius 3 (so that far clusters can be skipped at small t). */
function clusteredData(m: number, d: number): Float64Array {
  const rng = testRng(7);
  const out = new Float64Array(m * d);
  for (let j = 0; j < m; j++) {
    const angle = (2 * Math.PI * (j % 6)) / 6;
    for (let k = 0; k < d; k++)
      out[j * d + k] = (k === 0 ? 3 * Math.cos(angle) : k === 1 ? 3 * Math.sin(angle) : 0) + 0.05 * rng.normal();
  }
  return out;
}

/** States near data points (offset of scale `spread`) and a few far from all data. */
function states(data: Float64Array, d: number, n: number, spread: number): Float64Array {
  const rng = testRng(11);
  const m = data.length / d;
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const j = Math.floor(rng.uniform() * m);
    const scale = i % 5 === 4 ? 4 : spread;
    for (let k = 0; k < d; k++) out[i * d + k] = data[j * d + k]! + scale * rng.normal();
  }
  return out;
}

/**
 * Σ w_j g(r_j)(x − x_j) / Σ w_j, w_j = e^{log φ_t(r_j) − max}, over every data point; with the same sum of
 * absolute values Σ w_j |g(r_j)| (|x| + |x_j|) / Σ w_j, the scale of its rounding error (at t = 1e-5 the
 * terms are 1e5 times the result).
 */
function naive(
  kernel: Radial,
  t: number,
  x: Float64Array,
  i: number,
  data: Float64Array,
  d: number,
  g: (r: number) => number,
): { value: number[]; scale: number; tolerance: number } {
  const m = data.length / d;
  const r = Array.from({ length: m }, (_, j) =>
    Math.hypot(...Array.from({ length: d }, (_, k) => x[i * d + k]! - data[j * d + k]!)),
  );
  const logs = r.map((rj) => kernel.logPhi(t, rj));
  const max = Math.max(...logs);
  const w = logs.map((l) => Math.exp(l - max));
  const total = w.reduce((a, b) => a + b, 0);
  const value = Array.from(
    { length: d },
    (_, k) => w.reduce((s, wj, j) => s + wj * g(r[j]!) * (x[i * d + k]! - data[j * d + k]!), 0) / total,
  );
  let scale = 0;
  for (let k = 0; k < d; k++) {
    scale = Math.max(
      scale,
      w.reduce((s, wj, j) => s + wj * Math.abs(g(r[j]!)) * (Math.abs(x[i * d + k]!) + Math.abs(data[j * d + k]!)), 0) /
        total,
    );
  }
  // log-weights of size |max| carry rounding of ε|max| into every weight (far states of tanh(r/t + r²))
  return { value, scale, tolerance: (1e-13 + 4 * Number.EPSILON * Math.abs(max)) * Math.max(1, scale) };
}

describe.each(specs)('radial fast paths: $name', (spec) => {
  describe.each(spec.dims ?? [2, 3, 6])('d = %i', (d) => {
    const design = designFromText(`family: radial\ndimension: ${d}\n${spec.body}\ntime: { T: 40, epsilon: 0.001 }\n`);
    const kernel = design.fieldKernel as Radial;
    const data = clusteredData(300, d);

    it('the design compiled the fast paths it can prove', () => {
      expect(kernel.logRow).toBeTypeOf('function');
      expect(kernel.directRow).toBeTypeOf('function');
      expect(kernel.nonIncreasing).toBe(spec.nonIncreasing);
      expect(kernel.kOfT !== undefined).toBe(spec.kOfT);
    });

    // 1e-5: the direct weights underflow for the far states (u = r/t ≈ 1e5), so the log loop takes over
    it.each([40, 1, 0.05, 1e-3, 1e-5])('velocity and score equal the naive sum at t = %f', (t) => {
      const n = 25;
      const x = states(data, d, n, 3 * t);
      const field = new EmpiricalField(kernel, empiricalData(data, d));
      const velocity = new Float64Array(n * d);
      const score = new Float64Array(n * d);
      const times = new Float64Array(n).fill(t);
      field.velocity(times, x, n, velocity);
      field.score(times, x, n, score);
      for (let i = 0; i < n; i++) {
        const v = naive(kernel, t, x, i, data, d, (r) => kernel.k(t, r));
        const s = naive(kernel, t, x, i, data, d, (r) => (r > 0 ? kernel.dLogPhiDr(t, r) / r : 0));
        for (let k = 0; k < d; k++) {
          expect(Math.abs(velocity[i * d + k]! - v.value[k]!)).toBeLessThan(v.tolerance);
          expect(Math.abs(score[i * d + k]! - s.value[k]!)).toBeLessThan(s.tolerance);
        }
      }
    });
  });
});
