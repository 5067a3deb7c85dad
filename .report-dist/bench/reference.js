// The NumPy/SciPy reference sampler (shared/reference/numpy_sampler.py), driven as a user would run it:
// whole python3 processes, timed from the outside. Also its data: toy_data saved as CSV by save_data.
import { spawnSync } from 'node:child_process';
import { dirname, basename } from 'node:path';
/** python3 without the OpenBLAS variables that slow current NumPy builds here (numpy_sampler.py's advice). */
function pythonEnv() {
    const env = { ...process.env };
    delete env.OPENBLAS_CORETYPE;
    delete env.OPENBLAS_L2_SIZE;
    return env;
}
/** The versions of python3, NumPy and SciPy, or why they cannot be used. */
export function pythonStatus() {
    const r = spawnSync('python3', ['-c', 'import sys, numpy, scipy; print(sys.version.split()[0], numpy.__version__, scipy.__version__)'], { env: pythonEnv(), encoding: 'utf8' });
    if (r.error)
        return { ok: false, reason: `python3 not found (${r.error.message})` };
    if (r.status !== 0)
        return { ok: false, reason: `python3 cannot import numpy and scipy: ${r.stderr.trim().split('\n').pop()}` };
    const [py, np, sp] = r.stdout.trim().split(' ');
    return { ok: true, versions: `python ${py}, numpy ${np}, scipy ${sp}` };
}
/** Write the reference's toy_data(m, d, seed) to `path` (CSV, header x1..xd) with its own save_data. */
export function saveReferenceData(script, path, m, d, seed = 0) {
    const code = `import sys; sys.path.insert(0, ${JSON.stringify(dirname(script))}); from ${basename(script, '.py')} import save_data; save_data(${JSON.stringify(path)}, ${m}, ${d}, ${seed})`;
    const r = spawnSync('python3', ['-c', code], { env: pythonEnv(), encoding: 'utf8' });
    if (r.status !== 0)
        throw new Error(`save_data failed: ${r.stderr}`);
}
/** One whole-process run of `numpy_sampler.py bench`. */
export function runReference(script, family, n, m, d, rtol) {
    const args = [script, 'bench', '--family', family, '--n', String(n), '--m', String(m), '--d', String(d), '--rtol', String(rtol)];
    const started = performance.now();
    const r = spawnSync('python3', args, { env: pythonEnv(), encoding: 'utf8' });
    const process_s = (performance.now() - started) / 1000;
    if (r.status !== 0)
        throw new Error(`numpy_sampler.py bench --family ${family} failed: ${r.stderr}`);
    return { ...JSON.parse(r.stdout.trim().split('\n').pop()), process_s };
}
/** `numpy_sampler.py field`: the reference's marginal-velocity throughput in pairs/s. */
export function referenceFieldThroughput(script, family, n, m, d) {
    const r = spawnSync('python3', [script, 'field', '--family', family, '--n', String(n), '--m', String(m), '--d', String(d), '--reps', '5'], { env: pythonEnv(), encoding: 'utf8' });
    if (r.status !== 0)
        throw new Error(`numpy_sampler.py field failed: ${r.stderr}`);
    return JSON.parse(r.stdout.trim()).pairs_per_s;
}
