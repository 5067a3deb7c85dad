/** The term in s = log t, for a term in t > 0. */
export class LogTimeTerm {
    inner;
    dim;
    t = new Float64Array(0);
    constructor(inner) {
        this.inner = inner;
        this.dim = inner.dim;
    }
    evaluate(s, y, n, out) {
        if (this.t.length < n)
            this.t = new Float64Array(n);
        const t = this.t;
        for (let i = 0; i < n; i++)
            t[i] = Math.exp(s[i]);
        this.inner.evaluate(t, y, n, out);
        const d = this.dim;
        for (let i = 0; i < n; i++) {
            const ti = t[i];
            for (let k = i * d; k < (i + 1) * d; k++)
                out[k] = out[k] * ti;
        }
    }
}
