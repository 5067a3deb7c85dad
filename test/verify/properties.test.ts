// Each property against independent values (closed forms) and against deliberately corrupted designs — the
// way to break the properties that guard odeforge's own code (samplers, derivation), which a spec cannot.
import { describe, expect, it } from 'vitest';
import { designFromText, loadDesign, type Design } from '../../src/design/index.js';
import { ksPValue } from '../../src/numeric/ks.js';
import { createRng } from '../../src/numeric/rng.js';
import {
  klToPrior,
  propertyNames,
  verifyDesign,
  type PropertyName,
  type SymbolicCheck,
} from '../../src/verify/index.js';
import { unit } from '../../src/verify/context.js';
import { continuityResidual } from '../../src/verify/continuity.js';
import { runProperty } from '../../src/verify/runner.js';
import { isotropyTests, ksDistanceFor } from '../../src/verify/statistics.js';
import { pushForward } from '../../src/verify/transport.js';
import { example } from '../helpers.js';

const only = (design: Design, name: PropertyName, runs?: number) =>
  verifyDesign(design, { properties: [name], ...(runs === undefined ? {} : { runs }) }).properties[0]!;

describe('continuity residual', () => {
  // Gaussian kernel p = N(x0, t² I) with v = c (x − x0)/t: ∂t log p = −d/t + r²/t³, ∇·v = c d/t,
  // v·∇log p = −c r²/t³, so the sum is (c − 1)(d/t − r²/t³); the magnitudes add to (d/t − r²/t³) + c(d/t + r²/t³)
  // when r² < d t².
  const d = 3,
    t = 0.7;
  const x0 = Float64Array.from([0.2, -0.1, 0.4]);
  const x = Float64Array.from([0.5, 0.1, 0.2]);
  const r2 = 0.3 ** 2 + 0.2 ** 2 + 0.2 ** 2;
  const pair = (c: number) => ({
    logDensity: (s: number, y: Float64Array) => {
      let q = 0;
      for (let j = 0; j < d; j++) q += (y[j]! - x0[j]!) ** 2;
      return -0.5 * d * Math.log(2 * Math.PI * s * s) - q / (2 * s * s);
    },
    velocity: (s: number, y: Float64Array) => Float64Array.from(y, (v, j) => (c * (v - x0[j]!)) / s),
  });

  it('is zero for the right velocity (c = 1)', () => {
    expect(continuityResidual(pair(1), t, x, 1e-3 * t, 1e-3 * 0.3).residual).toBeLessThan(1e-10);
  });

  it('is |c − 1| (d/t − r²/t³) / ((d/t − r²/t³) + c (d/t + r²/t³)) otherwise', () => {
    const c = 1.3;
    const a = d / t,
      b = r2 / t ** 3;
    const expected = (Math.abs(c - 1) * (a - b)) / (a - b + c * (a + b));
    const { residual, divergence } = continuityResidual(pair(c), t, x, 1e-3 * t, 1e-3 * 0.3);
    expect(residual).toBeCloseTo(expected, 9);
    expect(divergence).toBeCloseTo((c * d) / t, 8);
  });
});

describe('continuity-conditional', () => {
  it('catches k = 2/t for tanh(r/t), at t = ε and x0 = 0 after shrinking', () => {
    const design = designFromText(
      'family: radial\ndimension: 3\ncumulative: tanh(r/t)\nvelocity: 2/t\ntime: {T: 40, epsilon: 0.001}',
    );
    const result = only(design, 'continuity-conditional');
    expect(result.passed).toBe(false);
    expect(result.counterexample).toMatchObject({ t: 0.001, x0: [0, 0, 0] });
    // ∇·v = d k = 3 · 2/t
    expect(result.counterexample!.divergence).toBeCloseTo(6000, 2);
  });
});

describe('normalization', () => {
  const design = loadDesign(example('pfgm.yaml'));

  it('holds for the heavy-tailed Poisson kernel to 1e-10', () => {
    expect(only(design, 'normalization').maxResidual).toBeLessThan(1e-10);
  });

  it('sees a log-density 1% too large', () => {
    const broken: Design = {
      ...design,
      kernel: { ...design.kernel, logDensity: (t, x, x0) => design.kernel.logDensity(t, x, x0) + Math.log(1.01) },
    };
    const result = only(broken, 'normalization');
    expect(result.passed).toBe(false);
    expect(result.counterexample!.residual).toBeCloseTo(0.01, 8);
  });
});

describe('symbolic-agreement', () => {
  const vp = loadDesign(example('vp-sde.yaml'));
  const tanh = loadDesign(example('tanh.yaml'));

  it('sees a σ̇ that is 1% off', () => {
    const broken: Design = { ...vp, schedule: (t) => ({ ...vp.schedule!(t), dSigma: 1.01 * vp.schedule!(t).dSigma }) };
    const result = only(broken, 'symbolic-agreement');
    expect(result.passed).toBe(false);
    expect(result.counterexample).toMatchObject({ quantity: 'dσ/dt' });
    expect(result.counterexample!.residual).toBeCloseTo(0.01 / 1.01, 5);
  });

  it('sees a score that is not the gradient of the log-density', () => {
    const broken: Design = {
      ...tanh,
      conditionalScore: (t, x, x0) => tanh.conditionalScore(t, x, x0).map((v) => 0.9 * v),
    };
    const result = only(broken, 'symbolic-agreement');
    expect(result.passed).toBe(false);
    expect(result.counterexample).toMatchObject({ quantity: 'score = ∇x log p' });
  });

  it("checks the design's own symbolicChecks: ∂t tanh(r/t) = −r sech²(r/t)/t²", () => {
    const psi = (t: number, r: number) => Math.tanh(r / t);
    const right: SymbolicCheck = {
      name: 'dpsi_dt',
      value: (t, r) => -r / (t * t * Math.cosh(r / t) ** 2),
      derivativeOf: psi,
      variable: 't',
    };
    const wrong: SymbolicCheck = { ...right, name: 'dpsi_dt (wrong sign)', value: (t, r) => -right.value(t, r) };
    expect(only({ ...tanh, symbolicChecks: [right] } as Design, 'symbolic-agreement').passed).toBe(true);
    const result = only({ ...tanh, symbolicChecks: [right, wrong] } as Design, 'symbolic-agreement');
    expect(result.passed).toBe(false);
    expect(result.counterexample).toMatchObject({ quantity: 'dpsi_dt (wrong sign)' });
    expect(result.counterexample!.residual).toBeCloseTo(2, 9);
  });
});

describe('kernel-sampler', () => {
  const design = loadDesign(example('exp-radial.yaml'));
  const d = design.dimension;

  // KS on 1000 samples sees CDF differences of ~0.09 (the critical distance): for 1 − e^{−r/t} a 40% scale error
  // moves the CDF by up to 0.12
  it('sees samples 40% too far from x0', () => {
    const broken: Design = {
      ...design,
      kernel: {
        ...design.kernel,
        sample: (t, x0, n, rng) =>
          design.kernel.sample(t, x0, n, rng).map((v, i) => x0[i % d]! + 1.4 * (v - x0[i % d]!)),
      },
    };
    const result = only(broken, 'kernel-sampler');
    expect(result.passed).toBe(false);
    expect(result.counterexample).toMatchObject({ test: 'KS of radii' });
  });

  it('sees directions pulled towards e1 (radii unchanged)', () => {
    const broken: Design = {
      ...design,
      kernel: {
        ...design.kernel,
        sample: (t, x0, n, rng) => {
          const out = design.kernel.sample(t, x0, n, rng);
          for (let i = 0; i < n; i++) {
            const u = [out[i * d]! - x0[0]!, out[i * d + 1]! - x0[1]!];
            const r = Math.hypot(u[0]!, u[1]!);
            const v = [u[0]! / r + 0.3, u[1]! / r];
            const norm = Math.hypot(v[0]!, v[1]!);
            out[i * d] = x0[0]! + (r * v[0]!) / norm;
            out[i * d + 1] = x0[1]! + (r * v[1]!) / norm;
          }
          return out;
        },
      },
    };
    const result = only(broken, 'kernel-sampler');
    expect(result.passed).toBe(false);
    expect(result.counterexample!.test).toMatch(/Rayleigh|Bingham/);
  });
});

describe('prior-sampler', () => {
  it('sees a PFGM prior sampled with D = 4 instead of D = 1', () => {
    const pfgm = loadDesign(example('pfgm.yaml'));
    const pfgmpp = loadDesign(example('pfgmpp.yaml'));
    const result = only({ ...pfgm, prior: { ...pfgm.prior, sample: pfgmpp.prior.sample } }, 'prior-sampler');
    expect(result.passed).toBe(false);
  });

  it('sees a prior log-density that integrates to 2', () => {
    const ve = loadDesign(example('ve.yaml'));
    const result = only(
      { ...ve, prior: { ...ve.prior, logDensity: (x) => ve.prior.logDensity(x) + Math.LN2 } },
      'prior-sampler',
    );
    expect(result.passed).toBe(false);
    expect(result.counterexample!.residual).toBeGreaterThan(0.9);
  });
});

describe('transport', () => {
  it('pushForward follows the exact VP flow x_t = α_t x0 + σ_t z to 1e-5 (KS needs ~1e-3)', () => {
    const vp = loadDesign(example('vp-sde.yaml'));
    const x0 = [0.5, -0.25];
    const t0 = 0.01,
      t1 = 0.8;
    const z = [0.3, -1.2, 1.5, 0.4];
    const at = (t: number) => vp.schedule!(t);
    const samples = Float64Array.from(z, (v, i) => at(t0).alpha * x0[i % 2]! + at(t0).sigma * v);
    pushForward(vp, x0, samples, t0, t1);
    samples.forEach((v, i) => expect(v).toBeCloseTo(at(t1).alpha * x0[i % 2]! + at(t1).sigma * z[i]!, 5));
  });

  it('sees a velocity 20% too fast', () => {
    const ve = loadDesign(example('ve.yaml'));
    const broken: Design = {
      ...ve,
      conditionalVelocity: (t, x, x0) => ve.conditionalVelocity(t, x, x0).map((v) => 1.2 * v),
    };
    const result = only(broken, 'transport');
    expect(result.passed).toBe(false);
    expect(result.runs).toBe(1);
  });
});

describe('prior-mismatch', () => {
  // Gaussian VE with σ_T = 2: KL(N(x0, 4I) ‖ N(0, 4I)) = |x0|²/(2·4)
  const design = designFromText(
    'family: path\ndimension: 3\nalpha: 1\nsigma: t\ntime: {T: 2, epsilon: 0.001}\nprior: gaussian',
  );

  it('matches |x0|²/2σ_T² within 4 standard errors', () => {
    const x0 = [1, 0.5, -0.5];
    const { kl, standardError } = klToPrior(design, x0, 20000, createRng(3));
    expect(Math.abs(kl - 1.5 / 8)).toBeLessThan(4 * standardError);
    expect(standardError).toBeLessThan(0.01);
  });

  it('warns above 0.1 nats without failing (|x0| = 1: 1/8 nats)', () => {
    const result = only(design, 'prior-mismatch');
    expect(result.passed).toBe(true);
    expect(result.warning).toMatch(/poor stand-in/);
    expect(result.maxResidual).toBeGreaterThan(0.1);
  });
});

describe('finite', () => {
  it('names the quantity, time and radius of the first non-finite value', () => {
    const ve = loadDesign(example('ve.yaml'));
    const broken: Design = {
      ...ve,
      conditionalVelocity: (t, x, x0) => {
        const v = ve.conditionalVelocity(t, x, x0);
        return Math.hypot(...v) * t > 1e6 ? v.map(() => NaN) : v;
      },
    };
    const result = only(broken, 'finite');
    expect(result.passed).toBe(false);
    expect(result.counterexample).toMatchObject({ quantity: 'v_t(x|x0)', value: ['NaN', 'NaN'] });
  });
});

describe('statistics', () => {
  it('ksDistanceFor inverts the KS p-value', () => {
    for (const p of [1e-3, 1e-5, 1e-7]) expect(ksPValue(ksDistanceFor(p, 1000), 1000) / p).toBeCloseTo(1, 1);
  });

  it('isotropy tests accept uniform directions and reject a tilted set', () => {
    const rng = createRng(5);
    const d = 3,
      n = 2000;
    const uniform = new Float64Array(n * d),
      tilted = new Float64Array(n * d);
    for (let i = 0; i < n; i++) {
      const g = [rng.normal(), rng.normal(), rng.normal()];
      const norm = Math.hypot(...g);
      const h = [g[0]!, g[1]!, 2 * g[2]!];
      const hn = Math.hypot(...h);
      for (let j = 0; j < d; j++) {
        uniform[i * d + j] = g[j]! / norm;
        tilted[i * d + j] = h[j]! / hn;
      }
    }
    expect(Math.min(...isotropyTests(uniform, d).map((r) => r.pValue))).toBeGreaterThan(1e-3);
    const bingham = isotropyTests(tilted, d).find((r) => r.test.startsWith('Bingham'))!;
    expect(bingham.pValue).toBeLessThan(1e-10);
  });
});

describe('runner', () => {
  it('shrinks a failing case towards the smallest failing value', () => {
    const result = runProperty({
      name: 'normalization',
      measure: 'u',
      tolerance: 0.5,
      arbitrary: unit(),
      runs: 50,
      seed: 1,
      shrinkBudget: 200,
      evaluate: (u) => ({ residual: u, at: { u } }),
    });
    expect(result.passed).toBe(false);
    expect(result.counterexample!.residual).toBeGreaterThan(0.5);
    expect(result.counterexample!.residual).toBeLessThan(0.5 + 1e-6);
  });

  it('a case that throws fails with the error message', () => {
    const result = runProperty({
      name: 'finite',
      measure: '',
      tolerance: 0,
      arbitrary: unit(),
      runs: 5,
      seed: 1,
      shrinkBudget: 0,
      evaluate: () => {
        throw new Error('boom');
      },
    });
    expect(result.passed).toBe(false);
    expect(result.counterexample).toMatchObject({ error: 'boom' });
    expect(result.maxResidual).toBeNaN();
  });

  it("knows thirteen properties, in the issue's order", () => {
    expect(propertyNames).toHaveLength(13);
  });
});
