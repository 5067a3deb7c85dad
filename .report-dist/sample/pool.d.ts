import type { ChunkResult } from './chunk.js';
import { type RunSetup } from './protocol.js';
import type { DesignSource } from './source.js';
/** Whether worker threads can run here (they need the compiled worker.js next to this module). */
export declare function workersAvailable(): boolean;
export interface RunEvents {
    progress(start: number, fraction: number): void;
    done(result: ChunkResult): void;
    failed(error: Error): void;
}
/** Workers that take chunks of the active run from its queue, two in flight each. */
export declare class SamplerPool {
    readonly designSource: DesignSource;
    private readonly slots;
    private active;
    private nextRun;
    private startupError;
    private readyWaiters;
    /**
     * Start `workers` threads that each load the design named by `designSource`.
     * With workersAvailable() false (running from TypeScript sources) the pool is empty.
     */
    constructor(designSource: DesignSource, workers: number);
    get size(): number;
    /** Resolves once every worker has loaded its design (or failed to). */
    ready(): Promise<void>;
    private wakeReadyWaiters;
    /** Share `queue` (which the caller also takes from) with the workers; resolves once none has a task left. */
    run(setup: RunSetup, queue: [number, number][], events: RunEvents): Promise<void>;
    /** Hand out more of the queue to ready workers (after the caller took a chunk or a worker finished one). */
    poke(): void;
    close(): Promise<void>;
    private feed;
    private onMessage;
    private fail;
    private settleIfIdle;
}
