import { type MathNode } from './math.js';
/** A tree for log|node|. */
export declare function logAbs(node: MathNode): MathNode;
/** A tree for sign(node) that stays right when node underflows: signs of factors multiply. */
export declare function signOf(node: MathNode): MathNode;
