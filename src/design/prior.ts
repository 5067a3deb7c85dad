// Priors (docs/mathematics.md §7): the design's kernel at T centred at 0, the Gaussian N(0, σ_T² I), the Poisson
// ratio-of-Gaussians law, or a custom radial density normalized numerically.
import { OdeforgeError } from '../errors.js';
import { integrate } from '../numeric/quadrature.js';
import { invertIncreasing } from '../numeric/roots.js';
import { logSphereArea } from '../numeric/special.js';
import type { DesignSpec, PriorSpec } from '../spec/index.js';
import { describeNode, logAbs, type MathNode } from '../symbolic/index.js';
import { compileIn, type Binding, type Fn1 } from './bind.js';
import { convergedValue } from './density.js';
import { drawRadial } from './noise.js';
import type { DerivedQuantity, Kernel, NoiseLaw, Prior, PriorKind, Rng } from './types.js';

/** What a prior may need to know of its design. */
export interface PriorContext {
  spec: DesignSpec;
  binding: Binding;
  kernel: Kernel;
  /** Path families: the noise law and σ_T; radial family: undefined. */
  path?: { noise: NoiseLaw; sigmaT: number; alphaT: number };
}

export interface DerivedPrior {
  prior: Prior;
  derivation: DerivedQuantity;
}

/** The default prior of each family when the spec does not say (docs/mathematics.md §7). */
export function defaultPriorKind(context: PriorContext): Exclude<PriorKind, 'custom'> {
  if (!context.path) return 'kernel';
  const noise = context.path.noise.kind;
  return noise === 'gaussian' ? 'gaussian' : noise === 'poisson' ? 'poisson' : 'kernel';
}

export function buildPrior(context: PriorContext): DerivedPrior {
  const spec: PriorSpec = context.spec.prior ?? { kind: defaultPriorKind(context) };
  switch (spec.kind) {
    case 'kernel':
      return kernelPrior(context, 'kernel');
    case 'gaussian':
      return requirePathNoise(context, 'gaussian');
    case 'poisson':
      return requirePathNoise(context, 'poisson');
    case 'custom':
      return customPrior(spec.density.node, context.binding, spec.density.where);
  }
}

/** The gaussian and poisson priors are the kernel at T of a path with that noise, centred at 0. */
function requirePathNoise(context: PriorContext, kind: 'gaussian' | 'poisson'): DerivedPrior {
  if (context.path?.noise.kind !== kind) {
    const where = context.spec.positions.prior ?? { file: context.spec.file };
    throw new OdeforgeError(
      `prior "${kind}" needs a path with ${kind} noise; this design has ${context.path ? `${context.path.noise.kind} noise` : 'a radial kernel'}`,
      where,
      'use prior: kernel, or a custom density',
    );
  }
  return kernelPrior(context, kind);
}

function kernelPrior(context: PriorContext, kind: PriorKind): DerivedPrior {
  const { kernel, spec, binding } = context;
  const d = binding.d;
  const origin = new Float64Array(d);
  const T = spec.T;
  const law = context.path
    ? `law of sigma_T z, sigma_T = ${context.path.sigmaT}${context.path.alphaT === 0 ? '' : ` (alpha_T = ${context.path.alphaT} ignored: data assumed near 0)`}`
    : `kernel p_T(x | 0)`;
  return {
    prior: {
      kind,
      logDensity: (x) => kernel.logDensity(T, x, origin),
      sample: (n, rng) => kernel.sample(T, origin, n, rng),
      radialCdf: (r) => kernel.radialCdf(T, r),
    },
    derivation: { expr: `${kind}: ${law}`, latex: `p_T(x \\mid 0)` },
  };
}

/** ρ(r) normalized by Z = S_{d−1} ∫_0^∞ ρ(r) r^{d−1} dr; log-density from the log-space tree. */
function customPrior(
  density: MathNode,
  binding: Binding,
  where: { file?: string; line?: number; column?: number },
): DerivedPrior {
  const d = binding.d;
  const logRho = compileIn(logAbs(density), ['r'], binding) as Fn1;
  const radialMass = (r: number): number => (r === 0 ? 0 : Math.exp(logRho(r) + (d - 1) * Math.log(r)));
  const mass = convergedValue(integrate(radialMass, 0, Infinity, { rtol: 1e-11 }));
  if (!(mass > 0 && Number.isFinite(mass))) {
    throw new OdeforgeError(
      `the custom prior density is not normalizable in dimension ${d} (its radial integral is ${mass})`,
      where,
    );
  }
  const logZ = logSphereArea(d) + Math.log(mass);
  const cdf = (r: number): number => Math.min(1, integrate(radialMass, 0, r, { rtol: 1e-11 }).value / mass);
  return {
    prior: {
      kind: 'custom',
      logDensity: (x) => {
        let r2 = 0;
        for (let j = 0; j < x.length; j++) r2 += x[j]! * x[j]!;
        return logRho(Math.sqrt(r2)) - logZ;
      },
      sample: (n, rng: Rng) => {
        const out = new Float64Array(n * d);
        for (let i = 0; i < n; i++)
          drawRadial(rng, invertIncreasing(cdf, rng.uniform(), { lo: 0, hi: 1, expand: true }), d, out, i * d);
        return out;
      },
      radialCdf: cdf,
    },
    derivation: { ...describeNode(density), expr: `${density.toString()} / Z, log Z = ${logZ}` },
  };
}
