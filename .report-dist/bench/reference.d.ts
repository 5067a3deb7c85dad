export interface ReferenceRun {
    family: string;
    nfe: number;
    wall_s: number;
    median_nearest_data_dist: number;
    finite: boolean;
    /** Whole-process wall time measured here (python start-up and imports included). */
    process_s: number;
}
/** The versions of python3, NumPy and SciPy, or why they cannot be used. */
export declare function pythonStatus(): {
    ok: true;
    versions: string;
} | {
    ok: false;
    reason: string;
};
/** Write the reference's toy_data(m, d, seed) to `path` (CSV, header x1..xd) with its own save_data. */
export declare function saveReferenceData(script: string, path: string, m: number, d: number, seed?: number): void;
/** One whole-process run of `numpy_sampler.py bench`. */
export declare function runReference(script: string, family: string, n: number, m: number, d: number, rtol: number): ReferenceRun;
/** `numpy_sampler.py field`: the reference's marginal-velocity throughput in pairs/s. */
export declare function referenceFieldThroughput(script: string, family: string, n: number, m: number, d: number): number;
