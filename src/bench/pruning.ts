// The pruned field's part of `npm run bench` (`--pruning-only` runs it alone): the k-d tree with skipped nodes and
// Hermite far-field expansions (src/field/prune.ts) against the exact sum (--field-tol 0) and the NumPy reference.
// 1. VE at M = 16384, d = 2, n = 300: whole processes from the reference's starting points, and how far the
//    default field tolerance moves the samples from the exact field's.
// 2. Scaling in M (d = 2 and 64), n = 1000, in-process on one thread: wall time, NFE, and the work the field
//    actually did per sample (data points summed exactly, expansion terms), against the exact sum where it is
//    quick enough and the reference where it finishes in under ten minutes.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDesign } from '../design/index.js';
import type { EmpiricalField } from '../field/index.js';
import { readDataFile, writeDataFile } from '../io/data.js';
import { dataset } from '../io/datasets.js';
import { parseNpy } from '../io/npy.js';
import { chunkContext, resolveTimeVariable, runChunk } from '../sample/chunk.js';
import { planRun } from '../sample/options.js';
import { median } from './measures.js';
import { runReference, saveReferenceData } from './reference.js';
import { cli } from './side-by-side.js';
import { fmt, table } from './tables.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const specs = { ve: join(root, 'src/bench/specs/ve.yaml'), poisson: join(root, 'src/bench/specs/pfgm.yaml') };
/** The reference runs only where its predicted time (linear in n·M from a measured run) is below this. */
const REFERENCE_BUDGET_S = 600;
/** The exact sum (--field-tol 0) is timed only where its predicted time is below this. */
const EXACT_BUDGET_S = 300;

export interface PruningConfig {
  reference: string;
  python: boolean;
  dir: string;
  reps: number;
}

/** toy_data(m, d) of the reference as CSV when python is there (the points it samples), else 8gaussians. */
function toyData(config: PruningConfig, m: number, d: number): string {
  const path = join(config.dir, `toy-${m}-${d}.csv`);
  if (existsSync(path)) return path;
  if (config.python) saveReferenceData(config.reference, path, m, d);
  else writeDataFile(path, dataset('8gaussians', { n: m, dim: d, seed: 0 }), d);
  return path;
}

/** The reference bench's starting points (Family.prior with default_rng(seed + 1)) as .npy. */
function referenceStarts(config: PruningConfig, family: string, n: number, d: number, path: string): void {
  const code = `
import sys
import numpy as np
sys.path.insert(0, ${JSON.stringify(dirname(config.reference))})
from ${basename(config.reference, '.py')} import Family
np.save(${JSON.stringify(path)}, Family(${JSON.stringify(family)}, ${d}, 1).prior(${n}, np.random.default_rng(1)))
`;
  const r = spawnSync('python3', ['-c', code], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`saving the reference's starting points failed: ${r.stderr}`);
}

interface ProcessRun {
  process_s: number;
  stats: { nfe: number; wall_s: number; threads: number };
  samples: Float64Array;
}

/** One whole `odeforge sample` process (best of reps by process time). */
function runOurs(spec: string, data: string, out: string, extra: string[], reps: number): ProcessRun {
  let best: ProcessRun | undefined;
  for (let rep = 0; rep < reps; rep++) {
    const args = [cli, 'sample', spec, '--data', data, '--rtol', '1e-5', '--atol', '1e-5'];
    args.push(...extra, '--out', out, '--stats', '--no-progress');
    const started = performance.now();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
    const process_s = (performance.now() - started) / 1000;
    if (r.status !== 0) throw new Error(`odeforge sample failed (exit ${r.status}): ${r.stderr}`);
    const stats = JSON.parse(r.stderr.trim().split('\n').pop()!) as ProcessRun['stats'];
    if (!best || process_s < best.process_s) best = { process_s, stats, samples: parseNpy(readFileSync(out)).data };
  }
  return best!;
}

/** Per-sample distances |a_i − b_i| (n × d): median and max. */
function rowDifferences(a: Float64Array, b: Float64Array, d: number): { median: number; max: number } {
  const n = a.length / d;
  const e = Float64Array.from({ length: n }, (_, i) => {
    let s = 0;
    for (let k = 0; k < d; k++) s += (a[i * d + k]! - b[i * d + k]!) ** 2;
    return Math.sqrt(s);
  });
  return { median: median(e), max: e.reduce((m, v) => Math.max(m, v), 0) };
}

/** Part 1: VE, M = 16384, d = 2, n = 300, whole processes. */
export function pruningSideBySide(config: PruningConfig): object {
  const [n, m, d] = [300, 16384, 2];
  const data = toyData(config, m, d);
  const x0 = join(config.dir, 'x0-ve-300.npy');
  const from = config.python ? ['--init', x0] : ['--n', String(n), '--seed', '0'];
  if (config.python) referenceStarts(config, 've', n, d, x0);
  const out = (name: string) => join(config.dir, `pruning-${name}.npy`);
  const pruned = runOurs(specs.ve, data, out('default'), from, config.reps);
  const single = runOurs(specs.ve, data, out('single'), [...from, '--threads', '1'], config.reps);
  const exact = runOurs(specs.ve, data, out('exact'), [...from, '--field-tol', '0'], config.reps);
  const reference = config.python ? runReference(config.reference, 've', n, m, d, 1e-5) : undefined;
  const agreement = rowDifferences(pruned.samples, exact.samples, d);
  const rows = [
    ['odeforge, default (--field-tol 1e-12, default threads)', pruned],
    ['odeforge, default, --threads 1', single],
    ['odeforge, exact field (--field-tol 0)', exact],
  ] as const;
  console.log(
    `\n## Pruned field: VE, M = ${m}, d = ${d}, n = ${n}, rtol = atol = 1e-5, whole-process wall time (best of ${config.reps}; reference once)\n`,
  );
  console.log(
    table(
      ['run', 'process s', 'sampling s', 'threads', 'NFE/sample', 'reference ÷ this'],
      [
        ...rows.map(([name, r]) => [
          name,
          fmt(r.process_s, 2),
          fmt(r.stats.wall_s, 2),
          r.stats.threads,
          r.stats.nfe,
          reference ? `${(reference.process_s / r.process_s).toFixed(1)}×` : 'n/a',
        ]),
        [
          'NumPy reference (scipy RK45)',
          reference ? fmt(reference.process_s, 2) : 'n/a',
          '',
          1,
          reference?.nfe ?? 'n/a',
          '',
        ],
      ],
    ),
  );
  console.log(
    `\nSamples with the default field tolerance against the exact field's, |Δx| per sample: median ${agreement.median.toExponential(2)}, max ${agreement.max.toExponential(2)}.`,
  );
  return {
    n,
    m,
    d,
    pruned: { process_s: pruned.process_s, stats: pruned.stats },
    single: { process_s: single.process_s, stats: single.stats },
    exact: { process_s: exact.process_s, stats: exact.stats },
    reference,
    agreement,
  };
}

interface ScalingRow {
  family: string;
  m: number;
  d: number;
  wall_s: number;
  /** Field evaluations per sample. */
  nfe: number;
  /** Per sample, in units of M: data points summed exactly (rows the tree handed back count M each). */
  exactPerSample: number;
  /** Per sample: expansion terms (p² per expansion). */
  termsPerSample: number;
  exact_s?: number;
  reference_s?: number;
}

/** One in-process run on the calling thread: n samples of `family` for toy data (m, d), at fieldTol. */
function timedRun(config: PruningConfig, family: 've' | 'poisson', m: number, d: number, n: number, fieldTol: number) {
  const design = loadDesign(specs[family], { dimension: d });
  const data = readDataFile(toyData(config, m, d));
  const plan = planRun(design, { data, n, seed: 0, fieldTol }, 1);
  const ctx = chunkContext(design, { source: plan.source, method: resolveTimeVariable(design, plan.method), seed: 0 });
  const started = performance.now();
  const result = runChunk(ctx, 0, n);
  const wall_s = (performance.now() - started) / 1000;
  const stats = (ctx.field as EmpiricalField).pruneStats?.() ?? null;
  // runChunk's nfe counts field rows of all n samples; rows the tree did not see or handed back count M each
  const evaluations = result.stats.nfe;
  const exactPairs = stats ? stats.pairs + stats.fallbacks * m + (evaluations - stats.rows) * m : evaluations * m;
  return {
    wall_s,
    nfe: evaluations / n,
    exactPerSample: exactPairs / m / n,
    termsPerSample: stats ? stats.terms / n : 0,
  };
}

/** Part 2: the scaling table. */
export function pruningScaling(config: PruningConfig): ScalingRow[] {
  const n = 1000;
  const configs: ['ve' | 'poisson', number, number][] = [
    ['ve', 1e3, 2],
    ['ve', 1e4, 2],
    ['ve', 1e5, 2],
    ['ve', 1e6, 2],
    ['ve', 1e4, 64],
    ['ve', 1e5, 64],
    ['poisson', 1e3, 2],
    ['poisson', 1e4, 2],
    ['poisson', 1e5, 2],
  ];
  const rows: ScalingRow[] = [];
  /** Seconds per (sample × data point) of the last exact and reference runs, per family and d. */
  const rate = new Map<string, number>();
  for (const [family, m, d] of configs) {
    const run = timedRun(config, family, m, d, n, 1e-12);
    const row: ScalingRow = { family, m, d, ...run };
    const key = (what: string) => `${what}:${family}:${d}`;
    const predicted = (what: string) => (rate.get(key(what)) ?? 0) * n * m;
    if (predicted('exact') < EXACT_BUDGET_S) {
      row.exact_s = timedRun(config, family, m, d, n, 0).wall_s;
      rate.set(key('exact'), row.exact_s / (n * m));
    }
    if (config.python && predicted('reference') < REFERENCE_BUDGET_S) {
      row.reference_s = runReference(config.reference, family, n, m, d, 1e-5).process_s;
      rate.set(key('reference'), row.reference_s / (n * m));
    }
    process.stderr.write(`  scaling ${family} M=${m} d=${d}: ${fmt(run.wall_s)} s\n`);
    rows.push(row);
  }
  console.log(
    `\n## Pruned field: scaling in M (n = ${n}, dopri5 rtol = atol = 1e-5, one thread, sampling only; --field-tol 1e-12)\n`,
  );
  console.log(
    table(
      [
        'family',
        'M',
        'd',
        'wall s',
        'NFE/sample',
        'exact pairs / M per sample',
        'expansion terms per sample',
        'exact field s (--field-tol 0)',
        'NumPy reference s (process)',
      ],
      rows.map((r) => [
        r.family === 've' ? 'VE' : 'PFGM (root far field only)',
        r.m,
        r.d,
        fmt(r.wall_s),
        r.nfe,
        fmt(r.exactPerSample),
        r.termsPerSample.toFixed(0),
        r.exact_s === undefined ? '(skipped)' : fmt(r.exact_s),
        r.reference_s === undefined ? '(> 10 min or no python)' : fmt(r.reference_s),
      ]),
    ),
  );
  return rows;
}
