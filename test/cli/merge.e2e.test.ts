// `odeforge sample --shard i/k --out FILE` (with its provenance sidecar) and `odeforge merge` as a user runs
// them: k = 7 shards merge to the bytes of the unsharded run; a missing, duplicated or foreign shard exits 2
// naming it; a data file too large for memory exits 2 naming its size and the limit, before any work.
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  ftruncateSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataBytesLimit } from '../../src/limits.js';
import { example } from '../helpers.js';

const bin = new URL('../../bundle/odeforge.js', import.meta.url).pathname;
const run = (...args: string[]) => {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
};

const k = 7;
const common = [example('ve.yaml'), '--dataset', '8gaussians', '--dataset-n', '300', '--n', '40', '--seed', '3'];
let dir: string;
const shard = (index: number, ext = 'npy') => join(dir, `shard-${index}.${ext}`);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'odeforge-merge-'));
  for (let index = 0; index < k; index++) {
    const r = run('sample', ...common, '--shard', `${index}/${k}`, '--out', shard(index));
    if (r.status !== 0) throw new Error(r.stderr);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const all = () => Array.from({ length: k }, (_, i) => shard(i));

describe('odeforge sample --shard writes provenance', () => {
  it('a sidecar beside each shard, with its rows and the SHA-256 of the file; none without --shard', () => {
    const sidecar = JSON.parse(readFileSync(`${shard(2)}.provenance.json`, 'utf8'));
    // n = 40 in 7 shards: shard 2 holds floor(40·2/7) = 11 .. floor(40·3/7) = 17
    expect(sidecar).toMatchObject({
      n: 40,
      dim: 2,
      seed: 3,
      shard: { index: 2, count: 7 },
      rows: { start: 11, end: 17 },
    });
    const whole = join(dir, 'plain.npy');
    expect(run('sample', ...common, '--out', whole).status).toBe(0);
    expect(existsSync(`${whole}.provenance.json`)).toBe(false);
  });
});

describe('odeforge merge', () => {
  it.each(['npy', 'csv', 'json'])('7 shards in any order → the bytes of the unsharded run (%s)', (ext) => {
    const files = Array.from({ length: k }, (_, i) => shard(i, ext));
    if (ext !== 'npy') {
      for (let index = 0; index < k; index++) {
        expect(run('sample', ...common, '--shard', `${index}/${k}`, '--out', files[index]!).status).toBe(0);
      }
    }
    const whole = join(dir, `whole.${ext}`);
    expect(run('sample', ...common, '--out', whole).status).toBe(0);
    const merged = join(dir, `merged.${ext}`);
    const r = run('merge', ...[...files].reverse(), '-o', merged);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('merged 7 shards: 40 samples × 2');
    expect(readFileSync(merged).equals(readFileSync(whole))).toBe(true);
  });

  it('a missing shard: exit 2 naming it', () => {
    const out = join(dir, 'missing.npy');
    const r = run('merge', ...all().filter((_, i) => i !== 5), '-o', out);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^odeforge: missing shard 5\/7 \(rows 28\.\.34\)/);
    expect(existsSync(out)).toBe(false);
  });

  it('a duplicated shard: exit 2 naming it', () => {
    const copy = join(dir, 'copy.npy');
    writeFileSync(copy, readFileSync(shard(1)));
    writeFileSync(`${copy}.provenance.json`, readFileSync(`${shard(1)}.provenance.json`));
    const r = run('merge', ...all(), copy, '-o', join(dir, 'dup.npy'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`odeforge: ${copy}: duplicate shard: shard 1/7 is also ${shard(1)}`);
  });

  it('a shard of another run (another seed): exit 2 naming it', () => {
    const foreign = join(dir, 'foreign-3.npy');
    expect(run('sample', ...common, '--seed', '4', '--shard', `3/${k}`, '--out', foreign).status).toBe(0);
    const r = run('merge', ...all().map((f, i) => (i === 3 ? foreign : f)), '-o', join(dir, 'foreign.npy'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`odeforge: ${foreign}: a shard of another run: seed 4, the other shards' 3`);
  });

  it('a file without a sidecar, and usage errors: exit 2', () => {
    const plain = join(dir, 'plain.npy');
    const r = run('merge', plain, '-o', join(dir, 'x.npy'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${plain}: no provenance sidecar plain.npy.provenance.json beside the shard`);
    expect(run('merge', ...all()).status).toBe(2); // no -o
    expect(run('merge', ...all(), '-o', join(dir, 'x.txt')).stderr).toContain('unknown data file extension ".txt"');
  });
});

describe('a data file too large for memory: exit 2 naming its size and the limit, before any work', () => {
  let big: string;
  beforeAll(() => {
    // a sparse file one byte above the limit: nothing is written to disk
    big = join(dir, 'big.npy');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, dataBytesLimit() + 1);
    closeSync(fd);
  });
  const message = `${dataBytesLimit() + 1} bytes, above the limit of ${dataBytesLimit()} bytes`;

  it.each([
    ['sample --data', () => ['sample', example('ve.yaml'), '--data', big, '--n', '10']],
    ['sample --init', () => ['sample', example('ve.yaml'), '--dataset', '8gaussians', '--init', big]],
  ])('%s', (_, args) => {
    const r = run(...args());
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${big}: cannot read data file: ${message}`);
  });

  it('merge: a shard above the limit is named before any shard is read', () => {
    // the sidecar of shard 6, beside a data file that is too large: the set is fine, the size is not
    const huge = join(dir, 'huge.npy');
    const fd = openSync(huge, 'w');
    ftruncateSync(fd, dataBytesLimit() + 1);
    closeSync(fd);
    writeFileSync(`${huge}.provenance.json`, readFileSync(`${shard(6)}.provenance.json`));
    const out = join(dir, 'huge-merged.npy');
    const r = run('merge', ...all().map((f, i) => (i === 6 ? huge : f)), '-o', out);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${huge}: cannot read data file: ${message}`);
    expect(existsSync(out)).toBe(false);
  });
});
