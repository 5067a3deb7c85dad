import type { FieldKernel } from '../design/types.js';
import type { BatchField, EmpiricalData } from './types.js';
/**
 * How far below a row's largest log-weight a weight is skipped: m weights each below e^{−cut} relative
 * to the largest add up to less than 2^{−53} (53 ln 2 = 36.74 < 37), so skipping them cannot change the
 * float64 result; never less than 40.
 */
export declare function logWeightCutoff(m: number): number;
/** Validate and wrap a flat m × dim array as empirical data. */
export declare function empiricalData(values: Float64Array, dim: number, file?: string): EmpiricalData;
/**
 * Marginal velocity and score of empirical data under a design's FieldKernel.
 * - path kernels: f = (σ̇/σ)(x − α x̂) + α̇ x̂, x̂ = Σ w_i x_i, w_i ∝ q(|x − α x_i|²/σ²)  (MATH.md §5);
 * - radial kernels: f = Σ w_i k_t(r_i)(x − x_i), w_i ∝ φ_t(r_i)  (MATH.md §2).
 * Not safe to call concurrently on one instance (it owns scratch buffers); one instance per thread.
 */
export declare class EmpiricalField implements BatchField {
    private readonly kernel;
    readonly dim: number;
    private readonly kind;
    private readonly data;
    private readonly m;
    private readonly cut;
    /** Poisson noise: log q = −c log1p(ρ²), c = (d + D)/2. */
    private readonly poissonPower;
    /** 2c when it is an integer (then x^c takes a few multiplications and at most one sqrt, not a pow), else −1. */
    private readonly poissonTwoPower;
    private readonly dist;
    private readonly logw;
    private readonly survivors;
    private readonly weights;
    private readonly coefs;
    private readonly acc;
    private readonly alpha;
    private readonly sigma;
    private readonly dAlpha;
    private readonly dSigma;
    private cachedT;
    private cachedSchedule;
    constructor(kernel: FieldKernel, data: EmpiricalData);
    velocity(t: Float64Array, x: Float64Array, n: number, out: Float64Array): void;
    score(t: Float64Array, x: Float64Array, n: number, out: Float64Array): void;
    private tileSchedules;
    /** dist[r·m + j] = |x_r − α_r x_j|² for the tile's rows, data visited block by block. */
    private tileDistances;
    /**
     * Fill survivors/weights with the indices and unnormalized weights w_j = e^{log w_j − max} of the
     * data points whose weight is not negligible; returns their count.
     */
    private rowWeights;
    /** log w_j = −|x − α x_j|²/(2σ²): the largest weight is the nearest point, no exp needed to find it. */
    private gaussianWeights;
    /** log w_j = −c log1p(|x − α x_j|²/σ²), so w_j / w_max = ((σ² + q_min)/(σ² + q_j))^c. */
    private poissonWeights;
    /** x^c for the Poisson power c = (d + D)/2. */
    private ratioPower;
    /**
     * Gaussian and Poisson paths, velocity only: the weights of gaussianWeights/poissonWeights accumulated as
     * they are computed (no survivor lists), with the d = 2 case unrolled. The hot loop of sampling.
     */
    private fusedPathVelocity;
    /** log w_j = logNoise(|x − α x_j|²/σ²) for any isotropic noise law. */
    private generalPathWeights;
    /** log w_j = log φ_t(r_j), r_j = |x − x_j|; dist[] then holds r_j (not r_j²) for the velocity and score. */
    private radialWeights;
    /** Weights from logw[]: those within the cutoff of the max; a +∞ max (x on a singular point) takes all. */
    private survivingWeights;
    /** f = (σ̇/σ)(x − α x̂) + α̇ x̂ from survivor weights. With no surviving weight the row is NaN. */
    private pathVelocity;
    /**
     * acc = Σ_c coef[c] x_{survivors[c]}; returns Σ_c weights[c]. Four data rows per pass over acc, so acc is
     * loaded and stored a quarter as often (what matters in high d).
     */
    private weightedDataSum;
    /** From acc = Σ w_j x_j and sum = Σ w_j: f = (σ̇/σ)(x − α x̂) + α̇ x̂. */
    private finishPathVelocity;
    /** f = Σ w_j k_t(r_j)(x − x_j) / Σ w_j. */
    private radialVelocity;
    /** ∇ log p_t(x) = Σ w_j ∇ log p_t(x|x_j) / Σ w_j. */
    private rowScore;
}
