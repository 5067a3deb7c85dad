import fc from 'fast-check';
import type { PropertyName, PropertyResult } from './types.js';
/** One evaluated case: its residual and the concrete point it was evaluated at (plain JSON values). */
export interface Evaluation {
    residual: number;
    at: Record<string, unknown>;
}
export interface PropertyCheck<T> {
    name: PropertyName;
    measure: string;
    tolerance: number;
    arbitrary: fc.Arbitrary<T>;
    evaluate(value: T): Evaluation;
    /** Random cases, counting `examples`. */
    runs: number;
    seed: number;
    /** Cases run first (for instance every piece of [ε, T]). */
    examples?: readonly T[];
    /** Evaluations allowed for shrinking after the first failure (0: report the first failing case as is). */
    shrinkBudget: number;
}
/** Evaluate `check` over its cases; a case fails when its residual is not ≤ tolerance (NaN fails). */
export declare function runProperty<T>(check: PropertyCheck<T>): PropertyResult;
/** Whether residual a is worse than b: larger, or NaN (a NaN, once seen, is never replaced). */
export declare function isWorse(a: number, b: number): boolean;
/** Typed arrays and nested records as plain JSON values. */
export declare function plain(value: unknown): unknown;
