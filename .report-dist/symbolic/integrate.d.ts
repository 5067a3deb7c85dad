import { type MathNode } from './math.js';
/** Points at which a symbolic result is compared with an independent numeric value. */
export interface CheckPoints {
    variables: readonly string[];
    constants: Readonly<Record<string, number>>;
    /** Argument tuples (one value per variable), inside the domain where the integrand is smooth. */
    points: readonly (readonly number[])[];
}
/** An antiderivative of `node` in `variable`, checked by differentiation; undefined if none is trusted. */
export declare function antiderivative(node: MathNode, variable: string, check: CheckPoints): MathNode | undefined;
/** ∫_{lower}^{variable} node, as F(variable) − F(lower), checked; undefined if not trusted. */
export declare function definiteFrom(node: MathNode, variable: string, lower: number, check: CheckPoints): MathNode | undefined;
/** Whether two trees agree to 1e-8 relative at every check point (both finite). */
export declare function agreesAt(a: MathNode, b: MathNode, check: CheckPoints): boolean;
