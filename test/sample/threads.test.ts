// Worker threads: `threads: 1` and `threads: 2` (and 3) give identical bytes. Workers load compiled JS, so
// this test runs the sampler from a fresh build in test/.artifacts/dist.
import { execFileSync } from 'node:child_process';
import { existsSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { eightGaussians } from './designs.js';

const root = resolve(__dirname, '../..');
const outDir = join(root, 'test/.artifacts/dist');
const fixture = pathToFileURL(join(__dirname, 'fixtures/ve-design.mjs')).href;

type SampleModule = typeof import('../../src/sample/index.js');
let sampler: SampleModule;
let veDesign: (d: number) => unknown;

beforeAll(async () => {
  try {
    execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json', '--outDir', outDir], { cwd: root, stdio: 'pipe' });
  } catch {
    // type errors elsewhere in the tree still emit JavaScript; what matters is that the sampler was built
  }
  // The compiled spec layer finds the JSON Schema at ../../schemas from its own file, as it does from dist/.
  const schemas = join(outDir, '../schemas');
  if (!existsSync(schemas)) symlinkSync(join(root, 'schemas'), schemas);
  const entry = join(outDir, 'sample/index.js');
  if (!existsSync(entry)) throw new Error(`the build did not produce ${entry}`);
  sampler = (await import(pathToFileURL(entry).href)) as SampleModule;
  veDesign = ((await import(fixture)) as { veDesign: (d: number) => unknown }).veDesign;
});

describe('sample on worker threads', () => {
  it('threads 1, 2 and 3 give identical bytes and stats (design rebuilt from a module)', async () => {
    const design = veDesign(2) as Parameters<SampleModule['sample']>[0];
    const data = eightGaussians(128, 2, 3);
    const designSource = { module: fixture, exportName: 'veDesign', args: [2] };
    const runs = [];
    for (const threads of [1, 2, 3]) {
      runs.push(await sampler.sample(design, { data, n: 240, seed: 9, threads, designSource, chunkSize: 20, trajectories: 5 }));
    }
    for (const r of runs.slice(1)) {
      expect(Buffer.from(r.samples.buffer).equals(Buffer.from(runs[0]!.samples.buffer))).toBe(true);
      expect(Buffer.from(r.trajectories!.states.buffer).equals(Buffer.from(runs[0]!.trajectories!.states.buffer))).toBe(true);
      expect(r.stats.nfe).toBe(runs[0]!.stats.nfe);
    }
  });

  it('workers rebuild a design from its spec file (examples/ve.yaml) and agree with one thread', async () => {
    const { loadDesign } = (await import(pathToFileURL(join(outDir, 'design/index.js')).href)) as typeof import('../../src/design/index.js');
    const specPath = join(root, 'examples/ve.yaml');
    const design = loadDesign(specPath, { dimension: 2 });
    const data = eightGaussians(64, 2, 4);
    const designSource = { specPath, dimension: 2 };
    const one = await sampler.sample(design, { data, n: 120, seed: 1, threads: 1, designSource });
    const two = await sampler.sample(design, { data, n: 120, seed: 1, threads: 2, designSource, chunkSize: 10 });
    expect(Buffer.from(two.samples.buffer).equals(Buffer.from(one.samples.buffer))).toBe(true);
  });

  it('an IntegrationError in a worker reaches the caller with its class, sample index and t', async () => {
    const design = veDesign(2) as Parameters<SampleModule['sample']>[0];
    const errors = (await import(pathToFileURL(join(outDir, 'errors.js')).href)) as typeof import('../../src/errors.js');
    // The worker's design is rebuilt broken (σ = NaN); the calling thread's is fine, so the error can only
    // come from the worker.
    const designSource = { module: fixture, exportName: 'veDesign', args: [2, 80, 1e-3, true] };
    const error = await sampler
      .sample(design, { data: eightGaussians(16, 2, 1), n: 2000, seed: 1, threads: 2, designSource, chunkSize: 4 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(errors.IntegrationError);
    const e = error as InstanceType<typeof errors.IntegrationError>;
    expect(e.sampleIndex).toBeGreaterThan(0);
    expect(e.t).toBeCloseTo(80, 10);
  });
});
