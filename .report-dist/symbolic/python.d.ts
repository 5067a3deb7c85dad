import { type MathNode } from './math.js';
/** The tree as a Python expression over `xp` and the module's helpers. */
export declare function toPython(node: MathNode): string;
