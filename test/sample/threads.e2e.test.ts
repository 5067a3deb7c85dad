// Who decides on worker threads, from compiled JavaScript (workers need worker.js): a design from a spec
// file or text rebuilds itself in workers (its `origin`), and without a thread count the calling thread's
// timing decides whether to start them. Builds into its own directory so that it can run beside
// compiled.e2e.test.ts.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { eightGaussians } from './designs.js';

const root = resolve(__dirname, '../..');
const outDir = join(root, 'test/.artifacts/threads/dist');
const veSpec = join(root, 'examples/ve.yaml');

type SampleModule = typeof import('../../src/sample/index.js');
type DesignModule = typeof import('../../src/design/index.js');
let sampler: SampleModule;
let designs: DesignModule;

beforeAll(async () => {
  try {
    execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json', '--outDir', outDir], {
      cwd: root,
      stdio: 'pipe',
    });
  } catch {
    // type errors elsewhere in the tree still emit JavaScript; what matters is that the sampler was built
  }
  // The compiled spec layer finds the JSON Schema at ../../schemas from its own file, as it does from dist/.
  const schemas = join(outDir, '../schemas');
  if (!existsSync(schemas)) symlinkSync(join(root, 'schemas'), schemas);
  sampler = (await import(pathToFileURL(join(outDir, 'sample/index.js')).href)) as SampleModule;
  designs = (await import(pathToFileURL(join(outDir, 'design/index.js')).href)) as DesignModule;
}, 120_000);

/**
 * A progress callback that holds the calling thread `budget` ms in all, 20 ms a call (a chunk's solve calls
 * it every step): the run lasts long enough for workers to load (from dist/, up to ~1 s on a busy machine)
 * and its chunks look slow to time.
 */
function slowCaller(budget: number): () => void {
  let held = 0;
  const cell = new Int32Array(new SharedArrayBuffer(4));
  return () => {
    if (held >= budget) return;
    Atomics.wait(cell, 0, 0, 20);
    held += 20;
  };
}

describe('a design from a spec samples on workers without a designSource', () => {
  it('from a file and from text: 2 threads compute, the bytes of threads: 1', async () => {
    const fromFile = designs.loadDesign(veSpec, { dimension: 2 });
    const fromText = designs.designFromText(readFileSync(veSpec, 'utf8'), { file: veSpec });
    const data = eightGaussians(64, 2, 4);
    const one = await sampler.sample(fromFile, { data, n: 400, seed: 1, threads: 1 });
    expect(one.stats.threads).toBe(1);
    for (const design of [fromFile, fromText]) {
      const two = await sampler.sample(design, {
        data,
        n: 400,
        seed: 1,
        threads: 2,
        chunkSize: 10,
        onProgress: slowCaller(2500),
      });
      expect(two.stats.threads).toBe(2);
      expect(Buffer.from(two.samples.buffer).equals(Buffer.from(one.samples.buffer))).toBe(true);
    }
  }, 60_000);

  it('with logp: 2 threads compute the bytes of threads: 1, samples and log-densities', async () => {
    const design = designs.loadDesign(veSpec, { dimension: 2 });
    const data = eightGaussians(64, 2, 4);
    const one = await sampler.sample(design, { data, n: 200, seed: 3, threads: 1, logp: true });
    const two = await sampler.sample(design, {
      data,
      n: 200,
      seed: 3,
      threads: 2,
      logp: true,
      chunkSize: 10,
      onProgress: slowCaller(2500),
    });
    expect(two.stats.threads).toBe(2);
    expect(Buffer.from(two.samples.buffer).equals(Buffer.from(one.samples.buffer))).toBe(true);
    expect(Buffer.from(two.logp!.buffer).equals(Buffer.from(one.logp!.buffer))).toBe(true);
  }, 60_000);

  it('the origin is the spec text and the dimension; a modified copy does not carry it', () => {
    const design = designs.loadDesign(veSpec, { dimension: 2 });
    expect(design.origin).toEqual({ specText: readFileSync(veSpec, 'utf8'), file: veSpec, dimension: 2 });
    expect({ ...design, T: 10 }.origin).toBeUndefined();
    expect(Object.keys(design)).not.toContain('origin');
  });
});

const oneCore = availableParallelism() < 2;

describe.skipIf(oneCore)(
  `without a thread count, the calling thread's timing decides${oneCore ? ' (skipped: one core here, so no worker is ever started)' : ''}`,
  () => {
    const data = eightGaussians(64, 2, 4);

    it('a short run stays on the calling thread', async () => {
      const design = designs.loadDesign(veSpec, { dimension: 2 });
      const run = await sampler.sample(design, { data, n: 200, seed: 1 });
      expect(run.stats.threads).toBe(1);
    });

    it('a run whose chunks take long starts workers, with the bytes of one thread', async () => {
      const design = designs.loadDesign(veSpec, { dimension: 2 });
      const one = await sampler.sample(design, { data, n: 400, seed: 1, threads: 1 });
      const timed = await sampler.sample(design, { data, n: 400, seed: 1, onProgress: slowCaller(4000) });
      expect(timed.stats.threads).toBe(2);
      expect(Buffer.from(timed.samples.buffer).equals(Buffer.from(one.samples.buffer))).toBe(true);
    }, 60_000);
  },
);
