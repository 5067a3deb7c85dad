import type { FieldKernel } from '../design/types.js';
import { type MixtureParameters } from './mixture.js';
import type { BatchField, EmpiricalData } from './types.js';
export { EmpiricalField, empiricalData, logWeightCutoff } from './empirical.js';
export { MixtureField, mixtureParameters, sampleMixture, type MixtureParameters } from './mixture.js';
export type { BatchField, EmpiricalData, GaussianMixture } from './types.js';
/** A data source for the marginal field: empirical points or an analytic Gaussian mixture. */
export type FieldSource = {
    kind: 'empirical';
    data: EmpiricalData;
} | {
    kind: 'mixture';
    mixture: MixtureParameters;
};
/**
 * The marginal field of `source` under `kernel`, checked against the design's dimension.
 * @throws OdeforgeError when the data's dimension differs from the design's, or a mixture meets non-Gaussian noise
 */
export declare function createField(kernel: FieldKernel, source: FieldSource, dimension: number): BatchField;
