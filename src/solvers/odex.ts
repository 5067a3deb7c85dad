// Hairer's GBS extrapolation code (the odex package) as a second adaptive integrator: each row is solved
// on its own as a small system (per-sample error control), which suits tight reference solutions and
// small batches; for large batches dopri5 needs ~2.4× fewer field evaluations (measured here on the toy sets).
import { createRequire } from 'node:module';
import type { OdeTerm, ProgressCallback, Recording, SolveResult } from './types.js';

/** The part of odex's Solver we use (the package ships no typings that type-check). */
interface OdexSolver {
  absoluteTolerance: number;
  relativeTolerance: number;
  maxSteps: number;
  denseOutput: boolean;
  solve(
    f: (x: number, y: number[]) => number[],
    x0: number,
    y0: number[],
    xEnd: number,
    solOut?: (
      n: number,
      xOld: number,
      x: number,
      y: number[],
      dense?: (c: number, x: number) => number,
    ) => boolean | void,
  ): { y: number[]; outcome: number; nEval: number; nAccept: number; nReject: number };
}

interface OdexModule {
  Solver: new (n: number) => OdexSolver;
}

let odexModule: OdexModule | undefined;
function loadOdex(): OdexModule {
  odexModule ??= createRequire(import.meta.url)('odex') as OdexModule;
  return odexModule;
}

export interface OdexOptions {
  rtol: number;
  atol: number;
  maxSteps?: number;
  record?: Recording;
  recordOffset?: number;
  onProgress?: ProgressCallback;
  toTime?: (tau: number) => number;
}

/** Integrate rows 0..n−1 of y (in place) from t0 to t1, one odex solve per row. */
export function solveOdex(
  term: OdeTerm,
  t0: number,
  t1: number,
  y: Float64Array,
  n: number,
  options: OdexOptions,
): SolveResult {
  const d = term.dim;
  const toTime = options.toTime ?? ((tau: number) => tau);
  const solver = new (loadOdex().Solver)(d);
  solver.absoluteTolerance = options.atol;
  solver.relativeTolerance = options.rtol;
  solver.maxSteps = options.maxSteps ?? 100_000;
  const tRow = new Float64Array(1);
  const yRow = new Float64Array(d);
  const fRow = new Float64Array(d);
  // odex hands plain Arrays in and out (a Float64Array silently yields NaN): convert here, once per call.
  const f = (x: number, yy: number[]): number[] => {
    tRow[0] = x;
    for (let c = 0; c < d; c++) yRow[c] = yy[c]!;
    term.evaluate(tRow, yRow, 1, fRow);
    return Array.from(fRow);
  };
  const stats = { nfe: 0, steps: 0, rejected: 0 };
  const dir = t1 >= t0 ? 1 : -1;
  for (let i = 0; i < n; i++) {
    const y0 = Array.from(y.subarray(i * d, (i + 1) * d));
    const rec = options.record;
    solver.denseOutput = rec !== undefined;
    let k = 0;
    const solOut = rec
      ? (_n: number, _xOld: number, x: number, yy: number[], dense?: (c: number, x: number) => number) => {
          // The first call (the initial point) has no interpolant; later ones interpolate within [xOld, x].
          for (; k < rec.times.length && (rec.times[k]! - x) * dir <= 0; k++) {
            const tau = rec.times[k]!;
            const base = (k * rec.rows + (options.recordOffset ?? 0) + i) * d;
            for (let c = 0; c < d; c++) rec.states[base + c] = tau === x || !dense ? yy[c]! : dense(c, tau);
          }
        }
      : undefined;
    const out = solver.solve(f, t0, y0, t1, solOut);
    stats.nfe += out.nEval;
    stats.steps += out.nAccept;
    stats.rejected += out.nReject;
    const finite = out.y.every(Number.isFinite);
    if (out.outcome !== 0 || !finite) {
      const reason = finite
        ? `odex stopped before the end (more than ${solver.maxSteps} steps; loosen rtol/atol)`
        : 'the state became non-finite';
      return { stats, failure: { row: i, t: toTime(t1), reason } };
    }
    for (let c = 0; c < d; c++) y[i * d + c] = out.y[c]!;
    options.onProgress?.((i + 1) / n);
  }
  return { stats };
}
