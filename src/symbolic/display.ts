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

function fractionNode(f: Fraction, style: DisplayStyle): MathNode {
  const numerator = product(f.numerator.filter((n) => !isOne(n))) ?? new math.ConstantNode(1);
  const denominator = product(f.denominator.filter((n) => !isOne(n)));
  if (denominator === undefined) return f.negative ? negate(numerator) : numerator;
  if (style === 'text') return binary('/', f.negative ? negate(numerator) : numerator, denominator);
  const value = binary('/', numerator, denominator);
  return f.negative ? negate(value) : value;
}

function product(factors: MathNode[]): MathNode | undefined {
  return factors.length === 0 ? undefined : factors.reduce((a, b) => binary('*', a, b));
}

function isOne(node: MathNode): boolean {
  return isConstant(node) && node.value === 1;
}
