// Adaptive Dormand–Prince 5(4) with per-sample error control: every row of the batch has its own time,
// step size and accept/reject decision (scipy's RK45 rules per row), so a sample's accuracy does not depend
// on what else is in the batch. Rows still active are packed at the front and evaluated in one field call.
import { integralController, type StepController } from './controller.js';
import { DOPRI5 } from './tableaux.js';
import type { OdeTerm, ProgressCallback, Recording, SolveResult } from './types.js';

export interface AdaptiveOptions {
  rtol: number;
  atol: number;
  /** Steps (accepted + rejected) allowed per row before it is reported as a failure. */
  maxSteps?: number;
  controller?: StepController;
  /** Keep states at recording.times (interpolated by cubic Hermite from each step's ends and slopes). */
  record?: Recording;
  /** Row offset of this batch inside the recording. */
  recordOffset?: number;
  onProgress?: ProgressCallback;
  /** Maps the integration variable to t for failure reports (identity unless integrating in log t). */
  toTime?: (tau: number) => number;
  /**
   * When the state is a rescaled x (y = x / scale(τ)), errors are measured on x: tolerances keep their
   * meaning whatever the variables integrated.
   */
  stateScale?: (tau: number) => number;
}

const STAGES = 7;
const A = DOPRI5.a;
const C = DOPRI5.c;
const E = DOPRI5.b.map((b, j) => b - DOPRI5.bHat![j]!);

/**
 * Integrate rows 0..n−1 of y (in place) from t0 to t1 (either direction).
 * Error per row: RMS over coordinates of h Σ_j e_j k_j / (atol + rtol · max(|y|, |y_new|)), accepted below 1.
 */
export function solveDopri5(
  term: OdeTerm,
  t0: number,
  t1: number,
  y: Float64Array,
  n: number,
  options: AdaptiveOptions,
): SolveResult {
  const d = term.dim;
  const size = n * d;
  const { rtol, atol } = options;
  const maxSteps = options.maxSteps ?? 100_000;
  const controller = options.controller ?? integralController({ errorOrder: 4 });
  const toTime = options.toTime ?? ((tau: number) => tau);
  const dir = t1 >= t0 ? 1 : -1;
  const span = t1 - t0;

  const Y = Float64Array.from(y.subarray(0, size));
  const K = Array.from({ length: STAGES }, () => new Float64Array(size));
  const Ys = new Float64Array(size);
  const T = new Float64Array(n).fill(t0);
  const H = new Float64Array(n);
  const Ts = new Float64Array(n);
  const id = Int32Array.from({ length: n }, (_, i) => i);
  const rejectedLast = new Uint8Array(n);
  const finished = new Uint8Array(n);
  const attempts = new Int32Array(n);
  const nextSave = new Int32Array(n);
  let nfe = 0;
  let accepted = 0;
  let rejected = 0;
  let done = 0;

  Ts.fill(t0);
  term.evaluate(Ts, Y, n, K[0]!);
  nfe += 2 * n;
  initialSteps(term, t0, t1, Y, K[0]!, n, rtol, atol, H, Ts, Ys, K[1]!);
  if (options.record) {
    for (let p = 0; p < n; p++) nextSave[p] = recordStart(options.record, options.recordOffset ?? 0, p, t0, dir, Y, d);
  }

  let active = n;
  while (active > 0) {
    for (let p = 0; p < active; p++) {
      if ((T[p]! + H[p]! - t1) * dir >= 0) {
        H[p] = t1 - T[p]!;
        finished[p] = 1;
      }
    }
    for (let s = 1; s < STAGES; s++) {
      const as = A[s]!;
      for (let p = 0; p < active; p++) {
        const h = H[p]!;
        Ts[p] = T[p]! + C[s]! * h;
        for (let i = p * d; i < (p + 1) * d; i++) {
          let acc = 0;
          for (let j = 0; j < s; j++) acc += as[j]! * K[j]![i]!;
          Ys[i] = Y[i]! + h * acc;
        }
      }
      term.evaluate(Ts, Ys, active, K[s]!);
    }
    nfe += (STAGES - 1) * active;

    // Ys now holds the 5th-order solution (the last stage's coefficients are b: FSAL).
    for (let p = 0; p < active; p++) {
      const h = H[p]!;
      const scale = options.stateScale ? options.stateScale(finished[p] ? t1 : T[p]! + h) : 1;
      const norm = errorNorm(Y, Ys, K, h, p, d, rtol, atol / scale);
      attempts[p]!++;
      if (norm < 1) {
        const tNew = finished[p] ? t1 : T[p]! + h;
        if (options.record) {
          nextSave[p] = recordStep(
            options.record,
            options.recordOffset ?? 0,
            id[p]!,
            nextSave[p]!,
            T[p]!,
            tNew,
            h,
            dir,
            Y,
            Ys,
            K[0]!,
            K[STAGES - 1]!,
            p,
            d,
          );
        }
        for (let i = p * d; i < (p + 1) * d; i++) {
          Y[i] = Ys[i]!;
          K[0]![i] = K[STAGES - 1]![i]!;
        }
        T[p] = tNew;
        H[p] = h * controller.afterAccept(norm, rejectedLast[p] === 1);
        rejectedLast[p] = 0;
        accepted++;
      } else {
        finished[p] = 0;
        H[p] = h * controller.afterReject(norm);
        rejectedLast[p] = 1;
        rejected++;
        if (Math.abs(H[p]!) < minStep(T[p]!)) {
          const nonFinite = !Number.isFinite(norm);
          const reason = nonFinite
            ? `the state became non-finite near t = ${toTime(T[p]!)} (the field or a stage was NaN or infinite)`
            : `the step size fell below the spacing of floating-point numbers at t = ${toTime(T[p]!)}`;
          return failure(id[p]!, toTime(T[p]!), reason, nfe, accepted, rejected);
        }
      }
      if (attempts[p]! > maxSteps && !finished[p]) {
        return failure(
          id[p]!,
          toTime(T[p]!),
          `more than ${maxSteps} steps were needed (loosen rtol/atol or raise maxSteps)`,
          nfe,
          accepted,
          rejected,
        );
      }
    }

    for (let p = active - 1; p >= 0; p--) {
      if (!finished[p]) continue;
      y.set(Y.subarray(p * d, (p + 1) * d), id[p]! * d);
      done++;
      const last = --active;
      if (p === last) continue;
      Y.copyWithin(p * d, last * d, (last + 1) * d);
      K[0]!.copyWithin(p * d, last * d, (last + 1) * d);
      T[p] = T[last]!;
      H[p] = H[last]!;
      id[p] = id[last]!;
      rejectedLast[p] = rejectedLast[last]!;
      finished[p] = 0;
      attempts[p] = attempts[last]!;
      nextSave[p] = nextSave[last]!;
    }
    if (options.onProgress) {
      let covered = done;
      for (let p = 0; p < active; p++) covered += (T[p]! - t0) / span;
      options.onProgress(covered / n);
    }
  }
  return { stats: { nfe, steps: accepted, rejected } };
}

function failure(row: number, t: number, reason: string, nfe: number, steps: number, rejected: number): SolveResult {
  return { stats: { nfe, steps, rejected }, failure: { row, t, reason } };
}

/** Ten float64 spacings at t: below this a step cannot move t (scipy's min_step). */
function minStep(t: number): number {
  return 10 * Math.max(Math.abs(t) * Number.EPSILON, Number.MIN_VALUE);
}

/**
 * RMS of the embedded error over the row's coordinates; NaN/∞ if the new state is not finite.
 * (With y = x/s, |e_x|/(atol + rtol|x|) = |e_y|/(atol/s + rtol|y|): a rescaled state only rescales atol.)
 */
function errorNorm(
  Y: Float64Array,
  Ys: Float64Array,
  K: Float64Array[],
  h: number,
  p: number,
  d: number,
  rtol: number,
  atol: number,
): number {
  let sum = 0;
  for (let i = p * d; i < (p + 1) * d; i++) {
    let e = 0;
    for (let j = 0; j < STAGES; j++) e += E[j]! * K[j]![i]!;
    const yNew = Ys[i]!;
    if (!Number.isFinite(yNew)) return Number.NaN;
    const scale = atol + rtol * Math.max(Math.abs(Y[i]!), Math.abs(yNew));
    const r = (h * e) / scale;
    sum += r * r;
  }
  return Math.sqrt(sum / d);
}

/**
 * scipy's select_initial_step per row (Hairer, Nørsett & Wanner II.4): h0 from |y|/|f|, one trial Euler
 * step to estimate the second derivative, h = min(100 h0, (0.01 / max(d1, d2))^{1/5}). One evaluation.
 */
function initialSteps(
  term: OdeTerm,
  t0: number,
  t1: number,
  Y: Float64Array,
  F0: Float64Array,
  n: number,
  rtol: number,
  atol: number,
  H: Float64Array,
  Ts: Float64Array,
  Y1: Float64Array,
  F1: Float64Array,
): void {
  const d = term.dim;
  const dir = t1 >= t0 ? 1 : -1;
  const interval = Math.abs(t1 - t0);
  const d1s = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    let s0 = 0;
    let s1 = 0;
    for (let i = p * d; i < (p + 1) * d; i++) {
      const scale = atol + Math.abs(Y[i]!) * rtol;
      s0 += (Y[i]! / scale) ** 2;
      s1 += (F0[i]! / scale) ** 2;
    }
    const d0 = Math.sqrt(s0 / d);
    const d1 = Math.sqrt(s1 / d);
    const h0 = Math.min(d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : (0.01 * d0) / d1, interval);
    H[p] = h0;
    d1s[p] = d1;
    Ts[p] = t0 + dir * h0;
    for (let i = p * d; i < (p + 1) * d; i++) Y1[i] = Y[i]! + dir * h0 * F0[i]!;
  }
  term.evaluate(Ts, Y1, n, F1);
  for (let p = 0; p < n; p++) {
    const h0 = H[p]!;
    let s2 = 0;
    for (let i = p * d; i < (p + 1) * d; i++) {
      const scale = atol + Math.abs(Y[i]!) * rtol;
      s2 += ((F1[i]! - F0[i]!) / scale) ** 2;
    }
    const d1 = d1s[p]!;
    const d2 = Math.sqrt(s2 / d) / h0;
    const h1 = d1 <= 1e-15 && d2 <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : (0.01 / Math.max(d1, d2)) ** (1 / 5);
    const h = Math.min(100 * h0, h1, interval);
    H[p] = dir * (Number.isFinite(h) && h > 0 ? h : interval * 1e-6);
  }
}

/** Store the initial state at save times equal to t0; returns the row's next save index. */
function recordStart(
  rec: Recording,
  offset: number,
  p: number,
  t0: number,
  dir: number,
  Y: Float64Array,
  d: number,
): number {
  let k = 0;
  while (k < rec.times.length && (rec.times[k]! - t0) * dir <= 0) {
    rec.states.set(Y.subarray(p * d, (p + 1) * d), (k * rec.rows + offset + p) * d);
    k++;
  }
  return k;
}

/** Cubic Hermite from (ta, ya, fa) to (tb, yb, fb) at the save times the step covered. */
function recordStep(
  rec: Recording,
  offset: number,
  row: number,
  k: number,
  ta: number,
  tb: number,
  h: number,
  dir: number,
  Y: Float64Array,
  Ys: Float64Array,
  Fa: Float64Array,
  Fb: Float64Array,
  p: number,
  d: number,
): number {
  const times = rec.times;
  while (k < times.length && (times[k]! - tb) * dir <= 0) {
    const base = (k * rec.rows + offset + row) * d;
    if (times[k] === tb) {
      rec.states.set(Ys.subarray(p * d, (p + 1) * d), base);
    } else {
      const th = (times[k]! - ta) / h;
      const h00 = (1 + 2 * th) * (1 - th) * (1 - th);
      const h10 = th * (1 - th) * (1 - th);
      const h01 = th * th * (3 - 2 * th);
      const h11 = th * th * (th - 1);
      for (let c = 0; c < d; c++) {
        const i = p * d + c;
        rec.states[base + c] = h00 * Y[i]! + h10 * h * Fa[i]! + h01 * Ys[i]! + h11 * h * Fb[i]!;
      }
    }
    k++;
  }
  return k;
}
