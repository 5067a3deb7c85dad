// Provenance sidecars and merging shards, in process: digests against values computed outside odeforge
// (Python's hashlib and sha256sum), shard rows against sample()'s own slices, merged bytes against the unsharded
// run's file in every format, and each way a shard set can be wrong.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { designFromText, loadDesign } from '../../src/design/index.js';
import type { Design } from '../../src/design/types.js';
import { writeDataFile } from '../../src/io/data.js';
import { sample, type SampleOptions } from '../../src/sample/index.js';
import { checkShardSet, mergeShards } from '../../src/sample/merge.js';
import {
  dataDigest,
  designDigest,
  provenancePath,
  runProvenance,
  shardRows,
  writeSamplesWithProvenance,
  type Provenance,
} from '../../src/sample/provenance.js';
import { example, expectBadInput, sha256, specWithDimension } from '../helpers.js';
import { eightGaussians } from './designs.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'odeforge-provenance-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sidecarOf = (file: string) => JSON.parse(readFileSync(provenancePath(file), 'utf8')) as Provenance;

describe('digests', () => {
  it('the data digest is SHA-256 of "points d=D\\n" and the float64 values (little-endian), as hashlib computes it', () => {
    // python3: hashlib.sha256(b'points d=2\n' + struct.pack('<4d', 1.0, -2.5, 0.1, 3e-300)).hexdigest()
    const expected = 'bf31310f6a6dfb805d2c70279067495aa22e313fea4094633e40c4b8cd2dab4f';
    const values = Float64Array.of(1, -2.5, 0.1, 3e-300);
    expect(dataDigest(values, 2)).toBe(expected);
    // a table of the same points (what --data FILE gives) is the same data
    expect(dataDigest({ data: values, rows: 2, dim: 2 }, 2)).toBe(expected);
  });

  it('the data digest sees the last bit of any value and the shape', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), (index) => {
        const values = Float64Array.of(1, -2.5, 0.1, 3e-300, 7, 8);
        const changed = Float64Array.from(values);
        const bits = new BigUint64Array(changed.buffer);
        bits[index] = bits[index]! ^ 1n;
        return dataDigest(changed, 2) !== dataDigest(values, 2) && dataDigest(values, 3) !== dataDigest(values, 2);
      }),
      { seed: 16, numRuns: 6 },
    );
  });

  it('the design digest: the same for the same text (any file, any line endings), different for another parameter or dimension', () => {
    const text = readFileSync(example('ve.yaml'), 'utf8');
    const a = designFromText(text, { file: '/somewhere/ve.yaml', dimension: 2 });
    const b = designFromText(text.replace(/\n/g, '\r\n'), { file: '/elsewhere/copy.yaml', dimension: 2 });
    expect(designDigest(b)).toBe(designDigest(a));
    expect(designDigest(designFromText(specWithDimension('ve.yaml', 3)))).not.toBe(designDigest(a));
    const otherT = designFromText(text.replace(/T: 80/, 'T: 79'), { dimension: 2 });
    expect(otherT.T).toBe(79);
    expect(designDigest(otherT)).not.toBe(designDigest(a));
  });

  it('a design built in code (no spec text) is digested from its derivation', () => {
    const a = loadDesign(example('ve.yaml'), { dimension: 2 });
    const copy = { ...a } as Design; // origin is not enumerable: the copy has none
    expect(copy.origin).toBeUndefined();
    expect(designDigest(copy)).toMatch(/^[0-9a-f]{64}$/);
    expect(designDigest({ ...copy, T: 10 })).not.toBe(designDigest(copy));
  });
});

describe('shard rows', () => {
  it('the k shards of n tile 0..n in order, each of floor(n/k) or ceil(n/k) rows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 60 }), (n, k) => {
        let next = 0;
        for (let index = 0; index < k; index++) {
          const { start, end } = shardRows(n, { index, count: k });
          if (start !== next) return false;
          const size = end - start;
          if (size !== Math.floor(n / k) && size !== Math.ceil(n / k)) return false;
          next = end;
        }
        return next === n;
      }),
      { seed: 16, numRuns: 300 },
    );
  });
});

describe('writing with provenance and merging (in process)', () => {
  const design = loadDesign(example('ve.yaml'), { dimension: 2 });
  const data = eightGaussians(64, 2, 1);
  const n = 23;
  const k = 7;
  const options: SampleOptions = { data, n, seed: 5, solver: 'heun', steps: 12 };
  let whole: Float64Array;
  const shards: { samples: Float64Array; start: number; count: number }[] = [];

  beforeAll(async () => {
    whole = (await sample(design, options)).samples;
    for (let index = 0; index < k; index++)
      shards.push(await sample(design, { ...options, shard: { index, count: k } }));
  });

  function writeShards(folder: string, ext: string, base: SampleOptions = options): string[] {
    mkdirSync(join(dir, folder), { recursive: true });
    return shards.map((shard, index) => {
      const file = join(dir, folder, `part-${index}.${ext}`);
      const run = runProvenance(design, { ...base, shard: { index, count: k } });
      writeSamplesWithProvenance(file, shard.samples, run, { start: shard.start, end: shard.start + shard.count });
      return file;
    });
  }

  it("each sidecar names its run and slice: sample()'s rows, the file's SHA-256", () => {
    const files = writeShards('sidecars', 'npy');
    files.forEach((file, index) => {
      const p = sidecarOf(file);
      expect(p.provenance).toBe('odeforge-sample/1');
      expect(p.shard).toEqual({ index, count: k });
      expect(p.rows).toEqual({ start: shards[index]!.start, end: shards[index]!.start + shards[index]!.count });
      expect(p.sha256).toBe(sha256(readFileSync(file)));
      expect(p).toMatchObject({ n, dim: 2, seed: 5, format: 'npy', init: null });
      // the field's tolerance is part of the run: its default when the options leave it out
      expect(p.solver).toEqual({ solver: 'heun', steps: 12, fieldTol: 1e-12 });
      expect(p.data.digest).toBe(dataDigest(data, 2));
      expect(p.design.digest).toBe(designDigest(design));
    });
  });

  it.each(['csv', 'npy', 'json'])(
    'merging 7 %s shards (one of n = 23 rows each 3 or 4) gives the bytes of the unsharded run',
    (ext) => {
      const files = writeShards(`merge-${ext}`, ext);
      const unsharded = join(dir, `merge-${ext}`, `whole.${ext}`);
      writeDataFile(unsharded, whole, 2);
      const out = join(dir, `merge-${ext}`, `merged.${ext}`);
      // any order on the command line
      const merged = mergeShards([...files].reverse(), out);
      expect(readFileSync(out).equals(readFileSync(unsharded))).toBe(true);
      expect(merged).toMatchObject({ shard: { index: 0, count: 1 }, rows: { start: 0, end: n }, format: ext });
      // the merged sidecar is the one a --shard 0/1 run writes
      const single = join(dir, `merge-${ext}`, `single.${ext}`);
      writeSamplesWithProvenance(single, whole, runProvenance(design, { ...options, shard: { index: 0, count: 1 } }));
      expect(readFileSync(provenancePath(out), 'utf8')).toBe(readFileSync(provenancePath(single), 'utf8'));
    },
  );

  it('more shards than samples: the empty shards merge too', async () => {
    const tiny = { ...options, n: 3 };
    const files: string[] = [];
    mkdirSync(join(dir, 'tiny'), { recursive: true });
    for (let index = 0; index < 5; index++) {
      const part = await sample(design, { ...tiny, shard: { index, count: 5 } });
      const file = join(dir, 'tiny', `p${index}.csv`);
      writeSamplesWithProvenance(file, part.samples, runProvenance(design, { ...tiny, shard: { index, count: 5 } }));
      files.push(file);
    }
    const out = join(dir, 'tiny', 'all.csv');
    mergeShards(files, out);
    const expected = join(dir, 'tiny', 'expected.csv');
    writeDataFile(expected, (await sample(design, tiny)).samples, 2);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(expected, 'utf8'));
  });

  describe('a wrong shard set: OdeforgeError naming the offending file, nothing written', () => {
    let files: string[];
    beforeAll(() => {
      files = writeShards('bad', 'npy');
    });
    const out = () => join(dir, 'bad', 'out.npy');
    afterAll(() => expect(existsSync(out())).toBe(false));

    it('a missing shard is named by index and rows', () => {
      expectBadInput(
        () =>
          mergeShards(
            files.filter((_, i) => i !== 3),
            out(),
          ),
        /missing shard 3\/7 \(rows 9\.\.13\)/,
      );
    });

    it('a duplicate: the same file twice, or a copy of a shard', () => {
      expectBadInput(() => mergeShards([...files, files[2]!], out()), /the same file is given twice/, files[2]);
      const copy = join(dir, 'bad', 'copy-of-2.npy');
      writeFileSync(copy, readFileSync(files[2]!));
      writeFileSync(provenancePath(copy), readFileSync(provenancePath(files[2]!)));
      expectBadInput(
        () => mergeShards([...files, copy], out()),
        /duplicate shard: shard 2\/7 is also .*part-2\.npy/,
        copy,
      );
    });

    it.each([
      ['seed', { seed: 6 }, /another run: seed 6, the other shards' 5/],
      ['solver', { steps: 13 }, /another run: solver settings .*"steps":13/],
      ['n', { n: 24 }, /another run: n 24, the other shards' 23/],
      ['data', { data: eightGaussians(64, 2, 2) }, /another run: data sha256 /],
    ] as const)('a shard of another run (%s) is named', (_, change, message) => {
      const foreign = join(dir, 'bad', `foreign-${_}.npy`);
      const run = runProvenance(design, { ...options, ...change, shard: { index: 4, count: k } });
      const rows = shardRows(run.n, run.shard);
      writeSamplesWithProvenance(foreign, new Float64Array((rows.end - rows.start) * 2), run);
      const set = files.map((f, i) => (i === 4 ? foreign : f));
      expectBadInput(() => mergeShards(set, out()), message, foreign);
    });

    it('a shard of another design is named', () => {
      const other = loadDesign(example('pfgm.yaml'), { dimension: 2 });
      const foreign = join(dir, 'bad', 'foreign-design.npy');
      writeSamplesWithProvenance(
        foreign,
        shards[1]!.samples,
        runProvenance(other, { ...options, shard: { index: 1, count: k } }),
      );
      expectBadInput(
        () =>
          mergeShards(
            files.map((f, i) => (i === 1 ? foreign : f)),
            out(),
          ),
        /another run: design/,
        foreign,
      );
    });

    it('mixed formats and mixed dimensions are named', () => {
      const csv = join(dir, 'bad', 'part-5.csv');
      writeSamplesWithProvenance(
        csv,
        shards[5]!.samples,
        runProvenance(design, { ...options, shard: { index: 5, count: k } }),
      );
      expectBadInput(
        () =>
          mergeShards(
            files.map((f, i) => (i === 5 ? csv : f)),
            out(),
          ),
        /mixed formats: format csv, the other shards' npy/,
        csv,
      );
      const design3 = designFromText(specWithDimension('ve.yaml', 3));
      const wide = join(dir, 'bad', 'part-5-3d.npy');
      const run3 = runProvenance(design3, {
        ...options,
        data: eightGaussians(64, 3, 1),
        shard: { index: 5, count: k },
      });
      writeSamplesWithProvenance(wide, new Float64Array(3 * 3), run3);
      expectBadInput(
        () =>
          mergeShards(
            files.map((f, i) => (i === 5 ? wide : f)),
            out(),
          ),
        /mixed dimensions: dimension 3, the other shards' 2/,
        wide,
      );
    });

    it('a sidecar whose rows overlap or leave a gap is named', () => {
      const shifted = join(dir, 'bad', 'shifted.npy');
      writeFileSync(shifted, readFileSync(files[6]!));
      const p = sidecarOf(files[6]!);
      writeFileSync(
        provenancePath(shifted),
        JSON.stringify({ ...p, rows: { start: p.rows.start - 1, end: p.rows.end } }),
      );
      expectBadInput(
        () =>
          mergeShards(
            files.map((f, i) => (i === 6 ? shifted : f)),
            out(),
          ),
        /overlapping or gapped ranges/,
        shifted,
      );
    });

    it('a data file changed after its sidecar was written is named (SHA-256)', () => {
      const changed = join(dir, 'bad', 'changed.npy');
      const bytes = readFileSync(files[0]!);
      bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1;
      writeFileSync(changed, bytes);
      writeFileSync(provenancePath(changed), readFileSync(provenancePath(files[0]!)));
      expectBadInput(
        () =>
          mergeShards(
            files.map((f, i) => (i === 0 ? changed : f)),
            out(),
          ),
        /does not match its provenance sidecar/,
        changed,
      );
    });

    it('a missing or malformed sidecar is named', () => {
      const bare = join(dir, 'bad', 'bare.npy');
      writeFileSync(bare, readFileSync(files[0]!));
      expectBadInput(() => checkShardSet([bare]), /no provenance sidecar bare\.npy\.provenance\.json/, bare);
      writeFileSync(provenancePath(bare), '{"provenance": "odeforge-sample/1", "seed": -1}');
      expectBadInput(() => checkShardSet([bare]), /malformed provenance sidecar: "odeforge"/, provenancePath(bare));
      writeFileSync(provenancePath(bare), '{"provenance": ');
      expectBadInput(() => checkShardSet([bare]), /not valid JSON/, provenancePath(bare));
      writeFileSync(provenancePath(bare), '[1, 2]');
      expectBadInput(() => checkShardSet([bare]), /not an odeforge provenance sidecar/, provenancePath(bare));
    });

    it('an output that is one of the shards is refused', () => {
      expectBadInput(() => mergeShards(files, files[0]!), /the output is one of the shards/, files[0]);
    });
  });

  it('when the sidecar cannot be written, the data file is removed too', () => {
    const file = join(dir, 'blocked.npy');
    mkdirSync(provenancePath(file)); // a directory where the sidecar should go: its rename fails
    expectBadInput(
      () =>
        writeSamplesWithProvenance(file, whole, runProvenance(design, { ...options, shard: { index: 0, count: 1 } })),
      /cannot write/,
    );
    expect(existsSync(file)).toBe(false);
  });
});

describe('the field tolerance is part of a run', () => {
  it('shards run at different --field-tol have different provenance', () => {
    const design = loadDesign(example('ve.yaml'));
    const data = Float64Array.from({ length: 40 }, (_, i) => Math.sin(i));
    const base = { data, n: 10, seed: 1, shard: { index: 0, count: 2 } };
    expect(runProvenance(design, { ...base, fieldTol: 0 }).solver.fieldTol).toBe(0);
    expect(runProvenance(design, { ...base, fieldTol: 1e-9 }).solver.fieldTol).toBe(1e-9);
  });
});
