// The stochastic and few-step samplers through sample(): the law at ε against its closed form (one data point:
// N(α_ε x0, σ_ε²); two points: the weighted mixture) by a KS test, determinism across chunking and shards,
// starting points with noise from the seed, DPM-Solver++ against Euler on VE from the same starts, and refusals.
import { describe, expect, it } from 'vitest';
import { designFromText } from '../../src/design/index.js';
import { OdeforgeError } from '../../src/errors.js';
import { ksTest } from '../../src/numeric/ks.js';
import { normalCdf } from '../../src/numeric/special.js';
import { priorSamples, sample } from '../../src/sample/index.js';
import type { SampleOptions } from '../../src/sample/index.js';
import { eightGaussians, poissonDesign, tanhDesign, veDesign, veSchedule, vpDesign, vpSchedule } from './designs.js';

const EPSILON = 1e-3;

/** Coordinate c of each sample. */
const column = (samples: Float64Array, d: number, c: number) => samples.filter((_, j) => j % d === c);

describe('law at ε: one data point (closed form N(α_ε x0, σ_ε²)), KS test per coordinate', () => {
  const x0 = [0.7, -1.2];
  const cases: [string, Partial<SampleOptions>][] = [
    ['euler-maruyama, 1000 log steps', { solver: 'euler-maruyama' }],
    ['euler-maruyama, η = 0.5', { solver: 'euler-maruyama', eta: 0.5 }],
    ['pc, 500 steps + 1 Langevin step', { solver: 'pc', steps: 500 }],
    ['edm, churn 40, 100 steps', { solver: 'edm', steps: 100, churn: 40 }],
  ];
  it.each(cases)('VP: %s', async (_name, options) => {
    const design = vpDesign(2, EPSILON);
    const { samples } = await sample(design, { data: Float64Array.from(x0), n: 1500, seed: 11, ...options });
    const { alpha, sigma } = vpSchedule(EPSILON);
    for (let c = 0; c < 2; c++) {
      const { pValue } = ksTest(column(samples, 2, c), (x) => normalCdf((x - alpha * x0[c]!) / sigma));
      expect(pValue).toBeGreaterThan(1e-3);
    }
  });

  it.each(cases)('VE (T = 80): %s', async (_name, options) => {
    const design = veDesign(2, 80, EPSILON);
    const { samples } = await sample(design, { data: Float64Array.from(x0), n: 1500, seed: 12, ...options });
    for (let c = 0; c < 2; c++) {
      const { pValue } = ksTest(column(samples, 2, c), (x) => normalCdf((x - x0[c]!) / EPSILON));
      expect(pValue).toBeGreaterThan(1e-3);
    }
  });

  it('a uniform grid of 1000 steps is too coarse near ε (the reason the default grid is log-spaced)', async () => {
    const design = vpDesign(1, EPSILON);
    const { samples } = await sample(design, {
      data: Float64Array.of(0.7),
      n: 1500,
      seed: 11,
      solver: 'euler-maruyama',
      grid: 'uniform',
    });
    const { alpha, sigma } = vpSchedule(EPSILON);
    expect(ksTest(samples, (x) => normalCdf((x - alpha * 0.7) / sigma)).pValue).toBeLessThan(1e-6);
  });
});

describe('law at ε: two data points keep their mixture weights (2/3 at −2, 1/3 at +2)', () => {
  const data = Float64Array.of(-2, -2, 2);
  const { alpha, sigma } = vpSchedule(EPSILON);
  const mixtureCdf = (x: number) =>
    (2 / 3) * normalCdf((x + 2 * alpha) / sigma) + (1 / 3) * normalCdf((x - 2 * alpha) / sigma);
  it.each([
    ['euler-maruyama', { solver: 'euler-maruyama' }],
    ['pc', { solver: 'pc', steps: 500 }],
    ['edm with churn', { solver: 'edm', steps: 100, churn: 40 }],
  ] as [string, Partial<SampleOptions>][])('VP, %s', async (_name, options) => {
    const n = 3000;
    const { samples } = await sample(vpDesign(1, EPSILON), { data, n, seed: 5, ...options });
    const left = samples.filter((x) => x < 0).length / n;
    // binomial standard deviation √(2/9/n) ≈ 0.0086: four of them
    expect(Math.abs(left - 2 / 3)).toBeLessThan(0.035);
    expect(ksTest(samples, mixtureCdf).pValue).toBeGreaterThan(1e-3);
  });
});

describe('determinism: each sample draws its noise from its own stream', () => {
  const data = eightGaussians(64, 2, 3);
  const runs: [string, Partial<SampleOptions>][] = [
    ['euler-maruyama', { solver: 'euler-maruyama', steps: 50 }],
    ['pc', { solver: 'pc', steps: 30, correctorSteps: 2 }],
    ['edm with churn', { solver: 'edm', steps: 10, churn: 5 }],
  ];
  it.each(runs)('%s: identical whatever the chunk size, and shards concatenate to the whole run', async (_n, o) => {
    const design = veDesign(2, 80, EPSILON);
    const whole = await sample(design, { data, n: 50, seed: 9, ...o });
    const chunked = await sample(design, { data, n: 50, seed: 9, chunkSize: 7, ...o });
    const first = await sample(design, { data, n: 50, seed: 9, shard: { index: 0, count: 2 }, ...o });
    const second = await sample(design, { data, n: 50, seed: 9, shard: { index: 1, count: 2 }, ...o });
    expect(Array.from(chunked.samples)).toEqual(Array.from(whole.samples));
    expect([...first.samples, ...second.samples]).toEqual(Array.from(whole.samples));
    const other = await sample(design, { data, n: 50, seed: 10, ...o });
    expect(Array.from(other.samples)).not.toEqual(Array.from(whole.samples));
  });

  it('η = 0 gives the Euler ODE samples from the same prior draws (v from x̂ there: equal to rounding)', async () => {
    const design = veDesign(2, 80, EPSILON);
    const sde = await sample(design, { data, n: 20, seed: 4, solver: 'euler-maruyama', eta: 0, steps: 40 });
    const ode = await sample(design, { data, n: 20, seed: 4, solver: 'euler', steps: 40 });
    sde.samples.forEach((x, j) => expect(Math.abs(x - ode.samples[j]!)).toBeLessThan(1e-10));
  });

  it('starting points are allowed; the noise then comes from the seed', async () => {
    const design = veDesign(2, 80, EPSILON);
    const init = { data: priorSamples(design, 0, 0, 12), rows: 12, dim: 2 };
    const a = await sample(design, { data, init, seed: 1, solver: 'euler-maruyama', steps: 30 });
    const b = await sample(design, { data, init, seed: 1, solver: 'euler-maruyama', steps: 30 });
    const c = await sample(design, { data, init, seed: 2, solver: 'euler-maruyama', steps: 30 });
    expect(Array.from(a.samples)).toEqual(Array.from(b.samples));
    expect(Array.from(a.samples)).not.toEqual(Array.from(c.samples));
  });

  it.each(['euler-maruyama', 'pc', 'edm', 'dpmpp-2m', 'dpmpp-3m'] as const)(
    '%s reports progress to the end',
    async (solver) => {
      const design = veDesign(2, 80, EPSILON);
      const seen: number[] = [];
      await sample(design, { data, n: 40, solver, steps: 12, chunkSize: 16, onProgress: (done) => seen.push(done) });
      expect(seen.length).toBeGreaterThan(12);
      expect(seen.at(-1)).toBe(40);
      expect(seen.every((v, i) => i === 0 || v >= seen[i - 1]! - 1e-9)).toBe(true);
    },
  );

  it('trajectories are kept on the grid', async () => {
    const design = veDesign(2, 80, EPSILON);
    const run = await sample(design, { data, n: 5, solver: 'dpmpp-2m', steps: 8, trajectories: true });
    expect(run.trajectories!.times.length).toBe(9);
    expect(run.trajectories!.times[0]).toBe(80);
    expect(Array.from(run.trajectories!.states.subarray(8 * 10, 9 * 10))).toEqual(Array.from(run.samples));
    expect(run.stats.nfe).toBe(8);
  });
});

/** Median over samples of the Euclidean distance to the reference. */
function medianError(samples: Float64Array, reference: Float64Array, d: number): number {
  const errors = Array.from({ length: samples.length / d }, (_, i) =>
    Math.hypot(...Array.from({ length: d }, (_, k) => samples[i * d + k]! - reference[i * d + k]!)),
  );
  return errors.sort((a, b) => a - b)[errors.length >> 1]!;
}

describe('DPM-Solver++ against Euler, VE and 8 gaussians, from the same starts', () => {
  it('20 steps: 2M at least 5× more accurate than Euler, 3M no worse than 2M', async () => {
    const design = veDesign(2, 80, EPSILON);
    const data = eightGaussians(256, 2, 1);
    const n = 120;
    const init = { data: priorSamples(design, 7, 0, n), rows: n, dim: 2 };
    const reference = await sample(design, { data, init, solver: 'dopri5', rtol: 1e-10, atol: 1e-10 });
    const error = async (solver: SampleOptions['solver']) =>
      medianError((await sample(design, { data, init, solver, steps: 20 })).samples, reference.samples, 2);
    const euler = await error('euler');
    const second = await error('dpmpp-2m');
    const third = await error('dpmpp-3m');
    expect(second * 5).toBeLessThan(euler);
    expect(third).toBeLessThanOrEqual(second);
  });
});

describe('where the samplers apply', () => {
  const data = Float64Array.of(0.5, -0.5, -1, 1);
  it('DPM-Solver++ and EDM (churn 0) generalize to radial and Poisson designs through x̂ := x − t f', async () => {
    for (const design of [tanhDesign(2, 40, EPSILON), poissonDesign(2, 1, 40, EPSILON)]) {
      const init = { data: priorSamples(design, 0, 0, 10), rows: 10, dim: 2 };
      const reference = await sample(design, { data, init, rtol: 1e-9, atol: 1e-9 });
      for (const solver of ['dpmpp-2m', 'dpmpp-3m', 'edm'] as const) {
        const run = await sample(design, { data, init, solver, steps: 60 });
        expect(medianError(run.samples, reference.samples, 2)).toBeLessThan(1e-2);
      }
    }
  });

  it('euler-maruyama runs on radial and Poisson designs (documented g² = 2t)', async () => {
    for (const design of [tanhDesign(2, 40, EPSILON), poissonDesign(2, 1, 40, EPSILON)]) {
      const run = await sample(design, { data, n: 20, solver: 'euler-maruyama', steps: 200 });
      expect(run.samples.every(Number.isFinite)).toBe(true);
    }
  });

  it("edm's churn is refused where the noise is not Gaussian, naming the families it supports", async () => {
    const design = tanhDesign(2, 40, EPSILON);
    const run = sample(design, { data, n: 4, solver: 'edm', churn: 10 });
    await expect(run).rejects.toThrow(OdeforgeError);
    await expect(run).rejects.toThrow(/Gaussian paths/);
  });

  it('bad options name the option', async () => {
    const design = veDesign(2, 80, EPSILON);
    await expect(sample(design, { data, n: 4, solver: 'euler-maruyama', eta: -1 })).rejects.toThrow(/--eta/);
    await expect(sample(design, { data, n: 4, solver: 'pc', snr: 0 })).rejects.toThrow(/--snr/);
    await expect(sample(design, { data, n: 4, solver: 'edm', churn: -0.5 })).rejects.toThrow(/--churn/);
    await expect(sample(design, { data, n: 4, solver: 'dpmpp-2m', steps: 0 })).rejects.toThrow(/steps/);
  });

  it('a schedule whose σ/α decreases somewhere has no reverse SDE of this form: refused', async () => {
    const bumpy = (t: number) => ({
      ...veSchedule(t),
      alpha: 1 + 0.5 * Math.sin(20 * t),
      dAlpha: 10 * Math.cos(20 * t),
    });
    const design = vpDesign(1, EPSILON);
    const kernel = design.fieldKernel;
    if (kernel.kind !== 'path') throw new Error('VP is a path');
    const odd = { ...design, fieldKernel: { ...kernel, schedule: bumpy } };
    await expect(sample(odd, { data: Float64Array.of(0), n: 2, solver: 'euler-maruyama' })).rejects.toThrow(
      /σ\/α increasing/,
    );
    await expect(sample(odd, { data: Float64Array.of(0), n: 2, solver: 'dpmpp-2m' })).rejects.toThrow(
      /radial, Poisson and sde designs/,
    );
  });
});

describe("the spec's sampler: block", () => {
  const spec = (sampler: string) =>
    `family: path\ndimension: 2\nalpha: 1\nsigma: t\nnoise: gaussian\ntime: { T: 10, epsilon: 0.01 }\n${sampler}`;
  const data = eightGaussians(32, 2, 1);

  it('names the new solvers and their options; the run follows them and the options win', async () => {
    const design = designFromText(spec('sampler: { solver: pc, steps: 6, correctorSteps: 2, snr: 0.1, eta: 0.5 }\n'));
    const fromSpec = await sample(design, { data, n: 4, seed: 1 });
    expect(fromSpec.stats.nfe).toBe(6 * 3);
    const explicit = await sample(designFromText(spec('')), {
      data,
      n: 4,
      seed: 1,
      solver: 'pc',
      steps: 6,
      correctorSteps: 2,
      snr: 0.1,
      eta: 0.5,
    });
    expect(Array.from(explicit.samples)).toEqual(Array.from(fromSpec.samples));
    const overridden = await sample(design, { data, n: 4, seed: 1, solver: 'dpmpp-2m' });
    expect(overridden.stats.nfe).toBe(6);
  });

  it.each([
    '{ solver: pc, snr: 0 }',
    '{ eta: -1 }',
    '{ churn: -1 }',
    '{ solver: dpmpp-4m }',
    '{ correctorSteps: 1.5 }',
  ])('refuses sampler: %s at its position', (sampler) => {
    const error = (() => {
      try {
        designFromText(spec(`sampler: ${sampler}\n`));
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(OdeforgeError);
    expect((error as OdeforgeError).line).toBe(7);
  });
});
