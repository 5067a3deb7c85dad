import { type MathNode } from './math.js';
/** ∂ node / ∂ variable. Symbols other than `variable` are constants (parameters, d). */
export declare function differentiate(node: MathNode, variable: string): MathNode;
/** Whether `node` contains the symbol `v`. */
export declare function dependsOn(node: MathNode, v: string): boolean;
export declare function add(a: MathNode, b: MathNode): MathNode;
export declare function sub(a: MathNode, b: MathNode): MathNode;
export declare function mul(a: MathNode, b: MathNode): MathNode;
export declare function div(a: MathNode, b: MathNode): MathNode;
export declare function pow(a: MathNode, b: MathNode): MathNode;
