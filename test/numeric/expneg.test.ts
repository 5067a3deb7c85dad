// The table-driven exponentials of the hot loops against Math.exp over their whole range: relative error
// within a few ulp (2.2e-16 each), the ends exact (0, overflow), sech from its definition.
import { describe, expect, it } from 'vitest';
import { expFast, expNeg, sechFast } from '../../src/numeric/expneg.js';
import { createRng } from '../../src/numeric/rng.js';

const ULP = Number.EPSILON;

function relativeError(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

describe('expNeg, expFast, sechFast', () => {
  const rng = createRng(3);
  const xs = Array.from({ length: 20000 }, (_, i) => (i % 2 ? -745 * rng.uniform() : -40 * rng.uniform() ** 3));

  it('expNeg(x) is within 3 ulp of Math.exp on [−708, 0] (normal results)', () => {
    let worst = 0;
    for (const x of xs) if (x > -708) worst = Math.max(worst, relativeError(expNeg(x), Math.exp(x)));
    expect(worst).toBeLessThan(3 * ULP);
  });

  it('expNeg underflows to 0 below −745 and is 1 at 0', () => {
    expect(expNeg(-746)).toBe(0);
    expect(expNeg(0)).toBe(1);
  });

  it('expFast(x) is within 4 ulp of Math.exp on [−708, 709], and overflows where Math.exp does', () => {
    let worst = 0;
    for (const x of xs) {
      if (x > -708) worst = Math.max(worst, relativeError(expFast(x), Math.exp(x)));
      worst = Math.max(worst, relativeError(expFast(-x * 0.95), Math.exp(-x * 0.95)));
    }
    expect(worst).toBeLessThan(4 * ULP);
    expect(expFast(710)).toBe(Infinity);
  });

  it('sechFast(u) is within 6 ulp of 1/cosh(u), even in u, 0 far out', () => {
    let worst = 0;
    for (const x of xs) {
      const u = -x / 2;
      if (u < 354) worst = Math.max(worst, relativeError(sechFast(u), 1 / Math.cosh(u)));
      expect(sechFast(-u)).toBe(sechFast(u));
    }
    expect(worst).toBeLessThan(6 * ULP);
    expect(sechFast(800)).toBe(0);
  });
});
