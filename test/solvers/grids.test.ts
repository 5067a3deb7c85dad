// Time grids: end points exact, spacing as defined; EDM values against Karras et al.'s published schedule.
import { describe, expect, it } from 'vitest';
import { edmGrid, logGrid, timeGrid, uniformGrid } from '../../src/solvers/index.js';

describe('time grids', () => {
  it('EDM (ρ = 7, 18 points on [0.002, 80]) gives 80, 57.58598, 40.78557, … (EDM paper, Table 1 schedule)', () => {
    const g = edmGrid(80, 0.002, 17);
    expect(g.length).toBe(18);
    expect(g[0]).toBe(80);
    expect(g[1]).toBeCloseTo(57.58598, 5);
    expect(g[2]).toBeCloseTo(40.78557, 5);
    expect(g[17]).toBe(0.002);
    // σ_i^{1/7} is affine in i.
    const roots = Array.from(g, (s) => s ** (1 / 7));
    for (let i = 1; i < 17; i++) expect(roots[i + 1]! - roots[i]!).toBeCloseTo(roots[1]! - roots[0]!, 12);
  });

  it('uniform and log grids go from T to ε with the stated spacing', () => {
    const u = uniformGrid(1, 0.001, 4);
    [1, 0.75025, 0.5005, 0.25075, 0.001].forEach((v, i) => expect(u[i]).toBeCloseTo(v, 14));
    expect(u[4]).toBe(0.001);
    const l = logGrid(100, 0.01, 4);
    expect(l[0]).toBe(100);
    expect(l[1]).toBeCloseTo(10, 12);
    expect(l[2]).toBeCloseTo(1, 12);
    expect(l[4]).toBe(0.01);
  });

  it.each([
    [0, 1, 10, /0 < epsilon < T/],
    [1, 1, 10, /0 < epsilon < T/],
    [1, 0.1, 0, /steps must be a positive integer/],
    [1, 0.1, 2.5, /steps must be a positive integer/],
  ])('rejects epsilon = %f, T = %f, steps = %f', (epsilon, T, steps, message) => {
    expect(() => timeGrid('uniform', T, epsilon, steps)).toThrow(message);
  });
});
