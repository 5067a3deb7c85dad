// The continuity properties from exact derivatives: the design layer's ∂t log p and ∇·v are the derivatives
// they claim to be, a correct design's residual is rounding and passes at every seed, and wrong velocities,
// wrong fields and wrong scores fail, down to errors far below what finite differences could see.
import { describe, expect, it } from 'vitest';
import { designFromText, loadDesign, type Design, type MarginalField } from '../../src/design/index.js';
import { verifyDesign, type PropertyResult } from '../../src/verify/index.js';
import { continuityResidual, differenceWithError } from '../../src/verify/continuity.js';
import { exactConditional } from '../../src/verify/continuity-exact.js';
import { example, exampleFiles } from '../helpers.js';

const SEEDS = Array.from({ length: 50 }, (_, i) => 1 + 7919 * i);
const continuity = ['continuity-conditional', 'continuity-marginal'] as const;

const radial = (body: string, d = 2): Design =>
  designFromText(`family: radial\ndimension: ${d}\n${body}\ntime: { T: 40, epsilon: 0.001 }`);
const atan = radial('cumulative: 2/pi*atan(r/t)');
const tanh = loadDesign(example('tanh.yaml'));
const slightlyOff = radial('cumulative: tanh(r/t)\nvelocity: 1.0005/t');

function continuityAt(design: Design, seed: number, runs?: number): PropertyResult[] {
  return verifyDesign(design, { seed, properties: continuity, ...(runs === undefined ? {} : { runs }) }).properties;
}

/** The worst residual (in units of the error estimate) of both properties over the seeds; throws on a failure. */
function worstOverSeeds(design: Design, seeds: readonly number[]): number {
  let worst = 0;
  for (const seed of seeds) {
    for (const p of continuityAt(design, seed)) {
      expect(p.passed, `${p.name} at seed ${seed}: ${JSON.stringify(p.counterexample)}`).toBe(true);
      worst = Math.max(worst, p.maxResidual);
    }
  }
  return worst;
}

describe('exact derivatives of the conditional pair', () => {
  const designs: [string, Design][] = [
    ['tanh', tanh],
    ['atan', atan],
    ['non-scale radial 1 − exp(−r/t − r²)', radial('cumulative: 1 - exp(-r/t - r^2)', 3)],
    ['velocity override', slightlyOff],
    ['vp-sde', loadDesign(example('vp-sde.yaml'))],
    ['pfgmpp', loadDesign(example('pfgmpp.yaml'))],
    ['student-path', loadDesign(example('student-path.yaml'))],
  ];
  const x0 = Float64Array.of(0.3, -0.2, 0.1);

  it.each(designs)('%s: ∂t log p and ∇·v agree with finite differences of log p and v', (_, design) => {
    const d = design.dimension;
    const origin = x0.subarray(0, d);
    const exact = design.conditionalDerivatives!;
    for (const t of [2 * design.epsilon, design.T / 50, design.T / 3, design.T]) {
      const centre = design.schedule ? origin.map((v) => design.schedule!(t).alpha * v) : origin;
      const r = design.kernel.radialQuantile(t, 0.6);
      const x = centre.map((c, j) => c + (r * (j + 1)) / Math.hypot(...Array.from({ length: d }, (_, k) => k + 1)));
      const dt = differenceWithError((s) => design.kernel.logDensity(s, x, origin), t, 1e-3 * t);
      expect(Math.abs(exact.dtLogDensity(t, x, origin) - dt.value)).toBeLessThanOrEqual(
        dt.error + 1e-9 * Math.abs(dt.value),
      );
      let divergence = 0,
        error = 0;
      for (let j = 0; j < d; j++) {
        const moved = Float64Array.from(x);
        const dj = differenceWithError(
          (s) => ((moved[j] = s), design.conditionalVelocity(t, moved, origin)[j]!),
          x[j]!,
          1e-3 * r,
        );
        divergence += dj.value;
        error += dj.error;
      }
      expect(Math.abs(exact.divergence(t, x, origin) - divergence)).toBeLessThanOrEqual(
        error + 1e-9 * Math.abs(divergence),
      );
    }
  });

  it('quadrature profiles have none (verify falls back to finite differences)', () => {
    expect(radial('density: sech(r/t)^3').conditionalDerivatives).toBeUndefined();
  });

  // the estimate is loose by |x|/r where the kernel is narrow far from the origin (it counts x's own rounding)
  it('the exact conditional residual of a correct design is rounding: below 1e-13 of its terms, estimate below 1e-8', () => {
    const origin = Float64Array.of(0.5, -0.25);
    for (const design of [tanh, atan]) {
      for (const t of [0.001, 0.03, 1, 40]) {
        for (const u of [0.005, 0.5, 0.995]) {
          const r = design.kernel.radialQuantile(t, u);
          const terms = exactConditional(
            design,
            t,
            Float64Array.of(origin[0]! + 0.6 * r, origin[1]! + 0.8 * r),
            origin,
          );
          expect(terms.residual).toBeLessThan(1e-13);
          expect(terms.error / terms.magnitude).toBeLessThan(1e-8);
        }
      }
    }
  });
});

describe('correct designs pass both continuity properties at 50 seeds, with a wide margin', () => {
  it.each(exampleFiles)('%s', (file) => {
    expect(worstOverSeeds(loadDesign(example(file)), SEEDS)).toBeLessThan(0.05);
  });

  it.each([
    ['2/pi atan(r/t) (d = 2, T = 40, ε = 0.001)', atan],
    ['1 − exp(−r/t − r²), k depending on r (d = 3)', radial('cumulative: 1 - exp(-r/t - r^2)', 3)],
    ['tanh(r/t) in d = 5', radial('cumulative: tanh(r/t)', 5)],
  ])('%s', (_, design) => {
    expect(worstOverSeeds(design, SEEDS)).toBeLessThan(0.05);
  });
});

describe('wrong velocities, fields and scores fail', () => {
  it('a velocity 5e-4 too large (k = 1.0005/t for tanh(r/t)) fails both properties at every seed', () => {
    for (const seed of SEEDS.slice(0, 10)) {
      const [conditional, marginal] = continuityAt(slightlyOff, seed, 10);
      expect(conditional!.passed).toBe(false);
      expect(marginal!.passed).toBe(false);
      expect(Number(conditional!.counterexample!.residual)).toBeGreaterThan(1e6);
      expect(Number(conditional!.counterexample!.relative)).toBeGreaterThan(1e-5);
    }
  });

  it('even a velocity 1e-7 too large fails the conditional property', () => {
    const [conditional] = continuityAt(radial('cumulative: tanh(r/t)\nvelocity: 1.0000001/t'), 1, 10);
    expect(conditional!.passed).toBe(false);
  });

  it("a conditional velocity that disagrees with the design's own derivatives fails", () => {
    const broken: Design = {
      ...tanh,
      conditionalVelocity: (t, x, x0) => tanh.conditionalVelocity(t, x, x0).map((v) => v * (1 + 1e-6)),
    };
    expect(continuityAt(broken, 1, 10)[0]!.passed).toBe(false);
  });

  const withField = (change: (field: MarginalField) => MarginalField): Design => ({
    ...tanh,
    field: (data) => change(tanh.field(data)),
  });

  it('a field velocity off across the score (invisible to f·∇log p) fails the marginal property', () => {
    // f + 1e-6 |f| × (the score turned by 90°)
    const broken = withField((field) => ({
      ...field,
      velocity: (t, x) => {
        const f = field.velocity(t, x),
          s = field.score(t, x);
        const c = (1e-6 * Math.hypot(...f)) / Math.hypot(...s);
        return Float64Array.of(f[0]! - c * s[1]!, f[1]! + c * s[0]!);
      },
    }));
    const marginal = continuityAt(broken, 1, 10)[1]!;
    expect(marginal.passed).toBe(false);
    expect(marginal.counterexample!.check).toBe('field velocity = Σ w_i v_i');
  });

  it('a field score 1e-9 too large fails the marginal property', () => {
    const broken = withField((field) => ({ ...field, score: (t, x) => field.score(t, x).map((v) => v * (1 + 1e-9)) }));
    const marginal = continuityAt(broken, 1, 10)[1]!;
    expect(marginal.passed).toBe(false);
    expect(marginal.counterexample!.check).toBe('field score = Σ w_i ∇log p_i');
  });
});

describe('finite differences where a design has no exact derivatives', () => {
  const withoutExact = (design: Design): Design => ({ ...design, conditionalDerivatives: undefined });

  it('a correct design passes within the Richardson estimate; k = 1.0005/t still fails', () => {
    for (const seed of SEEDS.slice(0, 5)) expect(worstOverSeeds(withoutExact(tanh), [seed])).toBeLessThan(0.5);
    const [conditional, marginal] = continuityAt(withoutExact(slightlyOff), 1, 10);
    expect(conditional!.passed).toBe(false);
    expect(marginal!.passed).toBe(false);
  });

  it("the estimate covers the difference's error for a Gaussian pair, and a wrong velocity exceeds it", () => {
    // p = N(x0, t² I) in d = 3, v = c (x − x0)/t: the sum is (c − 1)(d/t − r²/t³)
    const x0 = Float64Array.of(0.2, -0.1, 0.4),
      x = Float64Array.of(0.5, 0.1, 0.2),
      t = 0.7;
    const pair = (c: number) => ({
      logDensity: (s: number, y: Float64Array) =>
        -1.5 * Math.log(2 * Math.PI * s * s) - y.reduce((q, v, j) => q + (v - x0[j]!) ** 2, 0) / (2 * s * s),
      velocity: (s: number, y: Float64Array) => y.map((v, j) => (c * (v - x0[j]!)) / s),
    });
    const right = continuityResidual(pair(1), t, x, 1e-3 * t, 3e-4);
    expect(Math.abs(right.dtLogDensity + right.divergence + right.advection)).toBeLessThanOrEqual(right.error);
    expect(right.error / right.magnitude).toBeLessThan(1e-9);
    const wrong = continuityResidual(pair(1 + 1e-6), t, x, 1e-3 * t, 3e-4);
    expect(Math.abs(wrong.dtLogDensity + wrong.divergence + wrong.advection)).toBeGreaterThan(10 * wrong.error);
  });
});
