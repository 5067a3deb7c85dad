// sample({ logp: true }): each sample's log-density integrated along its path from T down to ε. Checked against
// the closed-form marginal log p_ε(x_ε) written here (Gaussian VE: a mixture of N(x_i, t² I); tanh: its
// sech² density) corrected by the prior's stand-in error log π(x_T) − log p_T(x_T) (both closed forms too),
// against likelihood() of the same samples, and for the bytes: split into chunks or shards, the same values.
import { describe, expect, it } from 'vitest';
import { loadDesign } from '../../src/design/index.js';
import { dataset } from '../../src/io/datasets.js';
import { likelihoodSync } from '../../src/likelihood/index.js';
import { createRng } from '../../src/numeric/rng.js';
import { sample } from '../../src/sample/index.js';
import { example } from '../helpers.js';

const d = 2;
const data = dataset('8gaussians', { n: 48, dim: d, seed: 0 });
const M = data.length / d;

/** log (1/M) Σ exp(terms_i), written out with its own maximum. */
function logMean(terms: number[]): number {
  const top = Math.max(...terms);
  return top + Math.log(terms.reduce((s, l) => s + Math.exp(l - top), 0) / terms.length);
}

function distance2(x: ArrayLike<number>, i: number): number {
  return (x[0]! - data[i * d]!) ** 2 + (x[1]! - data[i * d + 1]!) ** 2;
}

/** Closed-form log p_t(x) of the data in the plane. */
const marginal: Record<string, (t: number, x: ArrayLike<number>) => number> = {
  // σ = t, α = 1: N(x; x_i, t² I)
  've.yaml': (t, x) =>
    logMean(Array.from({ length: M }, (_, i) => -distance2(x, i) / (2 * t * t) - Math.log(2 * Math.PI * t * t))),
  // ψ = tanh(r/t): φ = sech²(r/t) / (2π t r)
  'tanh.yaml': (t, x) =>
    logMean(
      Array.from({ length: M }, (_, i) => {
        const r = Math.sqrt(distance2(x, i));
        const logSech = Math.log(2) - r / t - Math.log1p(Math.exp((-2 * r) / t));
        return 2 * logSech - Math.log(2 * Math.PI * t * r);
      }),
    ),
};

/** 24 starting points at T, drawn here: spread over a few T (the priors' scale) around the origin. */
function startingPoints(T: number): { data: Float64Array; rows: number; dim: number } {
  const rng = createRng(11);
  return { data: Float64Array.from({ length: 24 * d }, () => T * (rng.uniform() - 0.5)), rows: 24, dim: d };
}

const tight = { rtol: 1e-8, atol: 1e-8 };

describe('sample with logp', () => {
  for (const file of ['ve.yaml', 'tanh.yaml']) {
    it(`${file}: logp − (log π(x_T) − log p_T(x_T)) is the closed-form log p_ε(x_ε) to 1e-4 (rtol = atol = 1e-8)`, async () => {
      const design = loadDesign(example(file));
      const init = startingPoints(design.T);
      const run = await sample(design, { data, init, ...tight, logp: true, threads: 1 });
      expect(run.logp).toHaveLength(24);
      for (let i = 0; i < 24; i++) {
        const xT = init.data.subarray(i * d, (i + 1) * d);
        const x = run.samples.subarray(i * d, (i + 1) * d);
        const gap = design.prior.logDensity(xT) - marginal[file]!(design.T, xT);
        const expected = marginal[file]!(design.epsilon, x) + gap;
        expect(Math.abs(run.logp![i]! - expected) / Math.max(1, Math.abs(expected))).toBeLessThan(1e-4);
      }
    });
  }

  it('agrees with likelihood() of its own samples to 1e-4 relative (dopri5 in λ, log t and t, odex, rk4)', async () => {
    const design = loadDesign(example('ve.yaml'));
    const cases = [
      { solver: 'dopri5', ...tight },
      { solver: 'dopri5', timeVariable: 'log', ...tight },
      { solver: 'dopri5', timeVariable: 't', ...tight },
      { solver: 'odex', ...tight },
      { solver: 'rk4', steps: 4000 },
    ] as const;
    for (const options of cases) {
      const run = await sample(design, { data, n: 16, seed: 3, logp: true, threads: 1, ...options });
      const back = likelihoodSync(design, { data, points: run.samples, ...tight });
      back.rows.forEach((row, i) => {
        expect(Math.abs(run.logp![i]! - row.logp) / Math.max(1, Math.abs(row.logp))).toBeLessThan(1e-4);
      });
    }
  }, 120_000);

  it('heun: the log-density converges at order 2 to that of the exact flow (dopri5 at 1e-10) from the same starts', async () => {
    const design = loadDesign(example('ve.yaml'));
    const init = startingPoints(design.T);
    const exact = await sample(design, { data, init, rtol: 1e-10, atol: 1e-10, logp: true, threads: 1 });
    const errorAt = async (steps: number) => {
      const run = await sample(design, { data, init, solver: 'heun', steps, logp: true, threads: 1 });
      return run.logp!.reduce((worst, v, i) => Math.max(worst, Math.abs(v - exact.logp![i]!)), 0);
    };
    const coarse = await errorAt(200);
    const fine = await errorAt(400);
    expect(coarse).toBeGreaterThan(0);
    expect(coarse / fine).toBeGreaterThan(3);
    expect(coarse / fine).toBeLessThan(5.5);
  });

  it('the same samples and log-densities whatever the chunks and shards', async () => {
    const design = loadDesign(example('ve.yaml'));
    const whole = await sample(design, { data, n: 30, seed: 5, logp: true, threads: 1 });
    const chunked = await sample(design, { data, n: 30, seed: 5, logp: true, threads: 1, chunkSize: 7 });
    expect(Buffer.from(chunked.logp!.buffer).equals(Buffer.from(whole.logp!.buffer))).toBe(true);
    expect(Buffer.from(chunked.samples.buffer).equals(Buffer.from(whole.samples.buffer))).toBe(true);
    const shards = await Promise.all(
      [0, 1, 2].map((index) =>
        sample(design, { data, n: 30, seed: 5, logp: true, threads: 1, shard: { index, count: 3 } }),
      ),
    );
    const joined = new Float64Array(30);
    for (const s of shards) joined.set(s.logp!, s.start);
    expect(Buffer.from(joined.buffer).equals(Buffer.from(whole.logp!.buffer))).toBe(true);
  });

  it('trajectories run from the starting points to the samples', async () => {
    const design = loadDesign(example('ve.yaml'));
    const init = startingPoints(design.T);
    const run = await sample(design, { data, init, logp: true, threads: 1, trajectories: 9 });
    const { times, states } = run.trajectories!;
    const n = init.rows;
    expect(times[0]).toBe(design.T);
    expect(Array.from(states.subarray(0, n * d))).toEqual(Array.from(init.data));
    const last = states.subarray((times.length - 1) * n * d);
    for (let i = 0; i < n * d; i++) expect(last[i]).toBeCloseTo(run.samples[i]!, 9);
    // between the ends: on the way, inside the box the starting points span
    const mid = states.subarray(4 * n * d, 5 * n * d);
    expect(mid.every((v) => Number.isFinite(v) && Math.abs(v) < design.T)).toBe(true);
  });

  it('without logp the result has none', async () => {
    const design = loadDesign(example('ve.yaml'));
    const run = await sample(design, { data, n: 4, threads: 1 });
    expect(run.logp).toBeUndefined();
  });

  it('refuses stochastic samplers, edm, dpmpp and mixture data with a reason', async () => {
    const design = loadDesign(example('ve.yaml'));
    const base = { data, n: 4, logp: true, threads: 1 } as const;
    await expect(sample(design, { ...base, solver: 'euler-maruyama' })).rejects.toThrow(
      /deterministic solver.*SDE|stochastic path/,
    );
    await expect(sample(design, { ...base, solver: 'pc' })).rejects.toThrow(/stochastic path/);
    await expect(sample(design, { ...base, solver: 'edm', churn: 10 })).rejects.toThrow(/--churn > 0/);
    await expect(sample(design, { ...base, solver: 'edm' })).rejects.toThrow(/dopri5, odex, euler, heun, rk4/);
    await expect(sample(design, { ...base, solver: 'dpmpp-2m' })).rejects.toThrow(/without the divergence/);
    const mixture = { weights: [1], means: [[0, 0]], stds: [1] };
    await expect(sample(design, { ...base, data: mixture })).rejects.toThrow(/Gaussian mixture/);
  });
});
