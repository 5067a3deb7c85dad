// The Design: what every family produces and everything downstream (verify, field, sample, cli) consumes.
// Pure numeric interface; nothing here may import mathjs or nerdamer.
import type { SamplerDefaults } from '../spec/index.js';
import type { FieldKernel, NoiseLaw, Schedule } from '../field/types.js';
import type { Rng } from '../numeric/rng.js';

// The vocabulary of the layers below, re-exported for the Design's users.
export type { FieldKernel, NoiseLaw, Rng, Schedule };

export type FamilyName = 'radial' | 'path' | 'sde' | 'poisson';

export interface Kernel {
  /** log p_t(x | x0), normalized, computed in log space. */
  logDensity(t: number, x: ArrayLike<number>, x0: ArrayLike<number>): number;
  /** n samples of p_t(· | x0), flat row-major n×d. */
  sample(t: number, x0: ArrayLike<number>, n: number, rng: Rng): Float64Array;
  /** P(|x_t − centre| ≤ r): ψ_t(r) for radial designs, F(r/σ) for paths. */
  radialCdf(t: number, r: number): number;
  /** Inverse of radialCdf in r. */
  radialQuantile(t: number, u: number): number;
}

export type PriorKind = 'kernel' | 'gaussian' | 'poisson' | 'custom';

export interface Prior {
  kind: PriorKind;
  logDensity(x: ArrayLike<number>): number;
  /** n samples, flat row-major n×d. */
  sample(n: number, rng: Rng): Float64Array;
  /** P(|x| ≤ r) under the prior (isotropic priors, centred at 0). */
  radialCdf(r: number): number;
}

/** One derived quantity for display: a plain-text expression, its LaTeX and, when symbolic, its Python. */
export interface DerivedQuantity {
  expr: string;
  latex: string;
  /** Python over `xp` (numpy or torch) and the exported module's helpers; absent for numeric-only quantities. */
  python?: string;
  /**
   * The same quantity for any dimension (d and S_{d−1} as symbols), where `expr` and `latex` have the design's
   * d bound: exports written for an open dimension print this one. The Python is always for any d.
   */
  anyDimension?: { expr: string; latex: string };
}

/**
 * Exact derivatives of the conditional pair (p_t(·|x0), v_t(·|x0)), from the design's symbolic trees: with
 * `conditionalScore` they give every term of the continuity equation ∂t log p + ∇·v + v·∇log p = 0 without
 * finite differences. Absent where a quantity is only known by quadrature.
 */
export interface ConditionalDerivatives {
  /** ∂t log p_t(x | x0) at fixed x. */
  dtLogDensity(t: number, x: ArrayLike<number>, x0: ArrayLike<number>): number;
  /** ∇x · v_t(x | x0). */
  divergence(t: number, x: ArrayLike<number>, x0: ArrayLike<number>): number;
}

/** Marginal velocity and score of an empirical data set (plain, unbatched; the fast one is field/). */
export interface MarginalField {
  velocity(t: number, x: ArrayLike<number>): Float64Array;
  /** ∇_x log p_t(x); undefined where the design has no score. */
  score(t: number, x: ArrayLike<number>): Float64Array;
}

/** Conversions between parameterizations of a path model's prediction (docs/mathematics.md §5). */
export interface PathConversions {
  /** v = α̇ x̂0 + σ̇ ε̂ from an x0-prediction. */
  velocityFromX0(t: number, x: ArrayLike<number>, x0Hat: ArrayLike<number>): Float64Array;
  x0FromVelocity(t: number, x: ArrayLike<number>, v: ArrayLike<number>): Float64Array;
  epsilonFromX0(t: number, x: ArrayLike<number>, x0Hat: ArrayLike<number>): Float64Array;
  x0FromEpsilon(t: number, x: ArrayLike<number>, eps: ArrayLike<number>): Float64Array;
  /** Gaussian noise only: ∇ log p = −ε̂/σ. */
  scoreFromEpsilon(t: number, eps: ArrayLike<number>): Float64Array;
  epsilonFromScore(t: number, score: ArrayLike<number>): Float64Array;
}

/**
 * A derivative the design layer derived symbolically, with the function it is the derivative of, so that
 * verify can compare it with a finite difference (symbolic-agreement). r is a distance from the kernel centre.
 */
export interface SymbolicCheck {
  name: string;
  /** The symbolic derivative. */
  value(t: number, r: number): number;
  /** The function it claims to be the derivative of. */
  derivativeOf(t: number, r: number): number;
  variable: 't' | 'r';
}

export interface Design {
  name: string;
  description: string;
  family: FamilyName;
  dimension: number;
  T: number;
  epsilon: number;
  dataRadius: number;
  /** The spec's named parameters (symbols in the derivation's expressions). */
  parameters: Readonly<Record<string, number>>;
  /** The spec's `sampler:` defaults (solver, rtol, atol, steps, grid); sample() uses them where its options are silent. */
  sampler?: Readonly<SamplerDefaults>;
  /**
   * The spec text it was built from (with its file, for messages, and dimension), so that worker threads can
   * build it again: its compiled closures cannot cross threads. Set by loadDesign and designFromText, not
   * enumerable, so that a modified copy (`{ ...design, T: 10 }`) does not claim it.
   */
  readonly origin?: { specText: string; file?: string; dimension: number };
  kernel: Kernel;
  /** v_t(x | x0). */
  conditionalVelocity(t: number, x: ArrayLike<number>, x0: ArrayLike<number>): Float64Array;
  /** ∇_x log p_t(x | x0). */
  conditionalScore(t: number, x: ArrayLike<number>, x0: ArrayLike<number>): Float64Array;
  /** Exact ∂t log p and ∇·v of the conditional pair, for verify's continuity residuals (absent: finite differences). */
  conditionalDerivatives?: ConditionalDerivatives;
  /** Path families (path, sde, poisson) only. */
  schedule?: (t: number) => Schedule;
  conversions?: PathConversions;
  prior: Prior;
  fieldKernel: FieldKernel;
  /** Marginal field of data given flat row-major m×d. */
  field(data: Float64Array): MarginalField;
  /** Each symbolic quantity by name (psi, dpsi_dr, dpsi_dt, phi, log_phi, varphi, k; alpha, sigma, ...). */
  derivation: Record<string, DerivedQuantity>;
  /** Symbolic derivatives to check against finite differences (absent for quadrature-only quantities). */
  symbolicChecks?: readonly SymbolicCheck[];
}
