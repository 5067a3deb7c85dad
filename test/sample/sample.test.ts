// sample(): exact solutions (one data point, VP), distributional checks (Gaussian mixture + VP by energy
// distance under its null distribution; 8 Gaussians + PFGM), determinism across chunking and shards,
// trajectories, progress, and every bad-input class.
import { describe, expect, it } from 'vitest';
import type { Design } from '../../src/design/types.js';
import { IntegrationError, OdeforgeError } from '../../src/errors.js';
import { mixtureParameters, sampleMixture } from '../../src/field/index.js';
import { designFromText } from '../../src/design/index.js';
import { priorSamples, sample } from '../../src/sample/index.js';
import { eightGaussians, poissonDesign, testRng, vpDesign, vpSchedule, veDesign, tanhDesign } from './designs.js';

function energyDistance(x: Float64Array, y: Float64Array, d: number): number {
  const mean = (a: Float64Array, b: Float64Array) => {
    let s = 0;
    const na = a.length / d;
    const nb = b.length / d;
    for (let i = 0; i < na; i++) {
      for (let j = 0; j < nb; j++) {
        let q = 0;
        for (let k = 0; k < d; k++) q += (a[i * d + k]! - b[j * d + k]!) ** 2;
        s += Math.sqrt(q);
      }
    }
    return s / (na * nb);
  };
  return 2 * mean(x, y) - mean(x, x) - mean(y, y);
}

describe('sample: exact solutions', () => {
  it.each(['dopri5', 'odex'] as const)(
    '%s, one data point, VP: x_ε = α_ε x0 + σ_ε (x_T − α_T x0)/σ_T (the conditional flow is the marginal one)',
    async (solver) => {
      const design = vpDesign(2);
      const x0 = [0.7, -1.2];
      const n = 16;
      const { samples } = await sample(design, {
        data: Float64Array.from(x0),
        n,
        seed: 3,
        solver,
        rtol: 1e-9,
        atol: 1e-9,
      });
      const xT = priorSamples(design, 3, 0, n);
      const T = vpSchedule(1);
      const E = vpSchedule(design.epsilon);
      for (let i = 0; i < n; i++) {
        for (let k = 0; k < 2; k++) {
          const expected = E.alpha * x0[k]! + (E.sigma * (xT[2 * i + k]! - T.alpha * x0[k]!)) / T.sigma;
          expect(Math.abs(samples[2 * i + k]! - expected)).toBeLessThan(1e-7);
        }
      }
    },
  );

  it.each(['euler', 'heun', 'rk4'] as const)(
    '%s on 400 log-spaced steps is close to the adaptive solution',
    async (solver) => {
      const design = vpDesign(2);
      const data = Float64Array.of(0.7, -1.2);
      const reference = await sample(design, { data, n: 8, seed: 1, rtol: 1e-9, atol: 1e-9 });
      const fixed = await sample(design, { data, n: 8, seed: 1, solver, steps: 400 });
      const tol = { euler: 2e-2, heun: 1e-4, rk4: 1e-7 }[solver];
      for (let i = 0; i < 16; i++) expect(Math.abs(fixed.samples[i]! - reference.samples[i]!)).toBeLessThan(tol);
      expect(fixed.stats.nfe).toBe(400 * { euler: 1, heun: 2, rk4: 4 }[solver]);
    },
  );
});

describe('sample: distributions', () => {
  it('Gaussian mixture + VP: samples match fresh draws of the mixture (energy distance under the null 95%)', async () => {
    const mix = {
      weights: [0.5, 0.3, 0.2],
      means: [
        [-1.5, 0],
        [1.5, 1],
        [0.5, -1.5],
      ],
      stds: [0.3, 0.4, 0.25],
    };
    const design = vpDesign(2);
    const n = 300;
    const { samples } = await sample(design, { data: mix, n, seed: 7 });
    // The law at ε: means α_ε μ_j, variances α_ε² s_j² + σ_ε².
    const { alpha, sigma } = vpSchedule(design.epsilon);
    const atEps = mixtureParameters({
      weights: mix.weights,
      means: mix.means.map((m) => m.map((v) => alpha * v)),
      stds: mix.stds.map((s) => Math.sqrt(alpha * alpha * s * s + sigma * sigma)),
    });
    const rng = testRng(99);
    const observed = energyDistance(samples, sampleMixture(atEps, n, rng), 2);
    const nulls = Array.from({ length: 40 }, () =>
      energyDistance(sampleMixture(atEps, n, rng), sampleMixture(atEps, n, rng), 2),
    ).sort((a, b) => a - b);
    expect(observed).toBeLessThan(nulls[Math.floor(0.95 * nulls.length)]!);
  });

  it('8 Gaussians + PFGM: ≥ 95% of samples end within 0.01 of a data point; cluster shares match the data', async () => {
    // ε = 1e-4: at t = ε a Poisson kernel puts P(|x − x_i| > 0.01) = 1/√(1 + (0.01/ε)²) ≈ 1% of its mass out there.
    const m = 256;
    const data = eightGaussians(m, 2, 5);
    const design = poissonDesign(2, 1, 40, 1e-4);
    const n = 400;
    const { samples } = await sample(design, { data, n, seed: 11 });
    expect(samples.every(Number.isFinite)).toBe(true);
    let near = 0;
    const cluster = (x: number, y: number) => ((Math.round(Math.atan2(y, x) / (Math.PI / 4)) % 8) + 8) % 8;
    const sampleCounts = new Array(8).fill(0);
    const dataCounts = new Array(8).fill(0);
    for (let j = 0; j < m; j++) dataCounts[cluster(data[2 * j]!, data[2 * j + 1]!)]++;
    for (let i = 0; i < n; i++) {
      let best = Infinity;
      for (let j = 0; j < m; j++)
        best = Math.min(best, Math.hypot(samples[2 * i]! - data[2 * j]!, samples[2 * i + 1]! - data[2 * j + 1]!));
      if (best < 0.01) near++;
      sampleCounts[cluster(samples[2 * i]!, samples[2 * i + 1]!)]++;
    }
    expect(near / n).toBeGreaterThanOrEqual(0.95);
    for (let c = 0; c < 8; c++) {
      const p = dataCounts[c]! / m;
      // binomial sd of the sample share, plus the data share's own sampling error
      expect(Math.abs(sampleCounts[c]! / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n) + 0.02);
    }
  });

  it('tanh(r/t) and VE samples end near the data too', async () => {
    const data = eightGaussians(64, 2, 2);
    for (const design of [tanhDesign(2), veDesign(2)]) {
      const { samples } = await sample(design, { data, n: 40, seed: 4 });
      let far = 0;
      for (let i = 0; i < 40; i++) {
        let best = Infinity;
        for (let j = 0; j < 64; j++)
          best = Math.min(best, Math.hypot(samples[2 * i]! - data[2 * j]!, samples[2 * i + 1]! - data[2 * j + 1]!));
        if (best > 0.05) far++;
      }
      expect(far).toBeLessThanOrEqual(2);
    }
  });
});

describe('sample: reproducibility', () => {
  const design = veDesign(2);
  const data = eightGaussians(64, 2, 1);
  const n = 60;

  it('same seed, any chunking: identical bytes; another seed: different samples', async () => {
    const a = await sample(design, { data, n, seed: 5 });
    const b = await sample(design, { data, n, seed: 5, chunkSize: 7 });
    const c = await sample(design, { data, n, seed: 5, chunkSize: 1 });
    expect(Buffer.from(b.samples.buffer).equals(Buffer.from(a.samples.buffer))).toBe(true);
    expect(Buffer.from(c.samples.buffer).equals(Buffer.from(a.samples.buffer))).toBe(true);
    expect(b.stats.nfe).toBe(a.stats.nfe);
    const other = await sample(design, { data, n, seed: 6 });
    expect(other.samples[0]).not.toBe(a.samples[0]);
  });

  it('shards i/k are contiguous slices that concatenate to the bytes of one run', async () => {
    const whole = await sample(design, { data, n, seed: 5 });
    const parts = [];
    for (let i = 0; i < 3; i++) parts.push(await sample(design, { data, n, seed: 5, shard: { index: i, count: 3 } }));
    expect(parts.map((p) => [p.start, p.count])).toEqual([
      [0, 20],
      [20, 20],
      [40, 20],
    ]);
    const joined = new Float64Array(n * 2);
    parts.forEach((p) => joined.set(p.samples, p.start * 2));
    expect(Buffer.from(joined.buffer).equals(Buffer.from(whole.samples.buffer))).toBe(true);
  });
});

describe('sample: trajectories and progress', () => {
  it('keeps K states per sample from the prior draw to the final sample', async () => {
    const design = veDesign(2);
    const data = eightGaussians(32, 2, 1);
    const n = 5;
    const result = await sample(design, { data, n, seed: 2, trajectories: 9 });
    const tr = result.trajectories!;
    expect(tr.times.length).toBe(9);
    expect(tr.times[0]).toBe(80);
    expect(tr.times[8]).toBe(1e-3);
    expect(tr.times[4]).toBeCloseTo(Math.sqrt(80 * 1e-3), 10);
    expect(Array.from(tr.states.subarray(0, n * 2))).toEqual(Array.from(priorSamples(design, 2, 0, n)));
    expect(Array.from(tr.states.subarray(8 * n * 2))).toEqual(Array.from(result.samples));
  });

  it('fixed-step solvers keep their grid', async () => {
    const result = await sample(veDesign(2), {
      data: eightGaussians(8, 2, 1),
      n: 3,
      solver: 'heun',
      steps: 10,
      trajectories: true,
    });
    expect(result.trajectories!.times.length).toBe(11);
    expect(result.trajectories!.states.length).toBe(11 * 3 * 2);
  });

  it('reports progress up to the total', async () => {
    const seen: number[] = [];
    await sample(veDesign(2), {
      data: eightGaussians(8, 2, 1),
      n: 50,
      chunkSize: 10,
      onProgress: (done, total) => seen.push(done / total),
    });
    expect(seen.at(-1)).toBe(1);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThanOrEqual(seen[i - 1]! - 1e-12);
  });
});

describe('sample: bad input and failures', () => {
  const design = veDesign(2);
  const data = eightGaussians(8, 2, 1);

  it.each([
    [{ n: 0 }, /n \(the number of samples\) must be a positive integer, got 0/],
    [{ n: 2.5 }, /must be a positive integer, got 2.5/],
    [{ n: 4, solver: 'rk45' }, /unknown solver "rk45"/],
    [{ n: 4, seed: -1 }, /seed must be a non-negative integer/],
    [{ n: 4, shard: { index: 3, count: 3 } }, /shard index must be an integer in 0..2, got 3/],
    [{ n: 4, rtol: -1 }, /rtol and atol must be positive/],
    [{ n: 4, data: Float64Array.of(1, 2, 3) }, /not a multiple of the dimension 2/],
    [
      { n: 4, data: { data: Float64Array.of(1, 2, 3), rows: 1, dim: 3 } },
      /the data has dimension 3 but the design has dimension 2/,
    ],
    [{ n: 4, data: Float64Array.of(1, Number.POSITIVE_INFINITY) }, /data point 1, coordinate 2 is Infinity/],
    [{ n: 4, data: new Float64Array(0) }, /the data set is empty/],
  ])('rejects %o', async (options, message) => {
    await expect(sample(design, { data, ...options } as never)).rejects.toThrow(message);
    await expect(sample(design, { data, ...options } as never)).rejects.toBeInstanceOf(OdeforgeError);
  });

  it('odex cannot integrate in λ', async () => {
    await expect(sample(veDesign(2), { data, n: 2, solver: 'odex', timeVariable: 'lambda' })).rejects.toThrow(
      /odex integrates in t or log t/,
    );
  });

  it.each([
    ['VE', veDesign(2)],
    ['VP', vpDesign(2)],
    ['tanh(r/t)', tanhDesign(2)],
  ])(
    '%s: the default time variable (λ) and log t give the same samples to the tolerance, λ with fewer evaluations',
    async (_name, d) => {
      const a = await sample(d, { data, n: 20, seed: 2, rtol: 1e-9, atol: 1e-9 });
      const b = await sample(d, { data, n: 20, seed: 2, rtol: 1e-9, atol: 1e-9, timeVariable: 'log' });
      for (let i = 0; i < 40; i++) expect(a.samples[i]).toBeCloseTo(b.samples[i]!, 5);
      expect(a.stats.nfe).toBeLessThan(b.stats.nfe);
    },
  );

  it('rejects ε ≥ T and a Gaussian mixture with non-Gaussian noise', async () => {
    await expect(sample({ ...design, epsilon: 80 } as Design, { data, n: 2 })).rejects.toThrow(/0 < epsilon < T/);
    const mix = { weights: [1], means: [[0, 0]], stds: [1] };
    await expect(sample(tanhDesign(2), { data: mix, n: 2 })).rejects.toThrow(
      /Gaussian-mixture data needs a design with Gaussian noise/,
    );
  });

  it('a state that becomes non-finite is an IntegrationError with the sample index and t, not a NaN', async () => {
    const broken = {
      ...tanhDesign(2),
      fieldKernel: {
        kind: 'radial',
        logPhi: (t: number, r: number) => (t < 0.5 ? Number.NaN : -r),
        k: () => 1,
        dLogPhiDr: () => -1,
      },
    } as Design;
    const error = await sample(broken, { data, n: 6, seed: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntegrationError);
    const e = error as IntegrationError;
    expect(e.sampleIndex).toBeGreaterThanOrEqual(0);
    expect(e.sampleIndex).toBeLessThan(6);
    expect(e.t).toBeGreaterThan(0.49);
    expect(e.t).toBeLessThan(0.6);
    expect(e.message).toMatch(/non-finite/);
  });
});

describe('sample: given starting points (init)', () => {
  const design = veDesign(2);
  const data = eightGaussians(64, 2, 1);
  const n = 30;
  const same = (a: Float64Array, b: Float64Array) =>
    Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
  const table = (points: Float64Array) => ({ data: points, rows: points.length / 2, dim: 2 });

  it('the prior draws of seed s as init: the bytes (and trajectories, stats) of a plain run with seed s', async () => {
    const plain = await sample(design, { data, n, seed: 8, trajectories: 5 });
    const init = priorSamples(design, 8, 0, n);
    const given = await sample(design, { data, init: table(init), seed: 1234, trajectories: 5 });
    expect(given.count).toBe(n);
    expect(same(given.samples, plain.samples)).toBe(true);
    expect(same(given.trajectories!.states, plain.trajectories!.states)).toBe(true);
    expect(given.stats.nfe).toBe(plain.stats.nfe);
    // the caller's array is left as it was
    expect(same(init, priorSamples(design, 8, 0, n))).toBe(true);
  });

  it('other starting points: sample i comes from row i, for any chunking', async () => {
    // rows of seed 3's prior, in reverse order: sample i must then equal sample n − 1 − i of the seed-3 run
    const prior = priorSamples(design, 3, 0, n);
    const reversed = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) reversed.set(prior.subarray(2 * (n - 1 - i), 2 * (n - i)), 2 * i);
    const seeded = await sample(design, { data, n, seed: 3, chunkSize: 1 });
    const a = await sample(design, { data, init: table(reversed) });
    const b = await sample(design, { data, n, init: table(reversed), chunkSize: 7 });
    expect(same(a.samples, b.samples)).toBe(true);
    for (let i = 0; i < n; i++) {
      expect(Array.from(a.samples.subarray(2 * i, 2 * i + 2))).toEqual(
        Array.from(seeded.samples.subarray(2 * (n - 1 - i), 2 * (n - i))),
      );
    }
  });

  it('shard i/k of an init run is the i-th slice of the whole run', async () => {
    const init = table(priorSamples(design, 5, 0, n).map((v) => 0.5 * v));
    const whole = await sample(design, { data, init });
    const joined = new Float64Array(2 * n);
    for (let i = 0; i < 4; i++) {
      const part = await sample(design, { data, init, shard: { index: i, count: 4 } });
      expect(same(part.samples, whole.samples.subarray(2 * part.start, 2 * (part.start + part.count)))).toBe(true);
      joined.set(part.samples, 2 * part.start);
    }
    expect(same(joined, whole.samples)).toBe(true);
  });

  it.each([
    [{ n: 4, init: { data: new Float64Array(10), rows: 5, dim: 2 } }, /n = 4 but init has 5 starting points/],
    [
      { init: { data: new Float64Array(9), rows: 3, dim: 3 } },
      /starting points \(init\) have dimension 3 but the design has dimension 2/,
    ],
    [
      { init: { data: Float64Array.of(0, 1, 2, Number.NaN), rows: 2, dim: 2 } },
      /init row 2 \(sample 1\), column 2: NaN is not a finite starting point/,
    ],
    [
      { init: { data: Float64Array.of(Number.NEGATIVE_INFINITY, 1), rows: 1, dim: 2 } },
      /init row 1 \(sample 0\), column 1: -Infinity/,
    ],
    [{ init: { data: new Float64Array(5), rows: 3, dim: 2 } }, /init.data holds 5 values, not rows × dim = 3 × 2/],
    [{}, /n \(the number of samples\) is required/],
  ])('rejects %o with an OdeforgeError', async (options, message) => {
    const error = await sample(design, { data, ...options } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OdeforgeError);
    expect((error as Error).message).toMatch(message);
  });
});

describe("sample: the spec's sampler defaults", () => {
  const spec = (sampler: string) =>
    `family: path\ndimension: 2\nalpha: 1\nsigma: t\nnoise: gaussian\ntime: { T: 10, epsilon: 0.01 }\n${sampler}`;
  const data = eightGaussians(32, 2, 1);

  it('solver and steps come from `sampler:` when the options are silent, and the options win', async () => {
    const design = designFromText(spec('sampler: { solver: heun, steps: 7, grid: uniform }\n'));
    // Heun: two evaluations per step, the last step's second one included
    const fromSpec = await sample(design, { data, n: 4, seed: 1 });
    expect(fromSpec.stats.nfe).toBe(14);
    expect(fromSpec.stats.steps).toBe(7);
    const overridden = await sample(design, { data, n: 4, seed: 1, steps: 3 });
    expect(overridden.stats.steps).toBe(3);
    const plain = await sample(designFromText(spec('')), {
      data,
      n: 4,
      seed: 1,
      solver: 'heun',
      steps: 7,
      grid: 'uniform',
    });
    expect(Buffer.from(plain.samples.buffer).equals(Buffer.from(fromSpec.samples.buffer))).toBe(true);
  });

  it('without `sampler:` the default is dopri5 (the same bytes as asking for it)', async () => {
    const design = designFromText(spec(''));
    const byDefault = await sample(design, { data, n: 4, seed: 1 });
    const asked = await sample(design, { data, n: 4, seed: 1, solver: 'dopri5' });
    expect(Buffer.from(byDefault.samples.buffer).equals(Buffer.from(asked.samples.buffer))).toBe(true);
    const heun = await sample(design, { data, n: 4, seed: 1, solver: 'heun', steps: 7 });
    expect(Buffer.from(byDefault.samples.buffer).equals(Buffer.from(heun.samples.buffer))).toBe(false);
  });
});
