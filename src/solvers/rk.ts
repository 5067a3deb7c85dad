// Fixed-step explicit Runge–Kutta: one step of any Butcher tableau over a whole batch at a shared time.
import type { ButcherTableau } from './tableaux.js';
import type { OdeTerm } from './types.js';

export interface Stepper {
  readonly name: string;
  readonly order: number;
  /** Field evaluations per step. */
  readonly stages: number;
  /** Advance rows 0..n−1 of y from t0 to t0 + h in place (all rows share t0 and h). */
  step(term: OdeTerm, t0: number, h: number, y: Float64Array, n: number): void;
}

/** A stepper for a tableau; owns its stage buffers (grown on demand), so one instance per thread. */
export class ExplicitRk implements Stepper {
  readonly name: string;
  readonly order: number;
  readonly stages: number;
  private k: Float64Array[] = [];
  private yStage = new Float64Array(0);
  private tStage = new Float64Array(0);

  constructor(private readonly tableau: ButcherTableau) {
    this.name = tableau.name;
    this.order = tableau.order;
    this.stages = tableau.b.length;
  }

  step(term: OdeTerm, t0: number, h: number, y: Float64Array, n: number): void {
    const size = n * term.dim;
    this.ensure(n, size);
    const { a, b, c } = this.tableau;
    const { k, yStage, tStage } = this;
    for (let s = 0; s < this.stages; s++) {
      const ks = k[s]!;
      const as = a[s]!;
      tStage.fill(t0 + c[s]! * h, 0, n);
      if (s === 0) {
        term.evaluate(tStage, y, n, ks);
        continue;
      }
      for (let i = 0; i < size; i++) {
        let acc = 0;
        for (let j = 0; j < s; j++) acc += as[j]! * k[j]![i]!;
        yStage[i] = y[i]! + h * acc;
      }
      term.evaluate(tStage, yStage, n, ks);
    }
    for (let i = 0; i < size; i++) {
      let acc = 0;
      for (let j = 0; j < this.stages; j++) acc += b[j]! * k[j]![i]!;
      y[i] = y[i]! + h * acc;
    }
  }

  private ensure(n: number, size: number): void {
    if (this.yStage.length >= size && this.tStage.length >= n) return;
    this.k = Array.from({ length: this.stages }, () => new Float64Array(size));
    this.yStage = new Float64Array(size);
    this.tStage = new Float64Array(n);
  }
}
