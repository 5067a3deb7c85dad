// logSumExp (shared by verify's marginal densities and the likelihood's closed-form log p_t) against hand values.
import { describe, expect, it } from 'vitest';
import { logSumExp } from '../../src/numeric/elementary.js';

describe('logSumExp', () => {
  it('is log of the sum where the sum is representable: log(2 + 3) = log 5', () => {
    expect(logSumExp([Math.log(2), Math.log(3)])).toBeCloseTo(Math.log(5), 15);
    expect(logSumExp(Float64Array.of(0, 0, 0, 0))).toBeCloseTo(Math.log(4), 15);
  });

  it('does not overflow or underflow: 1000 + log 2, −1000 + log 2', () => {
    expect(logSumExp([1000, 1000])).toBe(1000 + Math.LN2);
    expect(logSumExp([-1000, -1000])).toBe(-1000 + Math.LN2);
  });

  it('−∞ for no terms or only −∞ terms (no kernel reaches the point); +∞ and NaN propagate', () => {
    expect(logSumExp([])).toBe(-Infinity);
    expect(logSumExp([-Infinity, -Infinity])).toBe(-Infinity);
    expect(logSumExp([-Infinity, Math.log(7)])).toBeCloseTo(Math.log(7), 15);
    expect(logSumExp([1, Infinity])).toBe(Infinity);
    expect(logSumExp([1, Number.NaN, 2])).toBeNaN();
  });
});
