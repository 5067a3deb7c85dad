import type { FieldSource } from '../field/index.js';
import type { MethodOptions } from '../solvers/index.js';
import type { ChunkResult } from './chunk.js';
/** What a run needs besides the design (which each worker loads once, when it starts). */
export interface RunSetup {
    source: FieldSource;
    method: MethodOptions;
    seed: number;
    saveTimes?: Float64Array;
}
export type ToWorker = {
    type: 'run';
    run: number;
    setup: RunSetup;
} | {
    type: 'task';
    run: number;
    start: number;
    count: number;
};
export type FromWorker = {
    type: 'ready';
} | {
    type: 'progress';
    run: number;
    start: number;
    fraction: number;
} | {
    type: 'done';
    run: number;
    result: ChunkResult;
} | {
    type: 'error';
    run: number;
    error: SerializedError;
};
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
export declare function serializeError(error: unknown): SerializedError;
/** The error as the main thread should throw it: the same class as in the worker. */
export declare function deserializeError(s: SerializedError): Error;
