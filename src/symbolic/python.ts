// Python source for an expression tree, for `export --to python|torch`: written against a namespace
// `xp` (numpy or torch) and the helpers the exported module defines. Generated from the tree only.
import { isConstant, type MathNode } from './math.js';

/** Functions that exist under the same name in numpy and torch. */
const direct = new Set([
  'exp',
  'log',
  'log1p',
  'expm1',
  'sqrt',
  'abs',
  'sin',
  'cos',
  'tan',
  'sinh',
  'cosh',
  'tanh',
  'sign',
]);
const renamed: Record<string, string> = {
  asin: 'arcsin',
  acos: 'arccos',
  atan: 'arctan',
  asinh: 'arcsinh',
  acosh: 'arccosh',
  atanh: 'arctanh',
};
/** Functions the exported module defines itself (prefixed with an underscore). */
const helpers = new Set([
  'sech',
  'csch',
  'coth',
  'sec',
  'csc',
  'cot',
  'cbrt',
  'erf',
  'erfc',
  'gamma',
  'lgamma',
  'sigmoid',
  'softplus',
  'heaviside',
  'logsech',
  'logcosh',
  'logsinh',
  'logtanh',
  'log1mexp',
  'logaddexp',
  'min',
  'max',
]);

/** The tree as a Python expression over `xp` and the module's helpers. */
export function toPython(node: MathNode): string {
  switch (node.type) {
    case 'ConstantNode':
      if (!isConstant(node)) throw new Error(`internal: non-numeric constant ${node.toString()}`);
      return pythonNumber(node.value);
    case 'SymbolNode': {
      const name = (node as unknown as { name: string }).name;
      return name === 'pi' ? 'xp.pi' : name === 'e' ? 'xp.e' : name;
    }
    case 'ParenthesisNode':
      return toPython((node as unknown as { content: MathNode }).content);
    case 'OperatorNode':
      return operator(node as unknown as { fn: string; args: MathNode[] });
    case 'FunctionNode':
      return functionCall(node as unknown as { fn: { name: string }; args: MathNode[] });
    default:
      throw new Error(`internal: cannot emit Python for a ${node.type}`);
  }
}

function pythonNumber(value: number): string {
  if (Number.isNaN(value)) return 'float("nan")';
  if (!Number.isFinite(value)) return value > 0 ? 'float("inf")' : '(-float("inf"))';
  const text = String(value);
  return value < 0 ? `(${text})` : text;
}

function operator(node: { fn: string; args: MathNode[] }): string {
  const [a, b] = node.args.map(toPython) as [string, string];
  switch (node.fn) {
    case 'unaryMinus':
      return `(-${a})`;
    case 'unaryPlus':
      return a;
    case 'add':
      return `(${a} + ${b})`;
    case 'subtract':
      return `(${a} - ${b})`;
    case 'multiply':
      return `(${a} * ${b})`;
    case 'divide':
      return `(${a} / ${b})`;
    case 'pow':
      return `(${a} ** ${b})`;
    default:
      throw new Error(`internal: operator ${node.fn}`);
  }
}

function functionCall(node: { fn: { name: string }; args: MathNode[] }): string {
  const name = node.fn.name;
  const args = node.args.map(toPython);
  if (name === 'log' && args.length === 2) return `(xp.log(${args[0]}) / xp.log(${args[1]}))`;
  if (name === 'pow') return `(${args[0]} ** ${args[1]})`;
  if (direct.has(name)) return `xp.${name}(${args.join(', ')})`;
  if (renamed[name]) return `_${renamed[name]}(${args.join(', ')})`;
  if (helpers.has(name)) return `_${name}(${args.join(', ')})`;
  throw new Error(`internal: function ${name} has no Python form`);
}
