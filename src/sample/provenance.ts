// Provenance of a (sharded) sampling run: what determined its samples (odeforge version, design, data, starting
// points, seed, solver settings, n) and which slice a file holds. It travels in a sidecar FILE.provenance.json
// next to each output: NumPy's .npy reader rejects header dicts with extra keys, and an object wrapped around
// a CSV or JSON output would break the consumers that read those as plain tables. The sidecar carries the
// SHA-256 of its output file, so a sidecar that does not belong to the bytes beside it is detected by merge.
// A run with log-densities (`logp`) writes them as a column of its CSV, or for .npy/.json in a second file
// FILE.logp.npy/.json whose SHA-256 the provenance sidecar carries too.
import { createHash } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import type { Design } from '../design/types.js';
import { OdeforgeError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic.js';
import { formatData, formatOf, type DataFormat } from '../io/data.js';
import { formatNpy } from '../io/npy.js';
import { packageRoot } from '../paths.js';
import { resolveTimeVariable } from './chunk.js';
import { planRun, type SampleOptions } from './options.js';

/** The value of a sidecar's `provenance` key: its kind and the version of its layout. */
export const PROVENANCE_KIND = 'odeforge-sample/1';

/** The sidecar of an output file: the file's name with `.provenance.json` appended. */
export function provenancePath(file: string): string {
  return `${file}.provenance.json`;
}

/** What determined a run's samples: two shards belong to one run exactly when these agree. */
export interface RunIdentity {
  /** The odeforge version that computed the samples. */
  odeforge: string;
  /** The design's name (informative) and SHA-256 of its spec text, dimension, T, ε and parameters. */
  design: { name: string; digest: string };
  /** SHA-256 of the data the field was built from (its float64 values and shape, or the mixture). */
  data: { digest: string };
  /** SHA-256 of the starting points (`init`), or null for prior draws from `seed`. */
  init: { digest: string } | null;
  seed: number;
  /** The resolved solver settings (spec defaults and the run's options; unset keys use the solver's defaults). */
  solver: Record<string, string | number>;
  /** Samples in the whole run. */
  n: number;
  dim: number;
  /**
   * True when the run carries each sample's log-density (`logp`); absent otherwise. A run with log-densities
   * is another run: its samples agree with those of a run without to the tolerance, not bit for bit.
   */
  logp?: boolean;
}

/** A run's identity and the slice of it one file holds. */
export interface Provenance extends RunIdentity {
  provenance: typeof PROVENANCE_KIND;
  shard: { index: number; count: number };
  /** Sample indices [start, end) of the whole run held by the file, in order. */
  rows: { start: number; end: number };
  format: DataFormat;
  /** SHA-256 (hex) of the output file's bytes. */
  sha256: string;
  /** With `logp`, for .npy and .json: SHA-256 (hex) of the log-density file logpSidecarPath(file). */
  logpSha256?: string;
}

/** A run's identity and shard, before its output is formatted: runProvenance's result. */
export type RunProvenance = RunIdentity & { shard: { index: number; count: number } };

let cachedVersion: string | undefined;

/** The version in odeforge's own package.json. */
export function odeforgeVersion(): string {
  cachedVersion ??= (JSON.parse(readFileSync(new URL('package.json', packageRoot), 'utf8')) as { version: string })
    .version;
  return cachedVersion;
}

function sha256(...parts: (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}

function floatBytes(values: Float64Array): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

/**
 * SHA-256 of what fixes a design's functions: its spec text (line endings normalized), dimension, T, ε and
 * parameters; for a design built in code (no spec text), its derivation's expressions instead.
 */
export function designDigest(
  design: Pick<Design, 'name' | 'family' | 'dimension' | 'T' | 'epsilon' | 'parameters' | 'derivation' | 'origin'>,
): string {
  const parameters = Object.keys(design.parameters)
    .sort()
    .map((key) => [key, design.parameters[key]]);
  const definition =
    design.origin !== undefined
      ? { specText: design.origin.specText.replace(/\r\n?/g, '\n') }
      : {
          family: design.family,
          derivation: Object.keys(design.derivation)
            .sort()
            .map((key) => [key, design.derivation[key]!.expr]),
        };
  return sha256(
    JSON.stringify({ ...definition, dimension: design.dimension, T: design.T, epsilon: design.epsilon, parameters }),
  );
}

/** SHA-256 of the data a field is built from: the shape and float64 values of points, or a mixture's numbers. */
export function dataDigest(data: SampleOptions['data'], dim: number): string {
  if (data instanceof Float64Array) return sha256(`points d=${dim}\n`, floatBytes(data));
  if ('weights' in data) return sha256(JSON.stringify({ weights: data.weights, means: data.means, stds: data.stds }));
  return sha256(`points d=${data.dim}\n`, floatBytes(data.data));
}

/** The solver settings a run resolves to, without the keys left to the solver's defaults. */
function solverSettings(design: Design, options: SampleOptions): Record<string, string | number> {
  // the plan of the run itself, on one thread: solver settings do not depend on the threads
  const plan = planRun(
    design,
    { ...options, threads: undefined, pool: undefined, designSource: undefined, onProgress: undefined },
    1,
  );
  const { T: _T, epsilon: _epsilon, ...method } = resolveTimeVariable(design, plan.method);
  const settings: Record<string, string | number> = {};
  for (const key of Object.keys(method).sort()) {
    const value = (method as Record<string, unknown>)[key];
    if (typeof value === 'string' || typeof value === 'number') settings[key] = value;
  }
  // the field's tolerance moves samples (within it): shards run at different tolerances are different runs
  if (plan.source.kind === 'empirical' && plan.source.fieldTol !== undefined) settings.fieldTol = plan.source.fieldTol;
  return settings;
}

/**
 * The provenance of the run `sample(design, options)` makes (its shard included), before it runs.
 * @throws OdeforgeError for options sample() would reject
 */
export function runProvenance(design: Design, options: SampleOptions): RunProvenance {
  const d = design.dimension;
  const n = options.n ?? options.init?.rows;
  if (n === undefined) throw new OdeforgeError('n (the number of samples) is required');
  return {
    odeforge: odeforgeVersion(),
    design: { name: design.name, digest: designDigest(design) },
    data: { digest: dataDigest(options.data, d) },
    init: options.init ? { digest: sha256(`points d=${options.init.dim}\n`, floatBytes(options.init.data)) } : null,
    seed: options.seed ?? 0,
    solver: solverSettings(design, options),
    n,
    dim: d,
    shard: options.shard ?? { index: 0, count: 1 },
    ...(options.logp ? { logp: true as const } : {}),
  };
}

/** A shard's sample indices [start, end): the split sample() makes. */
export function shardRows(n: number, shard: { index: number; count: number }): { start: number; end: number } {
  return {
    start: Math.floor((n * shard.index) / shard.count),
    end: Math.floor((n * (shard.index + 1)) / shard.count),
  };
}

/** The sidecar's text: keys in a fixed order, so that equal provenance gives equal bytes. */
export function formatProvenance(p: Provenance): string {
  const ordered: Provenance = {
    provenance: PROVENANCE_KIND,
    odeforge: p.odeforge,
    design: { name: p.design.name, digest: p.design.digest },
    data: { digest: p.data.digest },
    init: p.init === null ? null : { digest: p.init.digest },
    seed: p.seed,
    solver: p.solver,
    n: p.n,
    dim: p.dim,
    // absent without log-densities, so that such a sidecar keeps the bytes it had before logp was recorded
    ...(p.logp ? { logp: true as const } : {}),
    shard: { index: p.shard.index, count: p.shard.count },
    rows: { start: p.rows.start, end: p.rows.end },
    format: p.format,
    sha256: p.sha256,
    ...(p.logpSha256 !== undefined ? { logpSha256: p.logpSha256 } : {}),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** The log-density file of a .npy or .json output: FILE.logp.npy beside FILE.npy, FILE.logp.json beside FILE.json. */
export function logpSidecarPath(file: string): string {
  const dot = file.lastIndexOf('.');
  return `${file.slice(0, dot)}.logp${file.slice(dot)}`;
}

/** A log-density as JSON has it: a number, ±Infinity as a string, NaN as null. */
function logpJsonValue(value: number): number | string | null {
  if (Number.isFinite(value)) return value;
  return Number.isNaN(value) ? null : String(value);
}

/**
 * The bytes of samples (rows × dim) with their log-densities (one per row) in `format`. CSV: one file, x1..xd
 * then a `logp` column (read as data, a last column headed `logp` is skipped). .npy and .json: the samples as
 * without log-densities, readable as points, and the log-densities in `logp`, the bytes of logpSidecarPath
 * (float64 of shape (rows,), or a JSON array with ±Infinity as strings and NaN as null).
 */
export function formatSamplesWithLogp(
  format: DataFormat,
  samples: Float64Array,
  logp: Float64Array,
  dim: number,
): { data: Buffer; logp?: Buffer } {
  if (samples.length !== logp.length * dim) {
    throw new OdeforgeError(`${samples.length / dim} samples but ${logp.length} log-densities`);
  }
  if (format === 'csv') {
    const header = [...Array.from({ length: dim }, (_, c) => `x${c + 1}`), 'logp'].join(',');
    const lines = [header];
    for (let i = 0; i < logp.length; i++) lines.push([...samples.subarray(i * dim, (i + 1) * dim), logp[i]].join(','));
    return { data: Buffer.from(`${lines.join('\n')}\n`, 'utf8') };
  }
  const data = asBuffer(formatData(format, samples, [logp.length, dim]));
  if (format === 'npy') return { data, logp: Buffer.from(formatNpy(logp, [logp.length])) };
  return { data, logp: Buffer.from(`${JSON.stringify(Array.from(logp, logpJsonValue))}\n`, 'utf8') };
}

function asBuffer(content: string | Uint8Array): Buffer {
  return typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
}

/**
 * Write files in order, each atomically. Should one fail, those this call has written are removed again and the
 * error is rethrown: the files of one output are there together or not at all. Removing rather than keeping
 * them is the choice because a data file left without its log-densities or provenance would look like a
 * finished output (the command exits 2, but the file stays behind), and one beside an earlier run's log-density
 * file would pair values that do not belong together. Callers order the files so that the one a reader looks
 * for (the data file) comes after its log-density file, and the provenance, which vouches for both, comes last.
 * A file an earlier run left at one of the paths is replaced by the write, not restored by the removal.
 */
function writeAllOrNone(files: readonly { path: string; bytes: string | Uint8Array }[]): void {
  const written: string[] = [];
  try {
    for (const { path, bytes } of files) {
      writeFileAtomic(path, bytes);
      written.push(path);
    }
  } catch (error) {
    for (const path of written.reverse()) {
      try {
        unlinkSync(path);
      } catch {
        // already gone
      }
    }
    throw error;
  }
}

/**
 * Write samples (rows × dim) and their log-densities to `path` (format by extension): the CSV with its `logp`
 * column, or the data file and logpSidecarPath(path), both or neither (see formatSamplesWithLogp).
 * @throws OdeforgeError naming the file that cannot be written
 */
export function writeSamplesWithLogp(path: string, samples: Float64Array, logp: Float64Array, dim: number): void {
  const bytes = formatSamplesWithLogp(formatOf(path), samples, logp, dim);
  writeAllOrNone([
    ...(bytes.logp ? [{ path: logpSidecarPath(path), bytes: bytes.logp }] : []),
    { path, bytes: bytes.data },
  ]);
}

/**
 * Write `samples` (rows × dim, sample indices `rows`) to `path` (format by extension) and its provenance to
 * provenancePath(path). For a run with log-densities (`run.logp`), `output.logp` holds them (one per row): CSV
 * gets a `logp` column, .npy and .json a log-density file logpSidecarPath(path) whose SHA-256 the provenance
 * records. The files are written each atomically, the log-density file first and the provenance last; should
 * one fail, those already written are removed (writeAllOrNone), so that no output is left without its
 * log-densities or provenance. A stale sidecar from an earlier run cannot pass for this one: it names another
 * SHA-256.
 * @throws OdeforgeError naming the file that cannot be written, or when the rows do not match the run's shard,
 *   or the log-densities are missing, unexpected or of another length
 */
export function writeSamplesWithProvenance(
  path: string,
  samples: Float64Array,
  run: RunProvenance,
  rows: { start: number; end: number } = shardRows(run.n, run.shard),
  output: { logp?: Float64Array } = {},
): Provenance {
  const expected = shardRows(run.n, run.shard);
  if (
    rows.start !== expected.start ||
    rows.end !== expected.end ||
    samples.length !== (rows.end - rows.start) * run.dim
  ) {
    throw new OdeforgeError(
      `samples of rows ${rows.start}..${rows.end} (${samples.length / run.dim} rows) are not shard ${run.shard.index}/${run.shard.count} of n = ${run.n} (rows ${expected.start}..${expected.end})`,
    );
  }
  checkLogpValues(run, output.logp, rows.end - rows.start);
  const format = formatOf(path);
  const bytes = output.logp
    ? formatSamplesWithLogp(format, samples, output.logp, run.dim)
    : { data: asBuffer(formatData(format, samples, [rows.end - rows.start, run.dim])) };
  const { logp: _logp, ...identity } = run;
  const provenance: Provenance = {
    provenance: PROVENANCE_KIND,
    ...identity,
    ...(run.logp ? { logp: true } : {}),
    rows,
    format,
    sha256: sha256(bytes.data),
    ...(bytes.logp ? { logpSha256: sha256(bytes.logp) } : {}),
  };
  writeAllOrNone([
    ...(bytes.logp ? [{ path: logpSidecarPath(path), bytes: bytes.logp }] : []),
    { path, bytes: bytes.data },
    { path: provenancePath(path), bytes: formatProvenance(provenance) },
  ]);
  return provenance;
}

/** Log-densities exactly when the run carries them, one per row. */
function checkLogpValues(run: RunProvenance, logp: Float64Array | undefined, rows: number): void {
  if (run.logp && logp === undefined) {
    throw new OdeforgeError('the run carries log-densities (logp) but none are given to write');
  }
  if (!run.logp && logp !== undefined) {
    throw new OdeforgeError('log-densities given for a run without logp: make its provenance with logp: true');
  }
  if (logp !== undefined && logp.length !== rows) {
    throw new OdeforgeError(`${rows} samples but ${logp.length} log-densities`);
  }
}

/** SHA-256 (hex) of bytes, as a sidecar's `sha256`. */
export function bytesDigest(bytes: Uint8Array): string {
  return sha256(bytes);
}
