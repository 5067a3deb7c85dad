import type { Kernel, MarginalField } from './types.js';
type PairFunction = (t: number, x: ArrayLike<number>, x0: ArrayLike<number>) => Float64Array;
export declare function plainField(kernel: Kernel, velocity: PairFunction, score: PairFunction, data: Float64Array, d: number): MarginalField;
export {};
