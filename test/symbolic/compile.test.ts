// Compiled JS agrees with mathjs's own evaluation, and the log-space trees stay finite where the naive
// log underflows.
import { describe, expect, it } from 'vitest';
import { compile, emitSource } from '../../src/symbolic/compile.js';
import { differentiate } from '../../src/symbolic/derivative.js';
import { logAbs, signOf } from '../../src/symbolic/logspace.js';
import { math } from '../../src/symbolic/math.js';
import { safeParse } from '../../src/symbolic/parse.js';

const parse = (text: string) => safeParse({ text }, new Set(['t', 'r', 'beta']));

describe('compile', () => {
  it.each([
    'tanh(r/t)',
    '1 - e^(-r/t)',
    'beta * t^2 / 2 + sqrt(r)',
    'log(r, 2) * cos(pi t)',
    '-r^2 / (2 t^2)',
    'sinh(r) / cosh(t)',
    '(t + r)^-1',
  ])('%s equals mathjs evaluate', (text) => {
    const node = parse(text);
    const f = compile(node, ['t', 'r'], { beta: 0.7 });
    for (const [t, r] of [
      [0.3, 1.1],
      [2, 0.5],
      [1.7, 3.2],
    ] as const) {
      const expected = math.evaluate(text, { t, r, beta: 0.7 }) as number;
      expect(f(t, r)).toBeCloseTo(expected, 12);
    }
  });

  it('generates code from the tree only: numbers and whitelisted names, nothing of the user string', () => {
    const source = emitSource(parse('tanh(r/t) * beta'), ['t', 'r'], { beta: 2 });
    expect(source).toBe('(Math.tanh((r / t)) * (2))');
  });
});

describe('log space (docs/mathematics.md §2 trap)', () => {
  it('log|∂rψ| for ψ = tanh(r/t) at t = 1e-3, r = 1 is finite and exact', () => {
    const dpsi = differentiate(parse('tanh(r/t)'), 'r');
    const naive = compile(dpsi, ['t', 'r'], {});
    const logged = compile(logAbs(dpsi), ['t', 'r'], {});
    expect(naive(1e-3, 1)).toBe(0); // sech²(1000) underflows
    // log(sech²(1000)/1e-3) = 2(log 2 − 1000 − log1p(e^−2000)) + log 1000
    expect(logged(1e-3, 1)).toBeCloseTo(2 * (Math.LN2 - 1000) + Math.log(1000), 10);
  });

  it('log(1 − e^{−u}) and log(1 + x) become log1mexp and log1p', () => {
    const f = compile(logAbs(parse('1 - exp(-r/t)')), ['t', 'r'], {});
    expect(f(1, 1e-12)).toBeCloseTo(Math.log(1e-12), 8);
    const g = compile(logAbs(parse('1 + r')), ['r'], {});
    expect(g(1e-17)).toBe(1e-17);
  });

  it('signOf keeps the sign of an underflowed product', () => {
    const node = parse('-r * sech(r/t)^2 / t^2');
    const sign = compile(signOf(node), ['t', 'r'], {});
    expect(compile(node, ['t', 'r'], {})(1e-3, 1)).toBe(-0);
    expect(sign(1e-3, 1)).toBe(-1);
  });
});
