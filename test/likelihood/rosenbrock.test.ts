// The stiff integrator (ROS34PW2) against closed-form solutions: a stiff linear system (rates 1 and 10⁶,
// far beyond an explicit method's stability), a non-autonomous scalar equation, and its order of accuracy.
import { describe, expect, it } from 'vitest';
import { solveRosenbrock } from '../../src/likelihood/rosenbrock.js';

describe('solveRosenbrock', () => {
  it('integrates a stiff linear system in few steps, to the tolerance', () => {
    // z1' = −z1, z2' = −1e6 (z2 − cos t) − sin t: z2 → cos t after a fast transient; ℓ' = z1 (passive)
    const f = (t: number, z: Float64Array, out: Float64Array) => {
      out[0] = -z[0]!;
      out[1] = -1e6 * (z[1]! - Math.cos(t)) - Math.sin(t);
      out[2] = z[0]!;
    };
    const z = new Float64Array([1, 2, 0]);
    const result = solveRosenbrock(f, z, 0, 3, { rtol: 1e-8, atol: 1e-10, passive: 1 });
    expect(result.failure).toBeUndefined();
    expect(Math.abs(z[0]! - Math.exp(-3))).toBeLessThan(1e-7);
    // z2(t) = cos t + e^{−1e6 t}(z2(0) − 1): the transient is gone
    expect(Math.abs(z[1]! - Math.cos(3))).toBeLessThan(1e-7);
    expect(Math.abs(z[2]! - (1 - Math.exp(-3)))).toBeLessThan(1e-7);
    expect(result.steps).toBeLessThan(3000);
  });

  it('integrates backwards in time and a non-autonomous equation', () => {
    // z' = t z, z(2) = 1 → z(0.5) = exp((0.25 − 4)/2)
    const f = (t: number, z: Float64Array, out: Float64Array) => {
      out[0] = t * z[0]!;
    };
    const z = new Float64Array([1]);
    const result = solveRosenbrock(f, z, 2, 0.5, { rtol: 1e-10, atol: 1e-12 });
    expect(result.failure).toBeUndefined();
    expect(Math.abs(z[0]! / Math.exp((0.25 - 4) / 2) - 1)).toBeLessThan(1e-8);
  });

  it('is third order: the error falls about 8× when the tolerance allows half the step', () => {
    // A fixed step count through maxSteps is not available, so compare errors at tolerances 1e-6 and 1e-9:
    // third order means the steps grow by about 1000^{1/3} = 10 while the error falls 1000×.
    const f = (_t: number, z: Float64Array, out: Float64Array) => {
      out[0] = -z[1]!;
      out[1] = z[0]!;
    };
    const steps = [1e-6, 1e-9].map((tol) => {
      const z = new Float64Array([1, 0]);
      const result = solveRosenbrock(f, z, 0, 2 * Math.PI, { rtol: tol, atol: tol });
      expect(Math.hypot(z[0]! - 1, z[1]!)).toBeLessThan(200 * tol);
      return result.steps;
    });
    expect(steps[1]! / steps[0]!).toBeGreaterThan(5);
    expect(steps[1]! / steps[0]!).toBeLessThan(20);
  });
});
