// Compiles a checked expression tree into a plain JS function for the hot loops. The source text is
// generated from the tree node by node (never from the user's string); unknown nodes are refused.
import { entryOf, functions } from './functions.js';
import { isConstant, type MathNode } from './math.js';
import { builtinConstants } from './whitelist.js';

/** Helpers the generated code may call, by name: the catalogue's numeric functions, and squaring. */
const helpers: Record<string, (...args: number[]) => number> = {
  square: (x) => x * x,
  ...Object.fromEntries(
    Object.entries(functions).flatMap(([name, entry]) => ('helper' in entry.js ? [[name, entry.js.helper]] : [])),
  ),
};

/**
 * What the field's row loops call instead, for speed: table-driven exponentials within a few ulp (weights
 * only need relative accuracy near 1e-15; displayed and checked quantities keep Math's).
 */
const fastHelpers: Record<string, (x: number) => number> = Object.fromEntries(
  Object.entries(functions).flatMap(([name, entry]) => (entry.fastJs ? [[name, entry.fastJs]] : [])),
);

/** x^n for an integer n by repeated squaring (within log2|n| + 1 roundings of the exact power). */
function powi(x: number, n: number): number {
  let result = 1;
  let square = x;
  for (let e = Math.abs(n); e > 0; e >>= 1) {
    if (e & 1) result *= square;
    square *= square;
  }
  return n < 0 ? 1 / result : result;
}

const rowHelpers: Record<string, (...args: number[]) => number> = {
  ...helpers,
  ...Object.fromEntries(Object.entries(fastHelpers).map(([name, f]) => [`fast_${name}`, f])),
  fast_powi: powi,
};

export type Compiled1 = (a: number) => number;
export type Compiled2 = (a: number, b: number) => number;

/**
 * Compile `node` into `(…variables) => number`.
 * @param constants numeric values bound into the code (parameters, d)
 */
export function compile(
  node: MathNode,
  variables: readonly string[],
  constants: Readonly<Record<string, number>>,
): (...args: number[]) => number {
  const used = new Set<string>();
  const body = emit(node, { variables: new Set(variables), constants, used });
  const prelude = [...used].map((name) => `const ${helperAlias(name)} = h.${name};`).join('\n');
  const source = `${prelude}\nreturn function compiled(${variables.join(', ')}) { return ${body}; };`;
  return new Function('h', source)(helpers) as (...args: number[]) => number;
}

/**
 * A radial kernel row for the field's hot loop: for c < count, r_c = √radius2[c] goes to root[c] (or back
 * into radius2 when root is radius2) and out[c] = node(t, r_c); returns max_c out[c] (−∞ when none is
 * larger). One generated loop, so the hot path pays no call per pair.
 */
export type RowKernel = (
  t: number,
  radius2: Float64Array,
  count: number,
  root: Float64Array,
  out: Float64Array,
) => number;

/** Compile `node` over (t, r) into a RowKernel loop. */
export function compileRowKernel(node: MathNode, constants: Readonly<Record<string, number>>): RowKernel {
  const used = new Set<string>();
  const body = emit(node, { variables: new Set(['t', 'r']), constants, used, fast: true });
  const prelude = [...used].map((name) => `const ${helperAlias(name)} = h.${name};`).join('\n');
  const source = `${prelude}
return function rowKernel(t, radius2, count, root, out) {
  let max = -Infinity;
  for (let c = 0; c < count; c++) {
    const r = Math.sqrt(radius2[c]);
    root[c] = r;
    const v = ${body};
    out[c] = v;
    if (v > max) max = v;
  }
  return max;
};`;
  return new Function('h', source)(rowHelpers) as RowKernel;
}

/** The generated JS text, for inspection and tests. */
export function emitSource(
  node: MathNode,
  variables: readonly string[],
  constants: Readonly<Record<string, number>>,
): string {
  return emit(node, { variables: new Set(variables), constants, used: new Set() });
}

interface EmitContext {
  variables: ReadonlySet<string>;
  constants: Readonly<Record<string, number>>;
  used: Set<string>;
  /** Call fastHelpers where they exist (row loops). */
  fast?: boolean;
}

function emit(node: MathNode, ctx: EmitContext): string {
  switch (node.type) {
    case 'ConstantNode':
      return emitNumber(node);
    case 'SymbolNode':
      return emitSymbol((node as unknown as { name: string }).name, ctx);
    case 'ParenthesisNode':
      return emit((node as unknown as { content: MathNode }).content, ctx);
    case 'OperatorNode':
      return emitOperator(node as unknown as { fn: string; args: MathNode[] }, ctx);
    case 'FunctionNode':
      return emitCall(node as unknown as { fn: { name: string }; args: MathNode[] }, ctx);
    default:
      throw new Error(`internal: cannot compile a ${node.type}`);
  }
}

function emitNumber(node: MathNode): string {
  if (!isConstant(node)) throw new Error(`internal: non-numeric constant ${node.toString()}`);
  const value = node.value;
  return value < 0 ? `(${numberLiteral(value)})` : numberLiteral(value);
}

function numberLiteral(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '(-Infinity)';
  return String(value);
}

function emitSymbol(name: string, ctx: EmitContext): string {
  if (ctx.variables.has(name)) return name;
  const value = Object.hasOwn(ctx.constants, name)
    ? ctx.constants[name]
    : Object.hasOwn(builtinConstants, name)
      ? builtinConstants[name]
      : undefined;
  if (value === undefined) throw new Error(`internal: unbound symbol ${name}`);
  return `(${numberLiteral(value)})`;
}

function emitOperator(node: { fn: string; args: MathNode[] }, ctx: EmitContext): string {
  const args = node.args.map((arg) => emit(arg, ctx));
  const [a, b] = args as [string, string];
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
      return emitPow(node.args[1]!, a, b, ctx);
    default:
      throw new Error(`internal: operator ${node.fn}`);
  }
}

function emitPow(exponent: MathNode, base: string, power: string, ctx: EmitContext): string {
  const n = isConstant(exponent) ? exponent.value : undefined;
  if (n === 2) {
    if (/^[\w.]+$/.test(base)) return `(${base} * ${base})`;
    // a compound base is evaluated once (V8 does not merge two calls of the same function)
    ctx.used.add('square');
    return `${helperAlias('square')}(${base})`;
  }
  if (n === 0.5) return `Math.sqrt(${base})`;
  if (base === `(${Math.E})`) return `Math.exp(${power})`;
  // r^{d−1} and friends in the row loops: a few multiplications instead of Math.pow (~10× slower)
  if (ctx.fast && n !== undefined && Number.isInteger(n) && Math.abs(n) <= 64) {
    ctx.used.add('fast_powi');
    return `${helperAlias('fast_powi')}(${base}, ${n})`;
  }
  if (n === -1) return `(1 / ${base})`;
  return `Math.pow(${base}, ${power})`;
}

function emitCall(node: { fn: { name: string }; args: MathNode[] }, ctx: EmitContext): string {
  const name = node.fn.name;
  const entry = entryOf(name);
  const expanded = entry?.expand?.(node.args);
  if (expanded !== undefined) return emit(expanded, ctx);
  const args = node.args.map((arg) => emit(arg, ctx)).join(', ');
  if (ctx.fast && Object.hasOwn(fastHelpers, name)) {
    ctx.used.add(`fast_${name}`);
    return `${helperAlias(`fast_${name}`)}(${args})`;
  }
  if (entry === undefined) throw new Error(`internal: function ${name} cannot be compiled`);
  if ('math' in entry.js) return `Math.${entry.js.math}(${args})`;
  ctx.used.add(name);
  return `${helperAlias(name)}(${args})`;
}

function helperAlias(name: string): string {
  return `h_${name}`;
}
