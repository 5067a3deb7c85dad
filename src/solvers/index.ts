// One entry point for integration (diffrax's diffeqsolve): a term, a method (stepper + grid, or an adaptive
// integrator with tolerances), the interval and the batch. Names are resolved here, at the boundary.
import { OdeforgeError } from '../errors.js';
import { solveDopri5 } from './dopri5.js';
import { solveFixed } from './fixed.js';
import { timeGrid, type GridName } from './grids.js';
import { LogTimeTerm } from './logtime.js';
import { solveOdex } from './odex.js';
import { ExplicitRk, type Stepper } from './rk.js';
import { solveSemilinear, type SemilinearProblem, type SignalToNoise } from './semilinear.js';
import { EULER, HEUN, RK4 } from './tableaux.js';
import type { OdeTerm, ProgressCallback, SolveResult } from './types.js';

export { integralController, type StepController } from './controller.js';
export { solveDopri5, type AdaptiveOptions } from './dopri5.js';
export { solveFixed, type FixedOptions } from './fixed.js';
export { edmGrid, gridNames, logGrid, timeGrid, uniformGrid, type GridName } from './grids.js';
export { LogTimeTerm } from './logtime.js';
export { solveOdex, type OdexOptions } from './odex.js';
export { ExplicitRk, type Stepper } from './rk.js';
export {
  SignalToNoise,
  solveSemilinear,
  type ScheduleRecord,
  type SemilinearOptions,
  type SemilinearProblem,
} from './semilinear.js';
export { DOPRI5, EULER, HEUN, RK4, type ButcherTableau } from './tableaux.js';
export type { OdeTerm, ProgressCallback, Recording, SolveFailure, SolveResult, SolveStats } from './types.js';

export type SolverName = 'euler' | 'heun' | 'rk4' | 'dopri5' | 'odex';
export type TimeVariable = 't' | 'log' | 'lambda';
export const solverNames: readonly SolverName[] = ['dopri5', 'odex', 'euler', 'heun', 'rk4'];

/** How to integrate: a fixed-step stepper on a grid (in t), or an adaptive integrator with tolerances. */
export type Method =
  | { kind: 'fixed'; stepper: Stepper; grid: Float64Array }
  | {
      kind: 'adaptive';
      integrator: 'dopri5' | 'odex';
      rtol: number;
      atol: number;
      maxSteps?: number;
      /**
       * Integrate in t, in s = log t (needs t > 0), or — dopri5 on a path design's semi-linear ODE — in
       * λ = α/σ with y = x/σ (see semilinear.ts).
       */
      timeVariable: TimeVariable;
    };

export interface MethodOptions {
  solver: SolverName;
  T: number;
  epsilon: number;
  rtol?: number;
  atol?: number;
  steps?: number;
  grid?: GridName;
  timeVariable?: TimeVariable;
  maxSteps?: number;
}

/**
 * The method a solver name stands for, with defaults (dopri5/odex: rtol = atol = 1e-5, in log t unless
 * asked otherwise — the sampler asks dopri5 for λ = α/σ where the design allows it, see sample/chunk.ts;
 * euler/heun/rk4: 100 steps on a log grid).
 * @throws OdeforgeError for an unknown solver or grid, or bad tolerances or steps
 */
export function methodFor(options: MethodOptions): Method {
  const { solver, T, epsilon } = options;
  if (!(epsilon > 0 && epsilon < T)) {
    throw new OdeforgeError(`the design's time interval needs 0 < epsilon < T, got epsilon = ${epsilon}, T = ${T}`);
  }
  switch (solver) {
    case 'dopri5':
    case 'odex': {
      const rtol = options.rtol ?? 1e-5;
      const atol = options.atol ?? 1e-5;
      if (!(rtol > 0) || !(atol > 0))
        throw new OdeforgeError(`rtol and atol must be positive, got rtol = ${rtol}, atol = ${atol}`);
      if (solver === 'odex' && options.timeVariable === 'lambda') {
        throw new OdeforgeError('odex integrates in t or log t', {}, 'use dopri5 to integrate in λ = α/σ');
      }
      return {
        kind: 'adaptive',
        integrator: solver,
        rtol,
        atol,
        maxSteps: options.maxSteps,
        timeVariable: options.timeVariable ?? 'log',
      };
    }
    case 'euler':
    case 'heun':
    case 'rk4': {
      const tableau = { euler: EULER, heun: HEUN, rk4: RK4 }[solver];
      return {
        kind: 'fixed',
        stepper: new ExplicitRk(tableau),
        grid: timeGrid(options.grid ?? 'log', T, epsilon, options.steps ?? 100),
      };
    }
    default:
      throw new OdeforgeError(`unknown solver "${String(solver)}"`, {}, `use one of ${solverNames.join(', ')}`);
  }
}

export interface SolveOptions {
  t0: number;
  t1: number;
  /** Keep states at these times (in t, ordered from t0 to t1); fixed methods keep their grid instead. */
  record?: { times: Float64Array; states: Float64Array; rows: number; offset?: number };
  onProgress?: ProgressCallback;
  /** The semi-linear form of the ODE, needed to integrate in λ. */
  semilinear?: { problem: SemilinearProblem; snr: SignalToNoise };
}

/** The times a method records at when asked for `requested`: its grid for fixed methods (in t). */
export function recordTimes(method: Method, requested: Float64Array): Float64Array {
  return method.kind === 'fixed' ? method.grid : requested;
}

/** Integrate rows 0..n−1 of y in place from t0 to t1 (fixed methods: along their grid). */
export function solve(term: OdeTerm, method: Method, y: Float64Array, n: number, options: SolveOptions): SolveResult {
  const rec = options.record;
  if (method.kind === 'fixed') {
    return solveFixed(term, method.stepper, method.grid, y, n, {
      record: rec && { times: method.grid, states: rec.states, rows: rec.rows },
      recordOffset: rec?.offset,
      onProgress: options.onProgress,
    });
  }
  if (method.timeVariable === 'lambda') {
    if (!options.semilinear) throw new Error('integrating in λ needs the semi-linear form of the ODE');
    const { problem, snr } = options.semilinear;
    return solveSemilinear(problem, snr, y, n, options.t0, options.t1, {
      rtol: method.rtol,
      atol: method.atol,
      maxSteps: method.maxSteps,
      record: rec,
      onProgress: options.onProgress,
    });
  }
  const inLog = method.timeVariable === 'log';
  const mapped = inLog ? new LogTimeTerm(term) : term;
  const tau = inLog ? Math.log : (t: number) => t;
  const common = {
    rtol: method.rtol,
    atol: method.atol,
    maxSteps: method.maxSteps,
    record: rec && { times: rec.times.map(tau), states: rec.states, rows: rec.rows },
    recordOffset: rec?.offset,
    onProgress: options.onProgress,
    toTime: inLog ? Math.exp : undefined,
  };
  const solver = method.integrator === 'dopri5' ? solveDopri5 : solveOdex;
  return solver(mapped, tau(options.t0), tau(options.t1), y, n, common);
}
