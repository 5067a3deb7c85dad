// Simplification for display and for lean compiled code, trusted only after a numerical check:
// a simplified tree replaces the original only if both agree at sample points.
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

/** mathjs simplify, kept only if it agrees numerically with `node` at sample points. */
export function tidy(node: MathNode, domain: CheckDomain): MathNode {
  if (countNodes(node) > maxNodesToSimplify || operatorDepth(node) > maxDepthToSimplify) return node;
  let simplified: MathNode;
  try {
    simplified = math.simplify(node);
  } catch {
    return node;
  }
  return agree(node, simplified, domain) ? simplified : node;
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

const samplePoints = [0.37, 0.81, 1.3, 2.2, 0.055];

function agree(a: MathNode, b: MathNode, domain: CheckDomain): boolean {
  let fa: (...args: number[]) => number, fb: (...args: number[]) => number;
  try {
    fa = compile(a, domain.variables, domain.constants);
    fb = compile(b, domain.variables, domain.constants);
  } catch {
    return false;
  }
  for (let i = 0; i < samplePoints.length; i++) {
    const args = domain.variables.map((_, j) => samplePoints[(i + 2 * j) % samplePoints.length]!);
    const va = fa(...args),
      vb = fb(...args);
    if (Number.isNaN(va) && Number.isNaN(vb)) continue;
    if (!(Math.abs(va - vb) <= 1e-9 * Math.max(1, Math.abs(va)))) return false;
  }
  return true;
}
