// A time-dependent linear test ODE with a closed-form solution, for order and accuracy tests:
// y' = [[−t, 1], [−1, −t]] y  ⇒  y(t) = e^{−(t² − t0²)/2} R(t − t0) y0, R(τ) = [[cos τ, sin τ], [−sin τ, cos τ]].
import type { OdeTerm } from '../../src/solvers/index.js';

export class RotatingDecay implements OdeTerm {
  readonly dim = 2;
  calls = 0;
  rowEvaluations = 0;

  evaluate(t: Float64Array, y: Float64Array, n: number, out: Float64Array): void {
    this.calls++;
    this.rowEvaluations += n;
    for (let i = 0; i < n; i++) {
      const a = y[2 * i]!;
      const b = y[2 * i + 1]!;
      out[2 * i] = -t[i]! * a + b;
      out[2 * i + 1] = -a - t[i]! * b;
    }
  }
}

export function exactRotatingDecay(t0: number, t: number, y0: readonly number[]): [number, number] {
  const tau = t - t0;
  const g = Math.exp(-(t * t - t0 * t0) / 2);
  const c = Math.cos(tau);
  const s = Math.sin(tau);
  return [g * (c * y0[0]! + s * y0[1]!), g * (-s * y0[0]! + c * y0[1]!)];
}

/** Least-squares slope of log(err) against log(h). */
export function logLogSlope(h: number[], err: number[]): number {
  const xs = h.map(Math.log);
  const ys = err.map(Math.log);
  const mx = xs.reduce((a, b) => a + b) / xs.length;
  const my = ys.reduce((a, b) => a + b) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return num / den;
}
