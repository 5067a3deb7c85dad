// Merging the shards of one sampling run back into the file the unsharded run would have written. Every shard
// names its run and slice in its provenance sidecar; the set is checked as a whole (one run, every slice once,
// ranges that tile 0..n) from the sidecars alone before any data file is read, then each data file is checked
// against its sidecar's SHA-256 as it is read.
import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { OdeforgeError } from '../errors.js';
import { limits } from '../limits.js';
import { checkWritable } from '../io/atomic.js';
import { formatOf, readDataFile } from '../io/data.js';
import { readRegularFile } from '../io/read.js';
import {
  bytesDigest,
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
  return { file, provenance };
}

/** What makes two shards parts of one run, field by field, in the order a mismatch is reported. */
const RUN_FIELDS: [string, (p: Provenance) => unknown][] = [
  ['format', (p) => p.format],
  ['dimension', (p) => p.dim],
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
  if (size > limits.dataBytes) {
    fail(`cannot read data file: ${size} bytes, above the limit of ${limits.dataBytes} bytes`, file);
  }
}

/** A shard's samples, its bytes checked against its sidecar (an empty shard holds no rows to parse). */
function readShardSamples({ file, provenance }: ShardFile): Float64Array {
  const bytes = readRegularFile(file, { maxBytes: limits.dataBytes, what: 'data file' });
  if (bytesDigest(bytes) !== provenance.sha256) {
    fail(
      'the file does not match its provenance sidecar (another SHA-256): it was changed or replaced after it was written',
      file,
      'run its shard again',
    );
  }
  const rows = provenance.rows.end - provenance.rows.start;
  if (rows === 0) return new Float64Array(0);
  const table = readDataFile(file);
  if (table.rows !== rows || table.dim !== provenance.dim) {
    fail(`the file holds ${table.rows} × ${table.dim} values, its sidecar says ${rows} × ${provenance.dim}`, file);
  }
  return table.data;
}

/**
 * Merge the shards of one `odeforge sample --shard i/k --out FILE` run into `out` (format by extension), with
 * its provenance sidecar: the bytes the unsharded run writes, and the sidecar of `--shard 0/1`.
 * @example mergeShards(['s0.npy', 's1.npy', 's2.npy'], 'all.npy')
 * @throws OdeforgeError (see checkShardSet), for a data file that does not match its sidecar, a merged size
 *   above the limits, or an output that is one of the shards or cannot be written
 */
export function mergeShards(files: readonly string[], out: string): Provenance {
  formatOf(out); // an unknown extension is refused before any work
  if (files.some((file) => resolve(file) === resolve(out))) {
    fail('the output is one of the shards', out, 'write the merged run to a new file');
  }
  checkWritable(out);
  const shards = checkShardSet(files);
  const run = shards[0]!.provenance;
  if (run.n * run.dim > limits.values) {
    fail(`the merged run holds n × d = ${run.n} × ${run.dim} values, above the limit of ${limits.values}`, out);
  }
  for (const { file } of shards) checkDataFileSize(file);
  const samples = new Float64Array(run.n * run.dim);
  for (const shard of shards) samples.set(readShardSamples(shard), shard.provenance.rows.start * run.dim);
  const { provenance: _kind, shard: _shard, rows: _rows, format: _format, sha256: _sha, ...identity } = run;
  return writeSamplesWithProvenance(out, samples, { ...identity, shard: { index: 0, count: 1 } });
}
