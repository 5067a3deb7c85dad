/** For each sample, the distance to its nearest data point (first `dim` coordinates, brute force). */
export declare function nearestDataDistances(samples: Float64Array, data: Float64Array, dim: number): Float64Array;
export declare function median(values: Float64Array): number;
/** Bootstrap standard error of the median (seeded). */
export declare function medianStandardError(values: Float64Array, resamples?: number, seed?: number): number;
export declare function countNonFinite(values: Float64Array): number;
/** Largest Euclidean distance between matching rows of a and b (first `rows` rows). */
export declare function maxRowError(a: Float64Array, b: Float64Array, dim: number, rows: number): {
    max: number;
    median: number;
};
