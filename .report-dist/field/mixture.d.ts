import type { FieldKernel, Rng } from '../design/types.js';
import type { BatchField, GaussianMixture } from './types.js';
/** A validated mixture: weights normalized, means flat J × dim. */
export interface MixtureParameters {
    weights: Float64Array;
    means: Float64Array;
    stds: Float64Array;
    components: number;
    dim: number;
}
/** Check a mixture's shapes and values; `dim` is the design's dimension when known. */
export declare function mixtureParameters(mix: GaussianMixture, dim?: number, file?: string): MixtureParameters;
/**
 * Marginal of component j at t: N(α μ_j, v_j I), v_j = α² s_j² + σ². Its velocity is linear in x:
 * v_j(x) = α̇ m_j + σ̇ σ (x − α μ_j)/v_j with the posterior mean m_j = μ_j + α s_j² (x − α μ_j)/v_j
 * (E[α̇ x0 + σ̇ z | x_t = x, j], written without 1/σ), and the mixture field is Σ_j w_j(x) v_j(x).
 */
export declare class MixtureField implements BatchField {
    private readonly kernel;
    readonly dim: number;
    private readonly p;
    private readonly logw;
    private readonly variance;
    constructor(kernel: FieldKernel, mix: MixtureParameters);
    velocity(t: Float64Array, x: Float64Array, n: number, out: Float64Array): void;
    score(t: Float64Array, x: Float64Array, n: number, out: Float64Array): void;
    private evaluate;
}
/** n independent draws from the mixture, flat n × dim (for tests and for comparing samplers). */
export declare function sampleMixture(mix: MixtureParameters, n: number, rng: Rng): Float64Array;
