// Rewrites log|f| as a tree that never takes the log of an underflowed number: products become sums,
// exp(u) becomes u, sech/cosh/sinh/tanh get their log-space forms. Log-densities are built from this.
import { add, mul, sub } from './algebra.js';
import { NEGATIVE, entryOf } from './functions.js';
import { call, constant, isConstant, type MathNode } from './math.js';

type Op = { fn: string; args: MathNode[] };
const positiveVariables = new Set(['t', 'r', 'rho']);
type Fn = { fn: { name: string }; args: MathNode[] };

/** A tree for log|node|. */
export function logAbs(node: MathNode): MathNode {
  if (isConstant(node)) return constant(Math.log(Math.abs(node.value)));
  if (node.type === 'SymbolNode') {
    const name = (node as unknown as { name: string }).name;
    if (name === 'e') return constant(1);
    // t, r and ρ are positive on every domain odeforge evaluates
    if (positiveVariables.has(name)) return call('log', node);
  }
  switch (node.type) {
    case 'ParenthesisNode':
      return logAbs((node as unknown as { content: MathNode }).content);
    case 'OperatorNode':
      return logOperator(node as unknown as Op) ?? plainLog(node);
    case 'FunctionNode':
      return logFunction(node as unknown as Fn) ?? plainLog(node);
    default:
      return plainLog(node);
  }
}

function plainLog(node: MathNode): MathNode {
  return call('log', call('abs', node));
}

function logOperator(node: Op): MathNode | undefined {
  const [a, b] = node.args as [MathNode, MathNode];
  switch (node.fn) {
    case 'unaryMinus':
    case 'unaryPlus':
      return logAbs(a);
    case 'multiply':
      return add(logAbs(a), logAbs(b));
    case 'divide':
      return sub(logAbs(a), logAbs(b));
    case 'pow':
      return mul(b, logAbs(a));
    case 'add':
    case 'subtract':
      return logSum(node.fn, a, b);
    default:
      return undefined;
  }
}

/**
 * log(1 + x) → log1p(x); log(1 − e^{−u}) → log1mexp(u); a sum of terms of one known sign →
 * logaddexp of their logs (so a sum of underflowing terms keeps its log); otherwise no rewrite.
 */
function logSum(fn: string, a: MathNode, b: MathNode): MathNode | undefined {
  const va = isConstant(a) ? a.value : undefined;
  if (va === 1 && fn === 'add') return call('log1p', b);
  if (va === 1 && fn === 'subtract') {
    const exponent = expArgument(b);
    if (exponent !== undefined) return call('log1mexp', mul(constant(-1), exponent));
    return call('log1p', mul(constant(-1), b));
  }
  const sa = knownSign(a),
    sb = knownSign(b);
  if (sa !== undefined && sb !== undefined && sa * (fn === 'add' ? sb : -sb) > 0)
    return call('logaddexp', logAbs(a), logAbs(b));
  return undefined;
}

function expArgument(node: MathNode): MathNode | undefined {
  if (node.type === 'FunctionNode' && (node as unknown as Fn).fn.name === 'exp') return (node as unknown as Fn).args[0];
  if (node.type === 'OperatorNode' && (node as unknown as Op).fn === 'pow') {
    const [base, exponent] = (node as unknown as Op).args as [MathNode, MathNode];
    if (base.type === 'SymbolNode' && (base as unknown as { name: string }).name === 'e') return exponent;
  }
  return undefined;
}

/** The catalogue's log-space form of the call (exp(u) → u, sech → logsech…), if it has one. */
function logFunction(node: Fn): MathNode | undefined {
  return entryOf(node.fn.name)?.logAbs?.(node.args[0]!, logAbs);
}

/** A tree for sign(node) that stays right when node underflows: signs of factors multiply. */
export function signOf(node: MathNode): MathNode {
  if (isConstant(node)) return constant(Math.sign(node.value));
  if (node.type === 'SymbolNode' && positiveVariables.has((node as unknown as { name: string }).name))
    return constant(1);
  if (node.type === 'ParenthesisNode') return signOf((node as unknown as { content: MathNode }).content);
  if (node.type === 'OperatorNode') {
    const { fn, args } = node as unknown as Op;
    if (fn === 'unaryMinus') return mul(constant(-1), signOf(args[0]!));
    if (fn === 'unaryPlus') return signOf(args[0]!);
    if (fn === 'multiply' || fn === 'divide') return mul(signOf(args[0]!), signOf(args[1]!));
    if (fn === 'pow' && isConstant(args[1]!) && args[1].value % 2 === 0) return constant(1);
  }
  if (node.type === 'FunctionNode' && neverNegative((node as unknown as Fn).fn.name)) return constant(1);
  return call('sign', node);
}

/** +1 or −1 when signOf can tell without evaluating, else undefined. */
function knownSign(node: MathNode): number | undefined {
  const sign = signOf(node);
  return isConstant(sign) && sign.value !== 0 ? sign.value : undefined;
}

/**
 * Whether f(u) is ≥ 0 wherever it is a number, by the catalogue's sign table: its sign is then +1 for every
 * use here (where f(u) = 0 the log-magnitude is −∞ and the sign is not needed; NaN stays NaN).
 */
function neverNegative(name: string): boolean {
  const table = entryOf(name)?.signs;
  return table !== undefined && table.every((signs) => (signs & NEGATIVE) === 0);
}
