// DPM-Solver++ multistep, EDM's Heun sampler and the reverse-SDE steppers against closed forms: exactness where the
// data prediction is constant (one data point), convergence order on Gaussian data (whose ODE flow is known in
// closed form), the φ functions' series, EDM's published grid, and Euler–Maruyama's one-step formula.
import { describe, expect, it } from 'vitest';
import { OdeforgeError } from '../../src/errors.js';
import { sampleStream } from '../../src/numeric/rng.js';
import {
  edmTimes,
  ExplicitRk,
  EULER,
  lambdaGrid,
  logGrid,
  methodFor,
  phiFunctions,
  SignalToNoise,
  solveDpmpp,
  solveEdm,
  solveFixed,
  solveReverseSde,
  withScheduleGrid,
  type DiffusionProblem,
  type ScheduleRecord,
  type SemilinearProblem,
} from '../../src/solvers/index.js';
import { veSchedule, vpSchedule } from '../sample/designs.js';

type Schedule = (t: number) => ScheduleRecord;

/** One data point x0: x̂ ≡ x0, and the flow is x_t = α_t x0 + σ_t (x_T − α_T x0)/σ_T. */
function onePoint(schedule: Schedule, x0: number[]): SemilinearProblem {
  return {
    dim: x0.length,
    schedule,
    posteriorMean(_t, _x, n, out) {
      for (let i = 0; i < n; i++) out.set(x0, i * x0.length);
    },
  };
}

/**
 * Data N(μ, s²) in d = 1: p_t = N(α μ, α² s² + σ²), x̂ = μ + α s² (x − α μ)/(α² s² + σ²), and the flow keeps the
 * standardized value: x_t − α_t μ = (x_T − α_T μ) √(α_t² s² + σ_t²)/√(α_T² s² + σ_T²).
 */
function gaussianData(schedule: Schedule, mu: number, s: number) {
  const variance = (t: number) => {
    const { alpha, sigma } = schedule(t);
    return alpha * alpha * s * s + sigma * sigma;
  };
  const problem: SemilinearProblem = {
    dim: 1,
    schedule,
    posteriorMean(t, x, n, out) {
      for (let i = 0; i < n; i++) {
        const { alpha } = schedule(t[i]!);
        out[i] = mu + (alpha * s * s * (x[i]! - alpha * mu)) / variance(t[i]!);
      }
    },
  };
  const flow = (xT: number, T: number, t: number) =>
    schedule(t).alpha * mu + (xT - schedule(T).alpha * mu) * Math.sqrt(variance(t) / variance(T));
  return { problem, flow };
}

const starts = [-2.5, -0.3, 0.8, 1.7];
const grid0 = new Float64Array(0);

function maxError(order: 2 | 3, schedule: Schedule, T: number, epsilon: number, steps: number): number {
  const { problem, flow } = gaussianData(schedule, 0.4, 0.5);
  const snr = new SignalToNoise(schedule, T, epsilon);
  const grid = lambdaGrid(snr, steps)!;
  const x = Float64Array.from(starts, (u) => u * Math.sqrt(schedule(T).sigma ** 2 + 0.25));
  const x0 = x.slice();
  solveDpmpp(problem, order, grid, x, x.length);
  return Math.max(...Array.from(x, (v, i) => Math.abs(v - flow(x0[i]!, T, epsilon))));
}

describe('phiFunctions', () => {
  it('φ2 = (e^{−h} − 1 + h)/h and φ3 = φ2/h − ½: series and direct forms agree where both are accurate', () => {
    for (const h of [0.03, 0.049, 0.051, 0.08]) {
      const direct2 = (Math.expm1(-h) + h) / h;
      const direct3 = direct2 / h - 0.5;
      const { phi1, phi2, phi3 } = phiFunctions(h);
      expect(phi1).toBe(Math.expm1(-h));
      expect(Math.abs(phi2 / direct2 - 1)).toBeLessThan(1e-13);
      expect(Math.abs(phi3 / direct3 - 1)).toBeLessThan(1e-11);
    }
  });

  it('small h: φ2 = h/2 − h²/6 + O(h³), φ3 = −h/6 + h²/24 + O(h³)', () => {
    const h = 1e-6;
    const { phi2, phi3 } = phiFunctions(h);
    expect(Math.abs(phi2 - (h / 2 - (h * h) / 6))).toBeLessThan(1e-18);
    expect(Math.abs(phi3 - (-h / 6 + (h * h) / 24))).toBeLessThan(1e-18);
  });
});

describe('solveDpmpp', () => {
  it.each([2, 3] as const)('order %i: exact for one data point on VP (x̂ constant), short and long runs', (order) => {
    const x0 = [0.7, -1.2];
    const snr = new SignalToNoise(vpSchedule, 1, 1e-3);
    for (const steps of [1, 2, 3, 7, 25]) {
      const x = Float64Array.from([1.3, -0.4, -2.1, 0.5]);
      const xT = x.slice();
      const grid = lambdaGrid(snr, steps)!;
      const result = solveDpmpp(onePoint(vpSchedule, x0), order, grid, x, 2);
      expect(result.stats.nfe).toBe(2 * steps);
      const T = vpSchedule(1);
      const E = vpSchedule(1e-3);
      for (let j = 0; j < 4; j++) {
        const expected = E.alpha * x0[j % 2]! + (E.sigma * (xT[j]! - T.alpha * x0[j % 2]!)) / T.sigma;
        expect(Math.abs(x[j]! - expected)).toBeLessThan(1e-12);
      }
    }
  });

  it.each([
    ['VE', veSchedule, 80],
    ['VP', vpSchedule, 1],
  ] as const)(
    '%s, Gaussian data: 2M and 3M (reference form) converge with order 2, 3M more accurately',
    (_n, schedule, T) => {
      const rate = (order: 2 | 3, steps: number) =>
        Math.log2(maxError(order, schedule, T, 1e-3, steps) / maxError(order, schedule, T, 1e-3, 2 * steps));
      expect(rate(2, 40)).toBeGreaterThan(1.8);
      expect(rate(3, 40)).toBeGreaterThan(1.8);
      expect(maxError(3, schedule, T, 1e-3, 40)).toBeLessThan(maxError(2, schedule, T, 1e-3, 40));
    },
  );

  it('λ grid: uniform in log(α/σ), ends exact; none when α_T = 0', () => {
    const snr = new SignalToNoise(veSchedule, 80, 1e-3);
    const grid = lambdaGrid(snr, 8)!;
    expect(grid[0]).toBe(80);
    expect(grid[8]).toBe(1e-3);
    for (let i = 0; i <= 8; i++) expect(grid[i]! / (80 * (1e-3 / 80) ** (i / 8)) - 1).toBeCloseTo(0, 12);
    const rf = (t: number) => ({ alpha: 1 - t, sigma: t, dAlpha: -1, dSigma: 1 });
    expect(lambdaGrid(new SignalToNoise(rf, 1, 1e-3), 8)).toBeNull();
  });

  it('cosine at T = 1 (α_T ≈ 6e-17): no λ grid (t cannot resolve it), and the log-t grid it falls back to works', () => {
    const c = Math.PI / 2;
    const cosine = (t: number) => ({
      alpha: Math.cos(c * t),
      sigma: Math.sin(c * t),
      dAlpha: -c * Math.sin(c * t),
      dSigma: c * Math.cos(c * t),
    });
    const snr = new SignalToNoise(cosine, 1, 1e-3);
    expect(lambdaGrid(snr, 30)).toBeNull();
    const method = withScheduleGrid(methodFor({ solver: 'dpmpp-3m', T: 1, epsilon: 1e-3, steps: 30 }), snr);
    const x = Float64Array.from([0.3, -1.1]);
    const xT = x.slice();
    const result = solveDpmpp(onePoint(cosine, [0.5]), 3, method.kind === 'multistep' ? method.grid! : grid0, x, 2);
    expect(result.failure).toBeUndefined();
    // one data point: x_ε = α_ε x0 + σ_ε (x_T − α_T x0)/σ_T
    const E = cosine(1e-3);
    const T = cosine(1);
    xT.forEach((v, i) => expect(x[i]).toBeCloseTo(E.alpha * 0.5 + (E.sigma * (v - T.alpha * 0.5)) / T.sigma, 12));
  });
});

describe('solveEdm', () => {
  it("EDM's grid: σ/α from 80 to 0.002 in 17 steps is 80, 57.58598, 40.78557, … (the paper's 18 points)", () => {
    const grid = edmTimes(new SignalToNoise(veSchedule, 80, 0.002), 17);
    expect(grid[0]).toBe(80);
    expect(grid[1]).toBeCloseTo(57.58598, 4);
    expect(grid[2]).toBeCloseTo(40.78557, 4);
    expect(grid[17]).toBe(0.002);
  });

  it('refuses α_T = 0 (σ/α infinite at T)', () => {
    const rf = (t: number) => ({ alpha: 1 - t, sigma: t, dAlpha: -1, dSigma: 1 });
    expect(() => edmTimes(new SignalToNoise(rf, 1, 1e-3), 10)).toThrow(OdeforgeError);
  });

  it('without churn: exact for one data point on VP (x/α − x0 is linear in σ/α, which Heun integrates exactly)', () => {
    const x0 = [0.7, -1.2];
    const snr = new SignalToNoise(vpSchedule, 1, 1e-3);
    const x = Float64Array.from([1.3, -0.4, -2.1, 0.5]);
    const xT = x.slice();
    const grid = edmTimes(snr, 12);
    const churn = { churn: 0, sTmin: 0, sTmax: Infinity, sNoise: 1 };
    const result = solveEdm(onePoint(vpSchedule, x0), snr, grid, churn, x, 2, undefined);
    expect(result.stats.nfe).toBe(2 * 12 * 2);
    const T = vpSchedule(1);
    const E = vpSchedule(1e-3);
    for (let j = 0; j < 4; j++) {
      const expected = E.alpha * x0[j % 2]! + (E.sigma * (xT[j]! - T.alpha * x0[j % 2]!)) / T.sigma;
      expect(Math.abs(x[j]! - expected)).toBeLessThan(1e-12);
    }
  });
});

describe('solveReverseSde', () => {
  /** N(0, s² + t²) marginals of VE with data N(0, s²): v = t x/(s² + t²), ∇log p = −x/(s² + t²), g² = 2t. */
  const s2 = 0.25;
  const problem: DiffusionProblem = {
    dim: 1,
    evaluationsPerCall: 1,
    velocityAndScore(t, x, n, velocity, score) {
      for (let i = 0; i < n; i++) {
        velocity[i] = (t[i]! * x[i]!) / (s2 + t[i]! ** 2);
        score[i] = -x[i]! / (s2 + t[i]! ** 2);
      }
    },
    score(t, x, n, out) {
      for (let i = 0; i < n; i++) out[i] = -x[i]! / (s2 + t[i]! ** 2);
    },
    diffusionSquared: (t) => 2 * t,
    noiseScale: (t) => t,
  };

  it('one step by hand: x − h (v − ½ η² g² s) + η g √h z with z from the row’s own stream', () => {
    const grid = Float64Array.from([2, 1.5]);
    const x = Float64Array.from([0.9, -1.4]);
    const eta = 0.7;
    solveReverseSde(problem, grid, x, 2, [sampleStream(5, 0), sampleStream(5, 1)], { eta });
    for (const [row, x0] of [0.9, -1.4].entries()) {
      const z = sampleStream(5, row).normal();
      const v = (2 * x0) / (s2 + 4);
      const s = -x0 / (s2 + 4);
      const g2 = eta * eta * 4;
      expect(x[row]).toBeCloseTo(x0 - 0.5 * (v - 0.5 * g2 * s) + Math.sqrt(g2 * 0.5) * z, 14);
    }
  });

  it('η = 0 is the Euler method on the ODE, to the bit, and draws nothing', () => {
    const grid = logGrid(10, 1e-2, 30);
    const x = Float64Array.from([0.9, -1.4, 3]);
    const y = x.slice();
    const streams = [0, 1, 2].map((i) => sampleStream(1, i));
    solveReverseSde(problem, grid, x, 3, streams, { eta: 0 });
    const term = {
      dim: 1,
      evaluate(t: Float64Array, state: Float64Array, n: number, out: Float64Array) {
        problem.velocityAndScore(t, state, n, out, new Float64Array(n));
      },
    };
    solveFixed(term, new ExplicitRk(EULER), grid, y, 3);
    expect(Array.from(x)).toEqual(Array.from(y));
    expect(streams[0]!.normal()).toBe(sampleStream(1, 0).normal());
  });

  it('a corrector step costs one evaluation per row and is counted', () => {
    const grid = logGrid(10, 1e-2, 5);
    const x = Float64Array.from([0.5, 1]);
    const result = solveReverseSde(problem, grid, x, 2, [sampleStream(0, 0), sampleStream(0, 1)], {
      eta: 1,
      corrector: { snr: 0.16, steps: 2 },
    });
    expect(result.stats.nfe).toBe(5 * 3 * 2);
  });
});

describe('methodFor: the new samplers', () => {
  const base = { T: 80, epsilon: 1e-3 };
  it('rejects bad options, naming them', () => {
    expect(() => methodFor({ ...base, solver: 'euler-maruyama', eta: -0.1 })).toThrow(/--eta/);
    expect(() => methodFor({ ...base, solver: 'pc', snr: 0 })).toThrow(/--snr/);
    expect(() => methodFor({ ...base, solver: 'pc', correctorSteps: -1 })).toThrow(/--corrector-steps/);
    expect(() => methodFor({ ...base, solver: 'edm', churn: -1 })).toThrow(/--churn/);
    expect(() => methodFor({ ...base, solver: 'edm', sTmin: 2, sTmax: 1 })).toThrow(/--s-tmax/);
    expect(() => methodFor({ ...base, solver: 'dpmpp-2m', steps: 0 })).toThrow(/steps/);
  });

  it('defaults: 1000 log steps with η = 1 (SDE), 20 (DPM-Solver++), 18 (EDM, churn 0)', () => {
    const em = methodFor({ ...base, solver: 'euler-maruyama' });
    expect(em.kind === 'stochastic' && em.grid.length === 1001 && em.eta === 1 && !em.corrector).toBe(true);
    const pc = methodFor({ ...base, solver: 'pc' });
    expect(pc.kind === 'stochastic' && pc.corrector?.snr === 0.16 && pc.corrector.steps === 1).toBe(true);
    const m = methodFor({ ...base, solver: 'dpmpp-3m' });
    expect(m.kind === 'multistep' && m.order === 3 && m.steps === 20 && m.grid === undefined).toBe(true);
    const edm = methodFor({ ...base, solver: 'edm' });
    expect(edm.kind === 'edm' && edm.steps === 18 && edm.churn.churn === 0 && edm.churn.sTmax === Infinity).toBe(true);
  });
});
