// The display form (src/symbolic/display.ts) is what `derive`, the report and the LaTeX export typeset, while the
// design evaluates the original tree: the two must be the same function, and the printed one at most two
// fractions deep.
import { describe, expect, it } from 'vitest';
import { designFromText } from '../../src/index.js';
import { compile } from '../../src/symbolic/compile.js';
import { differentiate } from '../../src/symbolic/derivative.js';
import { displayForm } from '../../src/symbolic/display.js';
import { toLatex } from '../../src/symbolic/latex.js';
import { logAbs } from '../../src/symbolic/logspace.js';
import { internal } from '../../src/symbolic/math.js';
import { exampleFiles, specWithDimension } from '../helpers.js';
import { fractionDepth } from './fractionDepth.js';

const trees = [
  'a / b / c',
  '(a / b) / (c / t)',
  'a / (b / c)',
  '-(2 * r / pi / t ^ 2 / (r ^ 2 / t ^ 2 + 1))',
  '2 / (r ^ 2 / t ^ 2 + 1) / pi / t / (c * r ^ (b - 1))',
  '(r ^ 2 + t ^ 2) / t ^ 3 / (r ^ 2 / t ^ 2 + 1)',
  '-(a / b) * (c / -(t / r)) / sin(r / t / a)',
  'log(abs(pi)) - log(abs(a)) + exp(-r / t / 2) * (a / b)',
  '(a / b) ^ (r / t / c) + 1 / (1 / (1 / r))',
].map(internal);

/** A deterministic stream of points in [−3, 3] (t, r in (0, 3]): t, r are positive by the symbolic layer's convention. */
function points(count: number): number[][] {
  let state = 12345;
  const next = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648) * 6 - 3;
  return Array.from({ length: count }, () => [
    Math.abs(next()) + 1e-3,
    Math.abs(next()) + 1e-3,
    next(),
    next(),
    next(),
  ]);
}

describe('displayForm', () => {
  it.each(trees.map((tree) => [tree.toString(), tree] as const))('%s: the same function', (_, tree) => {
    const variables = ['t', 'r', 'a', 'b', 'c'];
    const original = compile(tree, variables, {});
    const latex = compile(displayForm(tree, 'latex'), variables, {});
    const text = compile(displayForm(tree, 'text'), variables, {});
    for (const p of points(200)) {
      const u = original(...p);
      if (!Number.isFinite(u)) continue;
      for (const v of [latex(...p), text(...p)])
        expect(Math.abs(v - u), `${tree.toString()} at ${p.join(', ')}`).toBeLessThanOrEqual(
          1e-12 * Math.max(1, Math.abs(u)),
        );
    }
  });

  it('does not change its input', () => {
    const tree = internal('a / b / c');
    displayForm(tree);
    expect(tree.toString()).toBe('a / b / c');
  });

  it('typesets ∂rψ and k of 2/pi*atan(r/t) two fractions deep at most', () => {
    const psi = internal('2 / pi * atan(r / t)');
    const dr = differentiate(psi, 'r');
    expect(fractionDepth(toLatex(dr))).toBeLessThanOrEqual(2);
    expect(toLatex(internal('(r ^ 2 + t ^ 2) / t ^ 3 / (r ^ 2 / t ^ 2 + 1)'))).toBe(
      '\\frac{{{r}}^{2}+{{t}}^{2}}{{{t}}^{3}\\cdot\\left(\\frac{{{r}}^{2}}{{{t}}^{2}}+1\\right)}',
    );
  });

  it('drops |·| around positive constants only', () => {
    expect(toLatex(logAbs(internal('2 / pi / t')))).not.toContain('\\left|');
    expect(toLatex(internal('log(abs(a))'))).toContain('\\left|');
  });

  // the examples write no decimals in their expressions: any in a derived formula would be a rounded ln 2, π, √2π…
  it.each(exampleFiles)('%s: no rounded constant in any derived formula (d = 2 and 3)', (file) => {
    for (const d of [2, 3]) {
      const design = designFromText(specWithDimension(file, d), { file });
      for (const [name, q] of Object.entries(design.derivation)) {
        if (name === 'prior') continue; // σ_T, α_T and a custom prior's log Z are numbers, shown as numbers
        expect(`${q.expr} ${q.latex}`, `${name} (d = ${d})`).not.toMatch(/\d\.\d{3,}/);
      }
    }
  });

  it.each(exampleFiles)('%s: every derived formula at most two fractions deep', (file) => {
    const design = designFromText(specWithDimension(file, 3), { file });
    for (const [name, q] of Object.entries(design.derivation))
      expect(fractionDepth(q.latex), `${name}: ${q.latex}`).toBeLessThanOrEqual(2);
  });
});
