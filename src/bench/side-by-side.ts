// The side-by-side part of `npm run bench`: whole `odeforge sample` processes against whole `numpy_sampler.py
// bench` processes, timed from the outside. odeforge starts from the reference's own starting points (--init), so
// the two medians of nearest-data distance are paired (their difference is no longer drowned in the ~2% sampling
// noise of independent starts), and both results are held against one tight solution from those points.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readDataFile } from '../io/data.js';
import { parseNpy } from '../io/npy.js';
import {
  countNonFinite,
  maxRowError,
  median,
  medianStandardError,
  nearestDataDistances,
  pairedMedianDifference,
} from './measures.js';
import { runReference, saveReferenceStartsAndSamples, type ReferenceRun } from './reference.js';
import { fmt, table } from './tables.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The CLI as users get it: the esbuild bundle (the package's bin) when built, else the tsc output. */
export const cli = existsSync(join(root, 'bundle/odeforge.js'))
  ? join(root, 'bundle/odeforge.js')
  : join(root, 'dist/cli/main.js');

const EPS = 1e-3;
const families = [
  { family: 've', spec: 'examples/ve.yaml', T: 80, kernelMedian: EPS * Math.sqrt(2 * Math.LN2) },
  { family: 'poisson', spec: 'examples/pfgm.yaml', T: 40, kernelMedian: EPS * Math.sqrt(3) },
  { family: 'tanh', spec: 'examples/tanh.yaml', T: 40, kernelMedian: EPS * Math.atanh(0.5) },
];
type Family = (typeof families)[number];

/** The tolerance of the solution both samplers are measured against. */
const TIGHT = 1e-10;

export interface SideBySideConfig {
  reference: string;
  /** Timed runs per family and sampler; the best is reported. */
  reps: number;
  /** Whether the reference can run (python3 with NumPy and SciPy). */
  python: boolean;
  /** Scratch directory. */
  dir: string;
  /** The reference's toy_data(m, d) as CSV (or a stand-in without python). */
  dataPath: string;
  n: number;
  m: number;
  d: number;
  rtol: number;
}

/** Where a run starts: the reference's x0 (.npy) or, without python, odeforge's own prior draws. */
type Starts = { init: string } | { seed: number };

interface OursRun {
  process_s: number;
  stats: { nfe: number; wall_s: number };
  samples: Float64Array;
}

/** One whole-process `odeforge sample` run; its samples read back from the .npy it wrote. */
function runOurs(spec: string, dataPath: string, outPath: string, n: number, tol: number, starts: Starts): OursRun {
  const from = 'init' in starts ? ['--init', starts.init] : ['--seed', String(starts.seed)];
  const args = [
    cli,
    'sample',
    spec,
    '--n',
    String(n),
    '--data',
    dataPath,
    '--rtol',
    String(tol),
    '--atol',
    String(tol),
    ...from,
    '--out',
    outPath,
    '--stats',
    '--no-progress',
  ];
  const started = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const process_s = (performance.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`odeforge sample failed (exit ${r.status}): ${r.stderr}`);
  const stats = JSON.parse(r.stderr.trim().split('\n').pop()!) as OursRun['stats'];
  return { process_s, stats, samples: readNpy(outPath) };
}

const readNpy = (path: string) => parseNpy(readFileSync(path)).data;

/** Nearest-data distances of a sampler's output: their median (± bootstrap SE) and non-finite values. */
function nearestData(samples: Float64Array, data: { data: Float64Array; dim: number }) {
  const distances = nearestDataDistances(samples, data.data, data.dim);
  return {
    distances,
    median: median(distances),
    medianSe: medianStandardError(distances),
    nonFinite: countNonFinite(samples),
  };
}

/** Best (smallest process time) of `reps` runs. */
function best<T extends { process_s: number }>(reps: number, run: () => T): T {
  let winner = run();
  for (let rep = 1; rep < reps; rep++) {
    const r = run();
    if (r.process_s < winner.process_s) winner = r;
  }
  return winner;
}

function compareFamily(config: SideBySideConfig, f: Family) {
  const { dir, dataPath, n, m, d, rtol } = config;
  const spec = join(root, f.spec);
  const data = readDataFile(dataPath);
  const paths = { x0: join(dir, `x0-${f.family}.npy`), samples: join(dir, `reference-${f.family}.npy`) };
  // Untimed, before the timed runs: the reference's x0 (for --init) and the samples its bench run computes.
  if (config.python) saveReferenceStartsAndSamples(config.reference, { family: f.family, n, m, d, rtol }, paths);
  const starts: Starts = config.python ? { init: paths.x0 } : { seed: 0 };

  const ours = best(config.reps, () => runOurs(spec, dataPath, join(dir, `ours-${f.family}.npy`), n, rtol, starts));
  const reference = config.python
    ? best(config.reps, () => runReference(config.reference, f.family, n, m, d, rtol))
    : undefined;
  const tight = runOurs(spec, dataPath, join(dir, `tight-${f.family}.npy`), n, TIGHT, starts).samples;

  const oursNearest = nearestData(ours.samples, data);
  const result = {
    ...f,
    starts: config.python
      ? "the reference's x0 (Family.prior with default_rng(seed + 1)), given to odeforge with --init"
      : "odeforge's prior draws, seed 0 (no reference)",
    ours: {
      process_s: ours.process_s,
      stats: ours.stats,
      median: oursNearest.median,
      medianSe: oursNearest.medianSe,
      nonFiniteInFile: oursNearest.nonFinite,
      errorVsTight: maxRowError(ours.samples, tight, d, n),
    },
    reference:
      reference && referenceFromSamples(reference, readNpy(paths.samples), tight, data, oursNearest.distances, d, n),
    ratio: reference ? reference.process_s / ours.process_s : undefined,
  };
  process.stderr.write(
    `  ${f.family}: ours ${fmt(ours.process_s)} s${reference ? `, reference ${fmt(reference.process_s)} s` : ''}\n`,
  );
  return result;
}

/**
 * The reference's timed run with what its saved samples tell: accuracy against the tight solution, and the
 * median paired with ours. `medianCheck` is how far the saved samples' median is from the one bench printed
 * (relative): ~1e-9 when the snippet reproduced bench()'s solve, so that the saved samples are the timed ones.
 */
function referenceFromSamples(
  run: ReferenceRun,
  samples: Float64Array,
  tight: Float64Array,
  data: { data: Float64Array; dim: number },
  oursDistances: Float64Array,
  d: number,
  n: number,
) {
  const nearest = nearestData(samples, data);
  return {
    ...run,
    medianFromSamples: nearest.median,
    medianSe: nearest.medianSe,
    medianCheck: Math.abs(nearest.median - run.median_nearest_data_dist) / run.median_nearest_data_dist,
    errorVsTight: maxRowError(samples, tight, d, n),
    /** median(ours) − median(reference) over the same starts, with the paired bootstrap SE. */
    pairedDifference: pairedMedianDifference(oursDistances, nearest.distances),
  };
}

type FamilyResult = ReturnType<typeof compareFamily>;

function printSpeed(config: SideBySideConfig, results: FamilyResult[]): void {
  const { n, m, d, rtol, reps } = config;
  console.log(
    `\n## Side by side: speed. n = ${n}, m = ${m}, d = ${d}, rtol = atol = ${rtol.toExponential(0)}, whole-process wall time (best of ${reps}), ${config.python ? "both from the reference's starting points" : 'odeforge from its own prior draws'}\n`,
  );
  console.log(
    table(
      [
        'family',
        'T',
        'reference s',
        'odeforge s',
        'ratio',
        'odeforge: sampling s (rest: start-up, spec compile, IO)',
        'NFE/sample ref',
        'NFE/sample ours',
      ],
      results.map((r) => [
        r.family,
        r.T,
        r.reference ? fmt(r.reference.process_s, 2) : 'n/a',
        fmt(r.ours.process_s, 2),
        r.ratio ? `${r.ratio.toFixed(2)}×` : 'n/a',
        fmt(r.ours.stats.wall_s, 2),
        r.reference?.nfe ?? 'n/a',
        r.ours.stats.nfe,
      ]),
    ),
  );
}

const exp = (v: number, digits = 2) => v.toExponential(digits);
const medianAndMax = (e: { median: number; max: number }) => `${exp(e.median)} / ${exp(e.max)}`;

function printAccuracy(config: SideBySideConfig, results: FamilyResult[]): void {
  const from = config.python ? 'from the same starting points' : 'odeforge alone';
  console.log(
    `\n## Side by side: accuracy, ${from}. Error = |x − x_tight| per sample, x_tight = odeforge at rtol = atol = ${TIGHT}; median nearest-data distance (bootstrap SE)\n`,
  );
  console.log(
    table(
      [
        'family',
        'error ref: median / max',
        'error ours: median / max',
        'nearest-data median ref',
        'ours',
        'ours − ref (paired SE)',
        'ε-kernel median',
        'non-finite ours',
      ],
      results.map((r) => [
        r.family,
        r.reference ? medianAndMax(r.reference.errorVsTight) : 'n/a',
        medianAndMax(r.ours.errorVsTight),
        r.reference ? `${exp(r.reference.median_nearest_data_dist, 3)} ± ${exp(r.reference.medianSe, 1)}` : 'n/a',
        `${exp(r.ours.median, 3)} ± ${exp(r.ours.medianSe, 1)}`,
        r.reference
          ? `${exp(r.reference.pairedDifference.difference, 1)} ± ${exp(r.reference.pairedDifference.se, 1)}`
          : 'n/a',
        exp(r.kernelMedian, 3),
        r.ours.nonFiniteInFile,
      ]),
    ),
  );
  const off = results.filter((r) => r.reference && !(r.reference.medianCheck < 1e-6));
  if (off.length > 0) {
    console.log(
      `\n**The reference's saved samples do not reproduce its bench run for ${off.map((r) => r.family).join(', ')}: its errors above are not those of the timed run.**`,
    );
  }
  if (!config.python) console.log('\n(No reference: odeforge ran from its own prior draws, seed 0.)');
}

/** Run every family, print the speed and accuracy tables, and return what out/bench.json keeps. */
export function sideBySide(config: SideBySideConfig): FamilyResult[] {
  const results = families.map((f) => compareFamily(config, f));
  printSpeed(config, results);
  printAccuracy(config, results);
  return results;
}
