// Priors (docs/mathematics.md §7) against closed forms, and their samplers against their own radial CDFs.
import { describe, expect, it } from 'vitest';
import { designFromText, loadDesign } from '../../src/design/index.js';
import { ksTest } from '../../src/numeric/ks.js';
import { createRng } from '../../src/numeric/rng.js';
import { example, relativeError, specWithDimension } from '../helpers.js';

function radii(samples: Float64Array, d: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < samples.length; i += d) out.push(Math.hypot(...samples.subarray(i, i + d)));
  return out;
}

describe('poisson prior: ratio-of-Gaussians sampler, exact normalizing constant', () => {
  it.each([
    [2, 'pfgm.yaml'],
    [3, 'pfgm.yaml'],
    [2, 'pfgmpp.yaml'],
    [5, 'pfgmpp.yaml'],
  ] as const)('d = %i, %s', (d, file) => {
    const design = designFromText(specWithDimension(file, d));
    const D = file === 'pfgm.yaml' ? 1 : 4;
    const samples = design.prior.sample(4000, createRng(11));
    const { pValue } = ksTest(radii(samples, d), (r) => design.prior.radialCdf(r));
    expect(pValue).toBeGreaterThan(1e-3);
    // radial CDF ψ(r) = I_{r²/(T²+r²)}(d/2, D/2): at D = 1, d = 2 it is 1 − T/√(T² + r²)
    if (d === 2 && D === 1) expect(design.prior.radialCdf(30)).toBeCloseTo(1 - 40 / 50, 13);
  });

  it('normalizes over R^d (quadrature over the radius with S_{d−1})', async () => {
    const { integrate } = await import('../../src/numeric/quadrature.js');
    const d = 3;
    const design = designFromText(specWithDimension('pfgm.yaml', d));
    const shell = (r: number) => 4 * Math.PI * r * r * Math.exp(design.prior.logDensity([r, 0, 0]));
    expect(integrate(shell, 0, Infinity, { rtol: 1e-10, scale: 40 }).value).toBeCloseTo(1, 7);
  });
});

describe('kernel and custom priors', () => {
  it('tanh: the kernel at T centred at 0; inverse-CDF sampler matches tanh(r/T)', () => {
    const design = loadDesign(example('tanh.yaml'));
    expect(design.prior.kind).toBe('kernel');
    const samples = design.prior.sample(3000, createRng(3));
    expect(ksTest(radii(samples, 2), (r) => Math.tanh(r / 40)).pValue).toBeGreaterThan(1e-3);
  });

  it('custom density sech²(r/T)/r in d = 2 is normalized numerically to the tanh kernel at T', () => {
    const custom = loadDesign(example('custom-prior.yaml'));
    const kernel = loadDesign(example('tanh.yaml'));
    for (const x of [
      [1, 2],
      [30, -4],
      [0.01, 0],
    ]) {
      expect(relativeError(custom.prior.logDensity(x), kernel.prior.logDensity(x))).toBeLessThan(1e-8);
    }
    const samples = custom.prior.sample(1000, createRng(5));
    expect(ksTest(radii(samples, 2), (r) => Math.tanh(r / 40)).pValue).toBeGreaterThan(1e-3);
  });

  it('gaussian prior of a VP design is N(0, σ_T² I) with σ_T = √(1 − e^{−B(1)})', () => {
    const vp = loadDesign(example('vp-sde.yaml'));
    const s2 = 1 - Math.exp(-(0.1 + 19.9 / 2));
    const x = [0.4, -1.2];
    expect(relativeError(vp.prior.logDensity(x), -(0.16 + 1.44) / (2 * s2) - Math.log(2 * Math.PI * s2))).toBeLessThan(
      1e-12,
    );
  });
});
