// What the stochastic samplers need of a design: the reverse SDE's terms (marginal velocity and score, the
// default diffusion g_t), and which designs each sampler applies to.
import type { Design } from '../design/types.js';
import { OdeforgeError } from '../errors.js';
import type { BatchField, Schedule } from '../field/types.js';
import type { DiffusionProblem, Method, SolverName } from '../solvers/index.js';

type SamplerDesign = Pick<Design, 'dimension' | 'fieldKernel'>;

/**
 * @throws OdeforgeError when the method does not apply to the design: EDM's churn adds Gaussian noise, which
 *   moves a state along the design's path only when the path's noise is Gaussian
 */
export function checkSamplerApplies(design: SamplerDesign, solver: SolverName, method: Method): void {
  const kernel = design.fieldKernel;
  const gaussian = kernel.kind === 'path' && kernel.noise.kind === 'gaussian';
  if (method.kind === 'edm' && method.churn.churn > 0 && !gaussian) {
    throw new OdeforgeError(
      `${solver} with --churn > 0 adds Gaussian noise, which keeps the marginals of Gaussian paths only (path ` +
        `designs with gaussian noise, sde designs); this design's noise is ${noiseName(design)}`,
      {},
      'use --churn 0 (deterministic Heun on the EDM grid works for every design), or euler-maruyama or pc',
    );
  }
}

function noiseName(design: SamplerDesign): string {
  const kernel = design.fieldKernel;
  return kernel.kind === 'radial' ? 'a radial kernel' : `${kernel.noise.kind} noise`;
}

/**
 * g_t² of the default diffusion: for a path (and an sde design, whose own g satisfies the same identity) the
 * SDE that generates the path, g² = 2σ² d/dt log(σ/α) = 2σ(σ̇ − σ α̇/α); for radial designs the documented
 * choice g² = 2t, that of the kernel's scale σ_eff = t (g² = 2 σ_eff σ̇_eff, the VE value).
 */
export function pathDiffusionSquared(s: Schedule): number {
  return 2 * s.sigma * (s.dSigma - (s.sigma * s.dAlpha) / s.alpha);
}

/**
 * The reverse SDE of the design's marginal field, checked on the grid's step starts (where g is used).
 * @throws OdeforgeError where g_t² is negative or not finite (σ/α decreasing, or α_t = 0)
 */
export function diffusionForm(design: SamplerDesign, field: BatchField, grid: Float64Array): DiffusionProblem {
  const problem = design.fieldKernel.kind === 'radial' ? radialDiffusion(design, field) : pathDiffusion(design, field);
  for (let i = 0; i + 1 < grid.length; i++) {
    const t = grid[i]!;
    const g2 = problem.diffusionSquared(t);
    if (!(g2 >= 0 && Number.isFinite(g2))) {
      throw new OdeforgeError(
        `the reverse SDE's g_t² = 2σ² d/dt log(σ/α) is ${g2} at t = ${t}: it needs σ/α increasing and α > 0 on [ε, T)`,
        {},
        'use an ODE solver for this design, or move time.T below where α vanishes',
      );
    }
  }
  return problem;
}

function radialDiffusion(design: SamplerDesign, field: BatchField): DiffusionProblem {
  return {
    dim: design.dimension,
    evaluationsPerCall: 2,
    velocityAndScore(t, x, n, velocity, score) {
      field.velocity(t, x, n, velocity);
      field.score(t, x, n, score);
    },
    score: field.score.bind(field),
    diffusionSquared: (t) => 2 * t,
    noiseScale: (t) => t,
  };
}

function pathDiffusion(design: SamplerDesign, field: BatchField): DiffusionProblem {
  const kernel = design.fieldKernel;
  if (kernel.kind !== 'path') throw new Error('pathDiffusion needs a path kernel');
  const schedule = kernel.schedule;
  const common = {
    dim: design.dimension,
    score: field.score.bind(field),
    diffusionSquared: (t: number) => pathDiffusionSquared(schedule(t)),
    noiseScale: (t: number) => schedule(t).sigma,
  };
  const posteriorMean = field.posteriorMean?.bind(field);
  if (kernel.noise.kind !== 'gaussian' || !posteriorMean) {
    return {
      ...common,
      evaluationsPerCall: 2,
      velocityAndScore(t, x, n, velocity, score) {
        field.velocity(t, x, n, velocity);
        field.score(t, x, n, score);
      },
    };
  }
  // Gaussian noise: v = (σ̇/σ) x + (α̇ − α σ̇/σ) x̂ and ∇log p = (α x̂ − x)/σ², both from one pass for x̂
  const d = design.dimension;
  return {
    ...common,
    evaluationsPerCall: 1,
    velocityAndScore(t, x, n, velocity, score) {
      posteriorMean(t, x, n, score);
      let cachedT = Number.NaN;
      let s = schedule(t[0] ?? 1);
      for (let i = 0; i < n; i++) {
        if (t[i] !== cachedT) {
          cachedT = t[i]!;
          s = schedule(cachedT);
        }
        const rate = s.dSigma / s.sigma;
        const gain = s.dAlpha - s.alpha * rate;
        const precision = 1 / (s.sigma * s.sigma);
        for (let j = i * d; j < (i + 1) * d; j++) {
          const mean = score[j]!;
          velocity[j] = rate * x[j]! + gain * mean;
          score[j] = (s.alpha * mean - x[j]!) * precision;
        }
      }
    },
  };
}
