// Worker threads for likelihood(): each loads the design from its spec text and checks the run once, then takes
// ranges of points from the queue the calling thread also takes from. The calling thread answers a worker only
// between its own ranges, so each worker holds a second range while the queue is long: it never waits for one.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { deserializeError } from '../errors.js';
import type { FromWorker, ToWorker, WorkerSetup } from './protocol.js';
import type { LikelihoodRow } from './run.js';

const workerUrl = new URL('./likelihood-worker.js', import.meta.url);

/** Whether worker threads can run here (they need the compiled likelihood-worker.js next to this module). */
export function likelihoodWorkersAvailable(): boolean {
  return existsSync(fileURLToPath(workerUrl));
}

export interface PoolEvents {
  done(start: number, rows: LikelihoodRow[], stiffPoints: number): void;
  failed(error: Error): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** Ranges sent and not yet answered. */
  pending: number;
  used: boolean;
}

export class LikelihoodPool {
  private readonly slots: Slot[] = [];
  private failed = false;
  private settle: ((workersUsed: number) => void) | undefined;

  /** Start `workers` threads sharing `queue` ([start, count] ranges of point indices) with the caller. */
  constructor(
    setup: WorkerSetup,
    workers: number,
    private readonly queue: [number, number][],
    private readonly events: PoolEvents,
  ) {
    for (let i = 0; i < workers; i++) {
      const slot: Slot = {
        worker: new Worker(workerUrl, { workerData: setup }),
        ready: false,
        pending: 0,
        used: false,
      };
      this.slots.push(slot);
      slot.worker.on('message', (message: FromWorker) => this.onMessage(slot, message));
      slot.worker.on('error', (error) => {
        slot.pending = 0;
        slot.ready = false;
        this.fail(error);
      });
    }
  }

  /** Resolves once no worker holds a range and the queue is empty (or a worker failed): with the workers used. */
  finished(): Promise<number> {
    return new Promise((resolve) => {
      this.settle = resolve;
      this.settleIfIdle();
    });
  }

  /** Hand out more of the queue (after the caller took a range). */
  poke(): void {
    for (const slot of this.slots) this.feed(slot);
    this.settleIfIdle();
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private feed(slot: Slot): void {
    if (!slot.ready || this.failed) return;
    // near the end a second range would strand work on a busy worker while others are free
    const depth = this.queue.length > 2 * (this.slots.length + 1) ? 2 : 1;
    while (slot.pending < depth && this.queue.length > 0) {
      const [start, count] = this.queue.shift()!;
      slot.pending++;
      slot.worker.postMessage({ start, count } satisfies ToWorker);
    }
  }

  private onMessage(slot: Slot, message: FromWorker): void {
    switch (message.type) {
      case 'ready':
        slot.ready = true;
        this.feed(slot);
        break;
      case 'done':
        slot.pending--;
        slot.used = true;
        this.events.done(message.start, message.rows, message.stiffPoints);
        this.feed(slot);
        break;
      case 'error':
        slot.pending = Math.max(0, slot.pending - 1);
        this.fail(deserializeError(message.error, 'likelihood worker thread'));
        break;
    }
    this.settleIfIdle();
  }

  private fail(error: Error): void {
    if (!this.failed) {
      this.failed = true;
      this.events.failed(error);
    }
    this.settleIfIdle();
  }

  private settleIfIdle(): void {
    if (!this.settle) return;
    if (this.slots.some((s) => s.pending > 0)) return;
    if (!this.failed && this.queue.length > 0 && this.slots.some((s) => s.ready)) return;
    this.settle(this.slots.filter((s) => s.used).length);
    this.settle = undefined;
  }
}
