// Worker-thread entry of the sampler: loads the design once (from workerData's DesignSource), then runs the
// chunks it is sent, rebuilding the field and method whenever a new run is announced.
import { parentPort, workerData } from 'node:worker_threads';
import { createField } from '../field/index.js';
import { methodFor } from '../solvers/index.js';
import { runChunk } from './chunk.js';
import { designFrom } from './source.js';
import { serializeError } from './protocol.js';
const port = parentPort;
const post = (message, transfer = []) => port.postMessage(message, transfer);
/** At most this many progress messages per chunk. */
const PROGRESS_STEPS = 50;
async function main() {
    const design = await designFrom(workerData);
    const contexts = new Map();
    port.on('message', (message) => {
        const run = message.run;
        try {
            if (message.type === 'run') {
                contexts.clear();
                const { setup } = message;
                contexts.set(run, {
                    design,
                    field: createField(design.fieldKernel, setup.source, design.dimension),
                    method: methodFor(setup.method),
                    seed: setup.seed,
                    saveTimes: setup.saveTimes,
                });
                return;
            }
            const ctx = contexts.get(run);
            if (!ctx)
                return; // a task of a run that has been abandoned
            const { start, count } = message;
            let reported = 0;
            const result = runChunk(ctx, start, count, (fraction) => {
                if (fraction - reported < 1 / PROGRESS_STEPS)
                    return;
                reported = fraction;
                post({ type: 'progress', run, start, fraction });
            });
            const transfer = [result.samples.buffer];
            if (result.trajectory)
                transfer.push(result.trajectory.buffer);
            post({ type: 'done', run, result }, transfer);
        }
        catch (error) {
            post({ type: 'error', run, error: serializeError(error) });
        }
    });
    post({ type: 'ready' });
}
main().catch((error) => post({ type: 'error', run: -1, error: serializeError(error) }));
