// Symbolic differentiation over the whitelisted expression tree. Our own rules, because mathjs's
// `derivative` throws on log1p, expm1, erf, sigmoid... (DEPENDENCIES.md); results are checked numerically.
import { OdeforgeError } from '../errors.js';
import { binary, call, constant, isConstant, math, negate, type MathNode } from './math.js';

type Args = { args: MathNode[] };
const one = (): MathNode => constant(1);

/** ∂ node / ∂ variable. Symbols other than `variable` are constants (parameters, d). */
export function differentiate(node: MathNode, variable: string): MathNode {
  return d(node, variable);
}

function d(node: MathNode, v: string): MathNode {
  if (!dependsOn(node, v)) return constant(0);
  switch (node.type) {
    case 'SymbolNode':
      return one();
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
      return dPow(a, b, v);
    default:
      throw new OdeforgeError(`cannot differentiate operator ${node.fn}`);
  }
}

function dPow(base: MathNode, exponent: MathNode, v: string): MathNode {
  if (!dependsOn(exponent, v)) {
    // (u^c)' = c u^(c−1) u'
    return mul(mul(exponent, pow(base, sub(exponent, one()))), d(base, v));
  }
  if (!dependsOn(base, v)) return mul(mul(pow(base, exponent), call('log', base)), d(exponent, v));
  // (u^w)' = u^w (w' log u + w u'/u)
  return mul(pow(base, exponent), add(mul(d(exponent, v), call('log', base)), div(mul(exponent, d(base, v)), base)));
}

/** f'(u) for each whitelisted function, as a tree in u (chain rule applied by the caller). */
const outer: Record<string, (u: MathNode, args: MathNode[]) => MathNode> = {
  exp: (u) => call('exp', u),
  log: (u) => div(one(), u),
  log1p: (u) => div(one(), add(one(), u)),
  expm1: (u) => call('exp', u),
  sqrt: (u) => div(one(), mul(constant(2), call('sqrt', u))),
  cbrt: (u) => div(one(), mul(constant(3), pow(call('cbrt', u), constant(2)))),
  abs: (u) => div(u, call('abs', u)),
  sin: (u) => call('cos', u),
  cos: (u) => negate(call('sin', u)),
  tan: (u) => pow(call('sec', u), constant(2)),
  sec: (u) => mul(call('sec', u), call('tan', u)),
  csc: (u) => negate(mul(call('csc', u), call('cot', u))),
  cot: (u) => negate(pow(call('csc', u), constant(2))),
  asin: (u) => div(one(), call('sqrt', sub(one(), pow(u, constant(2))))),
  acos: (u) => negate(div(one(), call('sqrt', sub(one(), pow(u, constant(2)))))),
  atan: (u) => div(one(), add(one(), pow(u, constant(2)))),
  sinh: (u) => call('cosh', u),
  cosh: (u) => call('sinh', u),
  tanh: (u) => pow(call('sech', u), constant(2)),
  sech: (u) => negate(mul(call('sech', u), call('tanh', u))),
  csch: (u) => negate(mul(call('csch', u), call('coth', u))),
  coth: (u) => negate(pow(call('csch', u), constant(2))),
  asinh: (u) => div(one(), call('sqrt', add(pow(u, constant(2)), one()))),
  acosh: (u) => div(one(), call('sqrt', sub(pow(u, constant(2)), one()))),
  atanh: (u) => div(one(), sub(one(), pow(u, constant(2)))),
  erf: (u) => mul(constant(2 / Math.sqrt(Math.PI)), call('exp', negate(pow(u, constant(2))))),
  erfc: (u) => mul(constant(-2 / Math.sqrt(Math.PI)), call('exp', negate(pow(u, constant(2))))),
  sigmoid: (u) => mul(call('sigmoid', u), sub(one(), call('sigmoid', u))),
  softplus: (u) => call('sigmoid', u),
  heaviside: () => constant(0),
  sign: () => constant(0),
  // the log-space helpers that logAbs introduces (their trees are differentiated for scores)
  logsech: (u) => negate(call('tanh', u)),
  logcosh: (u) => call('tanh', u),
  logsinh: (u) => call('coth', u),
  logtanh: (u) => mul(constant(2), call('csch', mul(constant(2), u))),
  log1mexp: (u) => div(one(), call('expm1', u)),
};

function dFunction(node: MathNode & Args & { fn: { name: string } }, v: string): MathNode {
  const name = node.fn.name;
  const args = node.args;
  if (name === 'log' && args.length === 2) return d(div(call('log', args[0]!), call('log', args[1]!)), v);
  if (name === 'pow') return dPow(args[0]!, args[1]!, v);
  if (name === 'min' || name === 'max') return dMinMax(name, args[0]!, args[1]!, v);
  if (name === 'logaddexp') return dLogAddExp(args[0]!, args[1]!, v);
  const rule = outer[name];
  if (rule === undefined) {
    throw new OdeforgeError(
      `cannot differentiate ${name}(…) with respect to ${v}`,
      {},
      `${name} may only be applied to expressions that do not depend on ${v}`,
    );
  }
  const u = args[0]!;
  return mul(rule(u, args), d(u, v));
}

function dMinMax(name: string, a: MathNode, b: MathNode, v: string): MathNode {
  const first = name === 'max' ? sub(a, b) : sub(b, a);
  return add(mul(call('heaviside', first), d(a, v)), mul(call('heaviside', negate(first)), d(b, v)));
}

/** ∂ log(e^a + e^b) = σ(a − b) a' + σ(b − a) b'. */
function dLogAddExp(a: MathNode, b: MathNode, v: string): MathNode {
  return add(mul(call('sigmoid', sub(a, b)), d(a, v)), mul(call('sigmoid', sub(b, a)), d(b, v)));
}

/** Whether `node` contains the symbol `v`. */
export function dependsOn(node: MathNode, v: string): boolean {
  let found = false;
  node.traverse((child) => {
    if (child.type === 'SymbolNode' && (child as unknown as { name: string }).name === v) found = true;
  });
  return found;
}

// Constructors with the trivial folds (0·x, 1·x, x+0, x^1) so derivative trees stay small.
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
