// One entry point for integration (diffrax's diffeqsolve): a term, a method (stepper + grid, or an adaptive
// integrator with tolerances), the interval and the batch. Names are resolved here, at the boundary.
import { OdeforgeError } from '../errors.js';
import type { Rng } from '../numeric/rng.js';
import { solveDopri5 } from './dopri5.js';
import { lambdaGrid, solveDpmpp } from './dpmpp.js';
import { edmTimes, solveEdm, type ChurnSettings } from './edm.js';
import { solveFixed } from './fixed.js';
import { timeGrid, type GridName } from './grids.js';
import { LogTimeTerm } from './logtime.js';
import { solveOdex } from './odex.js';
import { ExplicitRk, type Stepper } from './rk.js';
import { solveSemilinear, type SemilinearProblem, type SignalToNoise } from './semilinear.js';
import { solveReverseSde, type DiffusionProblem, type LangevinCorrector } from './stochastic.js';
import { EULER, HEUN, RK4 } from './tableaux.js';
import type { OdeTerm, ProgressCallback, SolveResult } from './types.js';

export { AugmentedPredictionTerm, linearDivergenceIntegral, type AugmentedPrediction } from './augmented.js';
export { integralController, type StepController } from './controller.js';
export { solveDopri5, type AdaptiveOptions } from './dopri5.js';
export { lambdaGrid, phiFunctions, solveDpmpp, type MultistepOptions } from './dpmpp.js';
export { edmTimes, solveEdm, type ChurnSettings } from './edm.js';
export {
  solveReverseSde,
  type DiffusionProblem,
  type LangevinCorrector,
  type ReverseSdeOptions,
} from './stochastic.js';
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

export type SolverName =
  'euler' | 'heun' | 'rk4' | 'dopri5' | 'odex' | 'euler-maruyama' | 'pc' | 'edm' | 'dpmpp-2m' | 'dpmpp-3m';
export type TimeVariable = 't' | 'log' | 'lambda';
export const solverNames: readonly SolverName[] = [
  'dopri5',
  'odex',
  'euler',
  'heun',
  'rk4',
  'euler-maruyama',
  'pc',
  'edm',
  'dpmpp-2m',
  'dpmpp-3m',
];

/** Solvers that draw noise while they integrate (edm only when churn > 0). */
export const stochasticSolvers: readonly SolverName[] = ['euler-maruyama', 'pc', 'edm'];

/** Default steps: score_sde's N = 1000 for the SDE samplers, EDM's 18, 20 for DPM-Solver++, else 100. */
const DEFAULT_STEPS: Partial<Record<SolverName, number>> = {
  'euler-maruyama': 1000,
  pc: 1000,
  edm: 18,
  'dpmpp-2m': 20,
  'dpmpp-3m': 20,
};

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
    }
  /** Reverse-time SDE by Euler–Maruyama on a grid (in t), with a Langevin corrector for `pc`. */
  | { kind: 'stochastic'; grid: Float64Array; eta: number; corrector?: LangevinCorrector }
  /**
   * DPM-Solver++(order)M on a grid in t; without one given, the grid uniform in log(α/σ) is made once the
   * design's schedule is known (withScheduleGrid).
   */
  | { kind: 'multistep'; order: 2 | 3; steps: number; grid?: Float64Array }
  /** EDM's stochastic Heun sampler on the EDM grid in σ/α (made by withScheduleGrid). */
  | { kind: 'edm'; steps: number; churn: ChurnSettings; grid?: Float64Array };

export interface MethodOptions extends SamplerSettings {
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

/** The stochastic and EDM samplers' settings (spec `sampler:`, sample() options, the resolved method). */
export interface SamplerSettings {
  /** euler-maruyama, pc: the diffusion is η g_t (default 1; η = 0 is the ODE, η ≥ 0). */
  eta?: number;
  /** pc: the Langevin corrector's signal-to-noise ratio (> 0, default 0.16) and its steps per step (default 1). */
  snr?: number;
  correctorSteps?: number;
  /** edm: S_churn ≥ 0 (default 0), S_tmin (0), S_tmax (∞) and S_noise (1), in σ/α. */
  churn?: number;
  sTmin?: number;
  sTmax?: number;
  sNoise?: number;
}

/** A number option checked against its lower bound; the message names the CLI option. */
function atLeast(name: string, value: number, min: number, strict: boolean, allowInfinite = false): number {
  const ok = (Number.isFinite(value) || (allowInfinite && value === Infinity)) && (strict ? value > min : value >= min);
  if (!ok) throw new OdeforgeError(`--${name} must be a number ${strict ? '>' : '≥'} ${min}, got ${value}`);
  return value;
}

function stochasticMethod(options: MethodOptions, steps: number): Method {
  const eta = atLeast('eta', options.eta ?? 1, 0, false);
  const grid = timeGrid(options.grid ?? 'log', options.T, options.epsilon, steps);
  if (options.solver === 'euler-maruyama') return { kind: 'stochastic', grid, eta };
  const snr = atLeast('snr', options.snr ?? 0.16, 0, true);
  const correctorSteps = options.correctorSteps ?? 1;
  if (!Number.isInteger(correctorSteps) || correctorSteps < 0)
    throw new OdeforgeError(`--corrector-steps must be a non-negative integer, got ${correctorSteps}`);
  return { kind: 'stochastic', grid, eta, corrector: { snr, steps: correctorSteps } };
}

function edmMethod(options: MethodOptions, steps: number): Method {
  const churn = atLeast('churn', options.churn ?? 0, 0, false);
  const sTmin = atLeast('s-tmin', options.sTmin ?? 0, 0, false);
  const sTmax = atLeast('s-tmax', options.sTmax ?? Infinity, 0, false, true);
  const sNoise = atLeast('s-noise', options.sNoise ?? 1, 0, false);
  if (sTmax < sTmin) throw new OdeforgeError(`--s-tmax (${sTmax}) must not be below --s-tmin (${sTmin})`);
  return { kind: 'edm', steps, churn: { churn, sTmin, sTmax, sNoise } };
}

/** Steps of a grid-based method: the given count (a positive integer) or the solver's default. */
function stepCount(options: MethodOptions): number {
  const steps = options.steps ?? DEFAULT_STEPS[options.solver] ?? 100;
  if (!Number.isInteger(steps) || steps < 1)
    throw new OdeforgeError(`--steps must be a positive integer, got ${steps}`);
  return steps;
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
        grid: timeGrid(options.grid ?? 'log', T, epsilon, stepCount(options)),
      };
    }
    case 'euler-maruyama':
    case 'pc':
      return stochasticMethod(options, stepCount(options));
    case 'dpmpp-2m':
    case 'dpmpp-3m': {
      const steps = stepCount(options);
      const grid = options.grid === undefined ? undefined : timeGrid(options.grid, T, epsilon, steps);
      return { kind: 'multistep', order: solver === 'dpmpp-2m' ? 2 : 3, steps, grid };
    }
    case 'edm':
      return edmMethod(options, stepCount(options));
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
  /** The semi-linear form of the ODE, needed to integrate in λ and by dpmpp and edm. */
  semilinear?: { problem: SemilinearProblem; snr: SignalToNoise };
  /** The reverse SDE (stochastic methods). */
  diffusion?: DiffusionProblem;
  /** One stream per row (stochastic methods, and edm with churn). */
  noise?: readonly Rng[];
}

/** Whether the method draws random numbers while it integrates. */
export function drawsNoise(method: Method): boolean {
  return method.kind === 'stochastic' || (method.kind === 'edm' && method.churn.churn > 0);
}

/** Whether the method steps along the semi-linear form (x̂ and the λ ↔ t map). */
export function needsSemilinear(method: Method): boolean {
  return (
    method.kind === 'multistep' ||
    method.kind === 'edm' ||
    (method.kind === 'adaptive' && method.timeVariable === 'lambda')
  );
}

/**
 * The method with its grid made from the schedule where that grid depends on it: dpmpp's default grid (uniform
 * in log(α/σ), or log t when α_T = 0) and edm's (EDM's ρ = 7 grid in σ/α).
 * @throws OdeforgeError when edm's σ/α is infinite at T
 */
export function withScheduleGrid(method: Method, snr: SignalToNoise): Method {
  if (method.kind === 'multistep' && !method.grid)
    return { ...method, grid: lambdaGrid(snr, method.steps) ?? timeGrid('log', snr.T, snr.epsilon, method.steps) };
  if (method.kind === 'edm' && !method.grid) return { ...method, grid: edmTimes(snr, method.steps) };
  return method;
}

/** The times a method records at when asked for `requested`: its grid for grid-based methods (in t). */
export function recordTimes(method: Method, requested: Float64Array): Float64Array {
  if (method.kind === 'adaptive') return requested;
  if (!method.grid) throw new Error('recordTimes: the method has no grid yet (see withScheduleGrid)');
  return method.grid;
}

/** Integrate rows 0..n−1 of y in place from t0 to t1 (fixed methods: along their grid). */
export function solve(term: OdeTerm, method: Method, y: Float64Array, n: number, options: SolveOptions): SolveResult {
  const rec = options.record;
  if (method.kind !== 'fixed' && method.kind !== 'adaptive') return solveOnGrid(method, y, n, options);
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

/** The grid-based samplers that see the design through its semi-linear form or its reverse SDE. */
function solveOnGrid(
  method: Exclude<Method, { kind: 'fixed' | 'adaptive' }>,
  y: Float64Array,
  n: number,
  options: SolveOptions,
): SolveResult {
  const rec = options.record;
  const grid = recordTimes(method, rec?.times ?? new Float64Array(0));
  const common = {
    record: rec && { times: grid, states: rec.states, rows: rec.rows },
    recordOffset: rec?.offset,
    onProgress: options.onProgress,
  };
  if (method.kind === 'stochastic') {
    if (!options.diffusion || !options.noise) throw new Error('a stochastic method needs the reverse SDE and noise');
    return solveReverseSde(options.diffusion, grid, y, n, options.noise, {
      ...common,
      eta: method.eta,
      corrector: method.corrector,
    });
  }
  if (!options.semilinear) throw new Error(`${method.kind} needs the semi-linear form of the ODE`);
  const { problem, snr } = options.semilinear;
  if (method.kind === 'multistep') return solveDpmpp(problem, method.order, grid, y, n, common);
  return solveEdm(problem, snr, grid, method.churn, y, n, options.noise, common);
}
