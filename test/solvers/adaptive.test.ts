// Adaptive integrators: accuracy follows the tolerance, error control is per row (a row's result is the
// same bits alone or in any batch, whatever the other rows do), log-time integration, recording, failures.
import { describe, expect, it } from 'vitest';
import { LogTimeTerm, methodFor, solve, solveDopri5, solveOdex } from '../../src/solvers/index.js';
import { exactRotatingDecay, RotatingDecay } from './linear.js';

const starts = [
  [1, -0.5],
  [0, 2],
  [-3, 1],
  [1e-3, 1e-3],
];

describe.each([
  ['dopri5', solveDopri5],
  ['odex', solveOdex],
] as const)('%s', (_name, integrate) => {
  it.each([1e-4, 1e-7, 1e-10])('error stays at the order of rtol = atol = %f, backwards from T = 3 to 0.1', (tol) => {
    const y = Float64Array.from(starts.flat());
    const result = integrate(new RotatingDecay(), 3, 0.1, y, starts.length, { rtol: tol, atol: tol });
    expect(result.failure).toBeUndefined();
    starts.forEach((y0, i) => {
      const exact = exactRotatingDecay(3, 0.1, y0);
      const err = Math.hypot(y[2 * i]! - exact[0], y[2 * i + 1]! - exact[1]);
      expect(err).toBeLessThan(50 * tol * Math.max(1, Math.hypot(...exact)));
    });
  });

  it('each row gives the same bits alone as inside a batch of very different rows', () => {
    const opts = { rtol: 1e-6, atol: 1e-6 };
    const batch = Float64Array.from(starts.flat());
    integrate(new RotatingDecay(), 3, 0.1, batch, starts.length, opts);
    starts.forEach((y0, i) => {
      const alone = Float64Array.from(y0);
      integrate(new RotatingDecay(), 3, 0.1, alone, 1, opts);
      expect(Array.from(alone)).toEqual(Array.from(batch.subarray(2 * i, 2 * i + 2)));
    });
  });

  it('counts true evaluations: the sum over rows of what each row cost alone', () => {
    const opts = { rtol: 1e-6, atol: 1e-6 };
    let alone = 0;
    for (const y0 of starts) {
      const term = new RotatingDecay();
      alone += integrate(term, 3, 0.1, Float64Array.from(y0), 1, opts).stats.nfe;
    }
    const term = new RotatingDecay();
    const together = integrate(term, 3, 0.1, Float64Array.from(starts.flat()), starts.length, opts);
    expect(together.stats.nfe).toBe(alone);
    expect(term.rowEvaluations).toBe(alone);
  });
});

describe('solveDopri5 per-sample control', () => {
  it('a fast-varying row does not change the step sizes (or results) of a slow one', () => {
    // y' = −λ (y − cos t) with λ = 1 and λ = 400 carried in the state (rows are repacked as they finish).
    const term = {
      dim: 2,
      evaluate(t: Float64Array, y: Float64Array, n: number, out: Float64Array) {
        for (let i = 0; i < n; i++) {
          out[2 * i] = -y[2 * i + 1]! * (y[2 * i]! - Math.cos(t[i]!));
          out[2 * i + 1] = 0;
        }
      },
    };
    const both = Float64Array.of(2, 1, 2, 400);
    const r2 = solveDopri5(term, 0, 5, both, 2, { rtol: 1e-6, atol: 1e-6 });
    const slowAlone = Float64Array.of(2, 1);
    const r1 = solveDopri5(term, 0, 5, slowAlone, 1, { rtol: 1e-6, atol: 1e-6 });
    expect(slowAlone[0]).toBe(both[0]);
    expect(r2.stats.steps - r1.stats.steps).toBeGreaterThan(3 * r1.stats.steps);
  });

  it('reports a row whose field turns NaN, with its t', () => {
    // Rows are repacked as others finish, so the faulty row is marked by its state: a constant label y[1] = 1.
    const term = {
      dim: 2,
      evaluate(t: Float64Array, y: Float64Array, n: number, out: Float64Array) {
        for (let i = 0; i < n; i++) {
          out[2 * i] = y[2 * i + 1] === 1 && t[i]! < 0.5 ? Number.NaN : -y[2 * i]!;
          out[2 * i + 1] = 0;
        }
      },
    };
    const result = solveDopri5(term, 2, 0.1, Float64Array.of(1, 0, 1, 0, 1, 1), 3, { rtol: 1e-6, atol: 1e-6 });
    expect(result.failure?.row).toBe(2);
    expect(result.failure?.t).toBeCloseTo(0.5, 6);
    expect(result.failure?.reason).toMatch(/non-finite near t = 0\.5/);
  });

  it('reports a row that needs more than maxSteps', () => {
    const result = solveDopri5(new RotatingDecay(), 3, 0.1, Float64Array.of(1, 1), 1, {
      rtol: 1e-12,
      atol: 1e-12,
      maxSteps: 10,
    });
    expect(result.failure?.reason).toMatch(/more than 10 steps/);
  });
});

describe('integration in log t', () => {
  it("y' = −y/t + 1 (solution y = t/2 + c/t) is integrated in s = log t to the tolerance", () => {
    // y(t) = t/2 + c/t with y(T) = y0 ⇒ c = T (y0 − T/2).
    const T = 80;
    const eps = 1e-3;
    const term = {
      dim: 1,
      evaluate(t: Float64Array, y: Float64Array, n: number, out: Float64Array) {
        for (let i = 0; i < n; i++) out[i] = -y[i]! / t[i]! + 1;
      },
    };
    const exact = (y0: number) => eps / 2 + (T * (y0 - T / 2)) / eps;
    for (const integrator of ['dopri5', 'odex'] as const) {
      const method = methodFor({ solver: integrator, T, epsilon: eps, rtol: 1e-9, atol: 1e-9 });
      // Backwards, a perturbation δ at t grows to δ t/ε: compare relative to the solution's own conditioning.
      const y = Float64Array.of(40.5, 120);
      const result = solve(term, method, y, 2, { t0: T, t1: eps });
      expect(result.failure).toBeUndefined();
      expect(Math.abs(y[0]! / exact(40.5) - 1)).toBeLessThan(1e-6);
      expect(Math.abs(y[1]! / exact(120) - 1)).toBeLessThan(1e-6);
    }
  });

  it('LogTimeTerm evaluates t·f(t, y) at t = e^s', () => {
    const term = new LogTimeTerm(new RotatingDecay());
    const out = new Float64Array(2);
    term.evaluate(Float64Array.of(Math.log(2)), Float64Array.of(1, 0), 1, out);
    expect(out[0]).toBeCloseTo(2 * -2, 12);
    expect(out[1]).toBeCloseTo(2 * -1, 12);
  });
});

describe('recording trajectories', () => {
  it.each(['dopri5', 'odex', 'rk4'] as const)('%s keeps the start, the end and interpolated states', (solver) => {
    const method = methodFor({
      solver,
      T: 3,
      epsilon: 0.1,
      rtol: 1e-8,
      atol: 1e-8,
      steps: 200,
      grid: 'uniform',
      timeVariable: 't',
    });
    const requested = Float64Array.of(3, 2.5, 1.7, 1, 0.4, 0.1);
    const times = method.kind === 'fixed' ? method.grid : requested;
    const n = 2;
    const y = Float64Array.of(1, -0.5, 0, 2);
    const y0 = [
      [1, -0.5],
      [0, 2],
    ];
    const states = new Float64Array(times.length * n * 2);
    solve(new RotatingDecay(), method, y, n, { t0: 3, t1: 0.1, record: { times: requested, states, rows: n } });
    times.forEach((t, k) => {
      for (let i = 0; i < n; i++) {
        const exact = exactRotatingDecay(3, t, y0[i]!);
        const scale = Math.max(1, Math.hypot(...exact));
        expect(Math.abs(states[(k * n + i) * 2]! - exact[0]) / scale).toBeLessThan(1e-6);
        expect(Math.abs(states[(k * n + i) * 2 + 1]! - exact[1]) / scale).toBeLessThan(1e-6);
      }
    });
    const last = (times.length - 1) * n * 2;
    expect(Array.from(states.subarray(last, last + 4))).toEqual(Array.from(y));
    expect(Array.from(states.subarray(0, 4))).toEqual([1, -0.5, 0, 2]);
  });
});

describe('methodFor', () => {
  it('rejects unknown solvers, bad tolerances and ε ≥ T', () => {
    expect(() => methodFor({ solver: 'rk45' as never, T: 1, epsilon: 0.1 })).toThrow(
      expect.objectContaining({
        message: 'unknown solver "rk45"',
        hint: 'use one of dopri5, odex, euler, heun, rk4, euler-maruyama, pc, edm, dpmpp-2m, dpmpp-3m',
      }),
    );
    expect(() => methodFor({ solver: 'dopri5', T: 1, epsilon: 0.1, rtol: 0 })).toThrow(
      /rtol and atol must be positive/,
    );
    expect(() => methodFor({ solver: 'dopri5', T: 1, epsilon: 1 })).toThrow(/0 < epsilon < T/);
  });
});
