// compare: the split, the straightness measure and the prior KL against independent values; the ranking a
// deliberately bad design must get; bad input refused before any sampling.
import { describe, expect, it } from 'vitest';
import { compare, compareJson, dataset, designFromText, formatCompareTable, loadDesign } from '../../src/index.js';
import { meanStraightness, splitData } from '../../src/compare/index.js';
import type { PointSet } from '../../src/metrics/index.js';
import { readFileSync } from 'node:fs';
import { example } from '../helpers.js';

const badSpec = new URL('./ve-short.yaml', import.meta.url).pathname;
const quick = { n: 300, curveSamples: 16, stepLadder: [4, 16] } as const;

describe('splitData', () => {
  it('splits the rows into two disjoint parts of the asked sizes whose union is the data', () => {
    const data = { data: Float64Array.from({ length: 2 * 101 }, (_, k) => k), rows: 101, dim: 2 };
    const { reference, heldOut } = splitData(data, 0.3, 4);
    expect(heldOut.rows).toBe(30); // round(101 · 0.3)
    expect(reference.rows).toBe(71);
    // rows are (2i, 2i + 1): the first coordinates identify them
    const firsts = (p: PointSet) => Array.from({ length: p.rows }, (_, i) => p.data[2 * i]!);
    const all = [...firsts(reference), ...firsts(heldOut)].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 101 }, (_, i) => 2 * i));
    for (const part of [reference, heldOut]) {
      for (let i = 0; i < part.rows; i++) expect(part.data[2 * i + 1]).toBe(part.data[2 * i]! + 1);
    }
    expect(splitData(data, 0.3, 4)).toEqual({ reference, heldOut });
  });

  it('refuses data too small to split and fractions outside (0, 1)', () => {
    const small = { data: new Float64Array(2 * 15), rows: 15, dim: 2 };
    expect(() => splitData(small, 0.5, 0)).toThrow(/15 points: too few to split/);
    expect(() => splitData(small, 0, 0)).toThrow(/strictly between 0 and 1/);
    expect(() => splitData(small, 1, 0)).toThrow(/strictly between 0 and 1/);
  });
});

describe('meanStraightness', () => {
  it('is 1 for straight paths and √2 for a right-angle path, by hand', () => {
    // K = 3 save times, 2 samples in the plane: sample 0 goes (0,0) → (1,0) → (2,0); sample 1 (0,0) → (1,0) → (1,1)
    const states = Float64Array.from([0, 0, 0, 0, 1, 0, 1, 0, 2, 0, 1, 1]);
    expect(meanStraightness(states, 3, 2, 2)).toBeCloseTo((1 + Math.SQRT2) / 2, 15);
    expect(meanStraightness(states.subarray(0, 8), 2, 2, 2)).toBe(1);
  });
});

describe('compare', () => {
  const data = dataset('moons', { n: 600, seed: 0 });
  const bad = designFromText(readFileSync(badSpec, 'utf8'), { file: badSpec });

  it('ranks the deliberately bad design (VE with T = 2) worst on W2 to the held-out data', async () => {
    const designs = [loadDesign(example('ve.yaml')), loadDesign(example('rectified-flow.yaml')), bad];
    const result = await compare(designs, { data, dataLabel: 'moons', ...quick });
    const w2 = result.designs.map((d) => d.w2);
    expect(result.designs.map((d) => d.name)).toEqual(['ve', 'rectified-flow', 've-T2']);
    expect(w2[2]).toBeGreaterThan(Math.max(w2[0]!, w2[1]!));
    // its prior is far from the marginal at T: for Gaussian VE, KL(N(x0, T²I) ‖ N(0, T²I)) = |x0|²/(2T²) exactly,
    // averaged over the reference points the estimate uses (the first 32 of the split)
    const { reference } = splitData({ data, rows: 600, dim: 2 }, 0.5, 0);
    const exactKL = (T: number) => {
      let sum = 0;
      for (let i = 0; i < 32; i++) sum += (reference.data[2 * i]! ** 2 + reference.data[2 * i + 1]! ** 2) / (2 * T * T);
      return sum / 32;
    };
    expect(Math.abs(result.designs[2]!.priorKL - exactKL(2))).toBeLessThan(0.05);
    expect(Math.abs(result.designs[0]!.priorKL - exactKL(80))).toBeLessThan(1e-3);
    // each curve's error falls with more steps; the sample counts and JSON shape are as documented
    for (const d of result.designs) {
      const heun = d.errorVsNfe.filter((p) => p.solver === 'heun');
      expect(heun[1]!.error!).toBeLessThan(heun[0]!.error!);
      expect(d.samples.length).toBe(quick.n * 2);
      expect(d.straightness).toBeGreaterThanOrEqual(1);
      expect(Number.isFinite(d.bitsPerDim)).toBe(true);
    }
    const json = compareJson(result) as { designs: Record<string, unknown>[]; data: Record<string, unknown> };
    expect(Object.keys(json.designs[0]!)).toEqual(
      expect.arrayContaining([
        'name',
        'nfe',
        'w2',
        'mmd',
        'energy',
        'straightness',
        'priorKL',
        'reference',
        'errorVsNfe',
      ]),
    );
    expect(json.designs[0]).not.toHaveProperty('samples');
    expect(json.data).toMatchObject({ label: 'moons', rows: 600, reference: 300, heldOut: 300 });
    const table = formatCompareTable(result);
    expect(table.split('\n')[0]).toMatch(/^design\s+W2\s+MMD\s+energy/);
    expect(table).toMatch(/^ve-T2 /m);
  });

  it('lists a solver a design cannot use as unavailable, with its reason', async () => {
    // σ = 1 + (t − 1)² falls, then rises: α/σ is not monotone on [ε, T], so dpmpp-2m (which steps in log α/σ) refuses
    const bumpy = designFromText(
      'family: path\ndimension: 2\nalpha: 1\nsigma: 1 + (t - 1)^2\nnoise: gaussian\ntime: { T: 3, epsilon: 0.01 }\nprior: gaussian\n',
    );
    const result = await compare([bumpy], {
      data: dataset('8gaussians', { n: 60, seed: 1 }),
      n: 20,
      curveSamples: 4,
      stepLadder: [4],
      curveSolvers: ['euler', 'dpmpp-2m'],
      likelihoodPoints: 0,
    });
    const d = result.designs[0]!;
    expect(d.errorVsNfe.map((p) => p.solver)).toEqual(['euler']);
    expect(d.unavailable).toHaveLength(1);
    expect(d.unavailable[0]!.solver).toBe('dpmpp-2m');
    expect(d.unavailable[0]!.reason).toMatch(/log\(α\/σ\)/);
    expect(d.bitsPerDim).toBeNull();
    expect(d.bitsPerDimNote).toBe('not asked for');
  });

  it('refuses designs of different dimensions, data of another dimension and data too small to split', async () => {
    const ve = loadDesign(example('ve.yaml'));
    const ve3 = designFromText(readFileSync(example('ve.yaml'), 'utf8').replace(/^dimension: 2$/m, 'dimension: 3'));
    await expect(compare([ve, ve3], { data })).rejects.toThrow(
      /different dimensions: ve has dimension 2 but ve has dimension 3/,
    );
    await expect(compare([ve3], { data: { data, rows: 600, dim: 2 } })).rejects.toThrow(
      /the data has dimension 2 but the designs have dimension 3/,
    );
    await expect(compare([ve], { data: data.subarray(0, 2 * 19) })).rejects.toThrow(/19 points: too few to split/);
    await expect(compare([ve], { data, n: 1 })).rejects.toThrow(/n \(samples per design\) must be an integer from 2/);
    await expect(compare([], { data })).rejects.toThrow(/at least one design/);
  });
});

describe('a design whose sampling fails', () => {
  it('is listed as failed with the reason; the other designs are still compared', async () => {
    // k = log(t − 1) is NaN below t = 1: every sample's state becomes NaN on the way down
    const broken = designFromText(
      'name: broken\nfamily: radial\ndimension: 2\ncumulative: tanh(r/t)\nvelocity: log(t - 1)\ntime: { T: 3, epsilon: 0.01 }\n',
    );
    const result = await compare([loadDesign(example('ve.yaml')), broken], {
      data: dataset('moons', { n: 200, seed: 0 }),
      ...quick,
      likelihoodPoints: 0,
    });
    expect(result.designs.map((d) => d.name)).toEqual(['ve']);
    expect(result.failed).toEqual([{ name: 'broken', family: 'radial', reason: expect.stringMatching(/./) }]);
    expect(formatCompareTable(result)).toMatch(/\nbroken \(radial\) FAILED: /);
    expect((compareJson(result) as { failed: unknown[] }).failed).toHaveLength(1);
  });
});
