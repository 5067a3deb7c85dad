// Tree transforms: substitution of symbols by trees (definitions, variable changes) and listing the
// free symbols of a tree. Trees are never mutated: every transform returns a new tree.
import type { MathNode } from './math.js';

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
