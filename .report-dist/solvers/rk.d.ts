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
export declare class ExplicitRk implements Stepper {
    private readonly tableau;
    readonly name: string;
    readonly order: number;
    readonly stages: number;
    private k;
    private yStage;
    private tStage;
    constructor(tableau: ButcherTableau);
    step(term: OdeTerm, t0: number, h: number, y: Float64Array, n: number): void;
    private ensure;
}
