// The samplers' section of `npm run bench` (alone: `node dist/bench/run.js --samplers-only`): NFE against error
// of the few-step solvers from the same starting points, against a tight dopri5 solution, for VE, VP and a
// radial design; and the stochastic samplers' law at ε against its closed form (KS test, one data point).
import { join } from 'node:path';
import { loadDesign } from '../design/index.js';
import type { Design } from '../design/types.js';
import { dataset } from '../io/datasets.js';
import { ksTest } from '../numeric/ks.js';
import { normalCdf } from '../numeric/special.js';
import { priorSamples, sample, type SampleOptions } from '../sample/index.js';
import { median } from './measures.js';
import { fmt, table } from './tables.js';

const SOLVERS = ['euler', 'heun', 'dpmpp-2m', 'dpmpp-3m'] as const;
const STEPS = [5, 10, 20, 50];

interface Row {
  design: string;
  solver: string;
  steps: number;
  nfe: number;
  median: number;
  max: number;
  wall_s: number;
}

/** Per-sample Euclidean distances to the reference. */
function rowErrors(samples: Float64Array, reference: Float64Array, d: number): Float64Array {
  const n = samples.length / d;
  return Float64Array.from({ length: n }, (_, i) => {
    let q = 0;
    for (let k = 0; k < d; k++) q += (samples[i * d + k]! - reference[i * d + k]!) ** 2;
    return Math.sqrt(q);
  });
}

async function errorTable(name: string, design: Design, data: Float64Array, n: number): Promise<Row[]> {
  const d = design.dimension;
  const init = { data: priorSamples(design, 0, 0, n), rows: n, dim: d };
  const reference = await sample(design, { data, init, solver: 'dopri5', rtol: 1e-10, atol: 1e-10, threads: 1 });
  const rows: Row[] = [];
  for (const steps of STEPS) {
    for (const solver of SOLVERS) {
      const run = await sample(design, { data, init, solver, steps, threads: 1 });
      const errors = rowErrors(run.samples, reference.samples, d);
      rows.push({
        design: name,
        solver,
        steps,
        nfe: run.stats.nfe,
        median: median(errors),
        max: errors.reduce((a, b) => Math.max(a, b), 0),
        wall_s: run.stats.wall_s,
      });
    }
  }
  return rows;
}

/** KS p-values of the stochastic samplers at ε, one data point x0 = 0.7 in d = 1, VP (law N(α_ε x0, σ_ε²)). */
async function lawAtEpsilon(specDir: string): Promise<(string | number)[][]> {
  const design = loadDesign(join(specDir, 'vp.yaml'), { dimension: 1 });
  const { alpha, sigma } = design.schedule!(design.epsilon);
  const runs: [string, Partial<SampleOptions>][] = [
    ['euler-maruyama, 1000 log steps', { solver: 'euler-maruyama' }],
    ['euler-maruyama, 1000 uniform steps', { solver: 'euler-maruyama', grid: 'uniform' }],
    ['pc, 500 steps, snr 0.16, 1 corrector step', { solver: 'pc', steps: 500 }],
    ['edm, 100 steps, churn 40', { solver: 'edm', steps: 100, churn: 40 }],
  ];
  const rows: (string | number)[][] = [];
  for (const [label, options] of runs) {
    const run = await sample(design, { data: Float64Array.of(0.7), n: 2000, seed: 1, threads: 1, ...options });
    const { statistic, pValue } = ksTest(run.samples, (x) => normalCdf((x - alpha * 0.7) / sigma));
    let m = 0;
    for (const x of run.samples) m += x / run.samples.length;
    let v = 0;
    for (const x of run.samples) v += (x - m) ** 2 / run.samples.length;
    rows.push([label, run.stats.nfe, fmt(Math.sqrt(v) / sigma, 4), fmt(statistic, 4), fmt(pValue)]);
  }
  return rows;
}

export async function samplerSection(specDir: string): Promise<object> {
  const n = 300;
  const data = dataset('8gaussians', { n: 256, dim: 2, seed: 0 });
  const designs: [string, Design][] = [
    ['VE (σ = t, T = 80)', loadDesign(join(specDir, 've.yaml'), { dimension: 2 })],
    ['VP (score_sde, T = 1)', loadDesign(join(specDir, 'vp.yaml'), { dimension: 2 })],
    ['tanh(r/t) (radial, T = 40)', loadDesign(join(specDir, 'tanh.yaml'), { dimension: 2 })],
  ];
  const rows: Row[] = [];
  for (const [name, design] of designs) rows.push(...(await errorTable(name, design, data, n)));
  console.log(
    `\n## Few-step solvers: NFE against error (8 gaussians, m = 256, d = 2; the same ${n} starts; error = |x − x_ref| per sample against dopri5 at rtol = atol = 1e-10)\n`,
  );
  console.log(
    table(
      ['design', 'solver', 'steps', 'NFE', 'median error', 'max error', 'wall s'],
      rows.map((r) => [r.design, r.solver, r.steps, r.nfe, fmt(r.median), fmt(r.max), fmt(r.wall_s)]),
    ),
  );
  const law = await lawAtEpsilon(specDir);
  console.log(
    '\n## Stochastic samplers: law at ε = 1e-3 (VP, one data point x0 = 0.7, d = 1, n = 2000; exact N(α_ε x0, σ_ε²))\n',
  );
  console.log(table(['sampler', 'NFE', 'std / σ_ε', 'KS D', 'KS p'], law));
  return { fewStep: rows, lawAtEpsilon: law };
}
