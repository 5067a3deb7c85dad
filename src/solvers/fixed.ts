// Integration on a given time grid with a fixed-step stepper; states checked for finiteness after every step.
import type { Stepper } from './rk.js';
import type { OdeTerm, ProgressCallback, Recording, SolveResult } from './types.js';

export interface FixedOptions {
  /** Records every grid point: recording.times must equal the grid. */
  record?: Recording;
  /** Row offset of this batch inside the recording. */
  recordOffset?: number;
  onProgress?: ProgressCallback;
  /** Maps the integration variable to t for failure reports (identity unless integrating in log t). */
  toTime?: (tau: number) => number;
}

/**
 * Integrate rows 0..n−1 of y (in place) along `grid` (grid[0] → grid[last]).
 * A non-finite state stops the solve with a failure naming the first such row.
 */
export function solveFixed(
  term: OdeTerm,
  stepper: Stepper,
  grid: Float64Array,
  y: Float64Array,
  n: number,
  options: FixedOptions = {},
): SolveResult {
  const d = term.dim;
  const steps = grid.length - 1;
  const toTime = options.toTime ?? ((tau: number) => tau);
  record(options, 0, y, n, d);
  for (let i = 0; i < steps; i++) {
    stepper.step(term, grid[i]!, grid[i + 1]! - grid[i]!, y, n);
    for (let j = 0; j < n * d; j++) {
      if (!Number.isFinite(y[j])) {
        const row = Math.floor(j / d);
        const from = toTime(grid[i]!);
        const to = toTime(grid[i + 1]!);
        return {
          stats: { nfe: (i + 1) * stepper.stages * n, steps: (i + 1) * n, rejected: 0 },
          failure: { row, t: to, reason: `the state became non-finite in the step from t = ${from} to t = ${to}` },
        };
      }
    }
    record(options, i + 1, y, n, d);
    options.onProgress?.((i + 1) / steps);
  }
  return { stats: { nfe: steps * stepper.stages * n, steps: steps * n, rejected: 0 } };
}

function record(options: FixedOptions, k: number, y: Float64Array, n: number, d: number): void {
  const rec = options.record;
  if (!rec) return;
  const offset = (k * rec.rows + (options.recordOffset ?? 0)) * d;
  rec.states.set(y.subarray(0, n * d), offset);
}
