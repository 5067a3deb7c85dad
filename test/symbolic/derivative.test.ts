// Symbolic derivatives of every whitelisted function against central differences of the compiled tree.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/symbolic/compile.js';
import { differentiate } from '../../src/symbolic/derivative.js';
import { safeParse } from '../../src/symbolic/parse.js';
import { centralDifference } from '../helpers.js';

const parse = (text: string) => safeParse({ text }, new Set(['t', 'r', 'a']));

// Each expression with a domain in t where it is smooth.
const cases: [string, number, number][] = [
  ['exp(-t^2) * sin(3 t)', -2, 2],
  ['log(1 + t^2)', -3, 3],
  ['log1p(t^2)', -3, 3],
  ['expm1(t) / (1 + t^2)', -2, 2],
  ['sqrt(t)', 0.1, 4],
  ['cbrt(t)', 0.1, 4],
  ['abs(t - 0.5)', 0.6, 3],
  ['tan(t)', -1.2, 1.2],
  ['sec(t) + csc(t) + cot(t)', 0.2, 1.3],
  ['asin(t) + acos(t / 2) + atan(t)', -0.9, 0.9],
  ['sinh(t) * cosh(t) / tanh(t)', 0.1, 2],
  ['sech(t) + csch(t) + coth(t)', 0.1, 2],
  ['asinh(t) + acosh(1 + t^2) + atanh(t / 2)', 0.1, 1.5],
  ['erf(t) + erfc(2 t)', -2, 2],
  ['sigmoid(t) * softplus(-t)', -5, 5],
  ['t^t', 0.2, 3],
  ['a^t + t^a', 0.2, 3],
  ['log(t, 3)', 0.2, 5],
  ['pow(t, 2.5)', 0.2, 3],
  ['max(t, 1) + min(t^2, 2)', 0.1, 0.9],
  ['tanh(r / t)', 0.1, 3],
  ['1 - exp(-r / t)', 0.1, 3],
  ['-(r / t)^2 / 2 - log(t)', 0.1, 3],
];

describe('differentiate: every rule against a central difference (fixed-seed property)', () => {
  it.each(cases)('d/dt %s', (text, lo, hi) => {
    const node = parse(text);
    const f = compile(node, ['t'], { r: 1.3, a: 1.7 });
    const df = compile(differentiate(node, 't'), ['t'], { r: 1.3, a: 1.7 });
    fc.assert(
      fc.property(fc.double({ min: lo, max: hi, noNaN: true }), (t) => {
        const fd = centralDifference(f, t, 1e-6);
        return Math.abs(df(t) - fd) <= 1e-6 * Math.max(1, Math.abs(fd));
      }),
      { seed: 20261122, numRuns: 60 },
    );
  });

  it('treats other symbols as constants and does not mutate its input', () => {
    const node = parse('a * t^2 + r');
    const before = node.toString();
    const d = differentiate(node, 't');
    expect(node.toString()).toBe(before);
    expect(compile(d, ['t'], { a: 3, r: 1 })(2)).toBe(12);
    expect(differentiate(parse('a * r'), 't').toString()).toBe('0');
  });

  it('refuses to differentiate gamma of the variable (no digamma) with a clear message', () => {
    expect(() => differentiate(parse('gamma(t)'), 't')).toThrow(/cannot differentiate gamma/);
  });
});
