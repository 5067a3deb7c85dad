// The noise laws' printed normalizing constants are exact (no rounded ln 2 or ln 2π) and equal the numbers the
// design computes with.
import { evaluate } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { gaussianNoise, poissonNoise } from '../../src/design/noise.js';
import { logPoissonConstant } from '../../src/numeric/special.js';

/** The value of the printed right-hand side "… = <expr>", evaluated by mathjs. */
function printedConstant(expr: string): number {
  return evaluate(expr.slice(expr.lastIndexOf('= ') + 2)) as number;
}

describe('printed normalizing constants', () => {
  const pairs = [1, 2, 3, 4, 7, 16].flatMap((d) => [1, 2, 3, 4, 5, 128].map((D) => [d, D] as const));

  it.each(pairs)('Poisson d = %i, D = %i: ln C printed exactly, equal to logPoissonConstant', (d, D) => {
    const { expr } = poissonNoise(d, D).derivation.noise_log_density!;
    const printed = expr.slice(expr.lastIndexOf('= ') + 2);
    expect(printed).not.toMatch(/\d\.\d{4,}/);
    const exact = logPoissonConstant(d, D);
    expect(Math.abs(printedConstant(expr) - exact)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(exact)));
  });

  it('PFGM in the plane: ln C = −ln 2 − ln π', () => {
    expect(poissonNoise(2, 1).derivation.noise_log_density!.expr).toContain('log C_{2,1} = -log(2) - log(pi)');
  });

  it.each([1, 2, 3, 6])('Gaussian d = %i: the coefficient of ln 2π is written exactly', (d) => {
    const { expr, latex } = gaussianNoise(d).derivation.noise_log_density!;
    const expected = { 1: '(1/2) log(2 pi)', 2: '- log(2 pi)', 3: '(3/2) log(2 pi)', 6: '3 log(2 pi)' }[
      d as 1 | 2 | 3 | 6
    ];
    expect(expr).toContain(expected);
    expect(latex).not.toContain('\\tfrac{2}{2}');
  });
});
