import { type MathNode } from './math.js';
export type Compiled1 = (a: number) => number;
export type Compiled2 = (a: number, b: number) => number;
/**
 * Compile `node` into `(…variables) => number`.
 * @param constants numeric values bound into the code (parameters, d)
 */
export declare function compile(node: MathNode, variables: readonly string[], constants: Readonly<Record<string, number>>): (...args: number[]) => number;
/** The generated JS text, for inspection and tests. */
export declare function emitSource(node: MathNode, variables: readonly string[], constants: Readonly<Record<string, number>>): string;
