import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { designFromText, loadDesign } from '../../src/design/index.js';
import { centralDifference, example, relativeError, specWithDimension } from '../helpers.js';

describe('gaussian VE path σ = t', () => {
  const ve = loadDesign(example('ve.yaml'));
  it('kernel is N(x0, t² I), v = (x − x0)/t, score = −(x − x0)/t²', () => {
    const t = 1.7,
      x = [0.3, -2],
      x0 = [1, 1];
    const r2 = 0.7 ** 2 + 3 ** 2;
    expect(
      relativeError(ve.kernel.logDensity(t, x, x0), -r2 / (2 * t * t) - Math.log(2 * Math.PI * t * t)),
    ).toBeLessThan(1e-14);
    expect([...ve.conditionalVelocity(t, x, x0)]).toEqual(
      [(0.3 - 1) / t, (-2 - 1) / t].map((v) => expect.closeTo(v, 14)),
    );
    expect([...ve.conditionalScore(t, x, x0)]).toEqual(
      [(1 - 0.3) / t ** 2, 3 / t ** 2].map((v) => expect.closeTo(v, 14)),
    );
    // d = 2: P(1, r²/2σ²) = 1 − e^{−r²/2σ²}
    expect(ve.kernel.radialCdf(t, 2)).toBeCloseTo(1 - Math.exp(-4 / (2 * t * t)), 14);
  });
  it('prior is N(0, 80² I)', () => {
    expect(ve.prior.kind).toBe('gaussian');
    expect(relativeError(ve.prior.logDensity([10, 5]), -125 / (2 * 6400) - Math.log(2 * Math.PI * 6400))).toBeLessThan(
      1e-14,
    );
  });
});

describe('poisson family (PFGM, PFGM++) (docs/mathematics.md §4)', () => {
  it('PFGM d = 2: p = t/(2π (t² + r²)^{3/2}), v = (x − x0)/t, ψ = 1 − √(t²/(t² + r²))', () => {
    const pfgm = loadDesign(example('pfgm.yaml'));
    const t = 2,
      x = [3, 0],
      x0 = [0, 0];
    // C_{2,1} = Γ(3/2)/(π Γ(1/2)) = 1/(2π)
    expect(
      relativeError(pfgm.kernel.logDensity(t, x, x0), Math.log(2 / (2 * Math.PI)) - 1.5 * Math.log(13)),
    ).toBeLessThan(1e-14);
    expect([...pfgm.conditionalVelocity(t, x, x0)]).toEqual([1.5, 0]);
    // I_x(1, 1/2) = 1 − (1 − x)^{1/2}, x = 9/13
    expect(pfgm.kernel.radialCdf(t, 3)).toBeCloseTo(1 - Math.sqrt(4 / 13), 13);
  });

  it("PFGM++ D = 4, d = 3: C_{3,4} = Γ(7/2)/(π^{3/2} Γ(2)) and the prior uses it (not PFGM code's dropped constant)", () => {
    const design = designFromText(specWithDimension('pfgmpp.yaml', 3));
    const T = 40,
      x = [5, -3, 2];
    const logC = Math.log((15 / 8) * Math.sqrt(Math.PI)) - 1.5 * Math.log(Math.PI); // Γ(7/2) = 15√π/8
    const expected = logC + 4 * Math.log(T) - 3.5 * Math.log(T * T + 38);
    expect(relativeError(design.prior.logDensity(x), expected)).toBeLessThan(1e-13);
    expect(design.prior.kind).toBe('poisson');
  });
});

describe('sde family: α = exp∫f, σ² = α²∫g²/α² (docs/mathematics.md §6)', () => {
  const B = (t: number) => 0.1 * t + (t * t * (20 - 0.1)) / 2;
  it('VP at t = 0.5: α = e^{−B/2}, σ = √(1 − e^{−B})', () => {
    const vp = loadDesign(example('vp-sde.yaml'));
    const s = vp.schedule!(0.5);
    expect(relativeError(s.alpha, Math.exp(-B(0.5) / 2))).toBeLessThan(1e-12);
    expect(relativeError(s.sigma, Math.sqrt(1 - Math.exp(-B(0.5))))).toBeLessThan(1e-12);
    expect(
      relativeError(
        s.dAlpha,
        centralDifference((t) => vp.schedule!(t).alpha, 0.5),
      ),
    ).toBeLessThan(1e-8);
    expect(
      relativeError(
        s.dSigma,
        centralDifference((t) => vp.schedule!(t).sigma, 0.5),
      ),
    ).toBeLessThan(1e-8);
  });
  it('sub-VP: σ = 1 − e^{−B}', () => {
    const sub = loadDesign(example('subvp-sde.yaml'));
    for (const t of [0.01, 0.3, 0.9]) {
      const s = sub.schedule!(t);
      expect(relativeError(s.sigma, 1 - Math.exp(-B(t)))).toBeLessThan(1e-10);
      expect(
        relativeError(
          s.dSigma,
          centralDifference((u) => sub.schedule!(u).sigma, t),
        ),
      ).toBeLessThan(1e-7);
    }
  });
  it('VE: σ_t² = σ(t)² − σ_min², α = 1', () => {
    const ve = loadDesign(example('ve-sde.yaml'));
    const sigmaOf = (t: number) => 0.01 * (50 / 0.01) ** t;
    for (const t of [0.05, 0.5, 1]) {
      expect(relativeError(ve.schedule!(t).sigma, Math.sqrt(sigmaOf(t) ** 2 - 1e-4))).toBeLessThan(1e-10);
      expect(ve.schedule!(t).alpha).toBeCloseTo(1, 15);
    }
  });
});

describe('path conversions round-trip (property, fixed seed)', () => {
  const designs = ['rectified-flow.yaml', 'cosine.yaml', 'vp-sde.yaml'].map((f) => loadDesign(example(f)));
  const vec = fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 2, maxLength: 2 });
  it.each(designs.map((d) => [d.name, d] as const))('%s', (_, design) => {
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 0.95, noNaN: true }), vec, vec, (t, x, x0) => {
        const c = design.conversions!;
        const v = c.velocityFromX0(t, x, x0);
        const back = c.x0FromVelocity(t, x, v);
        const eps = c.epsilonFromX0(t, x, x0);
        const again = c.x0FromEpsilon(t, x, eps);
        const score = c.scoreFromEpsilon(t, eps);
        const eps2 = c.epsilonFromScore(t, score);
        // the velocity from x0 is the conditional velocity at x0
        const cond = design.conditionalVelocity(t, x, x0);
        const close = (a: ArrayLike<number>, b: ArrayLike<number>) =>
          Array.from(a).every((ai, j) => Math.abs(ai - b[j]!) <= 1e-8 * (1 + Math.abs(b[j]!)));
        return (
          close(back, x0) &&
          close(again, x0) &&
          close(eps2, eps) &&
          close(v, cond) &&
          close(score, design.conditionalScore(t, x, x0))
        );
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('path with radial noise F(ρ) = tanh(ρ)', () => {
  it('kernel is σ^{-d} q(|x − x0|/σ) with q = F′/(2πρ) in d = 2', () => {
    const design = loadDesign(example('student-path.yaml'));
    const t = 1.5,
      x = [1, 2];
    const rho = Math.hypot(1, 2) / t;
    const expected = -2 * Math.log(t) + Math.log(1 / Math.cosh(rho) ** 2 / (2 * Math.PI * rho));
    expect(relativeError(design.kernel.logDensity(t, x, [0, 0]), expected)).toBeLessThan(1e-12);
    expect(design.kernel.radialCdf(t, 3)).toBeCloseTo(Math.tanh(2), 14);
  });
});

describe('rectified flow and cosine schedules', () => {
  it('rectified flow: α = 1 − t, σ = t, v = (x − x0)/t', () => {
    const rf = loadDesign(example('rectified-flow.yaml'));
    expect(rf.schedule!(0.3)).toEqual({ alpha: 0.7, sigma: 0.3, dAlpha: -1, dSigma: 1 });
    const v = rf.conditionalVelocity(0.25, [1, 2], [0.5, -1]);
    expect(v[0]).toBeCloseTo((1 - 0.5) / 0.25, 12);
    expect(v[1]).toBeCloseTo((2 + 1) / 0.25, 12);
  });
  it('cosine: α̇ = −(π/2) sin(πt/2), σ̇ = (π/2) cos(πt/2)', () => {
    const cos = loadDesign(example('cosine.yaml'));
    const s = cos.schedule!(0.4);
    expect(s.dAlpha).toBeCloseTo(-(Math.PI / 2) * Math.sin(0.2 * Math.PI), 14);
    expect(s.dSigma).toBeCloseTo((Math.PI / 2) * Math.cos(0.2 * Math.PI), 14);
  });
});
