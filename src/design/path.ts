// Conditional paths x_t = α_t x0 + σ_t z with isotropic noise (docs/mathematics.md §5): kernel, conditional velocity
// and score, parameterization conversions. The sde and poisson families compile to this.
import { OdeforgeError } from '../errors.js';
import type { DesignSpec } from '../spec/index.js';
import type { Binding } from './bind.js';
import { plainField } from './field.js';
import type { Noise } from './noise.js';
import { buildPrior } from './prior.js';
import { scheduleAt, type ScheduleFunctions } from './schedule.js';
import type { ConditionalDerivatives, Design, FamilyName, Kernel, PathConversions } from './types.js';
import { combine, distance2 } from './vector.js';

export function pathDesign(
  spec: DesignSpec,
  family: FamilyName,
  schedule: ScheduleFunctions,
  noise: Noise,
  binding: Binding,
): Design {
  checkSchedule(spec, schedule);
  const d = binding.d;
  const kernel = pathKernel(schedule, noise, d);
  // v(x|x0) = (σ̇/σ)(x − α x0) + α̇ x0
  const conditionalVelocity = (t: number, x: ArrayLike<number>, x0: ArrayLike<number>): Float64Array => {
    const { alpha, sigma, dAlpha, dSigma } = scheduleAt(schedule, t);
    const rate = dSigma / sigma;
    return combine(rate, x, dAlpha - rate * alpha, x0);
  };
  // ∇x log p = (2/σ²) q'(ρ²)/q (x − α x0) with ρ² = |x − α x0|²/σ²
  const conditionalScore = (t: number, x: ArrayLike<number>, x0: ArrayLike<number>): Float64Array => {
    const alpha = schedule.alpha(t),
      sigma = schedule.sigma(t);
    const rho2 = distance2(x, x0, alpha) / (sigma * sigma);
    const c = (2 * noise.dLogDensity(rho2)) / (sigma * sigma);
    return combine(c, x, -c * alpha, x0);
  };
  const { prior, derivation: priorDerivation } = buildPrior({
    spec,
    binding,
    kernel,
    path: { noise: noise.law, sigmaT: schedule.sigma(spec.T), alphaT: schedule.alpha(spec.T) },
  });
  return {
    name: spec.name,
    description: spec.description,
    family,
    dimension: d,
    T: spec.T,
    epsilon: spec.epsilon,
    dataRadius: spec.dataRadius,
    parameters: spec.parameters,
    kernel,
    conditionalVelocity,
    conditionalScore,
    conditionalDerivatives: pathDerivatives(schedule, noise, d),
    schedule: (t) => scheduleAt(schedule, t),
    conversions: pathConversions(schedule, noise),
    prior,
    fieldKernel: {
      kind: 'path',
      noise: noise.law,
      schedule: (t) => scheduleAt(schedule, t),
      logNoise: noise.logDensity,
      dLogNoise: noise.dLogDensity,
    },
    field: (data) => plainField(kernel, conditionalVelocity, conditionalScore, data, d),
    derivation: {
      ...schedule.derivation,
      ...noise.derivation,
      log_kernel: {
        expr: '-d log(sigma_t) + log q(|x - alpha_t x0|^2 / sigma_t^2)',
        latex: '-d\\ln\\sigma_t + \\ln q\\!\\left(\\tfrac{|x-\\alpha_t x_0|^2}{\\sigma_t^2}\\right)',
      },
      conditional_velocity: {
        expr: '(dsigma/sigma) (x - alpha x0) + dalpha x0',
        latex: '\\tfrac{\\dot\\sigma_t}{\\sigma_t}(x-\\alpha_t x_0) + \\dot\\alpha_t x_0',
      },
      prior: priorDerivation,
    },
    ...(schedule.checks ? { symbolicChecks: schedule.checks } : {}),
  };
}

/** p_t(x|x0) = σ^{−d} q(|x − α x0|²/σ²); samples α x0 + σ z; radial CDF F(r/σ). */
function pathKernel(schedule: ScheduleFunctions, noise: Noise, d: number): Kernel {
  return {
    logDensity: (t, x, x0) => {
      const alpha = schedule.alpha(t),
        sigma = schedule.sigma(t);
      return -d * Math.log(sigma) + noise.logDensity(distance2(x, x0, alpha) / (sigma * sigma));
    },
    sample: (t, x0, n, rng) => {
      const alpha = schedule.alpha(t),
        sigma = schedule.sigma(t);
      const out = new Float64Array(n * d);
      for (let i = 0; i < n; i++) {
        noise.draw(rng, out, i * d);
        for (let j = 0; j < d; j++) out[i * d + j] = alpha * x0[j]! + sigma * out[i * d + j]!;
      }
      return out;
    },
    radialCdf: (t, r) => noise.cdf(r / schedule.sigma(t)),
    radialQuantile: (t, u) => schedule.sigma(t) * noise.quantile(u),
  };
}

/**
 * log p = −d log σ + log q(ρ²) with ρ² = |x − α x0|²/σ², so ∂t log p = −d σ̇/σ + (d log q/dρ²) ∂tρ²,
 * ∂tρ² = −2 (α̇ x0·(x − α x0))/σ² − 2ρ² σ̇/σ; and ∇·v = d σ̇/σ, v being affine in x with slope σ̇/σ.
 */
function pathDerivatives(schedule: ScheduleFunctions, noise: Noise, d: number): ConditionalDerivatives {
  return {
    dtLogDensity: (t, x, x0) => {
      const { alpha, sigma, dAlpha, dSigma } = scheduleAt(schedule, t);
      let drift = 0,
        offset2 = 0;
      for (let j = 0; j < x.length; j++) {
        const z = x[j]! - alpha * x0[j]!;
        drift += dAlpha * x0[j]! * z;
        offset2 += z * z;
      }
      const rate = dSigma / sigma;
      const rho2 = offset2 / (sigma * sigma);
      return -d * rate + noise.dLogDensity(rho2) * (-2 * (drift / (sigma * sigma)) - 2 * rho2 * rate);
    },
    divergence: (t) => (d * schedule.dSigma(t)) / schedule.sigma(t),
  };
}

/** x = α x0 + σ ε and v = α̇ x0 + σ̇ ε, solved for each parameterization (docs/mathematics.md §5). */
function pathConversions(schedule: ScheduleFunctions, noise: Noise): PathConversions {
  const at = (t: number) => scheduleAt(schedule, t);
  const gaussianOnly = (): void => {
    if (noise.law.kind !== 'gaussian') throw new RangeError('score ↔ ε conversions are linear only for gaussian noise');
  };
  return {
    velocityFromX0: (t, x, x0) => {
      const s = at(t);
      return combine(s.dSigma / s.sigma, x, s.dAlpha - (s.dSigma * s.alpha) / s.sigma, x0);
    },
    // v = (σ̇/σ) x + (α̇ − α σ̇/σ) x0  ⇒  x0 = (v − (σ̇/σ) x) / (α̇ − α σ̇/σ)
    x0FromVelocity: (t, x, v) => {
      const s = at(t);
      const c = s.dAlpha - (s.alpha * s.dSigma) / s.sigma;
      return combine(1 / c, v, -s.dSigma / (s.sigma * c), x);
    },
    epsilonFromX0: (t, x, x0) => {
      const s = at(t);
      return combine(1 / s.sigma, x, -s.alpha / s.sigma, x0);
    },
    x0FromEpsilon: (t, x, eps) => {
      const s = at(t);
      return combine(1 / s.alpha, x, -s.sigma / s.alpha, eps);
    },
    scoreFromEpsilon: (t, eps) => {
      gaussianOnly();
      const sigma = schedule.sigma(t);
      return combine(-1 / sigma, eps, 0, eps);
    },
    epsilonFromScore: (t, score) => {
      gaussianOnly();
      const sigma = schedule.sigma(t);
      return combine(-sigma, score, 0, score);
    },
  };
}

/** Semantic rules on a schedule, checked on a grid of [ε, T]; the rule's text is the message. */
const scheduleRules: { message: string; holds: (s: ReturnType<typeof scheduleAt>) => boolean }[] = [
  { message: 'σ_t must be finite and > 0 on [ε, T]', holds: (s) => Number.isFinite(s.sigma) && s.sigma > 0 },
  { message: 'α_t must be finite on [ε, T]', holds: (s) => Number.isFinite(s.alpha) },
  {
    message: 'α̇_t and σ̇_t must be finite on [ε, T]',
    holds: (s) => Number.isFinite(s.dAlpha) && Number.isFinite(s.dSigma),
  },
];

function checkSchedule(spec: DesignSpec, schedule: ScheduleFunctions): void {
  const steps = 64;
  for (let i = 0; i <= steps; i++) {
    const t = spec.epsilon * Math.pow(spec.T / spec.epsilon, i / steps);
    const values = scheduleAt(schedule, t);
    const broken = scheduleRules.find((rule) => !rule.holds(values));
    if (broken) {
      const body = spec.body;
      const where =
        body.family === 'path' ? body.sigma.where : body.family === 'sde' ? body.diffusion.where : { file: spec.file };
      throw new OdeforgeError(`${broken.message}; at t = ${t}: α = ${values.alpha}, σ = ${values.sigma}`, where);
    }
  }
}
