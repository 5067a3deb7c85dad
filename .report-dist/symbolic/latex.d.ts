import type { MathNode } from './math.js';
/** LaTeX for one symbol name: greek letters, subscripts after `_`. */
export declare function symbolTex(name: string): string;
/** LaTeX of a tree. */
export declare function toLatex(node: MathNode): string;
