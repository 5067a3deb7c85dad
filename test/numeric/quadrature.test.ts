import { describe, expect, it } from 'vitest';
import { integrate } from '../../src/numeric/quadrature.js';
import { gammaP, logPoissonConstant, logSphereArea } from '../../src/numeric/special.js';

/** Wraps f to count its evaluations. */
function counted(f: (x: number) => number): { f: (x: number) => number; calls: () => number } {
  let n = 0;
  return {
    f: (x) => {
      n++;
      return f(x);
    },
    calls: () => n,
  };
}

const relErr = (got: number, want: number): number => Math.abs(got - want) / Math.abs(want);

describe('integrate on finite intervals', () => {
  it('is exact for polynomials of degree ≤ 13 in one G7–K15 panel (15 evaluations)', () => {
    const poly = counted((x) => 3 * x ** 13 - x ** 12 + 2 * x ** 5 + 1);
    // ∫_{-1}^{1} = −2/13 + 2
    const result = integrate(poly.f, -1, 1);
    expect(relErr(result.value, 2 - 2 / 13)).toBeLessThan(1e-15);
    expect(poly.calls()).toBe(15);
  });

  it('integrates smooth functions to the requested tolerance: ∫_0^π sin = 2, ∫_0^1 x^20 = 1/21, ∫_1^e dx/x = 1', () => {
    expect(relErr(integrate(Math.sin, 0, Math.PI).value, 2)).toBeLessThan(1e-14);
    expect(relErr(integrate((x) => x ** 20, 0, 1).value, 1 / 21)).toBeLessThan(1e-14);
    expect(relErr(integrate((x) => 1 / x, 1, Math.E).value, 1)).toBeLessThan(1e-14);
  });

  it('changes sign when the limits are swapped and gives 0 on an empty range', () => {
    expect(integrate(Math.exp, 1, 0).value).toBeCloseTo(-(Math.E - 1), 14);
    expect(integrate(Math.exp, 2, 2)).toEqual({ value: 0, error: 0 });
  });

  it('handles an integrable endpoint singularity: ∫_0^1 x^{−1/2} dx = 2 to 1e-8', () => {
    const result = integrate((x) => 1 / Math.sqrt(x), 0, 1, { rtol: 1e-9 });
    expect(relErr(result.value, 2)).toBeLessThan(1e-8);
  });

  it('reports an error estimate that bounds the true error and meets rtol', () => {
    const cases: Array<[(x: number) => number, number, number, number]> = [
      [(x) => Math.exp(-x) * Math.cos(5 * x), 0, 10, (1 - Math.exp(-10) * (Math.cos(50) - 5 * Math.sin(50))) / 26],
      [(x) => 1 / (1 + 100 * x * x), -1, 1, (2 / 10) * Math.atan(10)],
      [(x) => Math.sqrt(x) * Math.log(x), 0, 1, -4 / 9],
    ];
    for (const [f, a, b, exact] of cases) {
      const result = integrate(f, a, b, { rtol: 1e-8 });
      expect(Math.abs(result.value - exact)).toBeLessThanOrEqual(result.error);
      expect(result.error).toBeLessThanOrEqual(1e-8 * Math.abs(result.value));
    }
  });

  it('uses the scale hint to find mass concentrated near a, as in ψ_t(r) at small t', () => {
    // Without the hint a Gaussian of width 1e-6 on [0, 1] falls between the first nodes.
    const narrow = (x: number): number => Math.exp(-(x * x) / 2e-12);
    const exact = Math.sqrt(Math.PI / 2) * 1e-6;
    expect(relErr(integrate(narrow, 0, 1, { scale: 1e-6 }).value, exact)).toBeLessThan(1e-12);
    // Radial Gaussian CDF at r = 2σ, σ = 1e-4, d = 3: ψ = P(3/2, 2).
    const sigma = 1e-4;
    const shell = (r: number): number =>
      Math.exp(logSphereArea(3) - 1.5 * Math.log(2 * Math.PI * sigma * sigma) - (r * r) / (2 * sigma * sigma)) * r * r;
    expect(relErr(integrate(shell, 0, 2 * sigma, { scale: sigma, rtol: 1e-12 }).value, gammaP(1.5, 2))).toBeLessThan(
      1e-11,
    );
  });
});

describe('integrate on infinite intervals', () => {
  it('integrates heavy ρ^{−2} tails: ∫_0^∞ ρ^{d−1}(1+ρ²)^{−(d+1)/2} dρ for d = 1, 2, 3 (π/2, 1, π/4)', () => {
    expect(relErr(integrate((r) => 1 / (1 + r * r), 0, Infinity).value, Math.PI / 2)).toBeLessThan(1e-10);
    expect(relErr(integrate((r) => r * (1 + r * r) ** -1.5, 0, Infinity).value, 1)).toBeLessThan(1e-10);
    expect(relErr(integrate((r) => r * r * (1 + r * r) ** -2, 0, Infinity).value, Math.PI / 4)).toBeLessThan(1e-10);
  });

  it('integrates a Gaussian of width 1e-3 on [0, ∞) with the scale hint: √(π/2)·1e-3', () => {
    const f = (r: number): number => Math.exp(-(r * r) / (2 * 1e-6));
    expect(relErr(integrate(f, 0, Infinity, { scale: 1e-3 }).value, Math.sqrt(Math.PI / 2) * 1e-3)).toBeLessThan(1e-12);
  });

  it('normalizes the PFGM++ kernel: S_{d−1} C_{d,D} ∫_0^∞ t^D r^{d−1} (t² + r²)^{−(d+D)/2} dr = 1 at t = 0.01', () => {
    for (const [d, D] of [
      [1, 1],
      [3, 1],
      [3, 2],
      [8, 5],
    ] as const) {
      const t = 0.01;
      const logConstant = logSphereArea(d) + logPoissonConstant(d, D) + D * Math.log(t);
      const shell = (r: number): number =>
        Math.exp(logConstant + (d - 1) * Math.log(r) - ((d + D) / 2) * Math.log(t * t + r * r));
      const result = integrate(shell, 0, Infinity, { scale: t, rtol: 1e-11 });
      expect(Math.abs(result.value - 1), `d = ${d}, D = ${D}`).toBeLessThan(1e-10);
    }
  });

  it('handles (−∞, b] and (−∞, ∞) by reflection: ∫ e^{−x²} = √π, ∫_{−∞}^0 e^x = 1', () => {
    expect(relErr(integrate((x) => Math.exp(-x * x), -Infinity, Infinity).value, Math.sqrt(Math.PI))).toBeLessThan(
      1e-13,
    );
    expect(relErr(integrate(Math.exp, -Infinity, 0).value, 1)).toBeLessThan(1e-13);
    expect(relErr(integrate((x) => Math.exp(-x), 1, Infinity).value, Math.exp(-1))).toBeLessThan(1e-13);
  });

  it('stops at maxDepth and says so in the error estimate instead of looping', () => {
    // ∫_0^1 x^{−0.999}: the mass near 0 cannot be resolved in 5 bisections.
    const result = integrate((x) => x ** -0.999, 0, 1, { maxDepth: 5 });
    expect(Number.isFinite(result.value)).toBe(true);
    expect(result.error).toBeGreaterThan(1e-6 * Math.abs(result.value));
  });
});
