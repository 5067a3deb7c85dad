// SDE schedules in stable closed form (docs/mathematics.md §6): the bundled SDEs against closed forms written
// out by hand, a VP-type SDE whose naive σ² = α² ∫ g²/α² overflows (f = −t, g² = 2t: e^{t²}) for T up to 1e4,
// the forms shown, and the quadrature fallback.
import { describe, expect, it } from 'vitest';
import { designFromText, loadDesign, type Design } from '../../src/design/index.js';
import { erf } from '../../src/numeric/special.js';
import { verifyDesign } from '../../src/verify/verify.js';
import { example, relativeError } from '../helpers.js';

type Closed = (t: number) => [alpha: number, sigma: number, dAlpha: number, dSigma: number];

const [b0, b1] = [0.1, 20];
const beta = (t: number): number => b0 + t * (b1 - b0);
const B = (t: number): number => b0 * t + ((b1 - b0) * t * t) / 2;

const vp: Closed = (t) => {
  const alpha = Math.exp(-B(t) / 2),
    sigma = Math.sqrt(-Math.expm1(-B(t)));
  return [alpha, sigma, (-beta(t) / 2) * alpha, (beta(t) * Math.exp(-B(t))) / (2 * sigma)];
};
const subVp: Closed = (t) => {
  const alpha = Math.exp(-B(t) / 2);
  return [alpha, -Math.expm1(-B(t)), (-beta(t) / 2) * alpha, beta(t) * Math.exp(-B(t))];
};
const [sMin, sMax] = [0.01, 50];
const ve: Closed = (t) => {
  const growth = 2 * t * Math.log(sMax / sMin);
  const sigma = sMin * Math.sqrt(Math.expm1(growth));
  return [1, sigma, 0, (sMin * sMin * Math.exp(growth) * Math.log(sMax / sMin)) / sigma];
};
/** f = −t, g = √(2t): α = e^{−t²/2}, σ² = 1 − e^{−t²}. */
const tSquared: Closed = (t) => {
  const sigma = Math.sqrt(-Math.expm1(-t * t));
  return [Math.exp((-t * t) / 2), sigma, -t * Math.exp((-t * t) / 2), (t * Math.exp(-t * t)) / sigma];
};

function gridOf(design: Design, count = 400): number[] {
  const { epsilon, T } = design;
  const linear = Array.from({ length: count + 1 }, (_, i) => epsilon + ((T - epsilon) * i) / count);
  const logarithmic = Array.from({ length: count + 1 }, (_, i) => epsilon * (T / epsilon) ** (i / count));
  return [...linear, ...logarithmic];
}

/** Worst relative error of α, σ, α̇, σ̇ against a closed form (absolute where the closed value is 0). */
function worstError(design: Design, closed: Closed): number {
  let worst = 0;
  for (const t of gridOf(design)) {
    const s = design.schedule!(t);
    const got = [s.alpha, s.sigma, s.dAlpha, s.dSigma];
    closed(t).forEach((expected, i) => {
      const error = expected === 0 ? Math.abs(got[i]!) : relativeError(got[i]!, expected);
      worst = Math.max(worst, Number.isFinite(got[i]!) ? error : Infinity);
    });
  }
  return worst;
}

const tSquaredSpec = (T: number): string => `name: t-squared
description: VP-type SDE with f = -t, g^2 = 2t
family: sde
dimension: 2
drift: -t
diffusion: sqrt(2*t)
time: { T: ${T}, epsilon: 0.001 }
prior: gaussian
`;

describe('bundled SDEs against closed forms written by hand', () => {
  it.each([
    ['vp-sde.yaml', vp],
    ['subvp-sde.yaml', subVp],
    ['ve-sde.yaml', ve],
  ] as const)('%s: α, σ, α̇, σ̇ within 1e-13 relative over [ε, T]', (file, closed) => {
    const design = loadDesign(example(file));
    expect(design.derivation.method!.expr).toMatch(/^symbolic/);
    expect(worstError(design, closed)).toBeLessThan(1e-13);
  });

  it('shows the paper forms: VP √(1 − e^{−B}), sub-VP α = e^{−B/2}, σ = 1 − e^{−B}, VE √(σ_min²(σ_max/σ_min)^{2t} − σ_min²)', () => {
    const shown = (file: string, name: string): string => loadDesign(example(file)).derivation[name]!.expr;
    const minusB = String.raw`-\(\(beta_max - beta_min\) \* t \^ 2 / 2 \+ beta_min \* t\)`;
    expect(shown('vp-sde.yaml', 'sigma')).toMatch(new RegExp(String.raw`^sqrt\(1 - exp\(${minusB}\)\)$`));
    expect(shown('subvp-sde.yaml', 'sigma')).toMatch(new RegExp(String.raw`^1 - exp\(${minusB}\)$`));
    expect(shown('subvp-sde.yaml', 'alpha')).toMatch(new RegExp(String.raw`^exp\(${minusB} / 2\)$`));
    expect(shown('ve-sde.yaml', 'sigma')).toBe(
      'sqrt(sigma_min ^ 2 * (sigma_max / sigma_min) ^ (2 * t) - sigma_min ^ 2)',
    );
  });

  it('evaluates (JS and Python) through expm1, not 1 − exp', () => {
    const python = (file: string): string => loadDesign(example(file)).derivation.sigma!.python!;
    for (const file of ['vp-sde.yaml', 'subvp-sde.yaml', 've-sde.yaml']) expect(python(file)).toMatch(/expm1/);
  });
});

describe('f = −t, g = √(2t): the naive form overflows (e^{t²}), the stable one does not', () => {
  it.each([5, 10, 26, 30, 100, 1e4])('T = %s: symbolic, finite and within 1e-13 of the closed form', (T) => {
    const design = designFromText(tSquaredSpec(T));
    expect(design.derivation.method!.expr).toMatch(/^symbolic/);
    expect(design.derivation.sigma!.expr).toBe('sqrt(1 - exp(-t ^ 2))');
    expect(worstError(design, tSquared)).toBeLessThan(1e-13);
  });

  it('σ → 1 at T = 30 (the value the old form refused as Infinity)', () => {
    expect(designFromText(tSquaredSpec(30)).schedule!(30).sigma).toBe(1);
  });
});

describe('quadrature fallback (nerdamer has no ∫erf): β = 1 + erf(t), VP-type', () => {
  const spec = (T: number): string => `name: erf-vp
description: VP with beta = 1 + erf(t)
family: sde
dimension: 2
drift: -(1 + erf(t)) / 2
diffusion: sqrt(1 + erf(t))
time: { T: ${T}, epsilon: 0.001 }
prior: gaussian
`;
  /** B = ∫_0^t (1 + erf) = t + t erf(t) + (e^{−t²} − 1)/√π; α = e^{−B/2}, σ = √(1 − e^{−B}). */
  const erfB = (t: number): number => t + t * erf(t) + Math.expm1(-t * t) / Math.sqrt(Math.PI);

  it('shows ∫_0^t f(s) ds with the integrand in s, never t', () => {
    const design = designFromText(spec(30));
    expect(design.derivation.method!.expr).toMatch(/^quadrature/);
    expect(design.derivation.alpha!.expr).toBe('exp(int_0^t (-(1 + erf(s)) / 2) ds)');
    expect(design.derivation.sigma!.expr).not.toMatch(/erf\(t\)/);
  });

  // Cells are at most 1/(4 max|f|) wide (at T = 1e4: 40,000 cells), steps taken in offsets from the cell start.
  it.each([
    [30, 1e-12],
    [1e4, 1e-12],
  ])('T = %s: α, σ agree with the closed form to %s and every quantity is finite', (T, tolerance) => {
    const design = designFromText(spec(T));
    for (const t of gridOf(design, 200)) {
      const s = design.schedule!(t);
      expect([s.alpha, s.sigma, s.dAlpha, s.dSigma].every(Number.isFinite), `t = ${t}`).toBe(true);
      const alpha = Math.exp(-erfB(t) / 2);
      if (alpha > 1e-290) expect(relativeError(s.alpha, alpha)).toBeLessThan(tolerance);
      expect(relativeError(s.sigma, Math.sqrt(-Math.expm1(-erfB(t))))).toBeLessThan(tolerance);
    }
  });
});

describe('verify does not cry wolf on a correct quadrature schedule at T = 1e4', () => {
  it('symbolic-agreement passes: σ̇ ≈ 1e-16 where σ → 1 is compared against the difference’s own measured error', () => {
    const design = designFromText(`name: erf-vp
family: sde
dimension: 2
drift: -(1 + erf(t)) / 2
diffusion: sqrt(1 + erf(t))
time: { T: 10000, epsilon: 0.001 }
prior: gaussian
`);
    const report = verifyDesign(design, { properties: ['symbolic-agreement'] });
    expect(report.properties.map((p) => [p.name, p.passed])).toEqual([['symbolic-agreement', true]]);
  });
});
