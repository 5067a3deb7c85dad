// Canonical forms for derived trees: exp/log rules, exact constants kept symbolic, rational functions in r and t
// with their common factors cancelled. Every function here only proposes a tree; `tidy` (simplify.ts) keeps a
// proposal only after it agrees numerically with the original.
import { nerdamerText } from './integrate.js';
import { call, constant, isConstant, math, type MathNode } from './math.js';
import { safeParse } from './parse.js';
import { substitute } from './transform.js';

type Op = { fn: string; args: MathNode[] };
type Fn = { fn: { name: string }; args: MathNode[] };

const positiveSymbols = new Set(['t', 'r', 'rho', 'pi', 'e']);
const rationalVariables = new Set(['t', 'r']);

function isOp(node: MathNode, fn?: string): boolean {
  return node.type === 'OperatorNode' && (fn === undefined || (node as unknown as Op).fn === fn);
}

function isCall(node: MathNode, name: string): boolean {
  return node.type === 'FunctionNode' && (node as unknown as Fn).fn.name === name;
}

function argsOf(node: MathNode): MathNode[] {
  return (node as unknown as Op).args;
}

function symbolName(node: MathNode): string | undefined {
  return node.type === 'SymbolNode' ? (node as unknown as { name: string }).name : undefined;
}

function unwrap(node: MathNode): MathNode {
  let inner = node;
  while (inner.type === 'ParenthesisNode') inner = (inner as unknown as { content: MathNode }).content;
  return inner;
}

function op(fn: 'add' | 'subtract' | 'multiply' | 'divide' | 'pow', a: MathNode, b: MathNode): MathNode {
  const symbols = { add: '+', subtract: '-', multiply: '*', divide: '/', pow: '^' } as const;
  return new math.OperatorNode(symbols[fn] as '+', fn as 'add', [a, b]);
}

/** Whether the tree is positive wherever it is a number, provably from its shape (t, r, π, exp(·) > 0). */
export function knownPositive(node: MathNode): boolean {
  const inner = unwrap(node);
  if (isConstant(inner)) return inner.value > 0;
  const name = symbolName(inner);
  if (name !== undefined) return positiveSymbols.has(name);
  if (isCall(inner, 'exp') || isCall(inner, 'cosh')) return true;
  if (isCall(inner, 'sqrt')) return knownPositive(argsOf(inner)[0]!);
  if (isOp(inner, 'pow')) return knownPositive(argsOf(inner)[0]!);
  if (isOp(inner, 'multiply') || isOp(inner, 'divide') || isOp(inner, 'add')) return argsOf(inner).every(knownPositive);
  return false;
}

/** Free of every symbol but π and e (a number, possibly written with functions). */
function isConstantTree(node: MathNode): boolean {
  let constantOnly = true;
  node.traverse((child, path) => {
    const name = path === 'fn' ? undefined : symbolName(child);
    if (name !== undefined && name !== 'pi' && name !== 'e') constantOnly = false;
  });
  return constantOnly;
}

/** One bottom-up pass of the exp/log rules over the tree. */
export function expLogRules(node: MathNode): MathNode {
  if (node.type === 'ParenthesisNode') {
    // the written grouping is kept where it still groups an operator
    const content = expLogRules((node as unknown as { content: MathNode }).content);
    return content.type === 'OperatorNode' ? new math.ParenthesisNode(content) : content;
  }
  const mapped = node.type === 'OperatorNode' || node.type === 'FunctionNode' ? node.map(expLogRules) : node;
  return expLogLocal(mapped);
}

function expLogLocal(node: MathNode): MathNode {
  if (node.type === 'FunctionNode') return functionRule(node) ?? node;
  // −(−x) → x
  if (isOp(node, 'unaryMinus') && isOp(argsOf(node)[0]!, 'unaryMinus')) return argsOf(argsOf(node)[0]!)[0]!;
  if (!isOp(node)) return node;
  const [a, b] = argsOf(node).map(unwrap) as [MathNode, MathNode];
  switch ((node as unknown as Op).fn) {
    case 'pow':
      // e^x → exp(x); exp(a)^c → exp(c·a)
      if (symbolName(a) === 'e') return call('exp', b);
      if (isCall(a, 'exp')) return call('exp', op('multiply', b, argsOf(a)[0]!));
      return node;
    case 'multiply':
      if (isCall(a, 'exp') && isCall(b, 'exp')) return call('exp', op('add', argsOf(a)[0]!, argsOf(b)[0]!));
      return node;
    case 'divide':
      if (isCall(a, 'exp') && isCall(b, 'exp')) return call('exp', op('subtract', argsOf(a)[0]!, argsOf(b)[0]!));
      // x / exp(b) → x · exp(−b): one exponential, no division
      if (isCall(b, 'exp')) {
        const decay = call('exp', new math.OperatorNode('-', 'unaryMinus', [argsOf(b)[0]!]));
        return isConstant(a) && a.value === 1 ? decay : op('multiply', a, decay);
      }
      return node;
    default:
      return node;
  }
}

function functionRule(node: MathNode): MathNode | undefined {
  const arg = unwrap(argsOf(node)[0] ?? constant(0));
  if (isCall(node, 'abs') && knownPositive(arg)) return arg;
  if (isCall(node, 'exp') && isConstant(arg) && arg.value === 0) return constant(1);
  if (!isCall(node, 'log')) return undefined;
  if (isCall(arg, 'exp')) return argsOf(arg)[0]!;
  if (symbolName(arg) === 'e') return constant(1);
  if (isCall(arg, 'abs') && knownPositive(argsOf(arg)[0]!)) return call('log', argsOf(arg)[0]!);
  return logOfProduct(arg);
}

/** log(a·b), log(a/b), log(a^c) of positive factors as sums, unless the argument is a constant (log 2π stays). */
function logOfProduct(arg: MathNode): MathNode | undefined {
  if (isConstantTree(arg) || !isOp(arg)) return undefined;
  const [a, b] = argsOf(arg) as [MathNode, MathNode];
  const fn = (arg as unknown as Op).fn;
  if (fn === 'pow' && knownPositive(a)) return op('multiply', b, logRule(a));
  if ((fn === 'multiply' || fn === 'divide') && knownPositive(a) && knownPositive(b))
    return op(fn === 'multiply' ? 'add' : 'subtract', logRule(a), logRule(b));
  return undefined;
}

function logRule(node: MathNode): MathNode {
  const logged = call('log', node);
  return functionRule(logged) ?? logged;
}

/**
 * Run `rewrite` with every constant subtree that a numeric fold would round (log 2, √(2π), Γ(3/2)…)
 * replaced by a placeholder symbol, then put the subtrees back: they stay exact and symbolic.
 */
export function keepingConstants(node: MathNode, rewrite: (node: MathNode) => MathNode): MathNode {
  const held: Record<string, MathNode> = {};
  let next = 0;
  const hide = (child: MathNode): MathNode => {
    if (child.type === 'ConstantNode' || child.type === 'SymbolNode' || !isConstantTree(child)) return child;
    if (!roundsWhenFolded(child)) return child;
    const name = `canon_k${next++}`;
    held[name] = child;
    return new math.SymbolNode(name);
  };
  const hidden = node.transform(hide);
  return substitute(rewrite(hidden), held);
}

/** A constant subtree whose numeric value would be inexact: a function call or a fractional power. */
function roundsWhenFolded(node: MathNode): boolean {
  let rounds = false;
  node.traverse((child) => {
    if (child.type === 'FunctionNode') rounds = true;
    if (isOp(child, 'pow') && !isIntegerConstant(argsOf(child)[1]!)) rounds = true;
  });
  return rounds;
}

/**
 * Candidates for the rational-function part in r and t: every other subtree (calls, parameters, π, non-integer
 * powers) becomes an opaque symbol, nerdamer cancels common factors, mathjs brings the result to one fraction.
 * Empty when there is nothing to cancel (no quotient of sums).
 */
export function rationalCandidates(node: MathNode): MathNode[] {
  const atoms: Record<string, MathNode> = {};
  const skeleton = atomize(node, atoms);
  if (!hasQuotientOfSums(skeleton)) return [];
  const names = new Set([...Object.keys(atoms), ...rationalVariables]);
  const cancelled = nerdamerText(`simplify(${skeleton.toString()})`);
  const out: MathNode[] = [];
  const parsed = cancelled === undefined ? undefined : parseInternal(cancelled, names);
  for (const candidate of [parsed, oneFraction(skeleton), parsed && oneFraction(parsed)]) {
    if (candidate !== undefined) out.push(substitute(candidate, atoms));
  }
  return out;
}

/** Replace each non-rational subtree by a symbol, equal subtrees by the same one (so that they can cancel). */
function atomize(node: MathNode, atoms: Record<string, MathNode>): MathNode {
  const byText = new Map<string, string>();
  return node.transform((child) => {
    if (isRationalShape(child)) return child;
    const text = child.toString();
    let name = byText.get(text);
    if (name === undefined) {
      name = `zq${byText.size}`;
      byText.set(text, name);
      atoms[name] = child;
    }
    return new math.SymbolNode(name);
  });
}

function isRationalShape(node: MathNode): boolean {
  if (node.type === 'ConstantNode' || node.type === 'ParenthesisNode') return true;
  const name = symbolName(node);
  if (name !== undefined) return rationalVariables.has(name);
  if (!isOp(node)) return false;
  if (!isOp(node, 'pow')) return true;
  const exponent = argsOf(node)[1]!;
  return isIntegerConstant(exponent) && Math.abs((exponent as unknown as { value: number }).value) <= 16;
}

function hasQuotientOfSums(node: MathNode): boolean {
  let found = false;
  node.traverse((child) => {
    if (!isOp(child, 'divide') && !(isOp(child, 'pow') && isConstant(argsOf(child)[1]!))) return;
    child.traverse((inner) => {
      if (isOp(inner, 'add') || isOp(inner, 'subtract')) found = true;
    });
  });
  return found;
}

function oneFraction(node: MathNode): MathNode | undefined {
  try {
    return math.simplify(math.rationalize(node));
  } catch {
    return undefined;
  }
}

function parseInternal(text: string, names: ReadonlySet<string>): MathNode | undefined {
  try {
    return safeParse({ text }, names);
  } catch {
    return undefined;
  }
}

function isIntegerConstant(node: MathNode): boolean {
  return isConstant(node) && Number.isInteger(node.value);
}

/**
 * The cost by which candidate forms are compared: the node count, and a fraction inside a denominator counted
 * as four more nodes (one fraction level is the canonical form).
 */
export function sizeOf(node: MathNode): number {
  let count = 0;
  node.traverse((child) => {
    count += 1;
    if (isOp(child, 'divide') && containsDivision(argsOf(child)[1]!)) count += 4;
  });
  return count;
}

function containsDivision(node: MathNode): boolean {
  let found = false;
  node.traverse((child) => {
    if (isOp(child, 'divide')) found = true;
  });
  return found;
}

/**
 * log|node| (see logAbs) with its constant factors kept exact: log 2 and log π stay calls instead of being folded
 * into rounded numbers, and log|π| is log π.
 */
export function exactLogAbs(node: MathNode, logAbs: (node: MathNode) => MathNode): MathNode {
  const held: Record<string, MathNode> = {};
  const hidden = hideFactors(node, held);
  const logged = logAbs(hidden);
  const restored = logged.transform((child) => {
    const name = isCall(child, 'log') || isCall(child, 'abs') ? heldName(child, held) : undefined;
    return name === undefined ? child : call('log', held[name]!);
  });
  return expLogRules(substitute(restored, held));
}

function heldName(node: MathNode, held: Record<string, MathNode>): string | undefined {
  let inner = unwrap(argsOf(node)[0]!);
  if (isCall(inner, 'abs')) inner = unwrap(argsOf(inner)[0]!);
  const name = symbolName(inner);
  return name !== undefined && Object.hasOwn(held, name) ? name : undefined;
}

/** Positive constant factors (other than 1) of the product structure, replaced by held symbols. */
function hideFactors(node: MathNode, held: Record<string, MathNode>): MathNode {
  const inner = unwrap(node);
  if ((isConstant(inner) && inner.value > 0 && inner.value !== 1) || symbolName(inner) === 'pi') {
    const name = `canon_c${Object.keys(held).length}`;
    held[name] = inner;
    return new math.SymbolNode(name);
  }
  if (isOp(inner, 'multiply') || isOp(inner, 'divide') || isOp(inner, 'unaryMinus'))
    return inner.map((child) => hideFactors(child, held));
  return inner;
}

/**
 * A sum with its logarithms of one symbol or one number collected: log(r) − 2 log(t) − log(r) → −2 log(t).
 * Other terms keep their order; the collected logarithms follow them. (When d is known, the −(d − 1) log r of
 * log φ cancels against the log r of log ∂rψ this way.)
 */
export function collectLogs(node: MathNode): MathNode {
  const others: MathNode[] = [];
  const logs = new Map<string, { argument: MathNode; coefficient: number }>();
  for (const { sign, term } of sumTerms(node, 1)) {
    const log = logTerm(term);
    if (!log) {
      others.push(sign < 0 ? new math.OperatorNode('-', 'unaryMinus', [term]) : term);
      continue;
    }
    const key = log.argument.toString();
    const entry = logs.get(key) ?? { argument: log.argument, coefficient: 0 };
    entry.coefficient += sign * log.coefficient;
    logs.set(key, entry);
  }
  let sum: MathNode | undefined;
  const append = (term: MathNode, negative: boolean): void => {
    sum =
      sum === undefined
        ? negative
          ? new math.OperatorNode('-', 'unaryMinus', [term])
          : term
        : op(negative ? 'subtract' : 'add', sum, term);
  };
  for (const term of others) {
    const negated = isOp(term, 'unaryMinus');
    append(negated ? argsOf(term)[0]! : term, negated);
  }
  for (const { argument, coefficient } of logs.values()) {
    if (coefficient === 0) continue;
    const size = Math.abs(coefficient);
    const log = call('log', argument);
    append(size === 1 ? log : op('multiply', constant(size), log), coefficient < 0);
  }
  return sum ?? constant(0);
}

/** The terms of a sum with their signs (through +, −, unary minus and parentheses). */
function sumTerms(node: MathNode, sign: number): { sign: number; term: MathNode }[] {
  const inner = unwrap(node);
  if (isOp(inner, 'add')) return argsOf(inner).flatMap((arg) => sumTerms(arg, sign));
  if (isOp(inner, 'subtract')) {
    const [a, b] = argsOf(inner) as [MathNode, MathNode];
    return [...sumTerms(a, sign), ...sumTerms(b, -sign)];
  }
  if (isOp(inner, 'unaryMinus')) return sumTerms(argsOf(inner)[0]!, -sign);
  return [{ sign, term: inner }];
}

/** c·log(a), log(a)·c or log(a) with c a number and a a symbol or a positive number; undefined otherwise. */
function logTerm(term: MathNode): { argument: MathNode; coefficient: number } | undefined {
  const plainLog = (node: MathNode): MathNode | undefined => {
    const inner = unwrap(node);
    if (!isCall(inner, 'log')) return undefined;
    const argument = unwrap(argsOf(inner)[0]!);
    return symbolName(argument) !== undefined || (isConstant(argument) && argument.value > 0) ? argument : undefined;
  };
  const direct = plainLog(term);
  if (direct) return { argument: direct, coefficient: 1 };
  if (!isOp(term, 'multiply')) return undefined;
  const [a, b] = argsOf(term).map(unwrap) as [MathNode, MathNode];
  if (isConstant(a) && plainLog(b)) return { argument: plainLog(b)!, coefficient: a.value };
  if (isConstant(b) && plainLog(a)) return { argument: plainLog(a)!, coefficient: b.value };
  return undefined;
}
