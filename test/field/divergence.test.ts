// The exact divergence of the marginal field (src/field/divergence.ts) against central finite differences of
// the sampler's own velocity (EmpiricalField, a separate code path), per family: Gaussian paths (VE, VP),
// Poisson (PFGM, PFGM++), a radial noise law (student-path) and radial designs (tanh, exp-radial).
import { describe, expect, it } from 'vitest';
import { designFromText } from '../../src/design/index.js';
import { DivergenceField, EmpiricalField, empiricalData } from '../../src/field/index.js';
import { createRng } from '../../src/numeric/rng.js';
import { specWithDimension } from '../helpers.js';

function dataSet(m: number, d: number, seed: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: m * d }, () => 2 * rng.uniform() - 1);
}

/** Σ_k ∂f_k/∂x_k by the five-point central difference of the velocity. */
function finiteDivergence(field: EmpiricalField, t: number, x: Float64Array, h: number): number {
  const d = x.length;
  const times = new Float64Array([t]);
  const out = new Float64Array(d);
  const component = (k: number, step: number): number => {
    const y = Float64Array.from(x);
    y[k]! += step;
    field.velocity(times, y, 1, out);
    return out[k]!;
  };
  let sum = 0;
  for (let k = 0; k < d; k++) {
    sum += (component(k, -2 * h) - 8 * component(k, -h) + 8 * component(k, h) - component(k, 2 * h)) / (12 * h);
  }
  return sum;
}

const cases: { file: string; times: number[] }[] = [
  { file: 've.yaml', times: [0.05, 0.3, 2] },
  { file: 'vp-sde.yaml', times: [0.05, 0.3, 0.8] },
  { file: 'pfgm.yaml', times: [0.05, 0.3, 2] },
  { file: 'pfgmpp.yaml', times: [0.05, 0.3, 2] },
  { file: 'student-path.yaml', times: [0.1, 0.4] },
  { file: 'tanh.yaml', times: [0.05, 0.3, 2] },
  { file: 'exp-radial.yaml', times: [0.05, 0.3, 2] },
];

describe('DivergenceField', () => {
  for (const d of [2, 3]) {
    for (const { file, times } of cases) {
      it(`${file}, d = ${d}: ∇·f matches finite differences of the velocity, and f the sampler's`, () => {
        const design = designFromText(specWithDimension(file, d));
        const data = empiricalData(dataSet(8, d, 7), d);
        const exact = new DivergenceField(design.fieldKernel, data);
        const sampler = new EmpiricalField(design.fieldKernel, data, { simd: false });
        const rng = createRng(11);
        for (const t of times) {
          for (let trial = 0; trial < 4; trial++) {
            // a point near the data at the kernel's scale, where the weights are mixed
            const scale = design.schedule ? design.schedule(t).sigma : t;
            const j = trial % 8;
            const x = Float64Array.from({ length: d }, (_, k) => data.data[j * d + k]! + scale * (rng.uniform() - 0.5));
            const v = new Float64Array(d);
            const div = new Float64Array(1);
            exact.velocityAndDivergence(new Float64Array([t]), x, 1, v, div);
            const ref = new Float64Array(d);
            sampler.velocity(new Float64Array([t]), x, 1, ref);
            for (let k = 0; k < d; k++) expect(v[k]).toBeCloseTo(ref[k]!, 9);
            const fd = finiteDivergence(sampler, t, x, 1e-3 * scale);
            expect(Math.abs(div[0]! - fd)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
          }
        }
      });
    }
  }

  it('the augmented term writes [f, ∇·f] in rows of d + 1', () => {
    const design = designFromText(specWithDimension('ve.yaml', 2));
    const data = empiricalData(dataSet(5, 2, 3), 2);
    const field = new DivergenceField(design.fieldKernel, data);
    const t = new Float64Array([0.2, 0.7]);
    const x = new Float64Array([0.1, -0.2, 0.5, 0.4]);
    const v = new Float64Array(4);
    const div = new Float64Array(2);
    field.velocityAndDivergence(t, x, 2, v, div);
    const y = new Float64Array([0.1, -0.2, 99, 0.5, 0.4, -7]);
    const out = new Float64Array(6);
    field.evaluateAugmented(t, y, 2, out);
    expect(Array.from(out)).toEqual([v[0], v[1], div[0], v[2], v[3], div[1]]);
  });

  it('Gaussian VE in closed form: ∇·f = d/t − Var_w/t³ (α = 1, σ = t)', () => {
    const design = designFromText(specWithDimension('ve.yaml', 2));
    // two data points, x on their bisector: w = 1/2 each, Var_w = |x1 − x2|²/4 = 1
    const data = empiricalData(new Float64Array([-1, 0, 1, 0]), 2);
    const field = new DivergenceField(design.fieldKernel, data);
    const t = 0.8;
    const v = new Float64Array(2);
    const div = new Float64Array(1);
    field.velocityAndDivergence(new Float64Array([t]), new Float64Array([0, 0.3]), 1, v, div);
    expect(div[0]).toBeCloseTo(2 / t - 1 / t ** 3, 12);
    expect(v[0]).toBeCloseTo(0, 14);
    expect(v[1]).toBeCloseTo(0.3 / t, 14);
  });
});
