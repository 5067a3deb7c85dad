import type { DataTable } from './table.js';
/**
 * Parse CSV text into an n × d table.
 * @throws OdeforgeError with file:line:col for an empty file, ragged rows, non-numeric or non-finite values
 */
export declare function parseCsv(text: string, file?: string): DataTable;
/** CSV text with header x1..xd; numbers in shortest round-trip form (reading them back is exact). */
export declare function formatCsv(data: Float64Array, dim: number): string;
