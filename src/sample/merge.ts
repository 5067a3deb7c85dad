// Merging the shards of one sampling run back into the file the unsharded run would have written. Every shard
// names its run and slice in its provenance sidecar; the set is checked as a whole (one run, every slice once,
// ranges that tile 0..n) from the sidecars alone before any data file is read, then each data file is checked
// against its sidecar's SHA-256 as it is read. A run with log-densities (`sample --logp`) carries them in a
// `logp` column of its CSV, or in a log-density file FILE.logp.npy/.json beside each .npy/.json shard, checked
// against the SHA-256 its sidecar records; the merged file gets them back in the same form.
import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { OdeforgeError } from '../errors.js';
import { dataBytesLimit, limits } from '../limits.js';
import { checkWritable } from '../io/atomic.js';
import { formatOf, readDataFile, type DataFormat } from '../io/data.js';
import { parseNpy } from '../io/npy.js';
import { readRegularFile } from '../io/read.js';
import {
  bytesDigest,
  logpSidecarPath,
  PROVENANCE_KIND,
  provenancePath,
  shardRows,
  writeSamplesWithProvenance,
  type Provenance,
} from './provenance.js';

/** A sidecar is a few hundred bytes; anything much larger is not one. */
const SIDECAR_BYTES = 64 * 1024;

/** One shard: its data file and what its sidecar says. */
export interface ShardFile {
  file: string;
  provenance: Provenance;
}

function fail(message: string, file: string | undefined, hint?: string): never {
  throw new OdeforgeError(message, file === undefined ? {} : { file }, hint);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

const HEX_DIGEST = /^[0-9a-f]{64}$/;

/** The first key of a sidecar that is missing or has the wrong type, or undefined when it is well formed. */
function malformedKey(p: Record<string, unknown>): string | undefined {
  const digestOf = (v: unknown) => isRecord(v) && typeof v.digest === 'string' && HEX_DIGEST.test(v.digest);
  const checks: [string, boolean][] = [
    ['odeforge', typeof p.odeforge === 'string'],
    ['design', digestOf(p.design) && typeof (p.design as Record<string, unknown>).name === 'string'],
    ['data', digestOf(p.data)],
    ['init', p.init === null || digestOf(p.init)],
    ['seed', isCount(p.seed)],
    [
      'solver',
      isRecord(p.solver) && Object.values(p.solver).every((v) => typeof v === 'string' || typeof v === 'number'),
    ],
    ['n', isCount(p.n) && p.n > 0],
    ['dim', isCount(p.dim) && p.dim > 0],
    ['shard', isRecord(p.shard) && isCount(p.shard.index) && isCount(p.shard.count) && p.shard.index < p.shard.count],
    ['rows', isRecord(p.rows) && isCount(p.rows.start) && isCount(p.rows.end) && p.rows.start <= p.rows.end],
    ['format', p.format === 'csv' || p.format === 'npy' || p.format === 'json'],
    ['sha256', typeof p.sha256 === 'string' && HEX_DIGEST.test(p.sha256)],
    ['logp', p.logp === undefined || typeof p.logp === 'boolean'],
    // the digest of the log-density file exactly when there is one: with logp, for .npy and .json
    [
      'logpSha256',
      p.logp === true && p.format !== 'csv'
        ? typeof p.logpSha256 === 'string' && HEX_DIGEST.test(p.logpSha256)
        : p.logpSha256 === undefined,
    ],
  ];
  return checks.find(([, ok]) => !ok)?.[0];
}

/**
 * The provenance sidecar of a shard's data file.
 * @throws OdeforgeError naming the data file when the sidecar is missing, and the sidecar when it is malformed
 */
export function readShardProvenance(file: string): ShardFile {
  const sidecar = provenancePath(file);
  if (!existsSync(file)) fail('cannot read the shard: no such file', file);
  if (!existsSync(sidecar)) {
    fail(
      `no provenance sidecar ${basename(sidecar)} beside the shard`,
      file,
      'merge files written by `odeforge sample --shard i/k --out FILE`, with their sidecars',
    );
  }
  const text = readRegularFile(sidecar, { maxBytes: SIDECAR_BYTES, what: 'provenance sidecar' }).toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    fail(`the provenance sidecar is not valid JSON: ${(error as Error).message}`, sidecar);
  }
  if (!isRecord(value) || value.provenance !== PROVENANCE_KIND) {
    fail(`not an odeforge provenance sidecar (its "provenance" is not "${PROVENANCE_KIND}")`, sidecar);
  }
  const bad = malformedKey(value);
  if (bad !== undefined) fail(`malformed provenance sidecar: "${bad}" is missing or invalid`, sidecar);
  const provenance = value as unknown as Provenance;
  const format = formatOf(file);
  if (format !== provenance.format) {
    fail(`the file is ${format} but its provenance sidecar describes a ${provenance.format} file`, file);
  }
  if (provenance.logpSha256 !== undefined && !existsSync(logpSidecarPath(file))) {
    fail(
      `no log-density file ${basename(logpSidecarPath(file))} beside the shard ${basename(file)}, which its provenance sidecar says the run wrote (--logp)`,
      logpSidecarPath(file),
      'copy each shard with its FILE.logp and FILE.provenance.json files',
    );
  }
  return { file, provenance };
}

/** What makes two shards parts of one run, field by field, in the order a mismatch is reported. */
const RUN_FIELDS: [string, (p: Provenance) => unknown][] = [
  ['format', (p) => p.format],
  ['dimension', (p) => p.dim],
  ['sampled', (p) => (p.logp === true ? 'with --logp' : 'without --logp')],
  ['odeforge version', (p) => p.odeforge],
  ['design', (p) => p.design.digest],
  ['data', (p) => p.data.digest],
  ['starting points (--init)', (p) => p.init?.digest ?? 'prior draws'],
  ['seed', (p) => p.seed],
  ['solver settings', (p) => p.solver],
  ['n', (p) => p.n],
  ['shard count', (p) => p.shard.count],
];

function runKey(p: Provenance): string {
  return JSON.stringify(RUN_FIELDS.map(([, get]) => get(p)));
}

function shown(value: unknown): string {
  if (typeof value === 'string' && HEX_DIGEST.test(value)) return `sha256 ${value.slice(0, 12)}…`;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The run most shards belong to (the first file's when tied): the others are foreign. */
function referenceRun(shards: readonly ShardFile[]): Provenance {
  const counts = new Map<string, number>();
  for (const s of shards) counts.set(runKey(s.provenance), (counts.get(runKey(s.provenance)) ?? 0) + 1);
  let best = shards[0]!;
  for (const s of shards) {
    if (counts.get(runKey(s.provenance))! > counts.get(runKey(best.provenance))!) best = s;
  }
  return best.provenance;
}

function checkSameRun(shards: readonly ShardFile[], reference: Provenance): void {
  for (const { file, provenance } of shards) {
    for (const [name, get] of RUN_FIELDS) {
      const mine = JSON.stringify(get(provenance));
      const theirs = JSON.stringify(get(reference));
      if (mine === theirs) continue;
      const what = name === 'format' || name === 'dimension' ? `mixed ${name}s` : 'a shard of another run';
      fail(
        `${what}: ${name} ${shown(get(provenance))}, the other shards' ${shown(get(reference))}`,
        file,
        'merge the shards of one `odeforge sample` run',
      );
    }
  }
}

/** Every shard once, each with the rows sample() gives its index, tiling 0..n. */
function checkComplete(shards: readonly ShardFile[], reference: Provenance): ShardFile[] {
  const { n, shard } = reference;
  const byIndex = new Map<number, ShardFile>();
  for (const s of shards) {
    const { index } = s.provenance.shard;
    const rows = shardRows(n, s.provenance.shard);
    if (s.provenance.rows.start !== rows.start || s.provenance.rows.end !== rows.end) {
      fail(
        `its rows ${s.provenance.rows.start}..${s.provenance.rows.end} are not those of shard ${index}/${shard.count} of n = ${n} (${rows.start}..${rows.end}): overlapping or gapped ranges`,
        s.file,
      );
    }
    const earlier = byIndex.get(index);
    if (earlier !== undefined) {
      fail(`duplicate shard: shard ${index}/${shard.count} is also ${earlier.file}`, s.file, 'give each shard once');
    }
    byIndex.set(index, s);
  }
  // a forged count may be huge: list the first few missing shards, count the rest
  const missing: string[] = [];
  for (let index = 0; index < shard.count && missing.length < 5; index++) {
    if (byIndex.has(index)) continue;
    const rows = shardRows(n, { index, count: shard.count });
    missing.push(`${index}/${shard.count} (rows ${rows.start}..${rows.end})`);
  }
  const more = shard.count - byIndex.size - missing.length;
  if (missing.length > 0) {
    const list = `${missing.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
    fail(
      `missing shard${missing.length > 1 ? 's' : ''} ${list} of the run of ${shards[0]!.file}`,
      undefined,
      'run the missing shards and give them too',
    );
  }
  return [...byIndex.keys()].sort((a, b) => a - b).map((index) => byIndex.get(index)!);
}

/**
 * The shards of one run in order, checked from their sidecars: one run (design, data, starting points, seed,
 * solver, n, format, dimension and odeforge version all agree), every shard of it exactly once.
 * @throws OdeforgeError naming the offending file: missing or malformed sidecar, a shard of another run, mixed
 *   formats or dimensions, a duplicate, ranges that are not the shard's; or the missing shards
 */
export function checkShardSet(files: readonly string[]): ShardFile[] {
  if (files.length === 0)
    fail('no shard files given', undefined, 'give the outputs of `odeforge sample --shard i/k --out FILE`');
  const seen = new Map<string, string>();
  for (const file of files) {
    const earlier = seen.get(resolve(file));
    if (earlier !== undefined) fail(`duplicate shard: the same file is given twice (also as ${earlier})`, file);
    seen.set(resolve(file), file);
  }
  const shards = files.map(readShardProvenance);
  const reference = referenceRun(shards);
  checkSameRun(shards, reference);
  return checkComplete(shards, reference);
}

/** Every data file's size against the limit before any is read, so that a huge one stops the merge before any work. */
function checkDataFileSize(file: string): void {
  const size = statSync(file).size;
  const limit = dataBytesLimit();
  if (size > limit) fail(`cannot read data file: ${size} bytes, above the limit of ${limit} bytes`, file);
}

/** A shard's bytes, checked against the SHA-256 its sidecar records (for `file`, the data file or its log-density file). */
function readChecked(file: string, digest: string, what: string, shardFile: string): Buffer {
  const bytes = readRegularFile(file, { maxBytes: dataBytesLimit(), what });
  if (bytesDigest(bytes) !== digest) {
    const whose = file === shardFile ? 'the file' : `the log-density file of ${basename(shardFile)}`;
    fail(
      `${whose} does not match its provenance sidecar (another SHA-256): it was changed or replaced after it was written`,
      file,
      'run its shard again',
    );
  }
  return bytes;
}

/** A shard's samples and, for a run with log-densities, its log-densities (an empty shard holds no rows to parse). */
function readShardSamples({ file, provenance }: ShardFile): { samples: Float64Array; logp?: Float64Array } {
  const bytes = readChecked(file, provenance.sha256, 'data file', file);
  const logpBytes =
    provenance.logpSha256 === undefined
      ? undefined
      : readChecked(logpSidecarPath(file), provenance.logpSha256, 'log-density file', file);
  const rows = provenance.rows.end - provenance.rows.start;
  if (rows === 0) return { samples: new Float64Array(0), ...(provenance.logp ? { logp: new Float64Array(0) } : {}) };
  const table = readDataFile(file);
  if (table.rows !== rows || table.dim !== provenance.dim) {
    fail(`the file holds ${table.rows} × ${table.dim} values, its sidecar says ${rows} × ${provenance.dim}`, file);
  }
  if (!provenance.logp) return { samples: table.data };
  const logp =
    logpBytes === undefined
      ? csvLogpColumn(bytes.toString('utf8'), file, provenance.dim, rows)
      : logpValues(provenance.format, logpBytes, logpSidecarPath(file), rows);
  return { samples: table.data, logp };
}

/** A log-density as sample --logp writes it in CSV: a number, or NaN and ±Infinity as JavaScript prints them. */
const LOGP_TEXT = /^(?:[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|NaN|-?Infinity)$/;

/** The `logp` column of a CSV shard (its last, after x1..xd), positioned errors for anything else. */
function csvLogpColumn(text: string, file: string, dim: number, rows: number): Float64Array {
  const lines = text.split(/\r?\n/);
  const header = lines[0]?.split(',').map((f) => f.trim());
  if (header?.length !== dim + 1 || header[dim] !== 'logp') {
    fail(
      `the provenance sidecar says the run carries log-densities (--logp), but the header has no last column "logp"`,
      file,
    );
  }
  const logp = new Float64Array(rows);
  let row = 0;
  for (let li = 1; li < lines.length; li++) {
    const line = lines[li]!;
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const field = line.slice(line.lastIndexOf(',') + 1).trim();
    if (!LOGP_TEXT.test(field)) {
      throw new OdeforgeError(`row ${row + 1}, column logp: "${field}" is not a log-density`, {
        file,
        line: li + 1,
        column: line.lastIndexOf(',') + 2,
      });
    }
    logp[row++] = Number(field);
  }
  return logp;
}

/** The log-densities of a .npy or .json log-density file: `rows` values (JSON: ±Infinity as strings, NaN as null). */
function logpValues(format: DataFormat, bytes: Buffer, file: string, rows: number): Float64Array {
  if (format === 'npy') {
    const { data, shape } = parseNpy(bytes, file);
    if (shape.length !== 1 || shape[0] !== rows) {
      fail(`the log-density file has shape (${shape.join(', ')}), its shard's sidecar says (${rows},)`, file);
    }
    return data;
  }
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    fail(`the log-density file is not valid JSON: ${(error as Error).message}`, file);
  }
  if (!Array.isArray(value) || value.length !== rows) {
    fail(`the log-density file is not an array of the ${rows} log-densities its shard's sidecar says`, file);
  }
  return Float64Array.from(value, (v: unknown, i) => {
    if (typeof v === 'number') return v;
    if (v === null) return NaN;
    if (v === 'Infinity' || v === '-Infinity') return Number(v);
    return fail(`entry ${i + 1} of the log-density file is ${JSON.stringify(v)}, not a log-density`, file);
  });
}

/**
 * Merge the shards of one `odeforge sample --shard i/k --out FILE` run into `out` (format by extension), with
 * its provenance sidecar: the bytes the unsharded run writes, and the sidecar of `--shard 0/1`. For a run with
 * log-densities (`sample --logp`), `out` gets them as the unsharded `--logp` run writes them: a `logp` column of
 * the CSV, or the log-density file logpSidecarPath(out) for .npy and .json (written together with the data file,
 * both or neither); its provenance says `logp: true`.
 * @example mergeShards(['s0.npy', 's1.npy', 's2.npy'], 'all.npy')
 * @throws OdeforgeError (see checkShardSet), for a data or log-density file that does not match its sidecar, a
 *   merged size above the limits, or an output that is one of the shards or cannot be written
 */
export function mergeShards(files: readonly string[], out: string): Provenance {
  formatOf(out); // an unknown extension is refused before any work
  if (files.some((file) => resolve(file) === resolve(out))) {
    fail('the output is one of the shards', out, 'write the merged run to a new file');
  }
  checkWritable(out);
  const shards = checkShardSet(files);
  const run = shards[0]!.provenance;
  if (run.logp) checkLogpOutput(shards, out);
  if (run.n * run.dim > limits.values) {
    fail(`the merged run holds n × d = ${run.n} × ${run.dim} values, above the limit of ${limits.values}`, out);
  }
  for (const { file, provenance } of shards) {
    checkDataFileSize(file);
    if (provenance.logpSha256 !== undefined) checkDataFileSize(logpSidecarPath(file));
  }
  const samples = new Float64Array(run.n * run.dim);
  const logp = run.logp ? new Float64Array(run.n) : undefined;
  for (const shard of shards) {
    const part = readShardSamples(shard);
    samples.set(part.samples, shard.provenance.rows.start * run.dim);
    if (logp && part.logp) logp.set(part.logp, shard.provenance.rows.start);
  }
  const {
    provenance: _kind,
    shard: _shard,
    rows: _rows,
    format: _format,
    sha256: _sha,
    logpSha256: _logpSha,
    ...identity
  } = run;
  return writeSamplesWithProvenance(
    out,
    samples,
    { ...identity, shard: { index: 0, count: 1 } },
    undefined,
    logp ? { logp } : {},
  );
}

/** The merged log-density file (for .npy and .json) can be written and is none of the shards' files. */
function checkLogpOutput(shards: readonly ShardFile[], out: string): void {
  if (formatOf(out) === 'csv') return;
  const target = logpSidecarPath(out);
  const inputs = shards.flatMap(({ file }) => [file, logpSidecarPath(file)]);
  if (inputs.some((file) => resolve(file) === resolve(target))) {
    fail(
      `the output's log-density file ${basename(target)} is one of the shards' files`,
      out,
      'write the merged run to a new file',
    );
  }
  checkWritable(target);
}
