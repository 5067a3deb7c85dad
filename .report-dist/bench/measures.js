// What the bench reports about a set of samples: distance to the nearest data point (the exact empirical
// sampler lands on the data, at distance ~ε), its median with a bootstrap standard error, non-finite counts.
import { createRng } from '../numeric/rng.js';
/** For each sample, the distance to its nearest data point (first `dim` coordinates, brute force). */
export function nearestDataDistances(samples, data, dim) {
    const n = samples.length / dim;
    const m = data.length / dim;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
        let best = Infinity;
        for (let j = 0; j < m; j++) {
            let q = 0;
            for (let k = 0; k < dim; k++)
                q += (samples[i * dim + k] - data[j * dim + k]) ** 2;
            if (q < best)
                best = q;
        }
        out[i] = Math.sqrt(best);
    }
    return out;
}
export function median(values) {
    const sorted = Float64Array.from(values).sort();
    const n = sorted.length;
    return n % 2 ? sorted[(n - 1) / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
}
/** Bootstrap standard error of the median (seeded). */
export function medianStandardError(values, resamples = 200, seed = 1) {
    const rng = createRng(seed);
    const n = values.length;
    const medians = new Float64Array(resamples);
    const draw = new Float64Array(n);
    for (let b = 0; b < resamples; b++) {
        for (let i = 0; i < n; i++)
            draw[i] = values[Math.floor(rng.uniform() * n)];
        medians[b] = median(draw);
    }
    let mean = 0;
    for (const v of medians)
        mean += v / resamples;
    let s2 = 0;
    for (const v of medians)
        s2 += (v - mean) ** 2 / (resamples - 1);
    return Math.sqrt(s2);
}
export function countNonFinite(values) {
    let c = 0;
    for (const v of values)
        if (!Number.isFinite(v))
            c++;
    return c;
}
/** Largest Euclidean distance between matching rows of a and b (first `rows` rows). */
export function maxRowError(a, b, dim, rows) {
    const errors = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
        let q = 0;
        for (let k = 0; k < dim; k++)
            q += (a[i * dim + k] - b[i * dim + k]) ** 2;
        errors[i] = Math.sqrt(q);
    }
    return { max: errors.reduce((x, y) => Math.max(x, y), 0), median: median(errors) };
}
