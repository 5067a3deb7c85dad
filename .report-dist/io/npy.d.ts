export interface NpyArray {
    data: Float64Array;
    shape: number[];
}
/**
 * Parse an .npy file into float64 (integer and float32 arrays are converted).
 * @throws OdeforgeError for a missing magic string, an unsupported dtype, or a truncated file
 */
export declare function parseNpy(bytes: Uint8Array, file?: string): NpyArray;
/** An .npy (format 1.0, little-endian float64, C order) of `data` with `shape`; header padded to 64 bytes. */
export declare function formatNpy(data: Float64Array, shape: readonly number[]): Uint8Array;
