import type { GaussianMixture } from '../field/types.js';
import type { DataTable } from './table.js';
export type DataFormat = 'csv' | 'npy' | 'json';
/** The format a path's extension names. @throws OdeforgeError for any other extension */
export declare function formatOf(path: string): DataFormat;
/** A data source: points (CSV, NPY, JSON) or an analytic Gaussian mixture (JSON). */
export type DataSource = {
    kind: 'table';
    table: DataTable;
} | {
    kind: 'mixture';
    mixture: GaussianMixture;
};
/** Read a data file that may also hold a Gaussian mixture (JSON). */
export declare function readDataSource(path: string): DataSource;
/**
 * Read points from a .csv, .npy or .json file as an n × d table.
 * @throws OdeforgeError naming the file (and line/column where there is one) for any bad content
 */
export declare function readDataFile(path: string): DataTable;
/** The file content of an n × d table (or any array with `shape`, for .npy) in `format`. */
export declare function formatData(format: DataFormat, data: Float64Array, shape: readonly number[]): string | Uint8Array;
/** Write points to a .csv, .npy or .json file, atomically. */
export declare function writeDataFile(path: string, data: Float64Array, dim: number): void;
