// The large-data part of `npm run bench` (`--memory-only` runs it alone): a 10^6 × 64 float64 .npy (512 MB) read
// into the memory the field's kernels read (readDataFile with fieldDataArray), then sampled with 1 and 2 threads
// in a fresh process each: load and sampling seconds, and the process's peak resident memory against the payload
// (every thread reads the one copy; before this, each thread held its own).
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatNpy } from '../io/npy.js';
import { sampleStream } from '../numeric/rng.js';
import { fmt, table } from './tables.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const library = join(root, 'dist/index.js');
const spec = join(root, 'src/bench/specs/ve.yaml');

export interface MemoryRow {
  m: number;
  d: number;
  threads: number;
  n: number;
  payload_mb: number;
  load_s: number;
  sample_s: number;
  nfe: number;
  /** Threads that sampled (the run's stats). */
  threads_used: number;
  peak_rss_mb: number;
}

/** m points in 8 clusters in d dimensions (cluster centres at radius ~3, spread 0.2). */
function clusteredNpy(path: string, m: number, d: number): void {
  const rng = sampleStream(7, 0);
  const centres = Array.from({ length: 8 }, () => Array.from({ length: d }, () => (3 * rng.normal()) / Math.sqrt(d)));
  const data = new Float64Array(m * d);
  for (let j = 0; j < m; j++) for (let k = 0; k < d; k++) data[j * d + k] = centres[j % 8]![k]! + 0.2 * rng.normal();
  writeFileSync(path, formatNpy(data, [m, d]));
}

/** One fresh process: read the .npy into the field's memory, sample n with `threads`, report times and peak RSS. */
function measure(path: string, m: number, d: number, n: number, threads: number): MemoryRow {
  const script = `
const { fieldDataArray, loadDesign, readDataFile, sample, SamplerPool } = await import(${JSON.stringify(library)});
const t0 = performance.now();
const data = readDataFile(${JSON.stringify(path)}, { allocate: fieldDataArray });
const t1 = performance.now();
const design = loadDesign(${JSON.stringify(spec)}, { dimension: ${d} });
// workers started and ready before the run, so that each thread takes its share of the n samples
const pool = new SamplerPool({ specPath: ${JSON.stringify(spec)}, dimension: ${d} }, ${threads - 1});
await pool.ready();
const run = await sample(design, { data, n: ${n}, seed: 0, threads: ${threads}, chunkSize: ${n / threads}, pool });
await pool.close();
const t2 = performance.now();
// VmHWM: this process image's peak (getrusage's maxrss also counts the parent's peak from before the exec)
const hwm = /VmHWM:\\s+(\\d+) kB/.exec((await import('node:fs')).readFileSync('/proc/self/status', 'utf8'));
const peak = hwm ? Number(hwm[1]) : process.resourceUsage().maxRSS;
console.log(JSON.stringify({ load_s: (t1 - t0) / 1000, sample_s: (t2 - t1) / 1000, nfe: run.stats.nfe,
  threads_used: run.stats.threads,
  peak_rss_mb: peak / 1024 }));
`;
  // a file, not `node -e`: worker threads inherit the process's flags, and --input-type breaks theirs
  const file = join(dirname(path), 'large-run.mjs');
  writeFileSync(file, script);
  const r = spawnSync(process.execPath, [file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`the large-data run failed (exit ${r.status}): ${r.stderr}`);
  const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as Omit<
    MemoryRow,
    'm' | 'd' | 'threads' | 'n' | 'payload_mb'
  >;
  return { m, d, threads, n, payload_mb: (8 * m * d) / 2 ** 20, ...out };
}

export function memorySection(dir: string): MemoryRow[] {
  const [m, d, n] = [1_000_000, 64, 8];
  const path = join(dir, `large-${m}-${d}.npy`);
  clusteredNpy(path, m, d);
  try {
    const rows = [1, 2].map((threads) => measure(path, m, d, n, threads));
    console.log(
      `\n## Large data: VE, M = ${m} × d = ${d} float64 from .npy (${fmt(rows[0]!.payload_mb, 0)} MiB), n = ${n}, fresh process each\n`,
    );
    console.log(
      table(
        ['threads', 'load s', 'sampling s', 'NFE/sample', 'peak RSS MiB', 'peak RSS ÷ payload'],
        rows.map((r) => [
          r.threads_used,
          fmt(r.load_s, 2),
          fmt(r.sample_s, 1),
          r.nfe,
          fmt(r.peak_rss_mb, 0),
          (r.peak_rss_mb / r.payload_mb).toFixed(2),
        ]),
      ),
    );
    return rows;
  } finally {
    rmSync(path, { force: true });
  }
}
