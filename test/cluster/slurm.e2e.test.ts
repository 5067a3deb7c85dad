// examples/cluster/slurm-submit.sh end to end against a real single-node Slurm (Debian's slurm-wlm and munge)
// that this test starts (slurm-up.sh) and stops (slurm-down.sh): a job array of k = 7 shards and the merge job
// that depends on it give the bytes of the unsharded run, in every format; a failing shard cancels the merge.
// Skips, saying why, when the packages are not installed, the user is not root, or Slurm does not come up.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

const here = new URL('.', import.meta.url).pathname;
let dir: string;
let state: string | undefined;
let env: NodeJS.ProcessEnv;
let skipReason: string | undefined;

function slurmUnavailable(): string | undefined {
  const missing = missingTools(['munged', 'slurmctld', 'slurmd', 'sbatch', 'squeue', 'scontrol', 'sinfo']);
  if (missing.length > 0)
    return `Slurm is not installed (${missing.join(', ')} missing: apt-get install slurm-wlm munge)`;
  if (process.getuid?.() !== 0) return 'slurmd must run as root to start jobs';
  return undefined;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'odeforge-slurm-'));
  skipReason = slurmUnavailable();
  if (skipReason === undefined) {
    state = join(dir, 'slurm');
    const up = spawnSync(join(here, 'slurm-up.sh'), [state], { encoding: 'utf8', timeout: 60_000 });
    if (up.status !== 0) skipReason = `Slurm could not be brought up: ${up.stderr.trim() || `status ${up.status}`}`;
    env = {
      ...process.env,
      SLURM_CONF: up.stdout.trim(),
      PATH: `${odeforgeOnPath(dir)}:${process.env.PATH}`,
      SPEC: spec,
      SAMPLE_ARGS: sampleArgsText,
      WAIT: '1',
    };
  }
  if (skipReason !== undefined) console.warn(`test/cluster/slurm.e2e.test.ts skipped: ${skipReason}`);
}, 90_000);

afterAll(() => {
  if (state !== undefined) spawnSync(join(here, 'slurm-down.sh'), [state], { timeout: 30_000 });
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

function submit(outDir: string, extra: NodeJS.ProcessEnv = {}) {
  return spawnSync(join(examplesCluster, 'slurm-submit.sh'), [String(shards)], {
    cwd: dir,
    env: { ...env, OUT_DIR: outDir, ...extra },
    encoding: 'utf8',
    timeout: 170_000,
  });
}

describe('Slurm job array (examples/cluster/slurm-submit.sh)', () => {
  it.for(formats)(
    'k = 7 shards run by Slurm, merged by the dependent job: the bytes of the unsharded run (%s)',
    { timeout: 180_000 },
    (format, ctx) => {
      if (skipReason !== undefined) ctx.skip(skipReason);
      const outDir = join(dir, `run-${format}`);
      const result = submit(outDir, { FORMAT: format });
      expect(result.status, result.stderr).toBe(0);
      expect(result.stderr).toMatch(/merge job \d+: JobState=COMPLETED/);
      for (let i = 0; i < shards; i++) {
        const sidecar = JSON.parse(readFileSync(join(outDir, `shard-${i}.${format}.provenance.json`), 'utf8'));
        expect(sidecar.shard).toEqual({ index: i, count: shards });
      }
      const merged = readFileSync(join(outDir, `samples.${format}`));
      expect(merged.equals(unshardedBytes(dir, format))).toBe(true);
    },
  );

  it('a failing shard: the merge job is cancelled and nothing is merged', (ctx) => {
    if (skipReason !== undefined) ctx.skip(skipReason);
    const outDir = join(dir, 'run-failing');
    const result = submit(outDir, { SAMPLE_ARGS: `${sampleArgsText} --solver nosuch` });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/merge job \d+: JobState=CANCELLED/);
    expect(existsSync(join(outDir, 'samples.npy'))).toBe(false);
  }, 180_000);
});
