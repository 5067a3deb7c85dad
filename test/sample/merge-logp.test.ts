// Shards with log-densities (sample --logp --shard) and their merge, in process: the formats written out by hand
// (CSV text, JSON text, float64 bytes), the provenance's logp record against SHA-256 computed here, merged bytes
// against the unsharded run's files in every format (from sample() itself and, for values sample() never
// gives — ±Infinity, NaN, −0, subnormals — from a property test), and each way a logp shard set can be wrong.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDesign } from '../../src/design/index.js';
import { sample, type SampleOptions } from '../../src/sample/index.js';
import { checkShardSet, mergeShards } from '../../src/sample/merge.js';
import {
  formatProvenance,
  formatSamplesWithLogp,
  logpSidecarPath,
  provenancePath,
  runProvenance,
  shardRows,
  writeSamplesWithLogp,
  writeSamplesWithProvenance,
  type Provenance,
  type RunProvenance,
} from '../../src/sample/provenance.js';
import { example, expectBadInput, sha256 } from '../helpers.js';
import { eightGaussians } from './designs.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'odeforge-merge-logp-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sidecarOf = (file: string) => JSON.parse(readFileSync(provenancePath(file), 'utf8')) as Provenance;
const folder = (name: string) => {
  mkdirSync(join(dir, name), { recursive: true });
  return join(dir, name);
};

/** Float64 little-endian bytes of values, written here with Buffer rather than by odeforge's .npy writer. */
function float64le(values: number[]): Buffer {
  const bytes = Buffer.alloc(8 * values.length);
  values.forEach((v, i) => bytes.writeDoubleLE(v, 8 * i));
  return bytes;
}

describe('the files of samples with log-densities', () => {
  const samples = Float64Array.of(1, -2.5, 0.1, 3e-300);
  const logp = Float64Array.of(-3.25, -Infinity);

  it('logpSidecarPath puts .logp before the extension of the file name', () => {
    expect(logpSidecarPath('out/s.npy')).toBe('out/s.logp.npy');
    expect(logpSidecarPath('a.b/run.7.json')).toBe('a.b/run.7.logp.json');
  });

  it('CSV: x1..xd then logp in one file, as JavaScript prints each number', () => {
    const { data, logp: sidecar } = formatSamplesWithLogp('csv', samples, logp, 2);
    expect(data.toString('utf8')).toBe('x1,x2,logp\n1,-2.5,-3.25\n0.1,3e-300,-Infinity\n');
    expect(sidecar).toBeUndefined();
  });

  it('JSON: the points, and the log-densities as an array with ±Infinity as strings and NaN as null', () => {
    const { data, logp: sidecar } = formatSamplesWithLogp('json', samples, logp, 2);
    expect(data.toString('utf8')).toBe('[[1,-2.5],[0.1,3e-300]]\n');
    expect(sidecar!.toString('utf8')).toBe('[-3.25,"-Infinity"]\n');
    const odd = formatSamplesWithLogp('json', Float64Array.of(0, 0), Float64Array.of(NaN, Infinity), 1);
    expect(odd.logp!.toString('utf8')).toBe('[null,"Infinity"]\n');
  });

  it(".npy: the log-densities as float64 of shape (n,) after NumPy's header", () => {
    const { logp: sidecar } = formatSamplesWithLogp('npy', samples, logp, 2);
    const headerLength = sidecar!.readUInt16LE(8);
    const header = sidecar!.subarray(10, 10 + headerLength).toString('latin1');
    expect(header).toMatch(/'descr': '<f8'/);
    expect(header).toMatch(/'shape': \(2,\)/);
    expect(sidecar!.subarray(10 + headerLength).equals(float64le([-3.25, -Infinity]))).toBe(true);
  });

  it('samples and log-densities of different lengths are refused', () => {
    expectBadInput(() => formatSamplesWithLogp('csv', samples, Float64Array.of(1), 2), /2 samples but 1 log-densities/);
  });
});

describe('provenance with log-densities', () => {
  const design = loadDesign(example('ve.yaml'), { dimension: 2 });
  const data = eightGaussians(64, 2, 1);
  const base: SampleOptions = { data, n: 10, seed: 1, solver: 'heun', steps: 8, shard: { index: 1, count: 3 } };

  it('runProvenance records logp: true for a run with log-densities, and no logp key without', () => {
    expect(runProvenance(design, { ...base, logp: true }).logp).toBe(true);
    expect('logp' in runProvenance(design, base)).toBe(false);
  });

  it('a sidecar without log-densities has no logp keys: the bytes it had before they were recorded', () => {
    const file = join(folder('plain'), 'p.npy');
    const run = runProvenance(design, base);
    const rows = shardRows(run.n, run.shard);
    const p = writeSamplesWithProvenance(file, new Float64Array((rows.end - rows.start) * 2), run);
    const text = readFileSync(provenancePath(file), 'utf8');
    expect(text).not.toMatch(/logp/);
    expect(text).toBe(formatProvenance(p));
  });

  it.each(['npy', 'json'])(
    '%s: logp: true and the SHA-256 of the log-density file, computed here from its bytes',
    (ext) => {
      const file = join(folder('sidecars'), `s.${ext}`);
      const run = runProvenance(design, { ...base, logp: true });
      const rows = shardRows(run.n, run.shard); // 3..6
      const logp = Float64Array.of(-1, -2, -3);
      writeSamplesWithProvenance(file, new Float64Array((rows.end - rows.start) * 2), run, rows, { logp });
      const p = sidecarOf(file);
      expect(p.logp).toBe(true);
      expect(p.sha256).toBe(sha256(readFileSync(file)));
      expect(p.logpSha256).toBe(sha256(readFileSync(logpSidecarPath(file))));
    },
  );

  it('CSV: logp: true and no second digest (the column is part of the file and its SHA-256)', () => {
    const file = join(folder('sidecars'), 's.csv');
    const run = runProvenance(design, { ...base, logp: true });
    writeSamplesWithProvenance(file, new Float64Array(6), run, undefined, { logp: Float64Array.of(-1, -2, -3) });
    const p = sidecarOf(file);
    expect(p.logp).toBe(true);
    expect(p.logpSha256).toBeUndefined();
    expect(readFileSync(file, 'utf8')).toBe('x1,x2,logp\n0,0,-1\n0,0,-2\n0,0,-3\n');
    expect(p.sha256).toBe(sha256('x1,x2,logp\n0,0,-1\n0,0,-2\n0,0,-3\n'));
  });

  it('log-densities missing for a logp run, given for another, or of another length are refused', () => {
    const file = join(folder('refused'), 'r.npy');
    const withLogp = runProvenance(design, { ...base, logp: true });
    const without = runProvenance(design, base);
    const zeros = new Float64Array(6);
    expectBadInput(() => writeSamplesWithProvenance(file, zeros, withLogp), /none are given/);
    expectBadInput(
      () => writeSamplesWithProvenance(file, zeros, without, undefined, { logp: new Float64Array(3) }),
      /run without logp/,
    );
    expectBadInput(
      () => writeSamplesWithProvenance(file, zeros, withLogp, undefined, { logp: new Float64Array(4) }),
      /3 samples but 4 log-densities/,
    );
    expect(existsSync(file)).toBe(false);
  });
});

describe('both or neither: a failed write removes the files written before it', () => {
  const run: RunProvenance = {
    odeforge: '0.0.0',
    design: { name: 'x', digest: 'a'.repeat(64) },
    data: { digest: 'b'.repeat(64) },
    init: null,
    seed: 0,
    solver: {},
    n: 2,
    dim: 1,
    shard: { index: 0, count: 1 },
    logp: true,
  };
  const samples = Float64Array.of(1, 2);
  const logp = Float64Array.of(-1, -2);

  it('the data file cannot be written: its log-density file (written first) is removed', () => {
    const file = join(folder('blocked-data'), 'd.npy');
    mkdirSync(file); // a directory where the data file should go: its rename fails
    expectBadInput(() => writeSamplesWithLogp(file, samples, logp, 1), /cannot write/);
    expect(existsSync(logpSidecarPath(file))).toBe(false);
    expectBadInput(() => writeSamplesWithProvenance(file, samples, run, undefined, { logp }), /cannot write/);
    expect(existsSync(logpSidecarPath(file))).toBe(false);
    expect(existsSync(provenancePath(file))).toBe(false);
  });

  it('the provenance cannot be written: the data file and its log-density file are removed', () => {
    const file = join(folder('blocked-provenance'), 'd.json');
    mkdirSync(provenancePath(file));
    expectBadInput(() => writeSamplesWithProvenance(file, samples, run, undefined, { logp }), /cannot write/);
    expect(existsSync(file)).toBe(false);
    expect(existsSync(logpSidecarPath(file))).toBe(false);
  });

  it('the log-density file cannot be written: nothing is written', () => {
    const file = join(folder('blocked-logp'), 'd.npy');
    mkdirSync(logpSidecarPath(file));
    expectBadInput(() => writeSamplesWithLogp(file, samples, logp, 1), /cannot write/);
    expect(existsSync(file)).toBe(false);
  });
});

describe('merging shards with log-densities (sample() runs)', () => {
  const design = loadDesign(example('ve.yaml'), { dimension: 2 });
  const data = eightGaussians(64, 2, 1);
  const n = 23;
  const k = 5;
  const options: SampleOptions = { data, n, seed: 5, solver: 'heun', steps: 12, logp: true, threads: 1 };
  let whole: { samples: Float64Array; logp: Float64Array };
  const shards: { samples: Float64Array; logp: Float64Array; start: number; count: number }[] = [];

  beforeAll(async () => {
    const run = await sample(design, options);
    whole = { samples: run.samples, logp: run.logp! };
    for (let index = 0; index < k; index++) {
      const part = await sample(design, { ...options, shard: { index, count: k } });
      shards.push({ samples: part.samples, logp: part.logp!, start: part.start, count: part.count });
    }
  });

  function writeShards(name: string, ext: string): string[] {
    const at = folder(name);
    return shards.map((shard, index) => {
      const file = join(at, `part-${index}.${ext}`);
      const run = runProvenance(design, { ...options, shard: { index, count: k } });
      writeSamplesWithProvenance(file, shard.samples, run, undefined, { logp: shard.logp });
      return file;
    });
  }

  it.each(['csv', 'npy', 'json'])(
    '%s: 5 shards (n = 23) merge to the bytes of the unsharded run, log-densities included',
    (ext) => {
      const files = writeShards(`merge-${ext}`, ext);
      const at = join(dir, `merge-${ext}`);
      const unsharded = join(at, `whole.${ext}`);
      writeSamplesWithLogp(unsharded, whole.samples, whole.logp, 2);
      const out = join(at, `merged.${ext}`);
      const merged = mergeShards([...files].reverse(), out);
      expect(readFileSync(out).equals(readFileSync(unsharded))).toBe(true);
      if (ext !== 'csv') {
        expect(readFileSync(logpSidecarPath(out)).equals(readFileSync(logpSidecarPath(unsharded)))).toBe(true);
      }
      expect(merged).toMatchObject({ logp: true, shard: { index: 0, count: 1 }, rows: { start: 0, end: n } });
      // the merged provenance is the one `--logp --shard 0/1` writes
      const single = join(at, `single.${ext}`);
      const run = runProvenance(design, { ...options, shard: { index: 0, count: 1 } });
      writeSamplesWithProvenance(single, whole.samples, run, undefined, { logp: whole.logp });
      expect(readFileSync(provenancePath(out), 'utf8')).toBe(readFileSync(provenancePath(single), 'utf8'));
    },
  );

  it('npy shards merged into CSV: the logp column holds the shards’ values', () => {
    const files = writeShards('to-csv', 'npy');
    const out = join(dir, 'to-csv', 'merged.csv');
    mergeShards(files, out);
    const column = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => Number(line.split(',')[2]));
    expect(column).toEqual(Array.from(whole.logp));
  });

  describe('a wrong logp shard set: OdeforgeError naming the file, nothing written', () => {
    let files: string[];
    let at: string;
    beforeAll(() => {
      files = writeShards('bad', 'npy');
      at = join(dir, 'bad');
    });
    const out = () => join(at, 'out.npy');
    afterAll(() => {
      expect(existsSync(out())).toBe(false);
      expect(existsSync(logpSidecarPath(out()))).toBe(false);
    });

    it('a shard sampled without --logp among --logp shards is named', () => {
      const plain = join(at, 'plain-2.npy');
      const { logp: _logp, ...withoutLogp } = options;
      writeSamplesWithProvenance(
        plain,
        shards[2]!.samples,
        runProvenance(design, { ...withoutLogp, shard: { index: 2, count: k } }),
      );
      expectBadInput(
        () =>
          mergeShards(
            files.map((f, i) => (i === 2 ? plain : f)),
            out(),
          ),
        /a shard of another run: sampled without --logp, the other shards' with --logp/,
        plain,
      );
    });

    it('a missing log-density file is named, before any data file is read', () => {
      const bare = join(at, 'bare-3.npy');
      writeFileSync(bare, readFileSync(files[3]!));
      writeFileSync(provenancePath(bare), readFileSync(provenancePath(files[3]!)));
      expectBadInput(
        () => checkShardSet([bare]),
        /no log-density file bare-3\.logp\.npy beside the shard/,
        logpSidecarPath(bare),
      );
      expectBadInput(
        () =>
          mergeShards(
            files.map((f, i) => (i === 3 ? bare : f)),
            out(),
          ),
        /no log-density file/,
        logpSidecarPath(bare),
      );
    });

    it('an altered log-density file is named (SHA-256)', () => {
      const altered = join(at, 'altered-1.npy');
      writeFileSync(altered, readFileSync(files[1]!));
      writeFileSync(provenancePath(altered), readFileSync(provenancePath(files[1]!)));
      const bytes = readFileSync(logpSidecarPath(files[1]!));
      bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1;
      writeFileSync(logpSidecarPath(altered), bytes);
      expectBadInput(
        () =>
          mergeShards(
            files.map((f, i) => (i === 1 ? altered : f)),
            out(),
          ),
        /log-density file of altered-1\.npy does not match its provenance sidecar/,
        logpSidecarPath(altered),
      );
    });

    it('a sidecar whose logp record does not fit its format is malformed', () => {
      const p = sidecarOf(files[0]!);
      const forged = join(at, 'forged.npy');
      writeFileSync(forged, readFileSync(files[0]!));
      const { logpSha256: _digest, ...withoutDigest } = p;
      writeFileSync(provenancePath(forged), JSON.stringify(withoutDigest));
      expectBadInput(
        () => checkShardSet([forged]),
        /malformed provenance sidecar: "logpSha256"/,
        provenancePath(forged),
      );
      writeFileSync(provenancePath(forged), JSON.stringify({ ...p, logp: 'yes' }));
      expectBadInput(() => checkShardSet([forged]), /malformed provenance sidecar: "logp"/, provenancePath(forged));
      const csv = join(at, 'forged.csv');
      writeFileSync(csv, 'x1,x2\n');
      writeFileSync(provenancePath(csv), JSON.stringify({ ...p, format: 'csv' }));
      expectBadInput(() => checkShardSet([csv]), /malformed provenance sidecar: "logpSha256"/, provenancePath(csv));
    });

    it('a CSV shard whose sidecar says logp but whose header has no logp column is named', () => {
      const csv = join(at, 'nocol.csv');
      const run = runProvenance(design, { ...options, n: 2, shard: { index: 0, count: 1 } });
      writeSamplesWithProvenance(csv, Float64Array.of(1, 2, 3, 4), run, undefined, { logp: Float64Array.of(-1, -2) });
      // the column removed and the digest made to match: the sidecar is forged, the file is not what it says
      const text = 'x1,x2\n1,2\n3,4\n';
      writeFileSync(csv, text);
      writeFileSync(provenancePath(csv), formatProvenance({ ...sidecarOf(csv), sha256: sha256(text) }));
      expectBadInput(() => mergeShards([csv], join(at, 'nocol-out.csv')), /no last column "logp"/, csv);
      expect(existsSync(join(at, 'nocol-out.csv'))).toBe(false);
    });
  });
});

describe('merging keeps every log-density bit for bit (property)', () => {
  const identity: RunProvenance = {
    odeforge: '0.0.0',
    design: { name: 'p', digest: 'c'.repeat(64) },
    data: { digest: 'd'.repeat(64) },
    init: null,
    seed: 0,
    solver: { solver: 'heun' },
    n: 1,
    dim: 2,
    shard: { index: 0, count: 1 },
    logp: true,
  };
  // values sample() does not give in a small run: infinities, NaN, −0, subnormals and the extremes
  const logDensity = fc.oneof(fc.double(), fc.constantFrom(-Infinity, Infinity, NaN, -0, 5e-324, -Number.MAX_VALUE));
  const coordinate = fc.double({ noNaN: true, noDefaultInfinity: true });

  it.each(['csv', 'npy', 'json'])('%s: k shards of random values merge to the unsharded bytes', (ext) => {
    let round = 0;
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 12 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.integer({ min: 1, max: 5 }),
              fc.array(coordinate, { minLength: 2 * n, maxLength: 2 * n }),
              fc.array(logDensity, { minLength: n, maxLength: n }),
            ),
          ),
        ([n, k, xs, ls]) => {
          const at = folder(`property-${ext}-${round++}`);
          const samples = Float64Array.from(xs);
          const logp = Float64Array.from(ls);
          const files = Array.from({ length: k }, (_, index) => {
            const run = { ...identity, n, shard: { index, count: k } };
            const { start, end } = shardRows(n, run.shard);
            const file = join(at, `s${index}.${ext}`);
            writeSamplesWithProvenance(file, samples.slice(2 * start, 2 * end), run, undefined, {
              logp: logp.slice(start, end),
            });
            return file;
          });
          const unsharded = join(at, `whole.${ext}`);
          writeSamplesWithLogp(unsharded, samples, logp, 2);
          const out = join(at, `merged.${ext}`);
          mergeShards(files, out);
          const same = readFileSync(out).equals(readFileSync(unsharded));
          const sameLogp =
            ext === 'csv' || readFileSync(logpSidecarPath(out)).equals(readFileSync(logpSidecarPath(unsharded)));
          rmSync(at, { recursive: true, force: true });
          return same && sameLogp;
        },
      ),
      { seed: 16, numRuns: 40 },
    );
  });
});
