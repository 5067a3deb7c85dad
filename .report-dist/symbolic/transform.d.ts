import type { MathNode } from './math.js';
/** Replace each symbol named in `bindings` by (a copy of) its tree. */
export declare function substitute(node: MathNode, bindings: Readonly<Record<string, MathNode>>): MathNode;
/** Names of the symbols a tree uses (function names excluded). */
export declare function freeSymbols(node: MathNode): Set<string>;
