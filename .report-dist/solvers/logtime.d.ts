import type { OdeTerm } from './types.js';
/** The term in s = log t, for a term in t > 0. */
export declare class LogTimeTerm implements OdeTerm {
    private readonly inner;
    readonly dim: number;
    private t;
    constructor(inner: OdeTerm);
    evaluate(s: Float64Array, y: Float64Array, n: number, out: Float64Array): void;
}
