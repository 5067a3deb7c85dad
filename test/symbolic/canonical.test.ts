import { describe, expect, it } from 'vitest';
import { exactLogAbs } from '../../src/symbolic/canonical.js';
import { logAbs } from '../../src/symbolic/logspace.js';
import { internal } from '../../src/symbolic/math.js';
import { tidy } from '../../src/symbolic/simplify.js';

const domain = { variables: ['t', 'r'], constants: { d: 2 } };

describe('canonical forms', () => {
  it('cancels the rational part: the atan profile has k = 1/t', () => {
    expect(tidy(internal('(r ^ 2 + t ^ 2) / t ^ 3 / (r ^ 2 / t ^ 2 + 1)'), domain).toString()).toBe('1 / t');
  });

  it('brings exp(a) / e^b to one exponential and drops log(e)', () => {
    const node = tidy(internal('r * log(e) * t ^ (-2) / e ^ (0.5 * r ^ 2 / t ^ 2)'), domain).toString();
    expect(node).not.toMatch(/log\(e\)|e \^/);
  });

  it('keeps log 2 and log π exact in log-space trees', () => {
    const text = exactLogAbs(internal('2 * t / ((r ^ 2 + t ^ 2) * pi)'), logAbs).toString();
    expect(text).toContain('log(2)');
    expect(text).toContain('log(pi)');
    expect(text).not.toMatch(/\d\.\d{6,}|abs/);
  });

  it('refuses a rewrite that is wrong at any scale', () => {
    expect(tidy(internal('r / (r + t)'), domain).toString()).not.toBe('1');
  });
});
