// Bench worker: one thread's share of a field-throughput measurement. Loads the design and data, draws its
// rows of states, then evaluates the marginal velocity once per 'go' message and answers with the time.
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { loadDesign } from '../design/index.js';
import { DEFAULT_FIELD_TOL, EmpiricalField } from '../field/index.js';
import { parseCsv } from '../io/csv.js';
import { priorSamples } from '../sample/index.js';

export interface FieldWorkerSetup {
  specPath: string;
  dim: number;
  dataPath: string;
  rows: number;
  rowOffset: number;
  t: number;
}

const setup = workerData as FieldWorkerSetup;
const design = loadDesign(setup.specPath, { dimension: setup.dim });
const table = parseCsv(readFileSync(setup.dataPath, 'utf8'), setup.dataPath);
// the sampler's default field tolerance, so that the field is the one `sample` integrates
const field = new EmpiricalField(design.fieldKernel, table, { fieldTol: DEFAULT_FIELD_TOL });
// States as numpy_sampler.py's `field` command draws them: prior samples divided by 10.
const x = priorSamples(design, 1, setup.rowOffset, setup.rows).map((v) => v / 10);
const t = new Float64Array(setup.rows).fill(setup.t);
const out = new Float64Array(x.length);
field.velocity(t, x, setup.rows, out); // warm-up: compile the hot loops before timing
parentPort!.on('message', () => {
  const started = performance.now();
  field.velocity(t, x, setup.rows, out);
  parentPort!.postMessage((performance.now() - started) / 1000);
});
parentPort!.postMessage('ready');
