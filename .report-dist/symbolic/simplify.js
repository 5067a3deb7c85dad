// Simplification for display and for lean compiled code, trusted only after a numerical check:
// a simplified tree replaces the original only if both agree at sample points.
import { compile } from './compile.js';
import { math } from './math.js';
const maxNodesToSimplify = 400;
/** mathjs simplify, kept only if it agrees numerically with `node` at sample points. */
export function tidy(node, domain) {
    if (countNodes(node) > maxNodesToSimplify)
        return node;
    let simplified;
    try {
        simplified = math.simplify(node);
    }
    catch {
        return node;
    }
    return agree(node, simplified, domain) ? simplified : node;
}
function countNodes(node) {
    let count = 0;
    node.traverse(() => { count += 1; });
    return count;
}
const samplePoints = [0.37, 0.81, 1.3, 2.2, 0.055];
function agree(a, b, domain) {
    let fa, fb;
    try {
        fa = compile(a, domain.variables, domain.constants);
        fb = compile(b, domain.variables, domain.constants);
    }
    catch {
        return false;
    }
    for (let i = 0; i < samplePoints.length; i++) {
        const args = domain.variables.map((_, j) => samplePoints[(i + 2 * j) % samplePoints.length]);
        const va = fa(...args), vb = fb(...args);
        if (Number.isNaN(va) && Number.isNaN(vb))
            continue;
        if (!(Math.abs(va - vb) <= 1e-9 * Math.max(1, Math.abs(va))))
            return false;
    }
    return true;
}
