/** A stepper for a tableau; owns its stage buffers (grown on demand), so one instance per thread. */
export class ExplicitRk {
    tableau;
    name;
    order;
    stages;
    k = [];
    yStage = new Float64Array(0);
    tStage = new Float64Array(0);
    constructor(tableau) {
        this.tableau = tableau;
        this.name = tableau.name;
        this.order = tableau.order;
        this.stages = tableau.b.length;
    }
    step(term, t0, h, y, n) {
        const size = n * term.dim;
        this.ensure(n, size);
        const { a, b, c } = this.tableau;
        const { k, yStage, tStage } = this;
        for (let s = 0; s < this.stages; s++) {
            const ks = k[s];
            const as = a[s];
            tStage.fill(t0 + c[s] * h, 0, n);
            if (s === 0) {
                term.evaluate(tStage, y, n, ks);
                continue;
            }
            for (let i = 0; i < size; i++) {
                let acc = 0;
                for (let j = 0; j < s; j++)
                    acc += as[j] * k[j][i];
                yStage[i] = y[i] + h * acc;
            }
            term.evaluate(tStage, yStage, n, ks);
        }
        for (let i = 0; i < size; i++) {
            let acc = 0;
            for (let j = 0; j < this.stages; j++)
                acc += b[j] * k[j][i];
            y[i] = y[i] + h * acc;
        }
    }
    ensure(n, size) {
        if (this.yStage.length >= size && this.tStage.length >= n)
            return;
        this.k = Array.from({ length: this.stages }, () => new Float64Array(size));
        this.yStage = new Float64Array(size);
        this.tStage = new Float64Array(n);
    }
}
