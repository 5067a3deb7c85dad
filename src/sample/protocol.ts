// Messages between the sampler's main thread and its workers, and errors carried across the boundary.
import type { SerializedError } from '../errors.js';
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

export { serializeError } from '../errors.js';
