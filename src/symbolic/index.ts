// The symbolic layer's public face: the only way the rest of odeforge touches mathjs and nerdamer.
import { displayForm } from './display.js';
import { toLatex } from './latex.js';
import type { MathNode } from './math.js';
import { toPython } from './python.js';

export { safeParse, type ExpressionSource } from './parse.js';
export { differentiate, dependsOn } from './derivative.js';
export { add, sub, mul, div, pow } from './algebra.js';
export { logAbs, signOf } from './logspace.js';
export { compile, compileRowKernel, emitSource, type RowKernel } from './compile.js';
export { provablyNonPositive, signs } from './sign.js';
export { tidy, type CheckDomain } from './simplify.js';
export { collectLogs, exactLogAbs } from './canonical.js';
export { toLatex, symbolTex } from './latex.js';
export { antiderivative, definiteFrom, agreesAt, type CheckPoints } from './integrate.js';
export { alphaForm, driftlessSigma, vpTypeSigma, type StableForm } from './variance.js';
export { substitute, freeSymbols, termsWith, factorsWith } from './transform.js';
export { toPython } from './python.js';
export { functions, pythonHelperNames, type FunctionEntry } from './functions.js';
export { gcd, halfIntegerGamma, logSphereAreaTree, sphereAreaTree } from './constants.js';
export { call, constant, symbol, internal, type MathNode } from './math.js';

/** A derived quantity: plain text and LaTeX of its display form (the same function), Python of the tree itself. */
export function describeNode(node: MathNode): { expr: string; latex: string; python: string } {
  return { expr: displayForm(node, 'text').toString(), latex: toLatex(node), python: toPython(node) };
}
