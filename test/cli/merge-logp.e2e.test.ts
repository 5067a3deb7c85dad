// `odeforge sample --logp --shard i/k --out FILE` and `odeforge merge` as a user runs them: k = 3 shards merge to
// the bytes of the unsharded --logp run (the data file and its FILE.logp.npy/.json, or the CSV with its logp
// column); a shard sampled without --logp among them, a missing or altered log-density file exit 2 naming it,
// writing nothing.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveNumpy, needsNumpy } from '../python.js';
import { example } from '../helpers.js';

const bin = new URL('../../bundle/odeforge.js', import.meta.url).pathname;
const run = (...args: string[]) => {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
};

const k = 3;
// a cheap run: VE on 64 points, 10 Heun steps, n = 30 (three shards of 10)
const common = [
  example('ve.yaml'),
  '--dataset',
  '8gaussians',
  '--dataset-n',
  '64',
  '--n',
  '30',
  '--seed',
  '4',
  '--solver',
  'heun',
  '--steps',
  '10',
  '--no-progress',
];
let dir: string;
const shard = (index: number, ext: string, prefix = 'shard') => join(dir, `${prefix}-${index}.${ext}`);
const logpFile = (file: string) => file.replace(/\.(npy|json)$/, '.logp.$1');
const shardsOf = (ext: string) => Array.from({ length: k }, (_, i) => shard(i, ext));

function sampleShards(ext: string, extra: string[] = []): void {
  for (let index = 0; index < k; index++) {
    const r = run('sample', ...common, ...extra, '--shard', `${index}/${k}`, '--out', shard(index, ext));
    if (r.status !== 0) throw new Error(r.stderr);
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'odeforge-merge-logp-'));
  sampleShards('npy', ['--logp']);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('odeforge sample --logp --shard i/k', () => {
  it('writes the shard, its log-density file and a provenance sidecar recording both', () => {
    const file = shard(1, 'npy');
    const sidecar = JSON.parse(readFileSync(`${file}.provenance.json`, 'utf8'));
    expect(sidecar).toMatchObject({ logp: true, shard: { index: 1, count: 3 }, rows: { start: 10, end: 20 } });
    expect(sidecar.logpSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(existsSync(logpFile(file))).toBe(true);
  });
});

describe('odeforge merge of --logp shards', () => {
  it.each(['npy', 'json', 'csv'])('3 shards → the bytes of the unsharded --logp run (%s)', (ext) => {
    if (ext !== 'npy') sampleShards(ext, ['--logp']);
    const whole = join(dir, `whole.${ext}`);
    expect(run('sample', ...common, '--logp', '--out', whole).status).toBe(0);
    const merged = join(dir, `merged.${ext}`);
    const r = run('merge', ...[...shardsOf(ext)].reverse(), '-o', merged);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('merged 3 shards: 30 samples × 2');
    expect(r.stderr).toContain(
      ext === 'csv' ? 'log-densities in its logp column' : `log-densities in ${logpFile(merged)}`,
    );
    expect(readFileSync(merged).equals(readFileSync(whole))).toBe(true);
    if (ext === 'csv') expect(readFileSync(merged, 'utf8').split('\n')[0]).toBe('x1,x2,logp');
    else expect(readFileSync(logpFile(merged)).equals(readFileSync(logpFile(whole)))).toBe(true);
    expect(JSON.parse(readFileSync(`${merged}.provenance.json`, 'utf8'))).toMatchObject({
      logp: true,
      shard: { index: 0, count: 1 },
      rows: { start: 0, end: 30 },
    });
  });

  it(`NumPy reads the merged log-densities: 30 float64 values, those of the unsharded run${needsNumpy}`, (ctx) => {
    if (!haveNumpy) return ctx.skip();
    const script =
      'import numpy as np, sys; a = np.load(sys.argv[1]); b = np.load(sys.argv[2]); ' +
      'print(a.dtype, a.shape, np.array_equal(a, b), bool(np.isfinite(a).all()))';
    const py = spawnSync(
      'python3',
      ['-c', script, logpFile(join(dir, 'merged.npy')), logpFile(join(dir, 'whole.npy'))],
      {
        encoding: 'utf8',
      },
    );
    expect(py.stdout.trim()).toBe('float64 (30,) True True');
  });

  it('a shard sampled without --logp among --logp shards: exit 2 naming it, nothing written', () => {
    const plain = shard(2, 'npy', 'plain');
    expect(run('sample', ...common, '--shard', `2/${k}`, '--out', plain).status).toBe(0);
    const out = join(dir, 'mixed.npy');
    const r = run('merge', shard(0, 'npy'), shard(1, 'npy'), plain, '-o', out);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      `odeforge: ${plain}: a shard of another run: sampled without --logp, the other shards' with --logp`,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(logpFile(out))).toBe(false);
  });

  it('a missing log-density file: exit 2 naming it, nothing written', () => {
    const bare = shard(1, 'npy', 'bare');
    copyFileSync(shard(1, 'npy'), bare);
    copyFileSync(`${shard(1, 'npy')}.provenance.json`, `${bare}.provenance.json`);
    const out = join(dir, 'missing.npy');
    const r = run('merge', shard(0, 'npy'), bare, shard(2, 'npy'), '-o', out);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`odeforge: ${logpFile(bare)}: no log-density file bare-1.logp.npy beside the shard`);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(logpFile(out))).toBe(false);
  });

  it('an altered log-density file: exit 2 naming it, nothing written', () => {
    const altered = shard(0, 'json', 'altered');
    copyFileSync(shard(0, 'json'), altered);
    copyFileSync(`${shard(0, 'json')}.provenance.json`, `${altered}.provenance.json`);
    const values = JSON.parse(readFileSync(logpFile(shard(0, 'json')), 'utf8')) as number[];
    values[3] = values[3]! + 1;
    writeFileSync(logpFile(altered), `${JSON.stringify(values)}\n`);
    const out = join(dir, 'altered.json');
    const r = run('merge', altered, shard(1, 'json'), shard(2, 'json'), '-o', out);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      `odeforge: ${logpFile(altered)}: the log-density file of altered-0.json does not match its provenance sidecar`,
    );
    expect(existsSync(out)).toBe(false);
    expect(existsSync(logpFile(out))).toBe(false);
  });
});
