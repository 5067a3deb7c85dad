// The cost side of a design: how the error of fixed-step solvers falls with the number of field evaluations.
// The same starting points (prior draws) are integrated by each solver at a ladder of step counts and by dopri5
// at a tight tolerance; the error is the root mean square distance to the tight solution, so it measures the
// solver on this design's own ODE, not the design's fit to the data.
import type { Design } from '../design/types.js';
import { IntegrationError, OdeforgeError } from '../errors.js';
import type { EmpiricalData } from '../numeric/data.js';
import { sample } from '../sample/index.js';
import type { SolverName } from '../solvers/index.js';

/** Tolerance of the reference solution the fixed-step errors are measured against. */
export const TIGHT_TOLERANCE = 1e-9;
export const DEFAULT_STEP_LADDER: readonly number[] = [4, 8, 16, 32, 64, 128];

/** One point of an error-vs-NFE curve; error null when the run diverged. */
export interface CostPoint {
  solver: SolverName;
  steps: number;
  /** Field evaluations per sample (mean); null when the solve failed. */
  nfe: number | null;
  /** Root mean square of |x − x_tight| over the starting points; null when the solve failed. */
  error: number | null;
}

export interface CostCurves {
  points: CostPoint[];
  /** Solvers that refused this design (dpmpp-2m needs a Gaussian path), with their reason. */
  unavailable: { solver: SolverName; reason: string }[];
  /** NFE per sample of the tight reference solution. */
  tightNfe: number;
}

function rmsDistance(a: Float64Array, b: Float64Array, dim: number): number {
  let sum = 0;
  for (let k = 0; k < a.length; k++) sum += (a[k]! - b[k]!) ** 2;
  return Math.sqrt(sum / (a.length / dim));
}

/**
 * Error-vs-NFE points of `solvers` at each step count of `ladder`, from `starts` (rows × d prior draws), for
 * the marginal field of `reference`.
 */
export async function costCurves(
  design: Design,
  reference: EmpiricalData,
  starts: EmpiricalData,
  solvers: readonly SolverName[],
  ladder: readonly number[],
): Promise<CostCurves> {
  const common = { data: reference, init: starts, threads: 1 };
  const tight = await sample(design, { ...common, solver: 'dopri5', rtol: TIGHT_TOLERANCE, atol: TIGHT_TOLERANCE });
  const points: CostPoint[] = [];
  const unavailable: CostCurves['unavailable'] = [];
  for (const solver of solvers) {
    for (const steps of ladder) {
      try {
        const run = await sample(design, { ...common, solver, steps });
        const error = rmsDistance(run.samples, tight.samples, design.dimension);
        points.push({ solver, steps, nfe: run.stats.nfe, error: Number.isFinite(error) ? error : null });
      } catch (error) {
        if (error instanceof IntegrationError) {
          points.push({ solver, steps, nfe: null, error: null });
        } else if (error instanceof OdeforgeError) {
          // a solver that cannot integrate this design refuses before any step: say why, once
          unavailable.push({ solver, reason: error.message });
          break;
        } else throw error;
      }
    }
  }
  return { points, unavailable, tightNfe: tight.stats.nfe };
}
