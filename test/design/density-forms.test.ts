// With the dimension known, `derive` prints φ, log φ and ϕ with d bound: S_{d−1} exact (2π for d = 2), the
// (d − 1) log r of log φ cancelled. The printed text must be the same function as the kernel the design evaluates,
// and exports for an open dimension keep the forms in d and S_{d−1}.
import { describe, expect, it } from 'vitest';
import { designFromText, exportDesign, type Design } from '../../src/index.js';
import { compile } from '../../src/symbolic/compile.js';
import { internal } from '../../src/symbolic/math.js';
import { lgamma } from '../../src/numeric/special.js';
import { specWithDimension } from '../helpers.js';

// (gaussian-density is integrated symbolically in the plane only: checked below)
const radialExamples = ['tanh.yaml', 'exp-radial.yaml', 'atan'];

/** An example's text in dimension d; 'atan' is ψ = (2/π) atan(r/t), whose k simplifies to 1/t. */
function specText(file: string, d: number): string {
  if (file !== 'atan') return specWithDimension(file, d);
  return `name: atan\nfamily: radial\ndimension: ${d}\ncumulative: 2/pi*atan(r/t)\ntime: { T: 40, epsilon: 0.001 }\n`;
}
const dimensions = [1, 2, 3, 4, 7];

/** The printed expression as a function of (t, r), with the design's parameters and, for the generic form, d and S_d. */
function printed(expr: string, design: Design, extra: Record<string, number> = {}): (t: number, r: number) => number {
  return compile(internal(expr), ['t', 'r'], { ...design.parameters, ...extra }) as (t: number, r: number) => number;
}

/** log φ_t(r) as the design evaluates it: the kernel's log-density at distance r from x0 = 0. */
function kernelLogPhi(design: Design, t: number, r: number): number {
  const x = new Float64Array(design.dimension);
  x[0] = r;
  return design.kernel.logDensity(t, x, new Float64Array(design.dimension));
}

const points = [0.01, 0.3, 1, 4.5, 20].flatMap((t) => [0.02, 0.7, 2.5, 9].map((r) => [t, r * t] as const));

describe.each(radialExamples)('%s', (file) => {
  it.each(dimensions)('d = %i: printed φ, log φ and ϕ = k φ are the kernel the design evaluates', (d) => {
    const design = designFromText(specText(file, d), { file });
    const q = design.derivation;
    const [phi, logPhi, varphi] = [q.phi!, q.log_phi!, q.varphi!].map((quantity) => printed(quantity.expr, design));
    for (const [t, r] of points) {
      const exact = kernelLogPhi(design, t, r);
      if (!Number.isFinite(exact) || exact < -600) continue;
      expect(Math.abs(logPhi!(t, r) - exact), `log φ at t = ${t}, r = ${r}`).toBeLessThan(
        1e-11 * Math.max(1, Math.abs(exact)),
      );
      expect(phi!(t, r) / Math.exp(exact)).toBeCloseTo(1, 10);
      if (design.fieldKernel.kind !== 'radial') throw new Error('radial design expected');
      expect(varphi!(t, r) / (design.fieldKernel.k(t, r) * Math.exp(exact))).toBeCloseTo(1, 10);
    }
  });

  it.each(dimensions)('d = %i: the forms for any d evaluate to the same numbers', (d) => {
    const design = designFromText(specText(file, d), { file });
    const S = Math.exp(Math.log(2) + (d / 2) * Math.log(Math.PI) - lgamma(d / 2));
    const logPhi = printed(design.derivation.log_phi!.anyDimension!.expr, design, { d, S_d: S });
    for (const [t, r] of points) {
      const exact = kernelLogPhi(design, t, r);
      if (Number.isFinite(exact) && exact > -600)
        expect(Math.abs(logPhi(t, r) - exact)).toBeLessThan(1e-11 * Math.max(1, Math.abs(exact)));
    }
  });
});

describe('the Gaussian-density design in the plane', () => {
  const design = designFromText(specWithDimension('gaussian-density.yaml', 2), { file: 'gaussian-density.yaml' });

  it('log φ = −r²/(2t²) − log(2π t²): no S_d, no log r, no decimals', () => {
    const { expr, latex } = design.derivation.log_phi!;
    expect(expr).toBe('-r ^ 2 / (2 * t ^ 2) - 2 * log(t) - log(2) - log(pi)');
    expect(latex).not.toMatch(/S_|\d\.\d/);
  });

  it('exports for an open dimension print the forms in d and S_{d−1}', () => {
    const open = exportDesign(design, 'latex', { openDimension: true });
    const bound = exportDesign(design, 'latex');
    expect(open).toContain('S_{d-1}');
    expect(bound).not.toContain('S_{d-1}\\cdot');
    const json = JSON.parse(exportDesign(design, 'json', { openDimension: true })) as {
      quantities: Record<string, { expr: string; anyDimension?: unknown }>;
    };
    expect(json.quantities.log_phi!.expr).toContain('S_d');
    expect(json.quantities.log_phi!.anyDimension).toBeUndefined();
  });
});
