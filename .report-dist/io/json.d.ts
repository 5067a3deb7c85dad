import type { GaussianMixture } from '../field/types.js';
import type { DataTable } from './table.js';
export type JsonData = {
    kind: 'table';
    table: DataTable;
} | {
    kind: 'mixture';
    mixture: GaussianMixture;
};
/**
 * Parse a JSON data file.
 * @throws OdeforgeError positioned at the offending value: syntax errors, ragged rows, non-numbers
 */
export declare function parseJsonData(text: string, file?: string): JsonData;
/** JSON text of the points as an array of rows. */
export declare function formatJson(data: Float64Array, dim: number): string;
