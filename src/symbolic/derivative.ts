// Symbolic differentiation over the whitelisted expression tree: the operators here, each function's rule in
// the catalogue (functions.ts). Our own rules, because mathjs's `derivative` throws on log1p, expm1, erf,
// sigmoid...; results are checked numerically (symbolic-agreement in verify, and the tests).
import { OdeforgeError } from '../errors.js';
import { limits } from '../limits.js';
import { add, div, mul, pow, sub } from './algebra.js';
import { entryOf, functions, type Calculus } from './functions.js';
import { constant, type MathNode } from './math.js';

// the tree constructors' former home: callers that import them from here keep working
export { add, div, mul, pow, sub };

type Args = { args: MathNode[] };

/**
 * ∂node/∂variable. Symbols other than `variable` are constants (parameters, d).
 * @throws OdeforgeError (without a position: the caller knows the expression) when the derivative grows past
 *   limits.derivedNodes
 */
export function differentiate(node: MathNode, variable: string): MathNode {
  const derivative = d(node, variable);
  const size = nodeCount(derivative, limits.derivedNodes);
  if (size > limits.derivedNodes) {
    throw new OdeforgeError(
      `its derivative in ${variable} grows past ${limits.derivedNodes} nodes (the rules of differentiation copy nested subexpressions)`,
      {},
      'nest the expression less',
    );
  }
  return derivative;
}

/** Nodes of a tree, counted up to just past `cap`. */
function nodeCount(node: MathNode, cap: number): number {
  let count = 0;
  const stack = [node];
  while (stack.length > 0 && count <= cap) {
    const next = stack.pop()!;
    count++;
    next.forEach((child) => stack.push(child));
  }
  return count;
}

function d(node: MathNode, v: string): MathNode {
  if (!dependsOn(node, v)) return constant(0);
  switch (node.type) {
    case 'SymbolNode':
      return constant(1);
    case 'ParenthesisNode':
      return d((node as unknown as { content: MathNode }).content, v);
    case 'OperatorNode':
      return dOperator(node as MathNode & Args & { fn: string }, v);
    case 'FunctionNode':
      return dFunction(node as MathNode & Args & { fn: { name: string } }, v);
    default:
      throw new OdeforgeError(`cannot differentiate ${node.toString()}`);
  }
}

function dOperator(node: MathNode & Args & { fn: string }, v: string): MathNode {
  const [a, b] = node.args as [MathNode, MathNode];
  switch (node.fn) {
    case 'unaryPlus':
      return d(a, v);
    case 'unaryMinus':
      return mul(constant(-1), d(a, v));
    case 'add':
      return add(d(a, v), d(b, v));
    case 'subtract':
      return sub(d(a, v), d(b, v));
    case 'multiply':
      return add(mul(d(a, v), b), mul(a, d(b, v)));
    case 'divide':
      return div(sub(mul(d(a, v), b), mul(a, d(b, v))), pow(b, constant(2)));
    case 'pow':
      // u^w, the same rule as pow(u, w)
      return functions.pow!.derivative!([a, b], calculus(v));
    default:
      throw new OdeforgeError(`cannot differentiate operator ${node.fn}`);
  }
}

/** The differentiator as the catalogue's rules see it: derivatives in v, and whether a tree depends on v. */
function calculus(v: string): Calculus {
  return { d: (node) => d(node, v), varies: (node) => dependsOn(node, v) };
}

function dFunction(node: MathNode & Args & { fn: { name: string } }, v: string): MathNode {
  const name = node.fn.name;
  const entry = entryOf(name);
  const expanded = entry?.expand?.(node.args);
  if (expanded !== undefined) return d(expanded, v);
  if (entry?.derivative === undefined) {
    throw new OdeforgeError(
      `cannot differentiate ${name}(…) with respect to ${v}`,
      {},
      `${name} may only be applied to expressions that do not depend on ${v}`,
    );
  }
  return entry.derivative(node.args, calculus(v));
}

/** Whether `node` contains the symbol `v`. */
export function dependsOn(node: MathNode, v: string): boolean {
  let found = false;
  node.traverse((child) => {
    if (child.type === 'SymbolNode' && (child as unknown as { name: string }).name === v) found = true;
  });
  return found;
}
