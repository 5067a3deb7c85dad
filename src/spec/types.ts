// The resolved, typed form of a spec file: what the design layer consumes. Raw YAML never goes past spec/.
import type { SourcePosition } from '../errors.js';
import type { SamplerSettings } from '../solvers/index.js';
import type { MathNode } from '../symbolic/math.js';

/** A parsed and whitelisted expression, with where it came from (for positioned errors). */
export interface Expression {
  node: MathNode;
  text: string;
  where: SourcePosition;
}

export type NoiseSpec =
  { kind: 'gaussian' } | { kind: 'poisson'; augment: number } | { kind: 'radial'; cdf: Expression };

export type PriorSpec = { kind: 'kernel' | 'gaussian' | 'poisson' } | { kind: 'custom'; density: Expression };

export type FamilySpec =
  | { family: 'radial'; cumulative?: Expression; density?: Expression; velocity?: Expression }
  | { family: 'path'; alpha: Expression; sigma: Expression; noise: NoiseSpec }
  | { family: 'sde'; drift: Expression; diffusion: Expression }
  | { family: 'poisson'; augment: number };

export interface SamplerDefaults extends SamplerSettings {
  solver?: 'euler' | 'heun' | 'rk4' | 'dopri5' | 'odex' | 'euler-maruyama' | 'pc' | 'edm' | 'dpmpp-2m' | 'dpmpp-3m';
  rtol?: number;
  atol?: number;
  steps?: number;
  grid?: 'uniform' | 'log' | 'edm';
}

export interface DesignSpec {
  file: string;
  name: string;
  description: string;
  dimension?: number;
  /** Where each top-level key was written, for semantic errors found later (dimension, prior...). */
  positions: Readonly<Record<string, SourcePosition>>;
  parameters: Readonly<Record<string, number>>;
  /** Definitions already inlined into each other (acyclic). */
  definitions: Readonly<Record<string, Expression>>;
  T: number;
  epsilon: number;
  prior?: PriorSpec;
  dataRadius: number;
  sampler: SamplerDefaults;
  body: FamilySpec;
}
