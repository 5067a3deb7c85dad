// Python source for an expression tree, for `export --to python|torch`: written against a namespace
// `xp` (numpy or torch) and the helpers the exported module defines. Generated from the tree only.
import { entryOf } from './functions.js';
import { isConstant, type MathNode } from './math.js';

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
  const entry = entryOf(name);
  const expanded = entry?.expand?.(node.args);
  if (expanded !== undefined) return toPython(expanded);
  if (entry === undefined) throw new Error(`internal: function ${name} has no Python form`);
  const args = node.args.map(toPython);
  const form = entry.python;
  if ('infix' in form) return `(${args.join(` ${form.infix} `)})`;
  if ('xp' in form) return `xp.${form.xp}(${args.join(', ')})`;
  return `_${form.helper}(${args.join(', ')})`;
}
