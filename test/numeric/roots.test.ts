import { describe, expect, it } from 'vitest';
import { brent, invertIncreasing } from '../../src/numeric/roots.js';

const relErr = (got: number, want: number): number => Math.abs(got - want) / Math.abs(want);

describe('brent', () => {
  it('finds roots to ~4ε relative: √2, the Dottie number, e^x = 10', () => {
    expect(
      relErr(
        brent((x) => x * x - 2, 0, 2),
        Math.SQRT2,
      ),
    ).toBeLessThan(1e-15);
    // cos x = x at 0.739085133215160641655312087673873 (OEIS A003957)
    expect(
      relErr(
        brent((x) => Math.cos(x) - x, 0, 1),
        0.7390851332151607,
      ),
    ).toBeLessThan(1e-15);
    expect(
      relErr(
        brent((x) => Math.exp(x) - 10, -5, 50),
        Math.LN10,
      ),
    ).toBeLessThan(1e-15);
  });

  it('returns an end point that is a root, and accepts the bracket in either order', () => {
    expect(brent((x) => x - 3, 3, 7)).toBe(3);
    expect(
      relErr(
        brent((x) => x * x * x - 8, 5, -1),
        2,
      ),
    ).toBeLessThan(1e-15);
  });

  it('honours xtol and counts its iterations', () => {
    const loose = brent((x) => x - Math.PI, 0, 10, { xtol: 1e-3, rtol: 0 });
    expect(Math.abs(loose - Math.PI)).toBeLessThan(1e-3);
    let calls = 0;
    const steep = (x: number): number => {
      calls++;
      return Math.sign(x - 0.3) * Math.abs(x - 0.3) ** 0.1; // nearly a step: bisection-like
    };
    expect(relErr(brent(steep, 0, 1), 0.3)).toBeLessThan(1e-14);
    expect(calls).toBeLessThan(200);
    expect(() => brent(steep, 0, 1, { maxIter: 3 })).toThrow(/no convergence/);
  });

  it('throws a plain Error when f(a) and f(b) do not bracket a root', () => {
    expect(() => brent((x) => x * x + 1, -1, 1)).toThrow(/do not bracket/);
    expect(() => brent(() => NaN, -1, 1)).toThrow(Error);
  });
});

describe('invertIncreasing', () => {
  it('inverts CDFs: 1 − e^{−r} = ½ at log 2, tanh(r/t) = u at t·atanh(u)', () => {
    expect(
      relErr(
        invertIncreasing((r) => -Math.expm1(-r), 0.5, { lo: 0, hi: 1 }),
        Math.LN2,
      ),
    ).toBeLessThan(1e-14);
    for (const [t, u] of [
      [1e-3, 0.1],
      [1, 0.99],
      [50, 1e-9],
    ] as const) {
      expect(
        relErr(
          invertIncreasing((r) => Math.tanh(r / t), u, { lo: 0, hi: 1 }),
          t * Math.atanh(u),
        ),
      ).toBeLessThan(1e-14);
    }
  });

  it('expands hi geometrically until the target is bracketed', () => {
    let calls = 0;
    const cdf = (r: number): number => {
      calls++;
      return r / (1 + r);
    };
    // r/(1+r) = 1 − 1e-9 at r = 1e9 − 1: about 30 doublings from hi = 1.
    const target = 1 - 1e-9;
    expect(relErr(invertIncreasing(cdf, target, { lo: 0, hi: 1 }), target / (1 - target))).toBeLessThan(1e-6);
    expect(calls).toBeLessThan(120);
  });

  it('refuses to expand when told not to, and rejects a target below f(lo)', () => {
    expect(() => invertIncreasing((r) => r, 5, { lo: 0, hi: 1, expand: false })).toThrow(/expand is false/);
    expect(() => invertIncreasing((r) => r + 1, 0.5, { lo: 0, hi: 1 })).toThrow(/not below the target/);
    expect(() => invertIncreasing((r) => Math.tanh(r), 1.5, { lo: 0, hi: 1 })).toThrow(/stays below/);
    expect(() => invertIncreasing((r) => r, 0.5, { lo: 1, hi: 1 })).toThrow(/must exceed/);
  });
});
