// The analytic Gaussian-mixture field against quadrature of E[α̇ x0 + σ̇ z | x_t = x] over x0 (d = 1, 2),
// its score against finite differences of the closed-form marginal density, and its input checks.
import { describe, expect, it } from 'vitest';
import { MixtureField, mixtureParameters, sampleMixture } from '../../src/field/index.js';
import { gaussianPathKernel, tanhKernel, testRng, veSchedule, vpSchedule } from '../sample/designs.js';

const normalPdf = (x: number, mean: number, std: number): number =>
  Math.exp(-0.5 * ((x - mean) / std) ** 2) / (std * Math.sqrt(2 * Math.PI));

describe('MixtureField', () => {
  const mix1 = { weights: [0.2, 0.5, 0.3], means: [[-2], [0.5], [3]], stds: [0.3, 0.6, 0.4] };

  it.each([
    ['VP', vpSchedule, [0.9, 0.4, 0.1, 0.02]],
    ['VE', veSchedule, [5, 1, 0.1]],
  ] as const)('%s, d = 1: velocity equals quadrature over x0', (_name, schedule, times) => {
    const field = new MixtureField(gaussianPathKernel(schedule), mixtureParameters(mix1));
    const p0 = (x0: number) =>
      mix1.weights.reduce((s, w, j) => s + w * normalPdf(x0, mix1.means[j]![0]!, mix1.stds[j]!), 0);
    for (const t of times) {
      const { alpha, sigma, dAlpha, dSigma } = schedule(t);
      for (const x of [-2.5, -0.3, 0.7, 2.2]) {
        let num = 0;
        let den = 0;
        const h = 1e-4;
        for (let x0 = -8; x0 <= 8; x0 += h) {
          const w = normalPdf(x, alpha * x0, sigma) * p0(x0);
          num += w * (dAlpha * x0 + (dSigma * (x - alpha * x0)) / sigma);
          den += w;
        }
        const out = new Float64Array(1);
        field.velocity(Float64Array.of(t), Float64Array.of(x), 1, out);
        expect(out[0]).toBeCloseTo(num / den, 7);
      }
    }
  });

  it('VP, d = 2: velocity equals 2-D quadrature over x0', () => {
    const mix = {
      weights: [1, 2],
      means: [
        [-1, 0.5],
        [1.5, -0.5],
      ],
      stds: [0.4, 0.7],
    };
    const field = new MixtureField(gaussianPathKernel(vpSchedule), mixtureParameters(mix));
    const t = 0.3;
    const { alpha, sigma, dAlpha, dSigma } = vpSchedule(t);
    const x = [0.4, 0.1];
    const num = [0, 0];
    let den = 0;
    const h = 0.01;
    for (let a = -5; a <= 5; a += h) {
      for (let b = -5; b <= 5; b += h) {
        let p0 = 0;
        for (let j = 0; j < 2; j++) {
          p0 +=
            (mix.weights[j]! / 3) *
            normalPdf(a, mix.means[j]![0]!, mix.stds[j]!) *
            normalPdf(b, mix.means[j]![1]!, mix.stds[j]!);
        }
        const w = normalPdf(x[0]!, alpha * a, sigma) * normalPdf(x[1]!, alpha * b, sigma) * p0;
        num[0]! += w * (dAlpha * a + (dSigma * (x[0]! - alpha * a)) / sigma);
        num[1]! += w * (dAlpha * b + (dSigma * (x[1]! - alpha * b)) / sigma);
        den += w;
      }
    }
    const out = new Float64Array(2);
    field.velocity(Float64Array.of(t), Float64Array.from(x), 1, out);
    expect(out[0]).toBeCloseTo(num[0]! / den, 6);
    expect(out[1]).toBeCloseTo(num[1]! / den, 6);
  });

  it('score is the gradient of log Σ_j w_j N(x; α μ_j, (α² s_j² + σ²) I)', () => {
    const mix = {
      weights: [1, 2, 1],
      means: [
        [-1, 0.5, 0],
        [1.5, -0.5, 1],
        [0, 0, -2],
      ],
      stds: [0.4, 0.7, 0.2],
    };
    const field = new MixtureField(gaussianPathKernel(vpSchedule), mixtureParameters(mix));
    const t = 0.2;
    const { alpha, sigma } = vpSchedule(t);
    const logp = (x: number[]) =>
      Math.log(
        mix.weights.reduce((s, w, j) => {
          const v = alpha ** 2 * mix.stds[j]! ** 2 + sigma ** 2;
          const q = x.reduce((acc, xk, k) => acc + (xk - alpha * mix.means[j]![k]!) ** 2, 0);
          return s + (w / 4) * (2 * Math.PI * v) ** -1.5 * Math.exp(-q / (2 * v));
        }, 0),
      );
    const x = [0.3, -0.2, 0.4];
    const out = new Float64Array(3);
    field.score(Float64Array.of(t), Float64Array.from(x), 1, out);
    for (let k = 0; k < 3; k++) {
      const plus = x.slice();
      const minus = x.slice();
      plus[k]! += 1e-5;
      minus[k]! -= 1e-5;
      expect(out[k]).toBeCloseTo((logp(plus) - logp(minus)) / 2e-5, 6);
    }
  });

  it('velocity = (σ̇/σ) x + (α̇ − α σ̇/σ) x̂ with its posterior mean x̂ (the path identity, docs/mathematics.md §5)', () => {
    const mix = {
      weights: [1, 2],
      means: [
        [-1, 0.5],
        [1.5, -0.5],
      ],
      stds: [0.4, 0.7],
    };
    const field = new MixtureField(gaussianPathKernel(vpSchedule), mixtureParameters(mix));
    const t = Float64Array.of(0.05, 0.4, 0.9);
    const x = Float64Array.of(0.3, -0.2, 1, 1, -2, 0.5);
    const v = new Float64Array(6);
    const xhat = new Float64Array(6);
    field.velocity(t, x, 3, v);
    field.posteriorMean(t, x, 3, xhat);
    for (let i = 0; i < 3; i++) {
      const { alpha, sigma, dAlpha, dSigma } = vpSchedule(t[i]!);
      for (let k = 0; k < 2; k++) {
        const j = 2 * i + k;
        expect(v[j]).toBeCloseTo((dSigma / sigma) * x[j]! + (dAlpha - (alpha * dSigma) / sigma) * xhat[j]!, 10);
      }
    }
  });

  it('sampleMixture draws components in proportion to their weights', () => {
    const p = mixtureParameters({ weights: [1, 3], means: [[-10], [10]], stds: [1, 1] });
    const xs = sampleMixture(p, 20000, testRng(3));
    const share = xs.filter((v) => v > 0).length / 20000;
    expect(Math.abs(share - 0.75)).toBeLessThan(4 * Math.sqrt((0.75 * 0.25) / 20000));
  });

  it('refuses a non-Gaussian design', () => {
    expect(() => new MixtureField(tanhKernel(1), mixtureParameters(mix1))).toThrow(/Gaussian noise/);
  });

  it.each([
    [{ weights: [], means: [], stds: [] }, /at least one component/],
    [{ weights: [1, 1], means: [[0]], stds: [1, 1] }, /as many "means" and "stds"/],
    [{ weights: [-1], means: [[0]], stds: [1] }, /weight 1 must be a positive number/],
    [{ weights: [1], means: [[0]], stds: [0] }, /std 1 must be a positive number/],
    [{ weights: [1, 1], means: [[0], [0, 1]], stds: [1, 1] }, /mean 2 has 2 coordinates, expected 1/],
    [{ weights: [1], means: [[Number.NaN]], stds: [1] }, /mean 1, coordinate 1 is not a finite number/],
  ])('rejects a bad mixture (%#)', (mix, message) => {
    expect(() => mixtureParameters(mix)).toThrow(message);
  });
});
