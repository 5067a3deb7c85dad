// Integration in λ = α/σ with y = x/σ: the λ ↔ t map (closed forms, round trips, refusal of non-monotone
// schedules), exactness where the posterior mean is constant, and agreement with log-t integration.
import { describe, expect, it } from 'vitest';
import { OdeforgeError } from '../../src/errors.js';
import {
  SignalToNoise,
  solveDopri5,
  solveSemilinear,
  LogTimeTerm,
  type SemilinearProblem,
} from '../../src/solvers/index.js';
import { veSchedule, vpSchedule } from '../sample/designs.js';

describe('SignalToNoise', () => {
  it('VE (α = 1, σ = t): λ = 1/t and back, ends exact', () => {
    const snr = new SignalToNoise(veSchedule, 80, 1e-3);
    for (const t of [80, 40, 1, 0.3, 0.123456, 1e-3]) expect(Math.abs(snr.time(1 / t) / t - 1)).toBeLessThan(1e-14);
    expect(snr.time(snr.lambda(80))).toBe(80);
    expect(snr.time(snr.lambda(1e-3))).toBe(1e-3);
  });

  it('VP: t(λ(t)) = t to 1e-13 over [1e-3, 1]', () => {
    const snr = new SignalToNoise(vpSchedule, 1, 1e-3);
    for (let k = 0; k <= 60; k++) {
      const t = 1e-3 * 1000 ** (k / 60);
      expect(Math.abs(snr.time(snr.lambda(t)) / t - 1)).toBeLessThan(1e-13);
    }
  });

  it('rectified flow (α = 1 − t reaches 0 at T = 1): λ(T) = 0 maps back to T', () => {
    const rf = (t: number) => ({ alpha: 1 - t, sigma: t, dAlpha: -1, dSigma: 1 });
    const snr = new SignalToNoise(rf, 1, 1e-3);
    expect(snr.lambda(1)).toBe(0);
    expect(snr.time(0)).toBe(1);
    expect(snr.time((1 - 0.4) / 0.4)).toBeCloseTo(0.4, 14);
  });

  it('refuses a schedule whose α/σ is not strictly decreasing', () => {
    const bumpy = (t: number) => ({
      alpha: 1 + 0.5 * Math.sin(20 * t),
      sigma: t,
      dAlpha: 10 * Math.cos(20 * t),
      dSigma: 1,
    });
    expect(() => new SignalToNoise(bumpy, 1, 1e-3)).toThrow(OdeforgeError);
  });
});

describe('solveSemilinear', () => {
  // One data point x0: x̂ ≡ x0, so dy/dλ is constant and the exact flow is x_t = α_t x0 + σ_t (x_T − α_T x0)/σ_T.
  const x0 = [0.7, -1.2];
  const onePoint = (schedule: typeof vpSchedule): SemilinearProblem => ({
    dim: 2,
    schedule,
    posteriorMean(_t, _x, n, out) {
      for (let i = 0; i < n; i++) out.set(x0, 2 * i);
    },
  });

  it.each([
    ['VP', vpSchedule, 1],
    ['VE', veSchedule, 80],
  ] as const)('%s, constant posterior mean: exact to rounding, in a handful of steps', (_name, schedule, T) => {
    const eps = 1e-3;
    const xT = [1.3, 0.4, -2, 5];
    const x = Float64Array.from(xT);
    const result = solveSemilinear(onePoint(schedule), new SignalToNoise(schedule, T, eps), x, 2, T, eps, {
      rtol: 1e-5,
      atol: 1e-5,
    });
    const sT = schedule(T);
    const sE = schedule(eps);
    for (let i = 0; i < 2; i++) {
      for (let k = 0; k < 2; k++) {
        const expected = sE.alpha * x0[k]! + (sE.sigma * (xT[2 * i + k]! - sT.alpha * x0[k]!)) / sT.sigma;
        expect(Math.abs(x[2 * i + k]! - expected)).toBeLessThan(1e-12);
      }
    }
    expect(result.stats.steps / 2).toBeLessThan(10);
  });

  it('agrees with integrating dx/dt = (σ̇/σ)x + (α̇ − ασ̇/σ)x̂ in log t, for an x-dependent x̂', () => {
    // x̂(x) = tanh(x) componentwise: a smooth, nonlinear posterior mean.
    const problem: SemilinearProblem = {
      dim: 2,
      schedule: vpSchedule,
      posteriorMean(_t, x, n, out) {
        for (let i = 0; i < 2 * n; i++) out[i] = Math.tanh(x[i]!);
      },
    };
    const velocity = {
      dim: 2,
      evaluate(t: Float64Array, x: Float64Array, n: number, out: Float64Array) {
        for (let i = 0; i < n; i++) {
          const { alpha, sigma, dAlpha, dSigma } = vpSchedule(t[i]!);
          for (let k = 2 * i; k < 2 * i + 2; k++)
            out[k] = (dSigma / sigma) * x[k]! + (dAlpha - (alpha * dSigma) / sigma) * Math.tanh(x[k]!);
        }
      },
    };
    const start = [0.5, -1.5, 2, 0.1];
    const a = Float64Array.from(start);
    solveSemilinear(problem, new SignalToNoise(vpSchedule, 1, 1e-3), a, 2, 1, 1e-3, { rtol: 1e-10, atol: 1e-10 });
    const b = Float64Array.from(start);
    solveDopri5(new LogTimeTerm(velocity), 0, Math.log(1e-3), b, 2, { rtol: 1e-10, atol: 1e-10 });
    for (let i = 0; i < 4; i++) expect(a[i]).toBeCloseTo(b[i]!, 7);
  });
});
