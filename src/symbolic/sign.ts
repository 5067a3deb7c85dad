// Sign analysis of a tree over the positive variables t, r, ρ: which signs a value can take anywhere on
// the domain. Conservative (an answer may include signs that never occur, never omit one), so a tree
// found ≤ 0 is ≤ 0 at every point: the field relies on that to skip far data of decreasing kernels.
import {
  ANY_SIGN as ANY,
  NEGATIVE,
  POSITIVE,
  UNDEFINED,
  ZERO,
  entryOf,
  signsOfCall,
  type SignSet,
} from './functions.js';
import { isConstant, type MathNode } from './math.js';

export { NEGATIVE, POSITIVE, ZERO, type SignSet };

const positiveVariables = new Set(['t', 'r', 'rho']);

type Op = { fn: string; args: MathNode[] };
type Fn = { fn: { name: string }; args: MathNode[] };

function signOfNumber(v: number): SignSet {
  if (Number.isNaN(v)) return ANY;
  return v < 0 ? NEGATIVE : v > 0 ? POSITIVE : ZERO;
}

/**
 * The signs `node` can take when t, r, ρ > 0 and the named constants have the given values.
 * @example signs(parse('-2 tanh(r/t)/t - 1/r'), {}) === NEGATIVE
 */
export function signs(node: MathNode, constants: Readonly<Record<string, number>>): SignSet {
  if (isConstant(node)) return signOfNumber(node.value);
  switch (node.type) {
    case 'SymbolNode': {
      const name = (node as unknown as { name: string }).name;
      if (positiveVariables.has(name)) return POSITIVE;
      return Object.hasOwn(constants, name)
        ? signOfNumber(constants[name]!)
        : name === 'pi' || name === 'e'
          ? POSITIVE
          : ANY;
    }
    case 'ParenthesisNode':
      return signs((node as unknown as { content: MathNode }).content, constants);
    case 'OperatorNode':
      return operatorSigns(node as unknown as Op, constants);
    case 'FunctionNode':
      return functionSigns(node as unknown as Fn, constants);
    default:
      return ANY;
  }
}

function operatorSigns(node: Op, constants: Readonly<Record<string, number>>): SignSet {
  const [a, b] = node.args.map((arg) => signs(arg, constants)) as [SignSet, SignSet];
  switch (node.fn) {
    case 'unaryMinus':
      return negated(a);
    case 'unaryPlus':
      return a;
    case 'add':
      return sum(a, b);
    case 'subtract':
      return sum(a, negated(b));
    case 'multiply':
      return product(a, b);
    case 'divide':
      return b & ZERO ? ANY : product(a, b);
    case 'pow':
      return powerSigns(a, node.args[1]!);
    default:
      return ANY;
  }
}

/** From the catalogue's sign table; a NaN or a pole may compare either way, so it counts as any sign. */
function functionSigns(node: Fn, constants: Readonly<Record<string, number>>): SignSet {
  const table = entryOf(node.fn.name)?.signs;
  if (table === undefined || node.args.length !== 1) return ANY;
  const result = signsOfCall(table, signs(node.args[0]!, constants));
  return result & UNDEFINED ? ANY : result;
}

function powerSigns(base: SignSet, exponent: MathNode): SignSet {
  if (base === POSITIVE) return POSITIVE;
  if (isConstant(exponent) && Number.isInteger(exponent.value)) {
    if (exponent.value === 0) return POSITIVE;
    if (exponent.value % 2 === 0) return base & ZERO ? POSITIVE | ZERO : POSITIVE;
    return exponent.value > 0 || !(base & ZERO) ? base : ANY;
  }
  return ANY;
}

function negated(s: SignSet): SignSet {
  return (s & ZERO) | (s & NEGATIVE ? POSITIVE : 0) | (s & POSITIVE ? NEGATIVE : 0);
}

function sum(a: SignSet, b: SignSet): SignSet {
  let s = (a | b) & (NEGATIVE | POSITIVE);
  if ((a & ZERO && b & ZERO) || (a & NEGATIVE && b & POSITIVE) || (a & POSITIVE && b & NEGATIVE)) s |= ZERO;
  return s;
}

function product(a: SignSet, b: SignSet): SignSet {
  let s = a & ZERO || b & ZERO ? ZERO : 0;
  if ((a & POSITIVE && b & POSITIVE) || (a & NEGATIVE && b & NEGATIVE)) s |= POSITIVE;
  if ((a & POSITIVE && b & NEGATIVE) || (a & NEGATIVE && b & POSITIVE)) s |= NEGATIVE;
  return s;
}

/** Whether `node` is ≤ 0 wherever t, r, ρ > 0. */
export function provablyNonPositive(node: MathNode, constants: Readonly<Record<string, number>>): boolean {
  return (signs(node, constants) & POSITIVE) === 0;
}
