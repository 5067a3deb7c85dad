// Builds the batched marginal field a sampler integrates, from a design's FieldKernel and a data source.
import { OdeforgeError } from '../errors.js';
import { EmpiricalField } from './empirical.js';
import { MixtureField, type MixtureParameters } from './mixture.js';
import type { BatchField, EmpiricalData, FieldKernel } from './types.js';

export { DEFAULT_FIELD_TOL, EmpiricalField, empiricalData, logWeightCutoff } from './empirical.js';
export { DivergenceField } from './divergence.js';
export { fieldDataArray, sharedData } from './simd.js';
export { MixtureField, mixtureParameters, sampleMixture, type MixtureParameters } from './mixture.js';
export type { BatchField, EmpiricalData, GaussianMixture } from './types.js';

/**
 * A data source for the marginal field: empirical points (with the field tolerance of the tree-pruned sum, 0 or
 * absent for the exact one) or an analytic Gaussian mixture.
 */
export type FieldSource =
  { kind: 'empirical'; data: EmpiricalData; fieldTol?: number } | { kind: 'mixture'; mixture: MixtureParameters };

/**
 * The marginal field of `source` under `kernel`, checked against the design's dimension.
 * @throws OdeforgeError when the data's dimension differs from the design's, or a mixture meets non-Gaussian noise
 */
export function createField(kernel: FieldKernel, source: FieldSource, dimension: number): BatchField {
  const dim = source.kind === 'empirical' ? source.data.dim : source.mixture.dim;
  if (dim !== dimension) {
    throw new OdeforgeError(
      `the data has dimension ${dim} but the design has dimension ${dimension}`,
      {},
      "pass data of the design's dimension, or set the dimension with --dim",
    );
  }
  return source.kind === 'empirical'
    ? new EmpiricalField(kernel, source.data, { fieldTol: source.fieldTol })
    : new MixtureField(kernel, source.mixture);
}
