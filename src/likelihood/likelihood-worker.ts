// Worker-thread entry of likelihood(): rebuilds the design from its spec text (a Design holds compiled closures
// and cannot be sent), checks the same run as the calling thread, then computes the ranges of points it is sent.
import { parentPort, workerData } from 'node:worker_threads';
import { designFromText } from '../design/index.js';
import { serializeError, type FromWorker, type ToWorker, type WorkerSetup } from './protocol.js';
import { likelihoodRun, pointRows } from './run.js';

const port = parentPort!;
const post = (message: FromWorker): void => port.postMessage(message);

function main(): void {
  const setup = workerData as WorkerSetup;
  const { specText, file, dimension } = setup.source;
  const design = designFromText(specText, { file, dimension });
  const run = likelihoodRun(design, setup.options);
  port.on('message', (message: ToWorker) => {
    try {
      const { rows, stiffPoints } = pointRows(run, message.start, message.count);
      post({ type: 'done', start: message.start, rows, stiffPoints });
    } catch (error) {
      post({ type: 'error', error: serializeError(error) });
    }
  });
  post({ type: 'ready' });
}

try {
  main();
} catch (error) {
  post({ type: 'error', error: serializeError(error) });
}
