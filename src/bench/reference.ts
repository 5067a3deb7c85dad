// The NumPy/SciPy reference sampler (bench/numpy_sampler.py), driven as a user would run it:
// whole python3 processes, timed from the outside. Also its data: toy_data saved as CSV by save_data.
import { spawnSync } from 'node:child_process';
import { dirname, basename } from 'node:path';

export interface ReferenceRun {
  family: string;
  nfe: number;
  wall_s: number;
  median_nearest_data_dist: number;
  finite: boolean;
  /** Whole-process wall time measured here (python start-up and imports included). */
  process_s: number;
}

/** python3 without the OpenBLAS variables that slow current NumPy builds here (numpy_sampler.py's advice). */
function pythonEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
}

/** The versions of python3, NumPy and SciPy, or why they cannot be used. */
export function pythonStatus(): { ok: true; versions: string } | { ok: false; reason: string } {
  const r = spawnSync(
    'python3',
    ['-c', 'import sys, numpy, scipy; print(sys.version.split()[0], numpy.__version__, scipy.__version__)'],
    { env: pythonEnv(), encoding: 'utf8' },
  );
  if (r.error) return { ok: false, reason: `python3 not found (${r.error.message})` };
  if (r.status !== 0)
    return { ok: false, reason: `python3 cannot import numpy and scipy: ${r.stderr.trim().split('\n').pop()}` };
  const [py, np, sp] = r.stdout.trim().split(' ');
  return { ok: true, versions: `python ${py}, numpy ${np}, scipy ${sp}` };
}

/** Write the reference's toy_data(m, d, seed) to `path` (CSV, header x1..xd) with its own save_data. */
export function saveReferenceData(script: string, path: string, m: number, d: number, seed = 0): void {
  const code = `import sys; sys.path.insert(0, ${JSON.stringify(dirname(script))}); from ${basename(script, '.py')} import save_data; save_data(${JSON.stringify(path)}, ${m}, ${d}, ${seed})`;
  const r = spawnSync('python3', ['-c', code], { env: pythonEnv(), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`save_data failed: ${r.stderr}`);
}

/** One whole-process run of `numpy_sampler.py bench`. */
export function runReference(
  script: string,
  family: string,
  n: number,
  m: number,
  d: number,
  rtol: number,
): ReferenceRun {
  const args = [
    script,
    'bench',
    '--family',
    family,
    '--n',
    String(n),
    '--m',
    String(m),
    '--d',
    String(d),
    '--rtol',
    String(rtol),
  ];
  const started = performance.now();
  const r = spawnSync('python3', args, { env: pythonEnv(), encoding: 'utf8' });
  const process_s = (performance.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`numpy_sampler.py bench --family ${family} failed: ${r.stderr}`);
  return { ...(JSON.parse(r.stdout.trim().split('\n').pop()!) as Omit<ReferenceRun, 'process_s'>), process_s };
}

/** `numpy_sampler.py field`: the reference's marginal-velocity throughput in pairs/s. */
export function referenceFieldThroughput(script: string, family: string, n: number, m: number, d: number): number {
  const r = spawnSync(
    'python3',
    [script, 'field', '--family', family, '--n', String(n), '--m', String(m), '--d', String(d), '--reps', '5'],
    { env: pythonEnv(), encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`numpy_sampler.py field failed: ${r.stderr}`);
  return (JSON.parse(r.stdout.trim()) as { pairs_per_s: number }).pairs_per_s;
}

/**
 * The starting points and final samples of `numpy_sampler.py bench` (same family, n, m, d, rtol, seed), saved
 * as .npy: x0 built as bench() builds it, then bench()'s own solve_ivp call. Untimed: the timed reference run
 * stays the unmodified `bench` command; this is what bench() computes but does not save, so that odeforge can
 * start from the same x0 (--init) and both results can be held against one tight solution.
 */
export function saveReferenceStartsAndSamples(
  script: string,
  run: { family: string; n: number; m: number; d: number; rtol: number; seed?: number; D?: number },
  paths: { x0: string; samples: string },
): void {
  const { family, n, m, d, rtol, seed = 0, D = 1 } = run;
  // The lines from `fam = ...` to `sol = ...` are bench()'s, with its args spelled out.
  const code = `
import sys
import numpy as np
from scipy import integrate
sys.path.insert(0, ${JSON.stringify(dirname(script))})
from ${basename(script, '.py')} import Family, toy_data
fam = Family(${JSON.stringify(family)}, ${d}, ${D})
data = toy_data(${m}, ${d}, ${seed})
rng = np.random.default_rng(${seed} + 1)
x0 = fam.prior(${n}, rng)
np.save(${JSON.stringify(paths.x0)}, x0)
def f(t, y):
    return fam.velocity(t, y.reshape(${n}, ${d}), data).ravel()
sol = integrate.solve_ivp(f, (fam.T, fam.eps), x0.ravel(), rtol=${rtol}, atol=${rtol}, method='RK45')
np.save(${JSON.stringify(paths.samples)}, sol.y[:, -1].reshape(${n}, ${d}))
`;
  const r = spawnSync('python3', ['-c', code], { env: pythonEnv(), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`saving the reference's starting points and samples failed: ${r.stderr}`);
}
