// Simplification for display and for lean compiled code, trusted only after a numerical check:
// a simplified tree replaces the original only if both agree at sample points.
import { expLogRules, keepingConstants, rationalCandidates, sizeOf } from './canonical.js';
import { compile } from './compile.js';
import { math, type MathNode } from './math.js';

const maxNodesToSimplify = 400;
/**
 * mathjs simplify's time grows about 3× per level of operator nesting beyond ~14 (measured: a ψ with 8 nested
 * factors, depth 15, takes 1.3 s; 10 factors, depth 17, 16 s; 14 factors over a minute), whatever the node count;
 * the bundled examples nest at most 14 deep. Deeper trees are used unsimplified: correct, only less tidy.
 */
const maxDepthToSimplify = 14;

/** The symbol ranges used to check a simplification (positive, away from singular points). */
export interface CheckDomain {
  variables: readonly string[];
  constants: Readonly<Record<string, number>>;
}

/**
 * The canonical form of `node` (exp/log rules, mathjs simplify with exact constants kept symbolic, rational part
 * in r and t with common factors cancelled): the smallest candidate that agrees numerically with `node`.
 */
export function tidy(node: MathNode, domain: CheckDomain): MathNode {
  if (countNodes(node) > maxNodesToSimplify || operatorDepth(node) > maxDepthToSimplify) return node;
  const simplified = attempt(() => expLogRules(keepingConstants(expLogRules(node), (n) => math.simplify(n))));
  let best = simplified !== undefined && agree(node, simplified, domain) ? simplified : node;
  // a cancelled rational form replaces the simplified one only if strictly smaller (no churn on ties)
  const consider = (candidate: MathNode | undefined): void => {
    if (candidate !== undefined && sizeOf(candidate) < sizeOf(best) && agree(node, candidate, domain)) best = candidate;
  };
  for (const candidate of attempt(() => rationalCandidates(best)) ?? []) {
    consider(expLogRules(candidate));
    consider(attempt(() => expLogRules(keepingConstants(candidate, (n) => math.simplify(n)))));
  }
  return best;
}

/** The value of `build`, or undefined if it throws (a rewrite that fails is no rewrite). */
function attempt<T>(build: () => T): T | undefined {
  try {
    return build();
  } catch {
    return undefined;
  }
}

function countNodes(node: MathNode): number {
  let count = 0;
  node.traverse(() => {
    count += 1;
  });
  return count;
}

/** Nesting depth of operators and function calls (iterative: a deep tree cannot overflow the stack). */
function operatorDepth(root: MathNode): number {
  let deepest = 0;
  const stack: [MathNode, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, above] = stack.pop()!;
    const depth = above + (node.type === 'OperatorNode' || node.type === 'FunctionNode' ? 1 : 0);
    deepest = Math.max(deepest, depth);
    node.forEach((child: MathNode) => stack.push([child, depth]));
  }
  return deepest;
}

/**
 * Check points: each variable spans 1e-3 … 1e3 (t and r both small, both large, and far apart), so that a
 * rewrite that only agrees at one scale is refused.
 */
// 13 scales (a prime count), so that the k-th variable's index (i·(2k+1) + 5k) mod 13 visits every scale
const scales = [1e-3, 0.0071, 0.037, 0.19, 0.55, 1, 1.7, 3.3, 8.9, 27, 60, 140, 1e3];
const checkCount = 30;

function checkArguments(i: number, count: number): number[] {
  return Array.from({ length: count }, (_, j) => scales[(i * (2 * j + 1) + 5 * j) % scales.length]! * (1 + 0.013 * j));
}

/**
 * Whether `b` agrees with `a` to 1e-9 relative at every check point where `a` is finite; where `a` is a number
 * `b` must be one too. Points where `a` itself overflows or is NaN say nothing about the rewrite. The 1e-14
 * absolute allowance is the rounding noise of a difference of order-one terms (1 − e^{−x} for tiny x), which two
 * correct forms do not share.
 */
function agree(a: MathNode, b: MathNode, domain: CheckDomain): boolean {
  let fa: (...args: number[]) => number, fb: (...args: number[]) => number;
  try {
    fa = compile(a, domain.variables, domain.constants);
    fb = compile(b, domain.variables, domain.constants);
  } catch {
    return false;
  }
  let compared = 0;
  for (let i = 0; i < checkCount; i++) {
    const args = checkArguments(i, domain.variables.length);
    const va = fa(...args),
      vb = fb(...args);
    if (!Number.isFinite(va)) continue;
    if (!(Math.abs(va - vb) <= 1e-9 * Math.max(Math.abs(va), Math.abs(vb)) + 1e-14)) return false;
    compared += 1;
  }
  return compared >= checkCount / 3;
}
