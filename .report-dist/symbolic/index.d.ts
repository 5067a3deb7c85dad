import type { MathNode } from './math.js';
export { safeParse, type ExpressionSource } from './parse.js';
export { differentiate, dependsOn, add, sub, mul, div, pow } from './derivative.js';
export { logAbs, signOf } from './logspace.js';
export { compile, emitSource } from './compile.js';
export { tidy, type CheckDomain } from './simplify.js';
export { toLatex, symbolTex } from './latex.js';
export { antiderivative, definiteFrom, agreesAt, type CheckPoints } from './integrate.js';
export { substitute, freeSymbols } from './transform.js';
export { toPython } from './python.js';
export { call, constant, symbol, internal, type MathNode } from './math.js';
/** A derived quantity: plain text, LaTeX and Python (numpy/torch) of the same tree. */
export declare function describeNode(node: MathNode): {
    expr: string;
    latex: string;
    python: string;
};
