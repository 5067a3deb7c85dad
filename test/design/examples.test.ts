// Every bundled example loads, derives every quantity, and gives finite numbers over [ε, T].
import { describe, expect, it } from 'vitest';
import { loadDesign } from '../../src/design/index.js';
import { createRng } from '../../src/numeric/rng.js';
import { example, exampleFiles } from '../helpers.js';

describe.each(exampleFiles)('example %s', (file) => {
  const design = loadDesign(example(file));

  it('derives expressions and LaTeX for every quantity', () => {
    const names = Object.keys(design.derivation);
    const expected =
      design.family === 'radial'
        ? ['psi', 'dpsi_dr', 'dpsi_dt', 'phi', 'log_phi', 'varphi', 'k', 'prior']
        : ['alpha', 'sigma', 'dalpha', 'dsigma', 'log_kernel', 'conditional_velocity', 'prior'];
    expect(names).toEqual(expect.arrayContaining(expected));
    for (const q of Object.values(design.derivation)) {
      expect(q.expr).not.toMatch(/undefined|NaN/);
      expect(q.latex.length).toBeGreaterThan(0);
    }
  });

  it('log-density, velocity, score and prior are finite from ε to T', () => {
    const d = design.dimension;
    const x0 = Array.from({ length: d }, (_, j) => 0.3 * (j + 1));
    for (const t of [design.epsilon, Math.sqrt(design.epsilon * design.T), design.T]) {
      const sigma = design.schedule ? design.schedule(t).sigma : t;
      for (const scale of [1e-3, 1, 30]) {
        const x = x0.map((v, j) => v + (j === 0 ? scale * sigma : 0.5 * scale * sigma));
        const values = [
          design.kernel.logDensity(t, x, x0),
          ...design.conditionalVelocity(t, x, x0),
          ...design.conditionalScore(t, x, x0),
          design.prior.logDensity(x),
        ];
        expect(values.every(Number.isFinite), `t = ${t}, scale ${scale}: ${values}`).toBe(true);
      }
    }
  });

  it('kernel and prior samplers give finite points of the right shape', () => {
    const rng = createRng(7);
    const samples = design.kernel.sample(design.T / 2, new Float64Array(design.dimension), 16, rng);
    const prior = design.prior.sample(16, rng);
    expect(samples.length).toBe(16 * design.dimension);
    expect(prior.length).toBe(16 * design.dimension);
    expect([...samples, ...prior].every(Number.isFinite)).toBe(true);
  });
});
