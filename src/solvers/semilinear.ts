// Semi-linear ODEs of path designs, dx/dt = (σ̇/σ) x + (α̇ − α σ̇/σ) x̂(t, x), integrated in the variables that
// make their linear part exact (DPM-Solver++'s view): λ = α/σ and y = x/σ give dy/dλ = x̂. Where the
// posterior mean x̂ stops changing (t → 0, the weights one-hot) the ODE is dy/dλ = constant, which any
// Runge–Kutta step integrates exactly, so steps grow freely there (a third fewer evaluations than log t).
import { OdeforgeError } from '../errors.js';
import { solveDopri5 } from './dopri5.js';
import type { OdeTerm, ProgressCallback, SolveResult } from './types.js';

/** α_t, σ_t and their derivatives (the design's Schedule, structurally). */
export interface ScheduleRecord {
  alpha: number;
  sigma: number;
  dAlpha: number;
  dSigma: number;
}

export interface SemilinearProblem {
  dim: number;
  schedule(t: number): ScheduleRecord;
  /** out[i] = x̂(t[i], x[i]) for rows i < n. */
  posteriorMean(t: Float64Array, x: Float64Array, n: number, out: Float64Array): void;
}

const TABLE_POINTS = 1024;

/**
 * The signal-to-noise map λ(t) = α_t/σ_t on [ε, T] and its inverse: a table in log t for a starting
 * point, then Newton on log λ(e^u) = log λ* (d log λ/du = t (α̇/α − σ̇/σ)), safeguarded by the bracket.
 */
export class SignalToNoise {
  private readonly logT: Float64Array;
  private readonly logLambda: Float64Array;

  /** @throws OdeforgeError when λ is not strictly decreasing on [ε, T] (then λ cannot be the time variable) */
  constructor(
    private readonly schedule: (t: number) => ScheduleRecord,
    readonly T: number,
    readonly epsilon: number,
  ) {
    this.logT = new Float64Array(TABLE_POINTS);
    this.logLambda = new Float64Array(TABLE_POINTS);
    const a = Math.log(epsilon);
    const b = Math.log(T);
    for (let i = 0; i < TABLE_POINTS; i++) {
      const u = i === TABLE_POINTS - 1 ? b : a + ((b - a) * i) / (TABLE_POINTS - 1);
      this.logT[i] = u;
      this.logLambda[i] = this.logLambdaAt(i === 0 ? epsilon : i === TABLE_POINTS - 1 ? T : Math.exp(u));
      if (!(Number.isFinite(this.logLambda[i]!) || (i === TABLE_POINTS - 1 && this.logLambda[i] === -Infinity))) {
        throw new OdeforgeError(`α_t/σ_t is not a finite positive number at t = ${Math.exp(u)}`);
      }
      if (i > 0 && !(this.logLambda[i]! < this.logLambda[i - 1]!)) {
        throw new OdeforgeError(
          `α_t/σ_t is not strictly decreasing near t = ${Math.exp(u)}`,
          {},
          'integrate in log t instead',
        );
      }
    }
  }

  private logLambdaAt(t: number): number {
    const s = this.schedule(t);
    return Math.log(s.alpha) - Math.log(s.sigma);
  }

  /** λ(t) = α_t/σ_t. */
  lambda(t: number): number {
    const s = this.schedule(t);
    return s.alpha / s.sigma;
  }

  /** t with α_t/σ_t = λ; the ends map to exactly T and ε. */
  time(lambda: number): number {
    const target = Math.log(lambda);
    const { logT, logLambda } = this;
    const last = TABLE_POINTS - 1;
    if (target >= logLambda[0]!) return this.epsilon;
    if (target <= logLambda[last]!) return this.T;
    // logLambda decreases with i: find i with logLambda[i] ≥ target > logLambda[i + 1].
    let lo = 0;
    let hi = last;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (logLambda[mid]! >= target) lo = mid;
      else hi = mid;
    }
    let uLo = logT[lo]!;
    let uHi = logT[hi]!;
    const f0 = logLambda[lo]!;
    const f1 = logLambda[hi]!;
    let u = Number.isFinite(f1) ? uLo + ((target - f0) / (f1 - f0)) * (uHi - uLo) : 0.5 * (uLo + uHi);
    for (let iter = 0; iter < 60; iter++) {
      const t = Math.exp(u);
      const s = this.schedule(t);
      const g = Math.log(s.alpha) - Math.log(s.sigma) - target;
      if (g === 0) return t;
      if (g > 0) uLo = u;
      else uHi = u;
      const slope = t * (s.dAlpha / s.alpha - s.dSigma / s.sigma);
      let next = u - g / slope;
      if (!(next >= uLo && next <= uHi)) next = 0.5 * (uLo + uHi);
      if (Math.abs(next - u) <= 4 * Number.EPSILON * Math.max(1, Math.abs(u))) return Math.exp(next);
      u = next;
    }
    return Math.exp(u);
  }
}

/** The term dy/dλ = x̂(t(λ), σ(t(λ)) y). */
class DataPredictionTerm implements OdeTerm {
  readonly dim: number;
  private t = new Float64Array(0);
  private x = new Float64Array(0);

  constructor(
    private readonly problem: SemilinearProblem,
    private readonly snr: SignalToNoise,
  ) {
    this.dim = problem.dim;
  }

  evaluate(lambda: Float64Array, y: Float64Array, n: number, out: Float64Array): void {
    const d = this.dim;
    if (this.t.length < n) {
      this.t = new Float64Array(n);
      this.x = new Float64Array(n * d);
    }
    const { t, x } = this;
    for (let i = 0; i < n; i++) {
      const ti = this.snr.time(lambda[i]!);
      const sigma = this.problem.schedule(ti).sigma;
      t[i] = ti;
      for (let k = i * d; k < (i + 1) * d; k++) x[k] = sigma * y[k]!;
    }
    this.problem.posteriorMean(t, x, n, out);
  }
}

export interface SemilinearOptions {
  rtol: number;
  atol: number;
  maxSteps?: number;
  /** Keep states at these times (in t, from t0 to t1). */
  record?: { times: Float64Array; states: Float64Array; rows: number; offset?: number };
  onProgress?: ProgressCallback;
}

/**
 * Integrate rows 0..n−1 of x (in place) from t0 = T to t1 = ε in the variables (λ, y = x/σ) with
 * Dormand–Prince 5(4); errors are measured on x, so rtol and atol mean what they mean in t.
 */
export function solveSemilinear(
  problem: SemilinearProblem,
  snr: SignalToNoise,
  x: Float64Array,
  n: number,
  t0: number,
  t1: number,
  options: SemilinearOptions,
): SolveResult {
  const d = problem.dim;
  const sigmaAt = (t: number) => problem.schedule(t).sigma;
  const rec = options.record;
  const start = rec ? x.slice(0, n * d) : undefined;
  const scale0 = sigmaAt(t0);
  for (let i = 0; i < n * d; i++) x[i] = x[i]! / scale0;
  const common = {
    rtol: options.rtol,
    atol: options.atol,
    maxSteps: options.maxSteps,
    record: rec && { times: rec.times.map((t) => snr.lambda(t)), states: rec.states, rows: rec.rows },
    recordOffset: rec?.offset,
    onProgress: options.onProgress,
    toTime: (lambda: number) => snr.time(lambda),
    stateScale: (lambda: number) => sigmaAt(snr.time(lambda)),
  };
  const result = solveDopri5(new DataPredictionTerm(problem, snr), snr.lambda(t0), snr.lambda(t1), x, n, common);
  const scale1 = sigmaAt(t1);
  for (let i = 0; i < n * d; i++) x[i] = x[i]! * scale1;
  if (rec) {
    // Recorded y → x = σ(t_k) y at each save time; the start is kept as given (x/σ·σ may round).
    const offset = rec.offset ?? 0;
    rec.times.forEach((t, k) => {
      const from = (k * rec.rows + offset) * d;
      if (t === t0) {
        rec.states.set(start!, from);
        return;
      }
      const s = sigmaAt(t);
      for (let i = from; i < from + n * d; i++) rec.states[i] = rec.states[i]! * s;
    });
  }
  return result;
}
