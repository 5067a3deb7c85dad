// Worker threads for the sampler. A pool can be started before the caller loads its own design, so that on
// a few cores the workers' design loading (a spec compile) overlaps the caller's instead of following it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ChunkResult } from './chunk.js';
import { deserializeError } from '../errors.js';
import type { FromWorker, RunSetup, ToWorker } from './protocol.js';
import type { DesignSource } from './source.js';

const workerUrl = new URL('./worker.js', import.meta.url);

/** Whether worker threads can run here (they need the compiled worker.js next to this module). */
export function workersAvailable(): boolean {
  return existsSync(fileURLToPath(workerUrl));
}

export interface RunEvents {
  progress(start: number, fraction: number): void;
  done(result: ChunkResult): void;
  failed(error: Error): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** Tasks sent and not yet answered. */
  pending: number;
  /** The run this worker has been set up for. */
  run: number;
}

interface ActiveRun {
  id: number;
  setup: RunSetup;
  queue: [number, number][];
  /** A task's starting points when the run has its own (sent with the task: each worker gets only its rows). */
  startingPoints?: (start: number, count: number) => Float64Array;
  events: RunEvents;
  settle?: (workersUsed: number) => void;
  failed: boolean;
  /** Workers that finished a chunk of this run. */
  workersUsed: Set<Slot>;
}

/** Workers that take chunks of the active run from its queue: two in flight each while the queue is long. */
export class SamplerPool {
  private readonly slots: Slot[] = [];
  private active: ActiveRun | undefined;
  private nextRun = 1;
  private startupError: Error | undefined;
  private readyWaiters: (() => void)[] = [];

  /**
   * Start `workers` threads that each load the design named by `designSource`.
   * With workersAvailable() false (running from TypeScript sources) the pool is empty.
   */
  constructor(
    readonly designSource: DesignSource,
    workers: number,
  ) {
    if (!workersAvailable()) return;
    for (let i = 0; i < workers; i++) {
      const slot: Slot = {
        worker: new Worker(workerUrl, { workerData: designSource }),
        ready: false,
        pending: 0,
        run: 0,
      };
      this.slots.push(slot);
      slot.worker.on('message', (message: FromWorker) => this.onMessage(slot, message));
      slot.worker.on('error', (error) => this.fail(error));
    }
  }

  get size(): number {
    return this.slots.length;
  }

  /** Resolves once every worker has loaded its design (or failed to). */
  ready(): Promise<void> {
    return new Promise((resolve) => {
      this.readyWaiters.push(resolve);
      this.wakeReadyWaiters();
    });
  }

  private wakeReadyWaiters(): void {
    if (this.slots.every((s) => s.ready) || this.startupError) {
      for (const wake of this.readyWaiters.splice(0)) wake();
    }
  }

  /**
   * Share `queue` (which the caller also takes from) with the workers; resolves once none has a task left,
   * with the number of workers that finished one of its chunks.
   * `startingPoints(start, count)`, when given, supplies each task's starting points (a fresh array: it is
   * transferred to the worker) instead of the prior draws.
   */
  run(
    setup: RunSetup,
    queue: [number, number][],
    events: RunEvents,
    startingPoints?: (start: number, count: number) => Float64Array,
  ): Promise<number> {
    const run: ActiveRun = {
      id: this.nextRun++,
      setup,
      queue,
      events,
      startingPoints,
      failed: false,
      workersUsed: new Set(),
    };
    this.active = run;
    if (this.startupError) this.fail(this.startupError);
    for (const slot of this.slots) this.feed(slot);
    return new Promise<number>((resolve) => {
      run.settle = resolve;
      this.settleIfIdle();
    });
  }

  /** Hand out more of the queue to ready workers (after the caller took a chunk or a worker finished one). */
  poke(): void {
    for (const slot of this.slots) this.feed(slot);
    this.settleIfIdle();
  }

  async close(): Promise<void> {
    this.active = undefined;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private feed(slot: Slot): void {
    const run = this.active;
    if (!run || !slot.ready || run.failed) return;
    if (slot.run !== run.id) {
      slot.worker.postMessage({ type: 'run', run: run.id, setup: run.setup } satisfies ToWorker);
      slot.run = run.id;
    }
    // A second task in flight hides the message round trip, but near the end it would strand work here.
    const depth = run.queue.length > 2 * (this.slots.length + 1) ? 2 : 1;
    while (slot.pending < depth && run.queue.length > 0) {
      const [start, count] = run.queue.shift()!;
      slot.pending++;
      const init = run.startingPoints?.(start, count);
      slot.worker.postMessage(
        { type: 'task', run: run.id, start, count, init } satisfies ToWorker,
        init ? [init.buffer as ArrayBuffer] : [],
      );
    }
  }

  private onMessage(slot: Slot, message: FromWorker): void {
    const run = this.active;
    switch (message.type) {
      case 'ready':
        slot.ready = true;
        this.feed(slot);
        this.wakeReadyWaiters();
        break;
      case 'progress':
        if (run && message.run === run.id) run.events.progress(message.start, message.fraction);
        break;
      case 'done':
        slot.pending--;
        if (run && message.run === run.id) {
          run.workersUsed.add(slot);
          run.events.done(message.result);
          this.feed(slot);
        }
        break;
      case 'error':
        slot.pending = Math.max(0, slot.pending - (message.run === -1 ? 0 : 1));
        if (message.run === -1) {
          this.startupError = deserializeError(message.error, 'worker thread');
          this.wakeReadyWaiters();
        }
        if (message.run === -1 || (run && message.run === run.id))
          this.fail(deserializeError(message.error, 'worker thread'));
        break;
    }
    this.settleIfIdle();
  }

  private fail(error: Error): void {
    const run = this.active;
    if (!run) {
      this.startupError ??= error;
      this.wakeReadyWaiters();
      return;
    }
    if (!run.failed) {
      run.failed = true;
      run.events.failed(error);
    }
    this.settleIfIdle();
  }

  private settleIfIdle(): void {
    const run = this.active;
    if (!run?.settle) return;
    const busy = this.slots.some((s) => s.run === run.id && s.pending > 0);
    if (run.failed || (!busy && run.queue.length === 0)) {
      run.settle(run.workersUsed.size);
      run.settle = undefined;
    }
  }
}
