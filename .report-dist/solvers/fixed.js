/**
 * Integrate rows 0..n−1 of y (in place) along `grid` (grid[0] → grid[last]).
 * A non-finite state stops the solve with a failure naming the first such row.
 */
export function solveFixed(term, stepper, grid, y, n, options = {}) {
    const d = term.dim;
    const steps = grid.length - 1;
    const toTime = options.toTime ?? ((tau) => tau);
    record(options, 0, y, n, d);
    for (let i = 0; i < steps; i++) {
        stepper.step(term, grid[i], grid[i + 1] - grid[i], y, n);
        for (let j = 0; j < n * d; j++) {
            if (!Number.isFinite(y[j])) {
                const row = Math.floor(j / d);
                const from = toTime(grid[i]);
                const to = toTime(grid[i + 1]);
                return {
                    stats: { nfe: (i + 1) * stepper.stages * n, steps: (i + 1) * n, rejected: 0 },
                    failure: { row, t: to, reason: `the state became non-finite in the step from t = ${from} to t = ${to}` },
                };
            }
        }
        record(options, i + 1, y, n, d);
        options.onProgress?.((i + 1) / steps);
    }
    return { stats: { nfe: steps * stepper.stages * n, steps: steps * n, rejected: 0 } };
}
function record(options, k, y, n, d) {
    const rec = options.record;
    if (!rec)
        return;
    const offset = ((k * rec.rows) + (options.recordOffset ?? 0)) * d;
    rec.states.set(y.subarray(0, n * d), offset);
}
