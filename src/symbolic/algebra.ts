// Tree constructors with the trivial folds (0·x, 1·x, x+0, x^1), so derived trees stay small. Shared by the
// differentiator, the function catalogue's rules and the log-space rewrites.
import { binary, constant, isConstant, math, negate, type MathNode } from './math.js';

type Args = { args: MathNode[] };

function value(node: MathNode): number | undefined {
  if (isConstant(node)) return node.value;
  if (node.type === 'OperatorNode' && (node as unknown as { fn: string }).fn === 'unaryMinus') {
    const inner = value((node as unknown as Args).args[0]!);
    return inner === undefined ? undefined : -inner;
  }
  return undefined;
}

export function add(a: MathNode, b: MathNode): MathNode {
  const va = value(a),
    vb = value(b);
  if (va !== undefined && vb !== undefined) return constant(va + vb);
  if (va === 0) return b;
  if (vb === 0) return a;
  return binary('+', a, b);
}

export function sub(a: MathNode, b: MathNode): MathNode {
  const va = value(a),
    vb = value(b);
  if (va !== undefined && vb !== undefined) return constant(va - vb);
  if (vb === 0) return a;
  if (va === 0) return mul(constant(-1), b);
  return binary('-', a, b);
}

export function mul(a: MathNode, b: MathNode): MathNode {
  const va = value(a),
    vb = value(b);
  if (va !== undefined && vb !== undefined) return constant(va * vb);
  if (va === 0 || vb === 0) return constant(0);
  if (va === 1) return b;
  if (vb === 1) return a;
  if (va === -1) return negated(b);
  if (vb === -1) return negated(a);
  return binary('*', a, b);
}

export function div(a: MathNode, b: MathNode): MathNode {
  const va = value(a),
    vb = value(b);
  if (va === 0) return constant(0);
  if (vb === 1) return a;
  if (va !== undefined && vb !== undefined && Number.isInteger(va / vb)) return constant(va / vb);
  return binary('/', a, b);
}

export function pow(a: MathNode, b: MathNode): MathNode {
  const vb = value(b);
  if (vb === 1) return a;
  if (vb === 0) return constant(1);
  return binary('^', a, b);
}

/** −x, with −(−y) folded to y. */
function negated(node: MathNode): MathNode {
  const inner = node.type === 'ParenthesisNode' ? (node as unknown as { content: MathNode }).content : node;
  if (inner.type === 'OperatorNode' && (inner as unknown as { fn: string }).fn === 'unaryMinus')
    return (inner as unknown as Args).args[0]!;
  return negate(wrap(node));
}

function wrap(node: MathNode): MathNode {
  return node.type === 'OperatorNode' ? new math.ParenthesisNode(node) : node;
}
