// Sign analysis (src/symbolic/sign.ts) is what lets the field skip far data of decreasing kernels, so a
// wrong "≤ 0" would silently drop weight: every claim is checked on a grid of (t, r), and it must refuse
// to claim what is false.
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/symbolic/compile.js';
import { internal } from '../../src/symbolic/math.js';
import { safeParse } from '../../src/symbolic/parse.js';
import { NEGATIVE, POSITIVE, ZERO, provablyNonPositive, signs } from '../../src/symbolic/sign.js';
import { factorsWith, termsWith } from '../../src/symbolic/transform.js';

// The log-space helpers (logsech…) are internal names, not spec syntax: those trees are parsed as internal text.
const parse = (text: string) =>
  text.includes('logsech') ? internal(text) : safeParse({ text }, new Set(['t', 'r', 'a', 'b']));
const constants = { a: 2, b: -0.5 };
const grid = [1e-3, 0.05, 0.7, 1, 3, 40, 1e3];

/** The signs the expression really takes on the grid. */
function observed(text: string): number {
  const f = compile(parse(text), ['t', 'r'], constants);
  let set = 0;
  for (const t of grid)
    for (const r of grid) {
      const v = f(t, r);
      set |= v < 0 ? NEGATIVE : v > 0 ? POSITIVE : ZERO;
    }
  return set;
}

describe('signs', () => {
  it.each([
    ['-2 * tanh(r/t) / t - 1/r', NEGATIVE],
    ['-1/t', NEGATIVE],
    ['-r / t^2', NEGATIVE],
    ['exp(-r/t) * a', POSITIVE],
    ['b * sech(r)^2', NEGATIVE],
    ['logsech(r/t) - log1p(r)', NEGATIVE],
    ['sqrt(r) * cosh(t)', POSITIVE],
    ['atan(r - t)', NEGATIVE | ZERO | POSITIVE],
  ] as const)('%s: the claim covers every sign it takes', (text, expected) => {
    const claimed = signs(parse(text), constants);
    expect(claimed).toBe(expected);
    // a positive value may underflow to 0 on the grid (exp(−r/t) at r/t = 1e6): zero is not held against a claim
    expect(observed(text) & ~claimed & ~ZERO).toBe(0);
  });

  it.each(['1/r - r', 'log(r)', 'r - t', 'sin(r)', 'r^b', '1/(r - t)', 'a - r'])(
    '%s is not claimed ≤ 0 (it is positive somewhere)',
    (text) => {
      expect(observed(text) & POSITIVE).toBe(POSITIVE);
      expect(provablyNonPositive(parse(text), constants)).toBe(false);
    },
  );

  it('the tanh kernel: ∂r log φ = −2 tanh(r/t)/t − (d − 1)/r ≤ 0 for d = 1 and d = 2', () => {
    expect(provablyNonPositive(parse('-2 * tanh(r/t) / t - 0/r'), constants)).toBe(true);
    expect(provablyNonPositive(parse('-2 * tanh(r/t) / t - 1/r'), constants)).toBe(true);
  });
});

describe('termsWith and factorsWith', () => {
  const at = (text: string, t: number, r: number) => compile(parse(text), ['t', 'r'], constants)(t, r);
  const treeAt = (node: ReturnType<typeof parse>, t: number, r: number) => compile(node, ['t', 'r'], constants)(t, r);

  it('termsWith drops exactly the additive terms free of r (their difference is a function of t)', () => {
    const text = '2 * logsech(r/t) - log(t) - 1.8 - (log(r) - a * t)';
    const kept = termsWith(parse(text), 'r');
    for (const t of [0.1, 2]) {
      const differences = [0.3, 1, 5].map((r) => at(text, t, r) - treeAt(kept, t, r));
      expect(Math.abs(differences[1]! - differences[0]!)).toBeLessThan(1e-12);
      expect(Math.abs(differences[2]! - differences[0]!)).toBeLessThan(1e-12);
      expect(differences[0]).toBeCloseTo(-Math.log(t) - 1.8 + constants.a * t, 12);
    }
  });

  it('factorsWith drops exactly the factors free of r, and the sign (the ratio is a function of t)', () => {
    const text = '-(sech(r/t)^2 / t) * a / (r * b)';
    const kept = factorsWith(parse(text), 'r');
    for (const t of [0.1, 2]) {
      const ratios = [0.3, 1, 5].map((r) => at(text, t, r) / treeAt(kept, t, r));
      expect(ratios[1]! / ratios[0]!).toBeCloseTo(1, 12);
      expect(ratios[2]! / ratios[0]!).toBeCloseTo(1, 12);
      expect(Math.abs(ratios[0]!)).toBeCloseTo(constants.a / (t * Math.abs(constants.b)), 12);
    }
  });
});
