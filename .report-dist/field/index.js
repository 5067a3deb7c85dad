import { OdeforgeError } from '../errors.js';
import { EmpiricalField } from './empirical.js';
import { MixtureField } from './mixture.js';
export { EmpiricalField, empiricalData, logWeightCutoff } from './empirical.js';
export { MixtureField, mixtureParameters, sampleMixture } from './mixture.js';
/**
 * The marginal field of `source` under `kernel`, checked against the design's dimension.
 * @throws OdeforgeError when the data's dimension differs from the design's, or a mixture meets non-Gaussian noise
 */
export function createField(kernel, source, dimension) {
    const dim = source.kind === 'empirical' ? source.data.dim : source.mixture.dim;
    if (dim !== dimension) {
        throw new OdeforgeError(`the data has dimension ${dim} but the design has dimension ${dimension}`, {}, 'pass data of the design\'s dimension, or set the dimension with --dim');
    }
    return source.kind === 'empirical' ? new EmpiricalField(kernel, source.data) : new MixtureField(kernel, source.mixture);
}
