// The field's WebAssembly SIMD kernels (d ≠ 2): distances against a direct double-precision sum; distances
// and whole fields bit for bit against the JS loops that stand in for them; the bytes in step with simd.wat.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script without type declarations
import { wasmModulePath, wasmModuleSource } from '../../scripts/generate-wasm.mjs';
import type { FieldKernel } from '../../src/design/types.js';
import { TileDistances } from '../../src/field/distances.js';
import { EmpiricalField, empiricalData } from '../../src/field/index.js';
import { SimdMemory } from '../../src/field/simd.js';
import { gaussianPathKernel, poissonPathKernel, tanhKernel, testRng, veSchedule } from '../sample/designs.js';

const TILE = 8;

function gaussians(count: number, seed: number, scale: number): Float64Array {
  const rng = testRng(seed);
  return Float64Array.from({ length: count }, () => scale * rng.normal());
}

/** |x_r − α_r x_j|² summed directly, or with `scale` (|x_r| + |α_r x_j|)², the size of its rounding errors. */
function direct(
  x: Float64Array,
  row0: number,
  rows: number,
  alpha: Float64Array,
  data: Float64Array,
  m: number,
  d: number,
  scale = false,
): number[][] {
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: m }, (_, j) => {
      let q = 0;
      for (let k = 0; k < d; k++) {
        const xk = x[(row0 + r) * d + k]!;
        const yk = alpha[r]! * data[j * d + k]!;
        q += scale ? (Math.abs(xk) + Math.abs(yk)) ** 2 : (xk - yk) ** 2;
      }
      return q;
    }),
  );
}

function tileRows(tile: TileDistances, rows: number, m: number): number[][] {
  return Array.from({ length: rows }, (_, r) => Array.from(tile.dist.subarray(r * m, (r + 1) * m)));
}

describe('TileDistances', () => {
  it('has the SIMD kernels in this Node for every d (else the tests below would only test the fallback)', () => {
    for (const d of [1, 3, 4, 64]) expect(SimdMemory.create(new Float64Array(3 * d), 3, d, TILE)).not.toBeNull();
  });

  describe.each([1, 3, 4, 5, 8, 17, 64])('d = %i', (d) => {
    // m odd and even, a block boundary (2048 doubles of data) crossed for every d, tiles full and partial.
    it.each([
      [1, 1],
      [7, 3],
      [8, 130],
      [5, 2 * 2048 + 1],
    ])('%i rows × %i data points: equal to a direct sum, and SIMD and JS give the same bits', (rows, m) => {
      const data = gaussians(m * d, 10 * d + m, 1);
      const x = gaussians((rows + 2) * d, 7 * d + m, 3);
      // α = 0 (x_t = σ z), 1, and generic values
      const alpha = Float64Array.from({ length: TILE }, (_, r) => [0.37, 1, 0, 2.5, 1e-3, 0.9, 1, 0.5][r]!);
      const row0 = 2;
      const simd = new TileDistances(data, m, d, TILE, SimdMemory.create(data, m, d, TILE));
      const js = new TileDistances(data, m, d, TILE);
      simd.compute(x, row0, rows, alpha);
      js.compute(x, row0, rows, alpha);
      const expected = direct(x, row0, rows, alpha, data, m, d);
      const scale = direct(x, row0, rows, alpha, data, m, d, true);
      const got = tileRows(simd, rows, m);
      let worst = 0;
      for (let r = 0; r < rows; r++) {
        for (let j = 0; j < m; j++) worst = Math.max(worst, Math.abs(got[r]![j]! - expected[r]![j]!) / scale[r]![j]!);
      }
      // a few roundings per coordinate (x/α, then α² back), relative to the terms' size
      expect(worst).toBeLessThan(1e-14);
      expect(tileRows(js, rows, m)).toEqual(got);
    });
  });

  it('computes a tile again from scratch (no state carried from the previous one)', () => {
    const d = 6;
    const m = 33;
    const data = gaussians(m * d, 1, 1);
    const x = gaussians(16 * d, 2, 2);
    const alpha = new Float64Array(TILE).fill(1);
    const tile = new TileDistances(data, m, d, TILE, SimdMemory.create(data, m, d, TILE));
    tile.compute(x, 8, 8, alpha);
    tile.compute(x, 0, 3, alpha);
    const expected = direct(x, 0, 3, alpha, data, m, d);
    const got = tileRows(tile, 3, m);
    for (let r = 0; r < 3; r++) for (let j = 0; j < m; j++) expect(got[r]![j]!).toBeCloseTo(expected[r]![j]!, 12);
  });

  it('has its generated WebAssembly in step with simd.wat (else run `npm run generate`)', async () => {
    expect(
      readFileSync(wasmModulePath as string, 'utf8') === (await (wasmModuleSource as () => Promise<string>)()),
    ).toBe(true);
  });
});

describe('EmpiricalField with and without the SIMD kernels', () => {
  const kernels: [string, (d: number) => FieldKernel, number[]][] = [
    ['VE gaussian path', () => gaussianPathKernel(veSchedule), [80, 1, 0.05, 1e-3]],
    ['Poisson D=1 path', (d) => poissonPathKernel(d, 1), [40, 1, 0.05, 1e-3]],
    ['tanh(r/t) radial', (d) => tanhKernel(d), [40, 1, 0.05, 1e-3]],
    [
      'tanh(r/t) radial, k(t) out of the sum',
      (d) => ({ ...tanhKernel(d), kOfT: (t: number) => 1 / t }),
      [40, 1, 0.05, 1e-3],
    ],
  ];
  describe.each([3, 5, 64])('d = %i', (d) => {
    it.each(kernels)('%s: velocity, score and posterior mean are the same bits', (_, kernel, times) => {
      // 8-ish clusters so that at small t only a few points carry weight, at large t all of them
      const m = 203;
      const data = gaussians(m * d, d, 1).map((v, i) => v * 0.05 + (Math.floor(i / d) % 8) - 4);
      const n = times.length * 5;
      const x = gaussians(n * d, d + 1, 2);
      const t = Float64Array.from({ length: n }, (_, i) => times[i % times.length]!);
      const fields = [true, false].map((simd) => new EmpiricalField(kernel(d), empiricalData(data, d), { simd }));
      const outputs = fields.map((field) => {
        const velocity = new Float64Array(n * d);
        const score = new Float64Array(n * d);
        field.velocity(t, x, n, velocity);
        field.score(t, x, n, score);
        const mean = new Float64Array(n * d);
        if (kernel(d).kind === 'path') field.posteriorMean(t, x, n, mean);
        return [velocity, score, mean];
      });
      expect(outputs[0]!.flatMap((a) => Array.from(a)).every(Number.isFinite)).toBe(true);
      expect(outputs[0]).toEqual(outputs[1]);
    });
  });
});
