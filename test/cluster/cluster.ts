// Shared by the cluster tests: an `odeforge` command on PATH that runs the built CLI (what a node of a cluster
// has installed), the unsharded run to compare merged files with, and which tools this machine has.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const root = new URL('../../', import.meta.url).pathname;
export const bundle = join(root, 'bundle/odeforge.js');
export const examplesCluster = join(root, 'examples/cluster');
export const spec = join(root, 'examples/ve.yaml');

/** A run small enough for a test: VE on 8 Gaussians, a fixed-step solver, n = 47 (7 shards of 6 or 7 rows). */
export const sampleArgs = ['--dataset', '8gaussians', '--dataset-n', '200', '--n', '47', '--seed', '11'];
export const sampleArgsText = sampleArgs.join(' ');
export const shards = 7;
export const formats = ['npy', 'csv', 'json'] as const;

/** A folder bin/ holding an `odeforge` script that runs the built CLI with this node; returns the folder. */
export function odeforgeOnPath(dir: string): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  const script = join(bin, 'odeforge');
  writeFileSync(script, `#!/bin/sh\nexec '${process.execPath}' '${bundle}' "$@"\n`);
  chmodSync(script, 0o755);
  return bin;
}

/** The tools of `names` this machine lacks. */
export function missingTools(names: readonly string[]): string[] {
  return names.filter((name) => spawnSync('sh', ['-c', `command -v ${name}`]).status !== 0);
}

/** The bytes of the unsharded run (one process, no --shard) in `format`. */
export function unshardedBytes(dir: string, format: string): Buffer {
  const out = join(dir, `unsharded.${format}`);
  const run = spawnSync(process.execPath, [bundle, 'sample', spec, ...sampleArgs, '--out', out], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`the unsharded run failed: ${run.stderr}`);
  return readFileSync(out);
}
