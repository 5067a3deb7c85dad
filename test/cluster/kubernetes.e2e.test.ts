// examples/cluster/kubernetes-*.yaml without a cluster: the manifests are Indexed/plain batch Jobs whose
// completions, parallelism and SHARDS agree, and their pod commands, run here by /bin/sh once per completion
// index with the manifests' environment (paths pointed at a temporary folder), give the bytes of the
// unsharded run after the merge Job's command.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examplesCluster, odeforgeOnPath, sampleArgsText, spec, unshardedBytes } from './cluster.js';

interface Container {
  command: string[];
  args: string[];
  env: { name: string; value: string }[];
}
interface JobManifest {
  kind: string;
  spec: {
    completionMode?: string;
    completions?: number;
    parallelism?: number;
    template: { spec: { containers: Container[]; restartPolicy: string } };
  };
}

const manifest = (name: string) => parse(readFileSync(join(examplesCluster, name), 'utf8')) as JobManifest;
const envOf = (container: Container) => Object.fromEntries(container.env.map((e) => [e.name, e.value]));

let dir: string;
let bin: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'odeforge-k8s-'));
  bin = odeforgeOnPath(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Kubernetes Indexed Job (examples/cluster/kubernetes-*.yaml)', () => {
  const sampleJob = manifest('kubernetes-indexed-job.yaml');
  const mergeJob = manifest('kubernetes-merge-job.yaml');

  it('an Indexed Job of k completions, all at once, SHARDS = k in both Jobs', () => {
    expect(sampleJob.kind).toBe('Job');
    expect(sampleJob.spec.completionMode).toBe('Indexed');
    const k = sampleJob.spec.completions!;
    expect(sampleJob.spec.parallelism).toBe(k);
    expect(envOf(sampleJob.spec.template.spec.containers[0]!).SHARDS).toBe(String(k));
    expect(envOf(mergeJob.spec.template.spec.containers[0]!).SHARDS).toBe(String(k));
    expect(sampleJob.spec.template.spec.restartPolicy).toBe('Never');
  });

  it("each pod's command for JOB_COMPLETION_INDEX = 0..k-1, then the merge Job's: the bytes of the unsharded run", () => {
    const k = sampleJob.spec.completions!;
    const outDir = join(dir, 'runs');
    const podEnv = (container: Container, extra: Record<string, string>) => ({
      ...process.env,
      ...envOf(container),
      PATH: `${bin}:${process.env.PATH}`,
      SPEC: spec,
      SAMPLE_ARGS: sampleArgsText,
      OUT_DIR: outDir,
      ...extra,
    });
    const shard = sampleJob.spec.template.spec.containers[0]!;
    for (let index = 0; index < k; index++) {
      const pod = spawnSync(shard.command[0]!, [...shard.command.slice(1), ...shard.args], {
        env: podEnv(shard, { JOB_COMPLETION_INDEX: String(index) }),
        encoding: 'utf8',
      });
      expect(pod.status, pod.stderr).toBe(0);
    }
    const merge = mergeJob.spec.template.spec.containers[0]!;
    const pod = spawnSync(merge.command[0]!, [...merge.command.slice(1), ...merge.args], {
      env: podEnv(merge, {}),
      encoding: 'utf8',
    });
    expect(pod.status, pod.stderr).toBe(0);
    expect(readFileSync(join(outDir, 'samples.npy')).equals(unshardedBytes(dir, 'npy'))).toBe(true);
  });
});
