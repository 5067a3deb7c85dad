// Worker-thread entry of the sampler: loads the design once (from workerData's DesignSource), then runs the
// chunks it is sent, rebuilding the field and method whenever a new run is announced.
import { parentPort, workerData } from 'node:worker_threads';
import type { Design } from '../design/types.js';
import { chunkContext, runChunk, type ChunkContext } from './chunk.js';
import { designFrom, type DesignSource } from './source.js';
import { serializeError, type FromWorker, type ToWorker } from './protocol.js';

const port = parentPort!;
const post = (message: FromWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);

/** At most this many progress messages per chunk. */
const PROGRESS_STEPS = 50;

async function main(): Promise<void> {
  const design: Design = await designFrom(workerData as DesignSource);
  const contexts = new Map<number, ChunkContext>();
  port.on('message', (message: ToWorker) => {
    const run = message.run;
    try {
      if (message.type === 'run') {
        contexts.clear();
        contexts.set(run, chunkContext(design, message.setup));
        return;
      }
      const ctx = contexts.get(run);
      if (!ctx) return; // a task of a run that has been abandoned
      const { start, count, init } = message;
      let reported = 0;
      const result = runChunk(
        ctx,
        start,
        count,
        (fraction) => {
          if (fraction - reported < 1 / PROGRESS_STEPS) return;
          reported = fraction;
          post({ type: 'progress', run, start, fraction });
        },
        init,
      );
      const transfer = [result.samples.buffer as ArrayBuffer];
      if (result.trajectory) transfer.push(result.trajectory.buffer as ArrayBuffer);
      if (result.logp) transfer.push(result.logp.buffer as ArrayBuffer);
      post({ type: 'done', run, result }, transfer);
    } catch (error) {
      post({ type: 'error', run, error: serializeError(error) });
    }
  });
  post({ type: 'ready' });
}

main().catch((error: unknown) => post({ type: 'error', run: -1, error: serializeError(error) }));
