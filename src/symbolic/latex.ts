// LaTeX for derived quantities: mathjs toTex with handlers, because mathjs renders t, s, g, T as unit
// names (\mathrm{t}) and knows nothing of sech, log-space helpers or parameter names with subscripts. It prints
// the display form of the tree (display.ts: one fraction per product, no |·| around positive constants).
import { displayForm } from './display.js';
import { entryOf } from './functions.js';
import type { MathNode } from './math.js';

const greek = new Set([
  'alpha',
  'beta',
  'gamma',
  'delta',
  'epsilon',
  'zeta',
  'eta',
  'theta',
  'kappa',
  'lambda',
  'mu',
  'nu',
  'xi',
  'rho',
  'sigma',
  'tau',
  'phi',
  'chi',
  'psi',
  'omega',
]);

/** LaTeX for one symbol name: greek letters, subscripts after `_`. */
export function symbolTex(name: string): string {
  if (name === 'pi') return '\\pi';
  if (name === 'e') return 'e';
  if (name === 'S_d') return 'S_{d-1}';
  const [head, ...rest] = name.split('_');
  const base = greek.has(head!) ? `\\${head}` : head!.length > 1 ? `\\mathit{${head}}` : head!;
  return rest.length ? `${base}_{\\mathrm{${rest.join(',')}}}` : base;
}

/** LaTeX of a tree, in its display form. */
export function toLatex(node: MathNode): string {
  return displayForm(node).toTex({
    parenthesis: 'auto',
    implicit: 'hide',
    handler: (child: MathNode, options: object) => {
      // braces keep a symbol from fusing with a preceding command (\cdot r, not \cdotr)
      if (child.type === 'SymbolNode') return `{${symbolTex((child as unknown as { name: string }).name)}}`;
      if (child.type === 'FunctionNode') {
        const fn = child as unknown as { fn: { name: string }; args: MathNode[] };
        const name = entryOf(fn.fn.name)?.latex;
        if (name !== undefined) return `${name}\\left(${fn.args.map((a) => a.toTex(options)).join(', ')}\\right)`;
      }
      return undefined;
    },
  } as object);
}
