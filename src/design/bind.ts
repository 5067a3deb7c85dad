// Binding a spec's symbols to numbers for compilation: parameters and the dimension d.
import type { DesignSpec } from '../spec/index.js';
import { compile, tidy, type MathNode } from '../symbolic/index.js';

export interface Binding {
  d: number;
  constants: Readonly<Record<string, number>>;
}

export function bindingFor(spec: DesignSpec, d: number): Binding {
  return { d, constants: { ...spec.parameters, d } };
}

export type Fn1 = (a: number) => number;
export type Fn2 = (a: number, b: number) => number;

/** Compile a tree of the given variables under the binding. */
export function compileIn(node: MathNode, variables: readonly string[], binding: Binding): (...a: number[]) => number {
  return compile(node, variables, binding.constants);
}

/** Simplify under the binding (kept only if numerically equal). */
export function tidyIn(node: MathNode, variables: readonly string[], binding: Binding): MathNode {
  return tidy(node, { variables, constants: binding.constants });
}
