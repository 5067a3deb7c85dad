// The catalogue of functions an expression tree may call: one row per function with everything each part of
// the symbolic layer needs to know about it. The whitelist, the JS compiler, the differentiator, the sign
// analysis, the log-space rewrites and the LaTeX and Python printers all read this table, so a function is
// added (or corrected) in one place.
import * as elementary from '../numeric/elementary.js';
import { expFast, sechFast } from '../numeric/expneg.js';
import * as special from '../numeric/special.js';
import { add, div, mul, pow, sub } from './algebra.js';
import { binary, call, constant, negate, type MathNode } from './math.js';

/** A set of possible signs of a value, as bits. */
export type SignSet = number;
export const NEGATIVE = 1;
export const ZERO = 2;
export const POSITIVE = 4;
/** No finite value of either sign: NaN outside the domain, or a pole (csch 0, Γ at −n). */
export const UNDEFINED = 8;
export const ANY_SIGN = NEGATIVE | ZERO | POSITIVE;

/** The signs f(u) takes for u < 0, u = 0 and u > 0 (a single-argument function). */
export type SignTable = readonly [onNegative: SignSet, onZero: SignSet, onPositive: SignSet];

/** How the differentiator sees the arguments: their derivatives, and whether they vary at all. */
export interface Calculus {
  d(node: MathNode): MathNode;
  varies(node: MathNode): boolean;
}

/**
 * Python text, the same for NumPy and Torch: the exported module binds `xp` to either and defines each
 * helper `_name` in its backend's prelude (src/export/python.ts).
 */
export type PythonForm = { xp: string } | { helper: string } | { infix: string };

export interface FunctionEntry {
  /** The argument counts it takes. */
  arity: readonly number[];
  /** Introduced by the layer's own rewrites (log space, signs), never spec syntax. */
  internal?: true;
  /** Compiled JS: a method of Math, or a numeric function the generated code calls. */
  js: { math: string } | { helper: (...args: number[]) => number };
  /** A faster version within a few ulp, for the field's row loops. */
  fastJs?: (x: number) => number;
  python: PythonForm;
  /** LaTeX operator name; mathjs's own rendering when absent. */
  latex?: string;
  /** The same call as a tree of other calls, for printers and rules that have no form of their own for it. */
  expand?: (args: readonly MathNode[]) => MathNode | undefined;
  /** ∂f(args)/∂v from the argument trees; absent when it cannot be differentiated where its argument varies. */
  derivative?: (args: readonly MathNode[], calculus: Calculus) => MathNode;
  /** Signs by the argument's sign; absent when it may take any sign. */
  signs?: SignTable;
  /** Weakly monotone on its whole domain. */
  monotone?: 'increasing' | 'decreasing';
  /** log|f(u)| as a tree that never takes the log of an underflowed value; `logAbs` rewrites a subtree. */
  logAbs?: (u: MathNode, logAbs: (node: MathNode) => MathNode) => MathNode;
}

const N = NEGATIVE,
  Z = ZERO,
  P = POSITIVE,
  U = UNDEFINED;
const positive: SignTable = [P, P, P];
const oddIncreasing: SignTable = [N, Z, P];
/** Odd with a pole at 0 (csch, coth). */
const oddWithPole: SignTable = [N, U, P];

const one = (): MathNode => constant(1);
const square = (u: MathNode): MathNode => pow(u, constant(2));
const minus = (node: MathNode): MathNode => mul(constant(-1), node);

/** The chain rule for f(u): f'(u) · u'. */
function chain(outer: (u: MathNode) => MathNode): FunctionEntry['derivative'] {
  return ([u], { d }) => mul(outer(u!), d(u!));
}

/** (u^w)' with the short forms when only the base or only the exponent varies. */
function powerRule([base, exponent]: readonly MathNode[], { d, varies }: Calculus): MathNode {
  const [u, w] = [base!, exponent!];
  // (u^c)' = c u^(c−1) u'
  if (!varies(w)) return mul(mul(w, pow(u, sub(w, one()))), d(u));
  if (!varies(u)) return mul(mul(pow(u, w), call('log', u)), d(w));
  // (u^w)' = u^w (w' log u + w u'/u)
  return mul(pow(u, w), add(mul(d(w), call('log', u)), div(mul(w, d(u)), u)));
}

/** max: ∂ = Θ(a − b) a' + Θ(b − a) b'; min the other way round. */
function extremumRule(larger: boolean): FunctionEntry['derivative'] {
  return ([a, b], { d }) => {
    const first = larger ? sub(a!, b!) : sub(b!, a!);
    return add(mul(call('heaviside', first), d(a!)), mul(call('heaviside', negate(first)), d(b!)));
  };
}

/** ∂ log(e^a + e^b) = σ(a − b) a' + σ(b − a) b'. */
const logAddExpRule: FunctionEntry['derivative'] = ([a, b], { d }) =>
  add(mul(call('sigmoid', sub(a!, b!)), d(a!)), mul(call('sigmoid', sub(b!, a!)), d(b!)));

/** log(u, b) = log u / log b. */
const logBase = (args: readonly MathNode[]): MathNode | undefined =>
  args.length === 2 ? binary('/', call('log', args[0]!), call('log', args[1]!)) : undefined;

const gaussian = (scale: number) => (u: MathNode) => mul(constant(scale), call('exp', negate(square(u))));

export const functions: Readonly<Record<string, FunctionEntry>> = {
  exp: {
    arity: [1],
    js: { math: 'exp' },
    fastJs: expFast,
    python: { xp: 'exp' },
    derivative: chain((u) => call('exp', u)),
    signs: positive,
    monotone: 'increasing',
    logAbs: (u) => u,
  },
  log: {
    arity: [1, 2],
    js: { math: 'log' },
    python: { xp: 'log' },
    expand: logBase,
    derivative: chain((u) => div(one(), u)),
    signs: [U, N, ANY_SIGN],
    monotone: 'increasing',
  },
  log1p: {
    arity: [1],
    js: { math: 'log1p' },
    python: { xp: 'log1p' },
    latex: '\\operatorname{log1p}',
    derivative: chain((u) => div(one(), add(one(), u))),
    // NaN below −1
    signs: [N | U, Z, P],
    monotone: 'increasing',
  },
  expm1: {
    arity: [1],
    js: { math: 'expm1' },
    python: { xp: 'expm1' },
    latex: '\\operatorname{expm1}',
    derivative: chain((u) => call('exp', u)),
    signs: oddIncreasing,
    monotone: 'increasing',
  },
  sqrt: {
    arity: [1],
    js: { math: 'sqrt' },
    python: { xp: 'sqrt' },
    derivative: chain((u) => div(one(), mul(constant(2), call('sqrt', u)))),
    signs: [U, Z, P],
    monotone: 'increasing',
    logAbs: (u, logAbs) => div(logAbs(u), constant(2)),
  },
  cbrt: {
    arity: [1],
    js: { math: 'cbrt' },
    python: { helper: 'cbrt' },
    derivative: chain((u) => div(one(), mul(constant(3), square(call('cbrt', u))))),
    signs: oddIncreasing,
    monotone: 'increasing',
  },
  abs: {
    arity: [1],
    js: { math: 'abs' },
    python: { xp: 'abs' },
    derivative: chain((u) => div(u, call('abs', u))),
    signs: [P, Z, P],
    logAbs: (u, logAbs) => logAbs(u),
  },
  sin: { arity: [1], js: { math: 'sin' }, python: { xp: 'sin' }, derivative: chain((u) => call('cos', u)) },
  cos: { arity: [1], js: { math: 'cos' }, python: { xp: 'cos' }, derivative: chain((u) => negate(call('sin', u))) },
  tan: { arity: [1], js: { math: 'tan' }, python: { xp: 'tan' }, derivative: chain((u) => square(call('sec', u))) },
  sec: {
    arity: [1],
    js: { helper: elementary.sec },
    python: { helper: 'sec' },
    derivative: chain((u) => mul(call('sec', u), call('tan', u))),
  },
  csc: {
    arity: [1],
    js: { helper: elementary.csc },
    python: { helper: 'csc' },
    derivative: chain((u) => negate(mul(call('csc', u), call('cot', u)))),
  },
  cot: {
    arity: [1],
    js: { helper: elementary.cot },
    python: { helper: 'cot' },
    derivative: chain((u) => negate(square(call('csc', u)))),
  },
  asin: {
    arity: [1],
    js: { math: 'asin' },
    python: { helper: 'arcsin' },
    derivative: chain((u) => div(one(), call('sqrt', sub(one(), square(u))))),
    // NaN beyond ±1
    signs: [N | U, Z, P | U],
    monotone: 'increasing',
  },
  acos: {
    arity: [1],
    js: { math: 'acos' },
    python: { helper: 'arccos' },
    derivative: chain((u) => negate(div(one(), call('sqrt', sub(one(), square(u)))))),
    // acos 1 = 0; NaN beyond ±1
    signs: [P | U, P, Z | P | U],
    monotone: 'decreasing',
  },
  atan: {
    arity: [1],
    js: { math: 'atan' },
    python: { helper: 'arctan' },
    derivative: chain((u) => div(one(), add(one(), square(u)))),
    signs: oddIncreasing,
    monotone: 'increasing',
  },
  sinh: {
    arity: [1],
    js: { math: 'sinh' },
    python: { xp: 'sinh' },
    derivative: chain((u) => call('cosh', u)),
    signs: oddIncreasing,
    monotone: 'increasing',
    logAbs: (u) => call('logsinh', u),
  },
  cosh: {
    arity: [1],
    js: { math: 'cosh' },
    python: { xp: 'cosh' },
    derivative: chain((u) => call('sinh', u)),
    signs: positive,
    logAbs: (u) => call('logcosh', u),
  },
  tanh: {
    arity: [1],
    js: { math: 'tanh' },
    python: { xp: 'tanh' },
    derivative: chain((u) => square(call('sech', u))),
    signs: oddIncreasing,
    monotone: 'increasing',
    logAbs: (u) => call('logtanh', u),
  },
  sech: {
    arity: [1],
    js: { helper: elementary.sech },
    fastJs: sechFast,
    python: { helper: 'sech' },
    latex: '\\operatorname{sech}',
    derivative: chain((u) => negate(mul(call('sech', u), call('tanh', u)))),
    signs: positive,
    logAbs: (u) => call('logsech', u),
  },
  csch: {
    arity: [1],
    js: { helper: elementary.csch },
    python: { helper: 'csch' },
    latex: '\\operatorname{csch}',
    derivative: chain((u) => negate(mul(call('csch', u), call('coth', u)))),
    signs: oddWithPole,
    logAbs: (u) => minus(call('logsinh', u)),
  },
  coth: {
    arity: [1],
    js: { helper: elementary.coth },
    python: { helper: 'coth' },
    latex: '\\coth',
    derivative: chain((u) => negate(square(call('csch', u)))),
    signs: oddWithPole,
    logAbs: (u) => minus(call('logtanh', u)),
  },
  asinh: {
    arity: [1],
    js: { math: 'asinh' },
    python: { helper: 'arcsinh' },
    latex: '\\operatorname{asinh}',
    derivative: chain((u) => div(one(), call('sqrt', add(square(u), one())))),
    signs: oddIncreasing,
    monotone: 'increasing',
  },
  acosh: {
    arity: [1],
    js: { math: 'acosh' },
    python: { helper: 'arccosh' },
    latex: '\\operatorname{acosh}',
    derivative: chain((u) => div(one(), call('sqrt', sub(square(u), one())))),
    // NaN below 1, acosh 1 = 0
    signs: [U, U, Z | P | U],
    monotone: 'increasing',
  },
  atanh: {
    arity: [1],
    js: { math: 'atanh' },
    python: { helper: 'arctanh' },
    latex: '\\operatorname{atanh}',
    derivative: chain((u) => div(one(), sub(one(), square(u)))),
    // NaN beyond ±1
    signs: [N | U, Z, P | U],
    monotone: 'increasing',
  },
  erf: {
    arity: [1],
    js: { helper: special.erf },
    python: { helper: 'erf' },
    latex: '\\operatorname{erf}',
    derivative: chain(gaussian(2 / Math.sqrt(Math.PI))),
    signs: oddIncreasing,
    monotone: 'increasing',
  },
  erfc: {
    arity: [1],
    js: { helper: special.erfc },
    python: { helper: 'erfc' },
    latex: '\\operatorname{erfc}',
    derivative: chain(gaussian(-2 / Math.sqrt(Math.PI))),
    signs: positive,
    monotone: 'decreasing',
  },
  gamma: {
    arity: [1],
    js: { helper: special.gammaFn },
    python: { helper: 'gamma' },
    latex: '\\Gamma',
    // poles at 0, −1, −2…; between them the sign alternates (Γ(−1/2) < 0)
    signs: [ANY_SIGN | U, U, P],
  },
  lgamma: { arity: [1], js: { helper: special.lgamma }, python: { helper: 'lgamma' }, latex: '\\ln\\Gamma' },
  sigmoid: {
    arity: [1],
    js: { helper: elementary.sigmoid },
    python: { helper: 'sigmoid' },
    latex: '\\sigma',
    derivative: chain((u) => mul(call('sigmoid', u), sub(one(), call('sigmoid', u)))),
    signs: positive,
    monotone: 'increasing',
    // log σ(u) = −softplus(−u)
    logAbs: (u) => minus(call('softplus', minus(u))),
  },
  softplus: {
    arity: [1],
    js: { helper: elementary.softplus },
    python: { helper: 'softplus' },
    latex: '\\operatorname{softplus}',
    derivative: chain((u) => call('sigmoid', u)),
    signs: positive,
    monotone: 'increasing',
  },
  heaviside: {
    arity: [1],
    js: { helper: elementary.heaviside },
    python: { helper: 'heaviside' },
    latex: '\\Theta',
    derivative: chain(() => constant(0)),
    // Θ(0) = 1/2
    signs: [Z, P, P],
    monotone: 'increasing',
  },
  min: { arity: [2], js: { math: 'min' }, python: { helper: 'min' }, derivative: extremumRule(false) },
  max: { arity: [2], js: { math: 'max' }, python: { helper: 'max' }, derivative: extremumRule(true) },
  pow: { arity: [2], js: { math: 'pow' }, python: { infix: '**' }, derivative: powerRule },

  // Introduced by the log-space rewrites and by signOf; their trees are differentiated for scores.
  sign: {
    arity: [1],
    internal: true,
    js: { math: 'sign' },
    python: { xp: 'sign' },
    derivative: chain(() => constant(0)),
    signs: oddIncreasing,
    monotone: 'increasing',
  },
  logsech: {
    arity: [1],
    internal: true,
    js: { helper: elementary.logsech },
    python: { helper: 'logsech' },
    latex: '\\ln\\operatorname{sech}',
    derivative: chain((u) => negate(call('tanh', u))),
    signs: [N, Z, N],
  },
  logcosh: {
    arity: [1],
    internal: true,
    js: { helper: elementary.logcosh },
    python: { helper: 'logcosh' },
    latex: '\\ln\\cosh',
    derivative: chain((u) => call('tanh', u)),
    signs: [P, Z, P],
  },
  logsinh: {
    arity: [1],
    internal: true,
    js: { helper: elementary.logsinh },
    python: { helper: 'logsinh' },
    latex: '\\ln\\sinh',
    derivative: chain((u) => call('coth', u)),
  },
  logtanh: {
    arity: [1],
    internal: true,
    js: { helper: elementary.logtanh },
    python: { helper: 'logtanh' },
    latex: '\\ln\\tanh',
    derivative: chain((u) => mul(constant(2), call('csch', mul(constant(2), u)))),
    // |tanh| < 1, and log 0 = −∞ at 0
    signs: [N, N, N],
  },
  log1mexp: {
    arity: [1],
    internal: true,
    js: { helper: elementary.log1mexp },
    python: { helper: 'log1mexp' },
    latex: '\\operatorname{log1mexp}',
    derivative: chain((u) => div(one(), call('expm1', u))),
    // log(1 − e^{−a}), a > 0; −∞ at 0
    signs: [U, N, N],
    monotone: 'increasing',
  },
  logaddexp: {
    arity: [2],
    internal: true,
    js: { helper: elementary.logaddexp },
    python: { helper: 'logaddexp' },
    latex: '\\operatorname{logaddexp}',
    derivative: logAddExpRule,
  },
};

/** The catalogue row of `name`, if it is a function of the catalogue (never an inherited property). */
export function entryOf(name: string): FunctionEntry | undefined {
  return Object.hasOwn(functions, name) ? functions[name] : undefined;
}

/** The signs f(u) can take when u takes the signs `argument`. */
export function signsOfCall(table: SignTable, argument: SignSet): SignSet {
  return (argument & NEGATIVE ? table[0] : 0) | (argument & ZERO ? table[1] : 0) | (argument & POSITIVE ? table[2] : 0);
}

/** Names of the Python helpers (`_name`) the exported module must define. */
export function pythonHelperNames(): string[] {
  return Object.values(functions).flatMap((entry) => ('helper' in entry.python ? [entry.python.helper] : []));
}
