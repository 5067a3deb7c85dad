// examples/cluster/parallel.sh end to end with GNU parallel: k = 7 shards as separate processes, then
// `odeforge merge`, give the bytes of the unsharded run in every format. Skips, saying why, without parallel.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  examplesCluster,
  formats,
  missingTools,
  odeforgeOnPath,
  sampleArgsText,
  shards,
  spec,
  unshardedBytes,
} from './cluster.js';

let dir: string;
let bin: string;
const skipReason =
  missingTools(['parallel']).length > 0 ? 'GNU parallel is not installed (apt-get install parallel)' : undefined;
if (skipReason !== undefined) console.warn(`test/cluster/parallel.e2e.test.ts skipped: ${skipReason}`);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'odeforge-parallel-'));
  bin = odeforgeOnPath(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('GNU parallel (examples/cluster/parallel.sh)', () => {
  it.for(formats)('k = 7 shards as 7 processes, merged: the bytes of the unsharded run (%s)', (format, ctx) => {
    if (skipReason !== undefined) ctx.skip(skipReason);
    const outDir = join(dir, `run-${format}`);
    const result = spawnSync(join(examplesCluster, 'parallel.sh'), [String(shards)], {
      env: {
        ...process.env,
        PATH: `${bin}:${process.env.PATH}`,
        SPEC: spec,
        OUT_DIR: outDir,
        SAMPLE_ARGS: sampleArgsText,
        FORMAT: format,
        JOBS: '2',
      },
      encoding: 'utf8',
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain(`merged ${shards} shards: 47 samples × 2`);
    expect(readFileSync(join(outDir, `samples.${format}`)).equals(unshardedBytes(dir, format))).toBe(true);
  });
});
