import type { DesignSpec } from '../spec/index.js';
import { type MathNode } from '../symbolic/index.js';
export interface Binding {
    d: number;
    constants: Readonly<Record<string, number>>;
}
export declare function bindingFor(spec: DesignSpec, d: number): Binding;
export type Fn1 = (a: number) => number;
export type Fn2 = (a: number, b: number) => number;
/** Compile a tree of the given variables under the binding. */
export declare function compileIn(node: MathNode, variables: readonly string[], binding: Binding): (...a: number[]) => number;
/** Simplify under the binding (kept only if numerically equal). */
export declare function tidyIn(node: MathNode, variables: readonly string[], binding: Binding): MathNode;
