// `npm run bench`: odeforge's sampler against the NumPy/SciPy reference (bench/numpy_sampler.py),
// side by side in one run from the same starting points (side-by-side.ts), whole-process wall times as ratios;
// then field throughput, scaling with n, m, d, and accuracy against batch size. Prints markdown tables and
// writes out/bench.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { loadDesign } from '../design/index.js';
import { writeFileAtomic } from '../io/atomic.js';
import { readDataFile, writeDataFile } from '../io/data.js';
import { dataset } from '../io/datasets.js';
import { sample, SamplerPool } from '../sample/index.js';
import type { FieldWorkerSetup } from './field-worker.js';
import { maxRowError } from './measures.js';
import { pythonStatus, referenceFieldThroughput, saveReferenceData } from './reference.js';
import { memorySection } from './memory.js';
import { pruningScaling, pruningSideBySide } from './pruning.js';
import { samplerSection } from './samplers.js';
import { cli, sideBySide } from './side-by-side.js';
import { fmt, table } from './tables.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const benchSpecs = join(root, 'src/bench/specs');

interface Args {
  reference: string;
  reps: number;
  quick: boolean;
  scipyAccuracy: boolean;
  /** Only the samplers' section (NFE against error, law at ε). */
  samplersOnly: boolean;
  /** Only the pruned field's section (tree and far field against the exact sum and the reference). */
  pruningOnly: boolean;
  /** Only the large-data section (10^6 × 64 from .npy: load, sampling, peak memory with 1 and 2 threads). */
  memoryOnly: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    reference: resolve(root, 'bench/numpy_sampler.py'),
    reps: 1,
    quick: false,
    scipyAccuracy: false,
    samplersOnly: false,
    pruningOnly: false,
    memoryOnly: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--reference') args.reference = resolve(argv[++i]!);
    else if (a === '--reps') args.reps = Number(argv[++i]);
    else if (a === '--quick') args.quick = true;
    else if (a === '--scipy-accuracy') args.scipyAccuracy = true;
    else if (a === '--samplers-only') args.samplersOnly = true;
    else if (a === '--pruning-only') args.pruningOnly = true;
    else if (a === '--memory-only') args.memoryOnly = true;
    else
      throw new Error(
        `unknown bench option ${a} (use --reference PATH, --reps N, --quick, --scipy-accuracy, --samplers-only, --pruning-only, --memory-only)`,
      );
  }
  return args;
}

/** Data for (m, d): the reference's toy_data when python is there (the same points it samples), else 8gaussians. */
function dataFile(dir: string, m: number, d: number, python: boolean, script: string): string {
  const path = join(dir, `data-${m}-${d}.csv`);
  if (existsSync(path)) return path;
  if (python) saveReferenceData(script, path, m, d);
  else writeDataFile(path, dataset('8gaussians', { n: m, dim: d, seed: 0 }), d);
  return path;
}

function sideBySideRun(args: Args, dir: string, python: boolean): object[] {
  const [n, m, d] = [2000, 512, 2];
  return sideBySide({
    reference: args.reference,
    reps: args.reps,
    python,
    dir,
    dataPath: dataFile(dir, m, d, python, args.reference),
    n,
    m,
    d,
    rtol: 1e-5,
  });
}

/** Best wall time of `reps` velocity evaluations of N rows split over `threads` workers. */
async function fieldTime(
  spec: string,
  dim: number,
  dataPath: string,
  N: number,
  threads: number,
  reps: number,
): Promise<number> {
  const workers = Array.from({ length: threads }, (_, k) => {
    const rows = Math.floor((N * (k + 1)) / threads) - Math.floor((N * k) / threads);
    const setup: FieldWorkerSetup = {
      specPath: spec,
      dim,
      dataPath,
      rows,
      rowOffset: Math.floor((N * k) / threads),
      t: 0.5,
    };
    return new Worker(new URL('./field-worker.js', import.meta.url), { workerData: setup });
  });
  const next = (w: Worker) =>
    new Promise<unknown>((res, rej) => {
      w.once('message', res);
      w.once('error', rej);
    });
  await Promise.all(workers.map(next));
  let best = Infinity;
  for (let rep = 0; rep < reps; rep++) {
    const started = performance.now();
    const done = workers.map(next);
    for (const w of workers) w.postMessage('go');
    await Promise.all(done);
    best = Math.min(best, (performance.now() - started) / 1000);
  }
  await Promise.all(workers.map((w) => w.terminate()));
  return best;
}

async function throughput(args: Args, dir: string, python: boolean): Promise<object[]> {
  const N = 4096;
  const M = 1024;
  const rows = [];
  for (const d of [2, 64]) {
    const dataPath = dataFile(dir, M, d, python, args.reference);
    for (const f of [
      { family: 've', spec: 've.yaml' },
      { family: 'poisson', spec: 'pfgm.yaml' },
      { family: 'tanh', spec: 'tanh.yaml' },
    ]) {
      const spec = join(benchSpecs, f.spec);
      const one = await fieldTime(spec, d, dataPath, N, 1, 5);
      const two = await fieldTime(spec, d, dataPath, N, 2, 5);
      const ref = python ? referenceFieldThroughput(args.reference, f.family, N, M, d) : undefined;
      rows.push({ family: f.family, d, pairs1: (N * M) / one, pairs2: (N * M) / two, reference: ref });
    }
  }
  console.log(`\n## Field throughput: marginal velocity, N = ${N} states × M = ${M} data points, t = 0.5 (pairs/s)\n`);
  const m = (v: number) => `${(v / 1e6).toFixed(1)} M`;
  console.log(
    table(
      ['family', 'd', '1 thread', '2 threads', 'reference (NumPy)', 'ratio (1 thread)'],
      rows.map((r) => [
        r.family,
        r.d,
        m(r.pairs1),
        m(r.pairs2),
        r.reference ? m(r.reference) : 'n/a',
        r.reference ? `${(r.pairs1 / r.reference).toFixed(2)}×` : 'n/a',
      ]),
    ),
  );
  return rows;
}

async function withPool<T>(
  dim: number,
  body: (pool: SamplerPool, design: ReturnType<typeof loadDesign>) => Promise<T>,
): Promise<T> {
  const specPath = join(benchSpecs, 've.yaml');
  const pool = new SamplerPool({ specPath, dimension: dim }, availableParallelism() - 1);
  const design = loadDesign(specPath, { dimension: dim });
  await pool.ready();
  try {
    return await body(pool, design);
  } finally {
    await pool.close();
  }
}

async function scaling(args: Args, dir: string, python: boolean): Promise<object[]> {
  const configs: [number, number, number][] = [
    [500, 512, 2],
    [1000, 512, 2],
    [2000, 512, 2],
    [4000, 512, 2],
    [2000, 128, 2],
    [2000, 2048, 2],
    [2000, 512, 8],
    [2000, 512, 32],
  ];
  const rows = [];
  for (const [n, m, d] of configs) {
    const data = readDataFile(dataFile(dir, m, d, python, args.reference));
    const run = await withPool(d, (pool, design) => sample(design, { data, n, seed: 0, pool }));
    rows.push({ n, m, d, wall_s: run.stats.wall_s, nfe: run.stats.nfe, samples_per_s: run.stats.samples_per_s });
  }
  console.log(
    `\n## Scaling (VE σ = t, T = 80, dopri5 rtol = atol = 1e-5, ${availableParallelism()} threads, sampling only: workers warm)\n`,
  );
  console.log(
    table(
      ['n', 'm', 'd', 'wall s', 'NFE/sample', 'samples/s'],
      rows.map((r) => [r.n, r.m, r.d, fmt(r.wall_s), r.nfe, r.samples_per_s]),
    ),
  );
  return rows;
}

async function accuracy(args: Args, dir: string, python: boolean): Promise<object> {
  const data = readDataFile(dataFile(dir, 256, 2, python, args.reference));
  const result = await withPool(2, async (pool, design) => {
    const tight = await sample(design, { data, n: 1000, seed: 0, rtol: 1e-10, atol: 1e-10, pool });
    const small = await sample(design, { data, n: 1000, seed: 0, pool });
    const large = await sample(design, { data, n: 10000, seed: 0, pool });
    const same = Buffer.from(small.samples.buffer).equals(
      Buffer.from(large.samples.buffer, 0, small.samples.byteLength),
    );
    return {
      batch1e3: maxRowError(small.samples, tight.samples, 2, 1000),
      batch1e4: maxRowError(large.samples, tight.samples, 2, 1000),
      identical: same,
    };
  });
  console.log(
    '\n## Accuracy against batch size (VE σ = t, m = 256, d = 2, rtol = atol = 1e-5; the same 1000 starting points; error vs rtol = 1e-10)\n',
  );
  const rows: (string | number)[][] = [
    ['odeforge dopri5, per-sample control', '1e3', fmt(result.batch1e3.max), fmt(result.batch1e3.median)],
    ['odeforge dopri5, per-sample control', '1e4', fmt(result.batch1e4.max), fmt(result.batch1e4.median)],
  ];
  let scipy: unknown;
  if (args.scipyAccuracy && python) {
    scipy = scipyBatchAccuracy(args.reference);
    const s = scipy as { max1e3: number; max1e4: number; med1e3: number; med1e4: number };
    rows.push(['scipy RK45 on the flattened batch (score_sde)', '1e3', fmt(s.max1e3), fmt(s.med1e3)]);
    rows.push(['scipy RK45 on the flattened batch (score_sde)', '1e4', fmt(s.max1e4), fmt(s.med1e4)]);
  }
  console.log(table(['sampler', 'batch', 'max error', 'median error'], rows));
  console.log(
    `\nThe first 1000 samples of the 1e4 batch are ${result.identical ? 'bit-identical to' : 'DIFFERENT from'} the 1e3 batch.`,
  );
  if (!args.scipyAccuracy)
    console.log(
      "(scipy's batch-RMS control: 8.7e-4 at 1e3, 5.4e-2 at 1e4 as measured when this benchmark was written; rerun with --scipy-accuracy to measure it here.)",
    );
  return { ...result, scipy };
}

/** The same experiment with scipy solve_ivp on the flattened batch (what score_sde does). */
function scipyBatchAccuracy(script: string): unknown {
  const code = `
import sys, json, numpy as np
sys.path.insert(0, ${JSON.stringify(resolve(script, '..'))})
from numpy_sampler import Family, toy_data
from scipy import integrate
fam = Family('ve', 2); data = toy_data(256, 2, 0)
x0 = fam.prior(10000, np.random.default_rng(1))
def run(x, tol):
    n = len(x)
    f = lambda t, y: fam.velocity(t, y.reshape(n, 2), data).ravel()
    return integrate.solve_ivp(f, (fam.T, fam.eps), x.ravel(), rtol=tol, atol=tol, method='RK45').y[:, -1].reshape(n, 2)
ref = run(x0[:1000], 1e-10); a = run(x0[:1000], 1e-5); b = run(x0, 1e-5)[:1000]
ea = np.linalg.norm(a - ref, axis=1); eb = np.linalg.norm(b - ref, axis=1)
print(json.dumps({'max1e3': ea.max(), 'max1e4': eb.max(), 'med1e3': float(np.median(ea)), 'med1e4': float(np.median(eb))}))
`;
  const r = spawnSync('python3', ['-c', code], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`scipy accuracy run failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim());
}

/**
 * How many cores this process really gets: the same busy loop on 1 and on 2 threads. On a shared machine
 * the answer can be 1 while the OS reports 2; every multi-threaded figure below should be read with it.
 */
async function effectiveCores(): Promise<number> {
  const code = `const { parentPort } = require('node:worker_threads'); let s = 0; for (let i = 0; i < 1e8; i++) s += Math.sqrt(i); parentPort.postMessage(s);`;
  const time = async (k: number) => {
    const started = performance.now();
    await Promise.all(
      Array.from({ length: k }, () => new Promise((res) => new Worker(code, { eval: true }).once('message', res))),
    );
    return performance.now() - started;
  };
  const one = await time(1);
  const two = await time(2);
  return (2 * one) / two;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.samplersOnly) {
    await samplerSection(benchSpecs);
    return;
  }
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first (npm run bench does)`);
  const dir = mkdtempSync(join(tmpdir(), 'odeforge-bench-'));
  const status = existsSync(args.reference)
    ? pythonStatus()
    : { ok: false as const, reason: `${args.reference} not found (use --reference PATH)` };
  console.log('# odeforge benchmark\n');
  const cores = await effectiveCores();
  console.log(
    `node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}); effective parallelism now: ${cores.toFixed(2)} (2 threads do ${cores.toFixed(2)}× the work of 1)`,
  );
  if (status.ok) console.log(`reference: ${args.reference} (${status.versions})`);
  else
    console.log(`**The reference cannot run: ${status.reason}. Ratios are skipped; odeforge's own numbers follow.**`);
  const python = status.ok;
  try {
    const summary: Record<string, unknown> = {
      node: process.version,
      cores: availableParallelism(),
      effectiveCores: cores,
    };
    const pruning = { reference: args.reference, python, dir, reps: Math.max(args.reps, 2) };
    if (args.memoryOnly) {
      summary.memory = memorySection(dir);
      return;
    }
    if (args.pruningOnly) {
      summary.pruning = { sideBySide: pruningSideBySide(pruning), scaling: pruningScaling(pruning) };
      mkdirSync(join(root, 'out'), { recursive: true });
      writeFileAtomic(join(root, 'out/bench-pruning.json'), `${JSON.stringify(summary, null, 2)}\n`);
      return;
    }
    summary.sideBySide = sideBySideRun(args, dir, python);
    summary.throughput = await throughput(args, dir, python);
    if (!args.quick) {
      summary.scaling = await scaling(args, dir, python);
      summary.accuracy = await accuracy(args, dir, python);
      summary.samplers = await samplerSection(benchSpecs);
      summary.pruning = { sideBySide: pruningSideBySide(pruning), scaling: pruningScaling(pruning) };
      summary.memory = memorySection(dir);
    }
    mkdirSync(join(root, 'out'), { recursive: true });
    writeFileAtomic(join(root, 'out/bench.json'), `${JSON.stringify(summary, null, 2)}\n`);
    console.log(`\n(results also in ${join(root, 'out/bench.json')})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
