export function plainField(kernel, velocity, score, data, d) {
    const m = data.length / d;
    const rows = Array.from({ length: m }, (_, i) => data.subarray(i * d, (i + 1) * d));
    const weighted = (fn) => (t, x) => {
        const logs = rows.map((row) => kernel.logDensity(t, x, row));
        const top = Math.max(...logs);
        const weights = logs.map((l) => Math.exp(l - top));
        const total = weights.reduce((a, b) => a + b, 0);
        const out = new Float64Array(d);
        rows.forEach((row, i) => {
            const w = weights[i] / total;
            if (w === 0)
                return;
            const v = fn(t, x, row);
            for (let j = 0; j < d; j++)
                out[j] += w * v[j];
        });
        return out;
    };
    return { velocity: weighted(velocity), score: weighted(score) };
}
