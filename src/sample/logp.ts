// The log-density of every sample, integrated along the way (docs/mathematics.md §11): each row carries
// ℓ with dℓ/dt = ∇·f_t(x_t) beside its state, from ℓ(T) = 0 down to ε, with the exact divergence of the
// empirical field, so that log p̂_ε(x_ε) = log π(x_T) − ℓ(ε) = log π(x_T) + ∫_ε^T ∇·f dt: what `likelihood`
// computes for x_ε going the other way. ℓ is part of the state the solver controls (as in the likelihood),
// so a sample's steps, and its last bits, differ from those of a run without the log-density.
import type { Design } from '../design/types.js';
import { OdeforgeError } from '../errors.js';
import { DivergenceField, type FieldSource } from '../field/index.js';
import {
  AugmentedPredictionTerm,
  linearDivergenceIntegral,
  LogTimeTerm,
  SignalToNoise,
  solveDopri5,
  solveFixed,
  solveOdex,
  type Method,
  type OdeTerm,
  type ProgressCallback,
  type ScheduleRecord,
  type SolveResult,
  type SolverName,
} from '../solvers/index.js';

type LogpDesign = Pick<Design, 'prior' | 'dimension' | 'T' | 'epsilon' | 'fieldKernel'>;

/** Solvers that carry the log-density: the deterministic ones whose steps take any augmented term. */
export const logpSolvers: readonly SolverName[] = ['dopri5', 'odex', 'euler', 'heun', 'rk4'];

export interface LogpSolveOptions {
  /** Keep x at these times (in t, from T to ε; fixed methods: their grid) into states, K × n × d. */
  record?: { times: Float64Array; states: Float64Array };
  onProgress?: ProgressCallback;
}

/** How a run's rows are integrated with their log-density. */
export interface LogpFlow {
  /**
   * Rows 0..n−1 of x (n × d, starting points at T, overwritten with the samples at ε), with
   * logp[i] = log π(x_T) + ∫_ε^T ∇·f_t(x_t) dt of row i.
   */
  solve(x: Float64Array, n: number, options: LogpSolveOptions): SolveResult & { logp: Float64Array };
}

/**
 * @throws OdeforgeError when the log-density cannot be carried: a stochastic sampler (no ODE log-density
 *   along an SDE path), edm or dpmpp (their steps see x̂ only), or data given as a Gaussian mixture
 */
export function checkLogpApplies(solver: SolverName, method: Method, source: FieldSource): void {
  if (method.kind === 'stochastic' || (method.kind === 'edm' && method.churn.churn > 0)) {
    throw new OdeforgeError(
      `--logp needs a deterministic solver: ${solver}${method.kind === 'edm' ? ' with --churn > 0' : ''} follows a ` +
        'stochastic path, along which the ODE log-density is not defined',
      {},
      `use ${logpSolvers.join(', ')}; or sample with ${solver} and run \`odeforge likelihood\` on the samples`,
    );
  }
  if (!logpSolvers.includes(solver)) {
    throw new OdeforgeError(
      `--logp is integrated with ${logpSolvers.join(', ')}; ${solver} steps along the data prediction alone, without the divergence`,
      {},
      `use one of ${logpSolvers.join(', ')}, or run \`odeforge likelihood\` on the samples`,
    );
  }
  if (source.kind !== 'empirical') {
    throw new OdeforgeError(
      '--logp needs data points: the exact divergence is that of the empirical field, not of a Gaussian mixture',
      {},
      'give data points (--data with a .csv/.npy table, or --dataset NAME), or leave --logp out',
    );
  }
}

/**
 * The flow of `method` with the log-density beside the state.
 * @throws OdeforgeError (checkLogpApplies), or for a radial design whose k_t(r) has no exact derivative
 */
export function logpFlow(design: LogpDesign, source: FieldSource, solver: SolverName, method: Method): LogpFlow {
  checkLogpApplies(solver, method, source);
  if (source.kind !== 'empirical') throw new Error('unreachable: checked above');
  const field = new DivergenceField(design.fieldKernel, source.data);
  const integration = augmentedIntegration(design, field, method);
  const d = design.dimension;
  return {
    solve(x, n, options) {
      const stride = d + 1;
      const logPrior = Float64Array.from({ length: n }, (_, i) =>
        design.prior.logDensity(x.subarray(i * d, (i + 1) * d)),
      );
      const z = new Float64Array(n * stride);
      for (let i = 0; i < n; i++) {
        for (let k = 0; k < d; k++) z[i * stride + k] = x[i * d + k]! / integration.scale(design.T);
      }
      const rec = options.record;
      const start = rec && x.slice(0, n * d);
      const recorded = rec && new Float64Array((rec.states.length / d) * stride);
      const times = rec && Float64Array.from(rec.times, integration.tau);
      const result = integration.run(z, n, {
        record: recorded && times ? { times, states: recorded, rows: n } : undefined,
        onProgress: options.onProgress,
      });
      const logp = new Float64Array(n);
      const end = integration.scale(design.epsilon);
      for (let i = 0; i < n; i++) {
        for (let k = 0; k < d; k++) x[i * d + k] = z[i * stride + k]! * end;
        logp[i] = logPrior[i]! - (integration.linear + z[i * stride + d]!);
      }
      if (rec && recorded && start) unpackRecording(rec, recorded, start, n, d, integration.scale, design.T);
      return { ...result, logp };
    },
  };
}

/** States [x/σ, ℓ] at the save times → x at the same times; at T the start as given (x/σ·σ may round). */
function unpackRecording(
  rec: { times: Float64Array; states: Float64Array },
  recorded: Float64Array,
  start: Float64Array,
  n: number,
  d: number,
  scale: (t: number) => number,
  T: number,
): void {
  const stride = d + 1;
  rec.times.forEach((t, k) => {
    if (t === T) {
      rec.states.set(start, k * n * d);
      return;
    }
    const s = scale(t);
    for (let i = 0; i < n; i++) {
      const from = (k * n + i) * stride;
      const to = (k * n + i) * d;
      for (let c = 0; c < d; c++) rec.states[to + c] = recorded[from + c]! * s;
    }
  });
}

/** One way of integrating the augmented rows [x/scale, ℓ] from T down to ε. */
interface AugmentedIntegration {
  /** The integration variable of a time t. */
  tau: (t: number) => number;
  /** The state is x / scale(t) (σ_t in λ, else 1). */
  scale: (t: number) => number;
  /** The part of ∫_T^ε ∇·f dt not in ℓ (the linear part's, in λ). */
  linear: number;
  run(
    z: Float64Array,
    n: number,
    options: {
      record?: { times: Float64Array; states: Float64Array; rows: number };
      onProgress?: ProgressCallback;
    },
  ): SolveResult;
}

const identityPath = (t: number): ScheduleRecord => ({ alpha: 1, sigma: t, dAlpha: 0, dSigma: 1 });
const unit = () => 1;
const same = (t: number) => t;

function augmentedIntegration(design: LogpDesign, field: DivergenceField, method: Method): AugmentedIntegration {
  const d = design.dimension;
  const { T, epsilon } = design;
  const inT: OdeTerm = { dim: d + 1, evaluate: field.evaluateAugmented.bind(field) };
  if (method.kind === 'fixed') {
    return {
      tau: same,
      scale: unit,
      linear: 0,
      run: (z, n, options) => solveFixed(inT, method.stepper, method.grid, z, n, options),
    };
  }
  if (method.kind !== 'adaptive') throw new Error(`logp: no augmented integration for ${method.kind}`);
  const tolerances = { rtol: method.rtol, atol: method.atol, maxSteps: method.maxSteps };
  if (method.timeVariable === 'lambda') {
    const kernel = design.fieldKernel;
    const schedule = kernel.kind === 'path' ? kernel.schedule : identityPath;
    const snr = new SignalToNoise(schedule, T, epsilon);
    const term = new AugmentedPredictionTerm(field, schedule, snr);
    // errors on (x/σ, ℓ), as in the likelihood: tolerances mean what they mean in t at σ = 1
    return {
      tau: (t) => snr.lambda(t),
      scale: (t) => schedule(t).sigma,
      linear: linearDivergenceIntegral(schedule, d, T, epsilon),
      run: (z, n, options) =>
        solveDopri5(term, snr.lambda(T), snr.lambda(epsilon), z, n, {
          ...tolerances,
          ...options,
          toTime: (lambda) => snr.time(lambda),
        }),
    };
  }
  const inLog = method.timeVariable === 'log';
  const term = inLog ? new LogTimeTerm(inT) : inT;
  const tau = inLog ? Math.log : same;
  const solver = method.integrator === 'dopri5' ? solveDopri5 : solveOdex;
  return {
    tau,
    scale: unit,
    linear: 0,
    run: (z, n, options) =>
      solver(term, tau(T), tau(epsilon), z, n, { ...tolerances, ...options, toTime: inLog ? Math.exp : undefined }),
  };
}
