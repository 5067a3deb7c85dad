// Symbolic integration by nerdamer, never trusted unchecked: an antiderivative is accepted only if its
// derivative (ours, symbolic) matches the integrand numerically at sample points. Callers fall back to
// quadrature when this returns undefined. Measured: nerdamer's definite integrals of the Gaussian (d = 3) and
// PFGM (d = 2) radial densities come out wrong, sub-VP's stays unevaluated, and it replaces constants by
// rationals (e ≈ 325368125/119696244), so nothing it returns is used before that check.
import { createRequire } from 'node:module';
import { compile } from './compile.js';
import { differentiate } from './derivative.js';
import { math, type MathNode } from './math.js';
import { safeParse } from './parse.js';
import { freeSymbols, substitute } from './transform.js';

interface Nerdamer {
  integrate(expression: string, variable: string): { toString(): string };
  set(setting: string, value: boolean): void;
  (expression: string): { toString(): string; evaluate(): { toString(): string } };
}

const require = createRequire(import.meta.url);
let nerdamer: Nerdamer | undefined;
function engine(): Nerdamer {
  if (nerdamer === undefined) {
    nerdamer = require('nerdamer-prime/all') as Nerdamer;
    // nerdamer prints "Unable to compute integral!" on stdout by default; failures are ours to report
    nerdamer.set('SILENCE_WARNINGS', true);
  }
  return nerdamer;
}

/** nerdamer's text for an internally built command (simplify, factor, integrate...); undefined if it fails. */
export function nerdamerText(command: string): string | undefined {
  try {
    const text = engine()(command).toString();
    return /integrate|Infinity|\bi\b/.test(text) ? undefined : text;
  } catch {
    return undefined;
  }
}

/** Points at which a symbolic result is compared with an independent numeric value. */
export interface CheckPoints {
  variables: readonly string[];
  constants: Readonly<Record<string, number>>;
  /** Argument tuples (one value per variable), inside the domain where the integrand is smooth. */
  points: readonly (readonly number[])[];
}

/** An antiderivative of `node` in `variable`, checked by differentiation; undefined if none is trusted. */
export function antiderivative(node: MathNode, variable: string, check: CheckPoints): MathNode | undefined {
  let text: string;
  try {
    text = engine().integrate(node.toString(), variable).toString();
  } catch {
    return undefined;
  }
  if (/integrate|Infinity|\bi\b/.test(text)) return undefined;
  let result: MathNode;
  try {
    result = safeParse({ text }, freeSymbols(node).add(variable));
  } catch {
    return undefined;
  }
  return agreesAt(differentiate(result, variable), node, check) ? result : undefined;
}

/** ∫_{lower}^{variable} node, as F(variable) − F(lower), checked; undefined if not trusted. */
export function definiteFrom(
  node: MathNode,
  variable: string,
  lower: number,
  check: CheckPoints,
): MathNode | undefined {
  const F = antiderivative(node, variable, check);
  if (F === undefined) return undefined;
  const atLowerNode = substitute(F, { [variable]: new math.ConstantNode(lower) });
  const atLower = compile(atLowerNode, check.variables, check.constants);
  if (!check.points.every((p) => Number.isFinite(atLower(...p)))) return undefined;
  return new math.OperatorNode('-', 'subtract', [F, new math.ParenthesisNode(atLowerNode)]);
}

/** Whether two trees agree to 1e-8 relative at every check point (both finite). */
export function agreesAt(a: MathNode, b: MathNode, check: CheckPoints): boolean {
  let fa: (...x: number[]) => number, fb: (...x: number[]) => number;
  try {
    fa = compile(a, check.variables, check.constants);
    fb = compile(b, check.variables, check.constants);
  } catch {
    return false;
  }
  return check.points.every((p) => {
    const va = fa(...p),
      vb = fb(...p);
    return (
      Number.isFinite(va) &&
      Number.isFinite(vb) &&
      Math.abs(va - vb) <= 1e-8 * Math.max(1e-300, Math.abs(vb), Math.abs(va))
    );
  });
}
