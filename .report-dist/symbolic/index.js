// The symbolic layer's public face: the only way the rest of odeforge touches mathjs and nerdamer.
import { toLatex } from './latex.js';
import { toPython } from './python.js';
export { safeParse } from './parse.js';
export { differentiate, dependsOn, add, sub, mul, div, pow } from './derivative.js';
export { logAbs, signOf } from './logspace.js';
export { compile, emitSource } from './compile.js';
export { tidy } from './simplify.js';
export { toLatex, symbolTex } from './latex.js';
export { antiderivative, definiteFrom, agreesAt } from './integrate.js';
export { substitute, freeSymbols } from './transform.js';
export { toPython } from './python.js';
export { call, constant, symbol, internal } from './math.js';
/** A derived quantity: plain text, LaTeX and Python (numpy/torch) of the same tree. */
export function describeNode(node) {
    return { expr: node.toString(), latex: toLatex(node), python: toPython(node) };
}
