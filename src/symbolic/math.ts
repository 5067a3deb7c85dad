// The one mathjs instance of odeforge. Only files in symbolic/ may import it.
// The number-only build: half the start-up time of full mathjs (no complex, bignumber, matrix or unit
// factories, which odeforge never uses); log(−1) and sqrt(−4) are NaN, as in the generated JS.
import { create, all } from 'mathjs/number';
import type { MathNode } from 'mathjs';

export const math = create(all!, { predictable: true });
export type { MathNode };

export function isConstant(node: MathNode): node is MathNode & { type: 'ConstantNode'; value: number } {
  return node.type === 'ConstantNode' && typeof (node as unknown as { value: unknown }).value === 'number';
}

export function constant(value: number): MathNode {
  if (value < 0) return new math.OperatorNode('-', 'unaryMinus', [new math.ConstantNode(-value)]);
  return new math.ConstantNode(value);
}

export function symbol(name: string): MathNode {
  return new math.SymbolNode(name);
}

export function call(fn: string, ...args: MathNode[]): MathNode {
  return new math.FunctionNode(new math.SymbolNode(fn), args);
}

type BinaryOp = '+' | '-' | '*' | '/' | '^';
const opNames: Record<BinaryOp, string> = { '+': 'add', '-': 'subtract', '*': 'multiply', '/': 'divide', '^': 'pow' };

export function binary(op: BinaryOp, a: MathNode, b: MathNode): MathNode {
  return new math.OperatorNode(op as '+', opNames[op] as 'add', [a, b]);
}

export function negate(a: MathNode): MathNode {
  return new math.OperatorNode('-', 'unaryMinus', [a]);
}

/** Parse trusted, internally written text (never user input: that goes through safeParse). */
export function internal(text: string): MathNode {
  return math.parse(text);
}
