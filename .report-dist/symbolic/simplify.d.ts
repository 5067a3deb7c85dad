import { type MathNode } from './math.js';
/** The symbol ranges used to check a simplification (positive, away from singular points). */
export interface CheckDomain {
    variables: readonly string[];
    constants: Readonly<Record<string, number>>;
}
/** mathjs simplify, kept only if it agrees numerically with `node` at sample points. */
export declare function tidy(node: MathNode, domain: CheckDomain): MathNode;
