// What needs compiled JavaScript: worker threads (identical bytes for 1, 2, 3 threads) and the `odeforge
// sample` / `odeforge dataset` commands end to end. Runs from a fresh build in test/.artifacts/compiled/dist.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { eightGaussians } from './designs.js';

const root = resolve(__dirname, '../..');
const outDir = join(root, 'test/.artifacts/compiled/dist');
const fixture = pathToFileURL(join(__dirname, 'fixtures/ve-design.mjs')).href;

type SampleModule = typeof import('../../src/sample/index.js');
let sampler: SampleModule;
let veDesign: (d: number) => unknown;

beforeAll(async () => {
  try {
    execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json', '--outDir', outDir], {
      cwd: root,
      stdio: 'pipe',
    });
  } catch {
    // type errors elsewhere in the tree still emit JavaScript; what matters is that the sampler was built
  }
  // The compiled modules find the package root one folder above the build, as they do from dist/: the JSON
  // Schema in its schemas/ and the CLI's version in its package.json. (A folder of its own: a package.json
  // there makes a package scope, which test/.artifacts/snippets must not fall into.)
  for (const name of ['schemas', 'package.json']) {
    const link = join(outDir, '..', name);
    if (!existsSync(link)) symlinkSync(join(root, name), link);
  }
  const entry = join(outDir, 'sample/index.js');
  if (!existsSync(entry)) throw new Error(`the build did not produce ${entry}`);
  sampler = (await import(pathToFileURL(entry).href)) as SampleModule;
  veDesign = ((await import(fixture)) as { veDesign: (d: number) => unknown }).veDesign;
});

describe('sample on worker threads', () => {
  // d = 5 runs the field's WebAssembly kernels in every worker
  it.each([2, 5])(
    'd = %i: threads 1, 2 and 3 give identical bytes and stats (design rebuilt from a module)',
    async (d) => {
      const design = veDesign(d) as Parameters<SampleModule['sample']>[0];
      const data = eightGaussians(128, d, 3);
      const designSource = { module: fixture, exportName: 'veDesign', args: [d] };
      const runs = [];
      for (const threads of [1, 2, 3]) {
        runs.push(
          await sampler.sample(design, {
            data,
            n: 240,
            seed: 9,
            threads,
            designSource,
            chunkSize: 20,
            trajectories: 5,
          }),
        );
      }
      for (const r of runs.slice(1)) {
        expect(Buffer.from(r.samples.buffer).equals(Buffer.from(runs[0]!.samples.buffer))).toBe(true);
        expect(
          Buffer.from(r.trajectories!.states.buffer).equals(Buffer.from(runs[0]!.trajectories!.states.buffer)),
        ).toBe(true);
        expect(r.stats.nfe).toBe(runs[0]!.stats.nfe);
      }
    },
  );

  it('with init: threads 1, 2, 3 and a warm pool give identical bytes, each sample from its own row (trajectories too)', async () => {
    const design = veDesign(2) as Parameters<SampleModule['sample']>[0];
    const data = eightGaussians(128, 2, 3);
    const designSource = { module: fixture, exportName: 'veDesign', args: [2] };
    // starting points that are no seed's prior draws: seed 2's, halved
    const points = sampler.priorSamples(design, 2, 0, 150).map((v) => v / 2);
    const init = { data: points, rows: 150, dim: 2 };
    const runs = [];
    for (const threads of [1, 2, 3]) {
      runs.push(await sampler.sample(design, { data, init, threads, designSource, chunkSize: 10, trajectories: 4 }));
    }
    // workers that are ready before the run starts surely take some of its chunks
    const pool = new sampler.SamplerPool(designSource, 2);
    await pool.ready();
    try {
      runs.push(await sampler.sample(design, { data, init, pool, chunkSize: 10, trajectories: 4 }));
    } finally {
      await pool.close();
    }
    expect(Array.from(runs[0]!.trajectories!.states.subarray(0, 300))).toEqual(Array.from(points));
    for (const r of runs.slice(1)) {
      expect(Buffer.from(r.samples.buffer).equals(Buffer.from(runs[0]!.samples.buffer))).toBe(true);
      expect(Buffer.from(r.trajectories!.states.buffer).equals(Buffer.from(runs[0]!.trajectories!.states.buffer))).toBe(
        true,
      );
    }
    // the caller's points were sent to the workers as copies, not moved out of its hands
    expect(points.length).toBe(300);
    expect(Array.from(points)).toEqual(Array.from(sampler.priorSamples(design, 2, 0, 150).map((v) => v / 2)));
  });

  it('workers rebuild a design from its spec file (examples/ve.yaml) and agree with one thread', async () => {
    const { loadDesign } = (await import(
      pathToFileURL(join(outDir, 'design/index.js')).href
    )) as typeof import('../../src/design/index.js');
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
    const errors = (await import(
      pathToFileURL(join(outDir, 'errors.js')).href
    )) as typeof import('../../src/errors.js');
    // The worker's design is rebuilt broken (σ = NaN); the calling thread's is fine, so the error can only
    // come from the worker.
    const designSource = { module: fixture, exportName: 'veDesign', args: [2, 80, 1e-3, true] };
    const error = await sampler
      .sample(design, {
        data: eightGaussians(16, 2, 1),
        n: 2000,
        seed: 1,
        threads: 2,
        designSource,
        chunkSize: 4,
        timeVariable: 'log',
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(errors.IntegrationError);
    const e = error as InstanceType<typeof errors.IntegrationError>;
    expect(e.sampleIndex).toBeGreaterThan(0);
    expect(e.t).toBeCloseTo(80, 10);
  });
});

// Each CLI process loads the whole library (about a second): few processes, each checking several things.
describe('odeforge sample (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'odeforge-cli-'));
  const ve = join(root, 'examples/ve.yaml');
  const odeforge = (...args: string[]) =>
    spawnSync(process.execPath, [join(outDir, 'cli/main.js'), ...args], { encoding: 'utf8', cwd: dir });
  const common = ['sample', ve, '--n', '40', '--dataset', '8gaussians', '--dataset-n', '64', '--seed', '3'];

  it('writes samples, trajectories, an SVG plot and one line of stats (on 2 threads)', () => {
    const r = odeforge(
      ...common,
      '--out',
      'out.csv',
      '--trajectories',
      'tr.npy',
      '--trajectory-points',
      '7',
      '--plot',
      'plot.svg',
      '--stats',
      '--threads',
      '2',
    );
    expect(r.stderr).not.toMatch(/error/);
    expect(r.status).toBe(0);
    const lines = readFileSync(join(dir, 'out.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('x1,x2');
    expect(lines.length).toBe(41);
    const stats = JSON.parse(r.stderr.trim().split('\n').pop()!);
    expect(Object.keys(stats)).toEqual(['n', 'dim', 'nfe', 'steps', 'rejected', 'wall_s', 'samples_per_s', 'threads']);
    expect(stats).toMatchObject({ n: 40, dim: 2 });
    // the calling thread, plus the worker if it finished a chunk before the calling thread took them all
    expect([1, 2]).toContain(stats.threads);
    const npyHeader = readFileSync(join(dir, 'tr.npy')).subarray(0, 128).toString('latin1');
    expect(npyHeader).toMatch(/'shape': \(7, 40, 2\)/);
    const svg = readFileSync(join(dir, 'plot.svg'), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<circle /g)!.length).toBeGreaterThanOrEqual(64 + 40);
    expect(svg).toMatch(/samples \(40\)/);
  });

  it('--threads 1 writes the bytes of --threads 2; --shard slices concatenate to them', () => {
    const whole = readFileSync(join(dir, 'out.csv'), 'utf8');
    expect(odeforge(...common, '--threads', '1', '--out', 'one.csv').status).toBe(0);
    expect(readFileSync(join(dir, 'one.csv'), 'utf8')).toBe(whole);
    const rows: string[] = [];
    for (const shard of ['0/2', '1/2']) {
      const r = odeforge(...common, '--threads', '1', '--shard', shard);
      expect(r.status).toBe(0);
      rows.push(...r.stdout.trim().split('\n').slice(1));
    }
    expect(rows).toEqual(whole.trim().split('\n').slice(1));
  });

  it('--init: the prior draws of --seed 3 as a file give the bytes of the seeded run; --shard and --threads slice and agree', async () => {
    const { loadDesign } = (await import(
      pathToFileURL(join(outDir, 'design/index.js')).href
    )) as typeof import('../../src/design/index.js');
    const io = (await import(pathToFileURL(join(outDir, 'io/data.js')).href)) as typeof import('../../src/io/data.js');
    const prior = sampler.priorSamples(loadDesign(ve), 3, 0, 40);
    io.writeDataFile(join(dir, 'x0.npy'), prior, 2);
    const init = ['sample', ve, '--dataset', '8gaussians', '--dataset-n', '64', '--init', 'x0.npy'];
    const full = odeforge(...init, '--seed', '99', '--threads', '2', '--out', 'init.csv');
    expect(full.stderr).toBe('');
    expect(full.status).toBe(0);
    expect(readFileSync(join(dir, 'init.csv'), 'utf8')).toBe(readFileSync(join(dir, 'out.csv'), 'utf8'));
    // starting points that are no prior's (halved): a shard is the slice of the whole run
    io.writeDataFile(
      join(dir, 'half.csv'),
      prior.map((v) => v / 2),
      2,
    );
    const half = ['sample', ve, '--dataset', '8gaussians', '--dataset-n', '64', '--init', 'half.csv', '--n', '40'];
    const whole = odeforge(...half, '--threads', '1');
    const shard = odeforge(...half, '--threads', '2', '--shard', '1/3');
    expect(whole.status).toBe(0);
    expect(shard.status).toBe(0);
    const rows = whole.stdout.trim().split('\n').slice(1);
    expect(rows.length).toBe(40);
    expect(shard.stdout.trim().split('\n').slice(1)).toEqual(rows.slice(13, 26));
    expect(rows).not.toEqual(readFileSync(join(dir, 'out.csv'), 'utf8').trim().split('\n').slice(1));
  });

  it('--init: exit 2 with one message naming the file for a row count ≠ --n, the wrong dimension, a NaN', () => {
    writeFileSync(join(dir, 'five.csv'), 'x1,x2\n1,2\n3,4\n5,6\n7,8\n9,10\n');
    writeFileSync(join(dir, 'init3.csv'), 'x1,x2,x3\n1,2,3\n');
    writeFileSync(join(dir, 'nan.csv'), 'x1,x2\n1,2\n3,NaN\n');
    const cases: [string[], RegExp][] = [
      [['--init', 'five.csv', '--n', '4'], /^odeforge: five\.csv: --n 4 but the file has 5 starting points/],
      [
        ['--init', 'init3.csv', '--out', 'never.csv'],
        /^odeforge: init3\.csv: the starting points have dimension 3 but the design has dimension 2/,
      ],
      [['--init', 'nan.csv'], /^odeforge: nan\.csv:3:3: row 2, column 2 \(x2\): NaN is not allowed in data/],
      [[], /^odeforge: give --n N \(the number of samples\), or --init FILE/],
    ];
    for (const [args, message] of cases) {
      const r = odeforge('sample', ve, '--dataset', '8gaussians', ...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n').length).toBe(1);
    }
    expect(existsSync(join(dir, 'never.csv'))).toBe(false);
  });

  it('samples from a Gaussian-mixture JSON with a Gaussian design', () => {
    writeFileSync(
      join(dir, 'mix.json'),
      JSON.stringify({
        weights: [1, 1],
        means: [
          [-2, 0],
          [2, 0],
        ],
        stds: [0.3, 0.3],
      }),
    );
    const r = odeforge('sample', ve, '--n', '20', '--data', 'mix.json', '--threads', '1');
    expect(r.status).toBe(0);
    const xs = r.stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => Number(l.split(',')[0]));
    expect(xs.every((v) => Math.abs(Math.abs(v) - 2) < 1.5)).toBe(true);
  });

  it.each([
    [['--n', '5'], /give exactly one of --data FILE and --dataset NAME/],
    [
      ['--n', '5', '--dataset', 'moons', '--solver', 'rk45'],
      /--solver must be one of dopri5, odex, euler, heun, rk4, euler-maruyama, pc, edm, dpmpp-2m, dpmpp-3m, not "rk45"/,
    ],
  ])('exit 2 with one message for %j', (args, message) => {
    const r = odeforge('sample', ve, ...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n').length).toBe(1);
  });

  it('exit 2 naming file, line and column for bad data, and the spec for a dimension mismatch', () => {
    writeFileSync(join(dir, 'ragged.csv'), 'x1,x2\n1,2\n3,oops\n');
    const bad = odeforge('sample', ve, '--n', '5', '--data', 'ragged.csv');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/ragged\.csv:3:3: row 2, column 2 \(x2\): "oops" is not a number/);
    writeFileSync(join(dir, 'three.csv'), 'x1,x2,x3\n1,2,3\n');
    const mismatch = odeforge('sample', ve, '--n', '5', '--data', 'three.csv', '--out', 'never.csv');
    expect(mismatch.status).toBe(2);
    expect(mismatch.stderr).toMatch(/ve\.yaml:\d+:\d+: dimension mismatch/);
    expect(existsSync(join(dir, 'never.csv'))).toBe(false);
  });
});

describe('odeforge dataset (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'odeforge-cli-'));
  const odeforge = (...args: string[]) =>
    spawnSync(process.execPath, [join(outDir, 'cli/main.js'), ...args], { encoding: 'utf8', cwd: dir });

  it('writes CSV on stdout (the same points as the API for the seed), or .npy with --out', async () => {
    const a = odeforge('dataset', 'pinwheel', '--n', '12', '--seed', '4');
    expect(a.status).toBe(0);
    const { dataset } = (await import(
      pathToFileURL(join(outDir, 'io/datasets.js')).href
    )) as typeof import('../../src/io/datasets.js');
    const points = dataset('pinwheel', { n: 12, seed: 4 });
    expect(a.stdout.trim().split('\n').slice(1).join(',').split(',').map(Number)).toEqual(Array.from(points));
    expect(odeforge('dataset', 'swissroll', '--n', '10', '--dim', '3', '--out', 'roll.npy').status).toBe(0);
    expect(readFileSync(join(dir, 'roll.npy')).subarray(0, 128).toString('latin1')).toMatch(/'shape': \(10, 3\)/);
  });

  it('exit 2 for an unknown name', () => {
    const r = odeforge('dataset', 'spiral', '--n', '5');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown data set "spiral"/);
  });
});
