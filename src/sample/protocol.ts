// Messages between the sampler's main thread and its workers, and errors carried across the boundary.
import { IntegrationError, OdeforgeError } from '../errors.js';
import type { ChunkResult, RunSetup } from './chunk.js';

export type { RunSetup } from './chunk.js';

export type ToWorker =
  | { type: 'run'; run: number; setup: RunSetup }
  /** init: the task's own starting points (count × d) when the run has them, else prior draws. */
  | { type: 'task'; run: number; start: number; count: number; init?: Float64Array };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'progress'; run: number; start: number; fraction: number }
  | { type: 'done'; run: number; result: ChunkResult }
  | { type: 'error'; run: number; error: SerializedError };

export interface SerializedError {
  name: string;
  message: string;
  sampleIndex?: number;
  t?: number;
  file?: string;
  line?: number;
  column?: number;
  hint?: string;
  stack?: string;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof IntegrationError)
    return { name: error.name, message: error.message, sampleIndex: error.sampleIndex, t: error.t };
  if (error instanceof OdeforgeError) {
    return {
      name: error.name,
      message: error.message,
      file: error.file,
      line: error.line,
      column: error.column,
      hint: error.hint,
    };
  }
  const e = error as Error;
  return { name: e?.name ?? 'Error', message: e?.message ?? String(error), stack: e?.stack };
}

/** The error as the main thread should throw it: the same class as in the worker. */
export function deserializeError(s: SerializedError): Error {
  if (s.name === 'IntegrationError') return new IntegrationError(s.message, s.sampleIndex ?? -1, s.t ?? Number.NaN);
  if (s.name === 'OdeforgeError')
    return new OdeforgeError(s.message, { file: s.file, line: s.line, column: s.column }, s.hint);
  const e = new Error(`worker thread: ${s.message}`);
  if (s.stack) e.stack = s.stack;
  return e;
}
