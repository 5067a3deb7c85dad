import type { MathNode } from 'mathjs';
export declare const math: import("mathjs").MathJsInstance;
export type { MathNode };
export declare function isConstant(node: MathNode): node is MathNode & {
    type: 'ConstantNode';
    value: number;
};
export declare function constant(value: number): MathNode;
export declare function symbol(name: string): MathNode;
export declare function call(fn: string, ...args: MathNode[]): MathNode;
type BinaryOp = '+' | '-' | '*' | '/' | '^';
export declare function binary(op: BinaryOp, a: MathNode, b: MathNode): MathNode;
export declare function negate(a: MathNode): MathNode;
/** Parse trusted, internally written text (never user input: that goes through safeParse). */
export declare function internal(text: string): MathNode;
