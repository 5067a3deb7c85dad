// The tree a derived quantity is typeset from: a copy of the evaluated tree, rewritten for reading only.
// Derivatives and log-space rewrites build chains like a/b/c/d, which mathjs prints as fractions nested four
// deep; here every chain of products and quotients becomes one fraction (a/b/c → a/(bc), (a/b)/(c/d) → ad/(bc),
// a/(b/c) → ac/b), and |c| of a provably positive c (the log-space rewrite's ln|π|) loses its bars. Each step is
// an identity of real numbers, so the printed formula is the evaluated one (test/symbolic/display.test.ts).
import { binary, isConstant, math, negate, type MathNode } from './math.js';
import { POSITIVE, ZERO, signs } from './sign.js';

type Op = { fn: string; args: MathNode[] };
type Fn = { fn: { name: string }; args: MathNode[] };

/** A product of factors over a product of factors, with an overall sign. */
interface Fraction {
  negative: boolean;
  numerator: MathNode[];
  denominator: MathNode[];
}

/**
 * Where a negative fraction's sign goes: before it in LaTeX (−\frac{a}{b}); on its numerator in text, where
 * mathjs would otherwise write −(a / b) with brackets the tree never had.
 */
export type DisplayStyle = 'latex' | 'text';

/** The display form of a tree: fractions flattened, needless absolute values dropped. The input is not changed. */
export function displayForm(node: MathNode, style: DisplayStyle = 'latex'): MathNode {
  return rebuild(node, style);
}

function rebuild(node: MathNode, style: DisplayStyle): MathNode {
  const inner = unwrap(node);
  if (inner.type === 'OperatorNode') {
    const { fn, args } = inner as unknown as Op;
    if (fn === 'multiply' || fn === 'divide' || fn === 'unaryMinus')
      return fractionNode(fractionOf(inner, style), style);
    const op = (inner as unknown as { op: '+' }).op;
    return new math.OperatorNode(
      op,
      fn as 'add',
      args.map((a) => rebuild(a, style)),
    );
  }
  if (inner.type === 'FunctionNode') return functionNode(inner as unknown as Fn, style);
  return inner.cloneDeep();
}

function unwrap(node: MathNode): MathNode {
  let inner = node;
  while (inner.type === 'ParenthesisNode') inner = (inner as unknown as { content: MathNode }).content;
  return inner;
}

/** abs of an argument ≥ 0 wherever t, r, ρ > 0 is the argument itself. */
function functionNode(node: Fn, style: DisplayStyle): MathNode {
  const args = node.args.map((a) => rebuild(a, style));
  if (node.fn.name === 'abs' && args.length === 1 && (signs(args[0]!, {}) & ~(POSITIVE | ZERO)) === 0) return args[0]!;
  return new math.FunctionNode(new math.SymbolNode(node.fn.name), args);
}

/** The factors of a chain of *, / and unary minus; anything else is one factor, rebuilt on its own. */
function fractionOf(node: MathNode, style: DisplayStyle): Fraction {
  const inner = unwrap(node);
  const { fn, args } = inner as unknown as Op;
  if (inner.type !== 'OperatorNode' || !['unaryMinus', 'multiply', 'divide'].includes(fn))
    return { negative: false, numerator: [rebuild(inner, style)], denominator: [] };
  if (fn === 'unaryMinus') {
    const f = fractionOf(args[0]!, style);
    return { ...f, negative: !f.negative };
  }
  const a = fractionOf(args[0]!, style);
  const b = fractionOf(args[1]!, style);
  const [bUp, bDown] = fn === 'multiply' ? [b.numerator, b.denominator] : [b.denominator, b.numerator];
  return {
    negative: a.negative !== b.negative,
    numerator: [...a.numerator, ...bUp],
    denominator: [...a.denominator, ...bDown],
  };
}

function fractionNode(fraction: Fraction, style: DisplayStyle): MathNode {
  const f = withIntegerCoefficients(fraction);
  const numerator = product(f.numerator.filter((n) => !isOne(n))) ?? new math.ConstantNode(1);
  const denominator = product(f.denominator.filter((n) => !isOne(n)));
  if (denominator === undefined) return f.negative ? negate(numerator) : numerator;
  if (style === 'text') return binary('/', f.negative ? negate(numerator) : numerator, denominator);
  const value = overNumber(numerator, denominator) ?? binary('/', numerator, denominator);
  return f.negative ? negate(value) : value;
}

/**
 * LaTeX of x/q, q a number, where x has fractions of its own: \frac{1}{q} x in front rather than x stacked over q,
 * so that the fractions do not nest one level deeper.
 */
function overNumber(numerator: MathNode, denominator: MathNode): MathNode | undefined {
  if (!isConstant(denominator) || !containsDivision(numerator)) return undefined;
  return binary('*', binary('/', new math.ConstantNode(1), denominator), numerator);
}

function containsDivision(node: MathNode): boolean {
  let found = false;
  node.traverse((child) => {
    if (child.type === 'OperatorNode' && (child as unknown as Op).fn === 'divide') found = true;
  });
  return found;
}

/**
 * The numbers of a fraction gathered in front of its numerator or denominator as one integer where that is exact:
 * 0.5·π·t → π t / 2 (0.5 is exactly 1/2), 2·x/4 → x/2. Other numbers stay where they are.
 */
function withIntegerCoefficients(f: Fraction): Fraction {
  const isNumber = (n: MathNode): boolean => isConstant(n);
  const valueOf = (factors: MathNode[]): number =>
    factors.filter(isNumber).reduce((p, n) => p * (n as MathNode & { value: number }).value, 1);
  const up = valueOf(f.numerator);
  const down = valueOf(f.denominator);
  const ratio = Math.abs(up / down);
  const integer = (x: number): boolean => Number.isInteger(x) && x <= maxPrintedInteger;
  let coefficient: [number, number] | undefined;
  if (integer(ratio)) coefficient = [ratio, 1];
  else if (integer(1 / ratio) && 1 / (1 / ratio) === ratio) coefficient = [1, 1 / ratio];
  if (!coefficient || !Number.isFinite(ratio) || ratio === 0) return f;
  // π right after the number: 2 π t², as papers write it
  const isPi = (n: MathNode): boolean => n.type === 'SymbolNode' && (n as unknown as { name: string }).name === 'pi';
  const symbolic = (factors: MathNode[]): MathNode[] => [
    ...factors.filter(isPi),
    ...factors.filter((n) => !isNumber(n) && !isPi(n)),
  ];
  const withNumber = (value: number, factors: MathNode[]): MathNode[] =>
    value === 1 ? factors : [new math.ConstantNode(value), ...factors];
  return {
    negative: f.negative !== up / down < 0,
    numerator: withNumber(coefficient[0], symbolic(f.numerator)),
    denominator: withNumber(coefficient[1], symbolic(f.denominator)),
  };
}

/** Integers printed as such in a coefficient; beyond this a decimal reads better. */
const maxPrintedInteger = 1e6;

function product(factors: MathNode[]): MathNode | undefined {
  return factors.length === 0 ? undefined : factors.reduce((a, b) => binary('*', a, b));
}

function isOne(node: MathNode): boolean {
  return isConstant(node) && node.value === 1;
}
