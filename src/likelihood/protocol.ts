// Messages between likelihood()'s calling thread and its workers, and errors carried across the boundary.
import { IntegrationError, OdeforgeError } from '../errors.js';
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

export interface SerializedError {
  name: string;
  message: string;
  pointIndex?: number;
  t?: number;
  file?: string;
  line?: number;
  column?: number;
  hint?: string;
  stack?: string;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof IntegrationError)
    return { name: error.name, message: error.message, pointIndex: error.sampleIndex, t: error.t };
  if (error instanceof OdeforgeError) {
    const { name, message, file, line, column, hint } = error;
    return { name, message, file, line, column, hint };
  }
  const e = error as Error;
  return { name: e?.name ?? 'Error', message: e?.message ?? String(error), stack: e?.stack };
}

/** The error as the calling thread throws it: the same class as in the worker. */
export function deserializeError(s: SerializedError): Error {
  if (s.name === 'IntegrationError') return new IntegrationError(s.message, s.pointIndex ?? -1, s.t ?? Number.NaN);
  if (s.name === 'OdeforgeError')
    return new OdeforgeError(s.message, { file: s.file, line: s.line, column: s.column }, s.hint);
  const e = new Error(`likelihood worker thread: ${s.message}`);
  if (s.stack) e.stack = s.stack;
  return e;
}
