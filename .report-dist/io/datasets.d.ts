import { Matrix } from 'ml-matrix';
import type { Rng } from '../design/types.js';
export type DatasetName = 'moons' | 'circles' | 'swissroll' | '8gaussians' | 'checkerboard' | 'pinwheel';
export declare const datasetNames: readonly DatasetName[];
/** A Haar-random rotation of R^d: Q of the QR of a Gaussian matrix, columns signed by diag(R) > 0. */
export declare function randomRotation(d: number, rng: Rng): Matrix;
export interface DatasetOptions {
    n: number;
    dim?: number;
}
/** Check a data set request. @throws OdeforgeError for an unknown name, n < 1 or dim < 2 */
export declare function checkDataset(name: string, options: DatasetOptions): asserts name is DatasetName;
/**
 * n points of a toy data set, flat n × dim. `points` draws the 2-D points, `rotation` the rotation for dim > 2
 * (separate generators, so the rotation depends only on the seed and dim).
 */
export declare function toyDataset(name: DatasetName, options: DatasetOptions, points: Rng, rotation: Rng): Float64Array;
/**
 * n points of the toy data set `name` in `dim` dimensions (default 2), fixed by `seed` (default 0).
 * @example dataset('8gaussians', { n: 512, seed: 1 }) // Float64Array of 512 × 2
 * @throws OdeforgeError for an unknown name, n < 1 or dim < 2
 */
export declare function dataset(name: string, options: DatasetOptions & {
    seed?: number;
}): Float64Array;
