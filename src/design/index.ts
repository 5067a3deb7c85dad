// Families → Design: the one entry point that turns a resolved spec and a dimension into a Design.
import { OdeforgeError } from '../errors.js';
import { parseSpec, readSpecText, type DesignSpec } from '../spec/index.js';
import { bindingFor } from './bind.js';
import { noiseFor, poissonNoise } from './noise.js';
import { pathDesign } from './path.js';
import { radialDesign } from './radial.js';
import { poissonSchedule, sdeSchedule, symbolicSchedule } from './schedule.js';
import type { Design } from './types.js';

export type * from './types.js';

export interface DesignOptions {
  /** Dimension d when the spec has none (or to check against the spec's). */
  dimension?: number;
}

/** Load a spec file and build its Design. @throws OdeforgeError (positioned) for any bad input. */
export function loadDesign(specPath: string, options: DesignOptions = {}): Design {
  // read once (a regular file within the size limit): the design and its origin, which workers rebuild, come
  // from the same bytes
  return designFromText(readSpecText(specPath), { ...options, file: specPath });
}

/**
 * Build a Design from spec text (YAML or JSON). It keeps the text as its `origin`, so that sample() can run
 * worker threads without a designSource.
 */
export function designFromText(text: string, options: DesignOptions & { file?: string } = {}): Design {
  const design = buildDesign(parseSpec(text, options.file), options);
  const origin: Design['origin'] = { specText: text, file: options.file, dimension: design.dimension };
  return Object.defineProperty(design, 'origin', { value: origin, enumerable: false });
}

/** Build the Design of a resolved spec. */
export function buildDesign(spec: DesignSpec, options: DesignOptions = {}): Design {
  return { ...familyDesign(spec, options), sampler: spec.sampler };
}

function familyDesign(spec: DesignSpec, options: DesignOptions): Design {
  const binding = bindingFor(spec, resolveDimension(spec, options.dimension));
  const body = spec.body;
  switch (body.family) {
    case 'radial':
      return radialDesign(spec, body, binding);
    case 'path':
      return pathDesign(
        spec,
        'path',
        symbolicSchedule(body.alpha.node, body.sigma.node, binding, {
          alpha: body.alpha.where,
          sigma: body.sigma.where,
        }),
        noiseFor(body.noise, binding),
        binding,
      );
    case 'sde':
      return pathDesign(
        spec,
        'sde',
        sdeSchedule(body.drift, body.diffusion, binding, spec.T),
        noiseFor({ kind: 'gaussian' }, binding),
        binding,
      );
    case 'poisson':
      return pathDesign(spec, 'poisson', poissonSchedule(binding), poissonNoise(binding.d, body.augment), binding);
  }
}

/** The spec's dimension, else the caller's; both given must agree. */
export function resolveDimension(spec: DesignSpec, requested: number | undefined): number {
  if (requested !== undefined && (!Number.isInteger(requested) || requested < 1)) {
    throw new OdeforgeError(`dimension must be a positive integer, not ${requested}`);
  }
  if (spec.dimension !== undefined && requested !== undefined && spec.dimension !== requested) {
    throw new OdeforgeError(
      `dimension mismatch: the spec says ${spec.dimension}, but ${requested} was asked for (--dim or the data)`,
      spec.positions.dimension ?? { file: spec.file },
      'remove `dimension` from the spec or use data of the same dimension',
    );
  }
  const d = spec.dimension ?? requested;
  if (d === undefined) {
    throw new OdeforgeError(
      'the dimension is unknown',
      { file: spec.file, line: 1, column: 1 },
      'add `dimension: D` to the spec, or pass --dim D or --data',
    );
  }
  return d;
}
