// Messages between likelihood()'s calling thread and its workers, and errors carried across the boundary.
import type { SerializedError } from '../errors.js';
import type { LikelihoodOptions, LikelihoodRow } from './run.js';

/** What a worker needs: the design's spec text and the run's checked inputs, as plain values. */
export interface WorkerSetup {
  source: { specText: string; file?: string; dimension: number };
  options: Omit<LikelihoodOptions, 'onProgress' | 'threads' | 'data' | 'points'> & {
    data: Float64Array;
    points: Float64Array;
  };
}

/** A range of point indices to compute. */
export type ToWorker = { start: number; count: number };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'done'; start: number; rows: LikelihoodRow[]; stiffPoints: number }
  | { type: 'error'; error: SerializedError };

export { serializeError } from '../errors.js';
