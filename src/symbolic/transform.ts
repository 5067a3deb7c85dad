// Tree transforms: substitution of symbols by trees (definitions, variable changes) and listing the
// free symbols of a tree. Trees are never mutated: every transform returns a new tree.
import { add, div, mul, sub } from './algebra.js';
import { dependsOn } from './derivative.js';
import { constant, type MathNode } from './math.js';

/** Replace each symbol named in `bindings` by (a copy of) its tree. */
export function substitute(node: MathNode, bindings: Readonly<Record<string, MathNode>>): MathNode {
  return node.transform((child) => {
    if (child.type !== 'SymbolNode') return child;
    const name = (child as unknown as { name: string }).name;
    const replacement = Object.hasOwn(bindings, name) ? bindings[name] : undefined;
    return replacement === undefined ? child : replacement.cloneDeep();
  });
}

/** Names of the symbols a tree uses (function names excluded). */
export function freeSymbols(node: MathNode): Set<string> {
  const names = new Set<string>();
  node.traverse((child, path) => {
    if (child.type === 'SymbolNode' && path !== 'fn') names.add((child as unknown as { name: string }).name);
  });
  return names;
}

/**
 * The tree without the additive terms that do not contain `variable`: f(v, w) + g(w) → f(v, w). Sums,
 * differences, negations and parentheses are opened; a term is kept whole otherwise.
 */
export function termsWith(node: MathNode, variable: string): MathNode {
  if (!dependsOn(node, variable)) return constant(0);
  if (node.type === 'ParenthesisNode') return termsWith((node as unknown as { content: MathNode }).content, variable);
  if (node.type !== 'OperatorNode') return node;
  const { fn, args } = node as unknown as { fn: string; args: MathNode[] };
  if (fn === 'add') return add(termsWith(args[0]!, variable), termsWith(args[1]!, variable));
  if (fn === 'subtract') return sub(termsWith(args[0]!, variable), termsWith(args[1]!, variable));
  if (fn === 'unaryMinus') return mul(constant(-1), termsWith(args[0]!, variable));
  return node;
}

/**
 * The tree without the multiplicative factors that do not contain `variable`, and without its sign:
 * c(w)·f(v, w)/g(w) → f(v, w). Products, quotients, negations and parentheses are opened.
 */
export function factorsWith(node: MathNode, variable: string): MathNode {
  if (!dependsOn(node, variable)) return constant(1);
  if (node.type === 'ParenthesisNode') return factorsWith((node as unknown as { content: MathNode }).content, variable);
  if (node.type !== 'OperatorNode') return node;
  const { fn, args } = node as unknown as { fn: string; args: MathNode[] };
  if (fn === 'multiply') return mul(factorsWith(args[0]!, variable), factorsWith(args[1]!, variable));
  if (fn === 'divide') return div(factorsWith(args[0]!, variable), factorsWith(args[1]!, variable));
  if (fn === 'unaryMinus' || fn === 'unaryPlus') return factorsWith(args[0]!, variable);
  return node;
}
