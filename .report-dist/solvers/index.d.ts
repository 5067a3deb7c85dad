import { type GridName } from './grids.js';
import { type Stepper } from './rk.js';
import type { OdeTerm, ProgressCallback, SolveResult } from './types.js';
export { integralController, type StepController } from './controller.js';
export { solveDopri5, type AdaptiveOptions } from './dopri5.js';
export { solveFixed, type FixedOptions } from './fixed.js';
export { edmGrid, gridNames, logGrid, timeGrid, uniformGrid, type GridName } from './grids.js';
export { LogTimeTerm } from './logtime.js';
export { solveOdex, type OdexOptions } from './odex.js';
export { ExplicitRk, type Stepper } from './rk.js';
export { DOPRI5, EULER, HEUN, RK4, type ButcherTableau } from './tableaux.js';
export type { OdeTerm, ProgressCallback, Recording, SolveFailure, SolveResult, SolveStats } from './types.js';
export type SolverName = 'euler' | 'heun' | 'rk4' | 'dopri5' | 'odex';
export declare const solverNames: readonly SolverName[];
/** How to integrate: a fixed-step stepper on a grid (in t), or an adaptive integrator with tolerances. */
export type Method = {
    kind: 'fixed';
    stepper: Stepper;
    grid: Float64Array;
} | {
    kind: 'adaptive';
    integrator: 'dopri5' | 'odex';
    rtol: number;
    atol: number;
    maxSteps?: number;
    /** Integrate in t or in s = log t (needs t > 0 on the interval). */
    timeVariable: 't' | 'log';
};
export interface MethodOptions {
    solver: SolverName;
    T: number;
    epsilon: number;
    rtol?: number;
    atol?: number;
    steps?: number;
    grid?: GridName;
    timeVariable?: 't' | 'log';
    maxSteps?: number;
}
/**
 * The method a solver name stands for, with defaults (dopri5/odex: rtol = atol = 1e-5, in log t;
 * euler/heun/rk4: 100 steps on a log grid).
 * @throws OdeforgeError for an unknown solver or grid, or bad tolerances or steps
 */
export declare function methodFor(options: MethodOptions): Method;
export interface SolveOptions {
    t0: number;
    t1: number;
    /** Keep states at these times (in t, ordered from t0 to t1); fixed methods keep their grid instead. */
    record?: {
        times: Float64Array;
        states: Float64Array;
        rows: number;
        offset?: number;
    };
    onProgress?: ProgressCallback;
}
/** The times a method records at: the grid for fixed methods, else `requested`. */
export declare function recordTimes(method: Method, requested: Float64Array): Float64Array;
/** Integrate rows 0..n−1 of y in place from t0 to t1 (fixed methods: along their grid). */
export declare function solve(term: OdeTerm, method: Method, y: Float64Array, n: number, options: SolveOptions): SolveResult;
