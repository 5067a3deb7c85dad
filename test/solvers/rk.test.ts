// Each fixed-step method reaches its order on a time-dependent linear ODE (log–log slope of the error
// against the step), integrating backwards as the sampler does; non-finite states are reported as failures.
import { describe, expect, it } from 'vitest';
import {
  DOPRI5,
  EULER,
  ExplicitRk,
  HEUN,
  RK4,
  solveFixed,
  uniformGrid,
  type ButcherTableau,
} from '../../src/solvers/index.js';
import { exactRotatingDecay, logLogSlope, RotatingDecay } from './linear.js';

const embeddedDopri5: ButcherTableau = { ...DOPRI5, name: 'dopri5 embedded', order: 4, b: DOPRI5.bHat! };

describe.each([
  [EULER, [40, 80, 160, 320]],
  [HEUN, [20, 40, 80, 160]],
  [RK4, [8, 16, 32, 64]],
  [DOPRI5, [12, 24, 48, 96]],
  [embeddedDopri5, [12, 24, 48, 96]],
] as const)('$name', (tableau, stepCounts) => {
  it(`converges with order ${tableau.order}`, () => {
    const T = 2;
    const eps = 0.5;
    const y0 = [1, -0.5];
    const exact = exactRotatingDecay(T, eps, y0);
    const errors: number[] = [];
    const hs: number[] = [];
    for (const steps of stepCounts) {
      const y = Float64Array.from(y0);
      const result = solveFixed(new RotatingDecay(), new ExplicitRk(tableau), uniformGrid(T, eps, steps), y, 1);
      expect(result.failure).toBeUndefined();
      expect(result.stats.nfe).toBe(steps * tableau.b.length);
      errors.push(Math.hypot(y[0]! - exact[0], y[1]! - exact[1]));
      hs.push((T - eps) / steps);
    }
    expect(logLogSlope(hs, errors)).toBeGreaterThan(tableau.order - 0.25);
    expect(logLogSlope(hs, errors)).toBeLessThan(tableau.order + 0.5);
  });
});

describe('solveFixed', () => {
  it('advances every row of a batch exactly as it would alone', () => {
    const grid = uniformGrid(2, 0.5, 10);
    const batch = Float64Array.of(1, 0, 0, 1, -3, 2);
    solveFixed(new RotatingDecay(), new ExplicitRk(RK4), grid, batch, 3);
    for (let i = 0; i < 3; i++) {
      const alone = Float64Array.of(...[1, 0, 0, 1, -3, 2].slice(2 * i, 2 * i + 2));
      solveFixed(new RotatingDecay(), new ExplicitRk(RK4), grid, alone, 1);
      expect(Array.from(alone)).toEqual(Array.from(batch.subarray(2 * i, 2 * i + 2)));
    }
  });

  it('reports the first row that becomes non-finite, with the step where it happened', () => {
    const term = {
      dim: 1,
      evaluate(t: Float64Array, y: Float64Array, n: number, out: Float64Array) {
        for (let i = 0; i < n; i++) out[i] = t[i]! < 1 && i === 1 ? Number.NaN : -y[i]!;
      },
    };
    const y = Float64Array.of(1, 1, 1);
    const result = solveFixed(term, new ExplicitRk(EULER), uniformGrid(2, 0.5, 6), y, 3);
    expect(result.failure?.row).toBe(1);
    // f is first NaN at t = 0.75, so the Euler step from 0.75 to 0.5 is the first non-finite one.
    expect(result.failure?.t).toBe(0.5);
    expect(result.failure?.reason).toMatch(/non-finite in the step from t = 0.75 to t = 0.5/);
  });
});
