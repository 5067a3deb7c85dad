// Safe parsing of user expressions: mathjs parses, then a whitelist walk rejects every node type,
// function and symbol that is not plain arithmetic. Only trees that pass are ever compiled.
import { OdeforgeError, type SourcePosition } from '../errors.js';
import { math, type MathNode } from './math.js';
import { limits } from '../limits.js';
import { allowedFunctions, builtinConstants } from './whitelist.js';

/** Where an expression's text sits in its file: the column of its first character. */
export interface ExpressionSource extends SourcePosition {
  text: string;
}

const allowedOperators = new Set(['add', 'subtract', 'multiply', 'divide', 'pow', 'unaryMinus', 'unaryPlus']);

/**
 * Parse `source.text` and check every node against the whitelist and the size limits.
 * @param symbols the free symbols allowed here (t, r, d, parameters, definitions...)
 * @throws OdeforgeError positioned at the offending character where it can be found
 */
export function safeParse(source: ExpressionSource, symbols: ReadonlySet<string>): MathNode {
  checkTextSize(source);
  let node: MathNode;
  try {
    node = math.parse(source.text);
  } catch (error) {
    if (error instanceof RangeError) tooLarge(source, `nested more than the parser can follow`);
    const char = (error as { char?: number }).char;
    const message = (error as Error).message.replace(/\s*\(char \d+\)/, '');
    throw new OdeforgeError(
      `cannot parse expression "${source.text}": ${message}`,
      at(source, (char ?? 1) - 1),
      'expressions use mathjs syntax: + - * / ^, parentheses and whitelisted functions',
    );
  }
  checkTree(node, source, symbols);
  return node;
}

/** Refuse text the recursive-descent parser could not follow: too long, or brackets nested too deep. */
function checkTextSize(source: ExpressionSource): void {
  if (source.text.length > limits.expressionChars) {
    tooLarge(source, `${source.text.length} characters, above the limit of ${limits.expressionChars}`);
  }
  let depth = 0;
  for (const char of source.text) {
    if (char === '(' || char === '[' || char === '{') depth++;
    else if (char === ')' || char === ']' || char === '}') depth--;
    if (depth > limits.expressionDepth)
      tooLarge(source, `brackets nested deeper than the limit of ${limits.expressionDepth}`);
  }
}

function tooLarge(source: ExpressionSource, what: string): never {
  throw new OdeforgeError(`expression too large: ${what}`, at(source, 0), 'split it into definitions, or simplify it');
}

/**
 * Walk the tree with an explicit stack (a long sum is a deep tree: recursion would overflow), checking
 * each node against the whitelist, and the tree against the node and depth limits.
 */
function checkTree(root: MathNode, source: ExpressionSource, symbols: ReadonlySet<string>): void {
  const stack: [MathNode, number][] = [[root, 1]];
  let nodes = 0;
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (++nodes > limits.expressionNodes)
      tooLarge(source, `more than ${limits.expressionNodes} terms, operators and calls`);
    if (depth > limits.expressionDepth) tooLarge(source, `nested deeper than the limit of ${limits.expressionDepth}`);
    for (const child of checkNode(node, source, symbols)) stack.push([child, depth + 1]);
  }
}

/** Check one node; returns its children to check next. */
function checkNode(node: MathNode, source: ExpressionSource, symbols: ReadonlySet<string>): MathNode[] {
  switch (node.type) {
    case 'ConstantNode': {
      const value = (node as unknown as { value: unknown }).value;
      if (typeof value !== 'number' || !Number.isFinite(value))
        reject(source, `only finite numbers are allowed, not ${node.toString()}`, node.toString());
      return [];
    }
    case 'SymbolNode': {
      const name = (node as unknown as { name: string }).name;
      if (!symbols.has(name) && !Object.hasOwn(builtinConstants, name)) {
        const known = [...symbols, ...Object.keys(builtinConstants)].sort().join(', ');
        reject(source, `unknown symbol "${name}"`, name, `known here: ${known}`);
      }
      return [];
    }
    case 'ParenthesisNode':
      return [(node as unknown as { content: MathNode }).content];
    case 'OperatorNode': {
      const op = node as unknown as { fn: string; op: string; args: MathNode[] };
      if (!allowedOperators.has(op.fn)) reject(source, `operator "${op.op}" is not allowed`, op.op, 'use + - * / ^');
      return [...op.args].reverse();
    }
    case 'FunctionNode':
      checkFunction(node, source);
      return [...(node as unknown as { args: MathNode[] }).args].reverse();
    default:
      reject(
        source,
        `${describe(node.type)} is not allowed in an expression`,
        firstToken(node),
        'a spec expression is arithmetic over t, r, d, parameters and definitions only',
      );
  }
}

function checkFunction(node: MathNode, source: ExpressionSource): void {
  const fn = (node as unknown as { fn: MathNode }).fn;
  const args = (node as unknown as { args: MathNode[] }).args;
  if (fn.type !== 'SymbolNode') reject(source, 'only calls of named functions are allowed', fn.toString());
  const name = (fn as unknown as { name: string }).name;
  const arities = Object.hasOwn(allowedFunctions, name) ? allowedFunctions[name] : undefined;
  if (arities === undefined) {
    reject(source, `unknown function "${name}"`, name, `allowed: ${Object.keys(allowedFunctions).join(', ')}`);
  }
  if (!arities.includes(args.length)) {
    reject(source, `function "${name}" takes ${arities.join(' or ')} argument(s), not ${args.length}`, name);
  }
}

function describe(type: string): string {
  const names: Record<string, string> = {
    AccessorNode: 'property access',
    AssignmentNode: 'assignment',
    FunctionAssignmentNode: 'function definition',
    ObjectNode: 'an object literal',
    ArrayNode: 'an array',
    IndexNode: 'indexing',
    BlockNode: 'a block',
    ConditionalNode: 'a conditional',
    RangeNode: 'a range',
    RelationalNode: 'a comparison',
  };
  return names[type] ?? type;
}

function firstToken(node: MathNode): string {
  return node.toString().split(/[\s.([=?:;,]/)[0] ?? '';
}

function reject(source: ExpressionSource, message: string, token: string, hint?: string): never {
  const index = token ? findToken(source.text, token) : 0;
  throw new OdeforgeError(`${message} in "${source.text}"`, at(source, index), hint);
}

function findToken(text: string, token: string): number {
  const escaped = token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`(^|[^A-Za-z0-9_])(${escaped})`).exec(text);
  return match ? match.index + (match[1]?.length ?? 0) : 0;
}

function at(source: ExpressionSource, offset: number): SourcePosition {
  const column = source.column === undefined ? undefined : source.column + Math.max(0, offset);
  return { file: source.file, line: source.line, column };
}
