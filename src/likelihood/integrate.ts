// The instantaneous change of variables for one point: x (taken at t = ε) and ℓ = ∫_ε^t ∇·f up to T
// (docs/mathematics.md §11), by adaptive Dormand–Prince, one point per solve: each point has its own steps,
// and its field evaluations and any failure are its own.
// Two time variables, as the sampler's: λ = α/σ with y = x/σ, where dy/dλ = x̂ and the linear part of f is
// exact (then ℓ = d log(σ_T/σ_ε) + ∫ σ ∇·x̂ dλ), whenever λ is strictly monotone on [ε, T]; else s = log t.
import type { DivergenceField } from '../field/divergence.js';
import type { FieldKernel } from '../field/types.js';
import {
  AugmentedPredictionTerm,
  linearDivergenceIntegral,
  LogTimeTerm,
  SignalToNoise,
  solveDopri5,
  type OdeTerm,
  type ScheduleRecord,
} from '../solvers/index.js';
import { solveRosenbrock } from './rosenbrock.js';

/**
 * Steps Dormand–Prince may take on a point before the point is integrated again with the stiff Rosenbrock–W
 * method (rosenbrock.ts): points near the data take a few hundred; a point drawn onto the boundary between
 * data points' kernels is stiff, and an explicit method would need 10⁵ steps or more.
 */
export const STIFF_SWITCH_STEPS = 1000;

export type LikelihoodTimeVariable = 'lambda' | 'log';

export interface FlowOptions {
  rtol: number;
  atol: number;
  maxSteps?: number;
}

export interface FlowResult {
  /** Which integrator finished the point ('rosenbrock' after Dormand–Prince found it stiff; nfe counts both). */
  integrator: 'dopri5' | 'rosenbrock';
  /** x_T. */
  end: Float64Array;
  /** ∫_ε^T ∇·f_t(x_t) dt. */
  divergenceIntegral: number;
  nfe: number;
  /** Why the integration stopped short (then end and divergenceIntegral are meaningless). */
  failure?: { t: number; reason: string };
}

/** How a design's points are integrated: a solve of one point from ε to T. */
export interface PointFlow {
  timeVariable: LikelihoodTimeVariable;
  solve(x: ArrayLike<number>, options: FlowOptions): FlowResult;
}

const identityPath = (t: number): ScheduleRecord => ({ alpha: 1, sigma: t, dAlpha: 0, dSigma: 1 });

/**
 * The flow of `field` from ε to T in λ when asked (or by default) and α/σ is strictly decreasing there, else in
 * log t. @throws OdeforgeError when λ was asked for and the design does not allow it
 */
export function pointFlow(
  field: DivergenceField,
  kernel: FieldKernel,
  epsilon: number,
  T: number,
  wanted?: LikelihoodTimeVariable,
): PointFlow {
  if (wanted !== 'log') {
    const schedule = kernel.kind === 'path' ? kernel.schedule : identityPath;
    try {
      const snr = new SignalToNoise(schedule, T, epsilon);
      return lambdaFlow(field, schedule, snr, epsilon, T);
    } catch (error) {
      if (wanted === 'lambda') throw error;
    }
  }
  return logTimeFlow(field, epsilon, T);
}

function logTimeFlow(field: DivergenceField, epsilon: number, T: number): PointFlow {
  const d = field.dim;
  const term = new LogTimeTerm({ dim: d + 1, evaluate: field.evaluateAugmented.bind(field) });
  return {
    timeVariable: 'log',
    solve(x, options) {
      const start = new Float64Array(d + 1);
      start.set(Array.from(x));
      const { z, integrator, nfe, failure } = explicitThenStiff(term, start, Math.log(epsilon), Math.log(T), options);
      return {
        integrator,
        end: z.slice(0, d),
        divergenceIntegral: z[d]!,
        nfe,
        ...(failure ? { failure: { ...failure, t: Math.exp(failure.t) } } : {}),
      };
    },
  };
}

function lambdaFlow(
  field: DivergenceField,
  schedule: (t: number) => ScheduleRecord,
  snr: SignalToNoise,
  epsilon: number,
  T: number,
): PointFlow {
  const d = field.dim;
  const term = new AugmentedPredictionTerm(field, schedule, snr);
  const sigmaStart = schedule(epsilon).sigma;
  const sigmaEnd = schedule(T).sigma;
  // ∫_ε^T d σ̇/σ dt, the linear part's share of ∫∇·f, in closed form
  const linear = linearDivergenceIntegral(schedule, d, epsilon, T);
  return {
    timeVariable: 'lambda',
    solve(x, options) {
      const start = new Float64Array(d + 1);
      for (let k = 0; k < d; k++) start[k] = x[k]! / sigmaStart;
      // errors are measured on (x/σ, ℓ): tolerances mean what they mean in t at σ = 1
      const { z, integrator, nfe, failure } = explicitThenStiff(
        term,
        start,
        snr.lambda(epsilon),
        snr.lambda(T),
        options,
      );
      const end = Float64Array.from(z.subarray(0, d), (v) => v * sigmaEnd);
      return {
        integrator,
        end,
        divergenceIntegral: linear + z[d]!,
        nfe,
        ...(failure ? { failure: { ...failure, t: snr.time(failure.t) } } : {}),
      };
    },
  };
}

/**
 * One point's state [.., ℓ] (the last component accumulated, never fed back) from τ0 to τ1 in the term's
 * variable: Dormand–Prince within STIFF_SWITCH_STEPS steps, else Rosenbrock–W from the start (both counted).
 * A failure's t is in the term's variable.
 */
function explicitThenStiff(
  term: OdeTerm,
  start: Float64Array,
  tau0: number,
  tau1: number,
  options: FlowOptions,
): { z: Float64Array; integrator: FlowResult['integrator']; nfe: number; failure?: { t: number; reason: string } } {
  const z = Float64Array.from(start);
  const budget = Math.min(STIFF_SWITCH_STEPS, options.maxSteps ?? Infinity);
  const explicit = solveDopri5(term, tau0, tau1, z, 1, { rtol: options.rtol, atol: options.atol, maxSteps: budget });
  if (!explicit.failure) return { z, integrator: 'dopri5', nfe: explicit.stats.nfe };
  z.set(start);
  const time = new Float64Array(1);
  const field = (tau: number, state: Float64Array, out: Float64Array): void => {
    time[0] = tau;
    term.evaluate(time, state, 1, out);
  };
  const stiff = solveRosenbrock(field, z, tau0, tau1, { ...options, passive: 1 });
  return {
    z,
    integrator: 'rosenbrock',
    nfe: explicit.stats.nfe + stiff.nfe,
    ...(stiff.failure ? { failure: stiff.failure } : {}),
  };
}
