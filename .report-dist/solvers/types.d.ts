/** A vector field over a batch of rows with per-row times: the "term" of diffrax. */
export interface OdeTerm {
    readonly dim: number;
    /** out[i] = f(t[i], y[i]) for rows i < n (flat row-major n × dim). */
    evaluate(t: Float64Array, y: Float64Array, n: number, out: Float64Array): void;
}
/** Totals over all rows of one solve. */
export interface SolveStats {
    /** Field evaluations, counted per row (a batch call on k rows counts k). */
    nfe: number;
    /** Accepted steps. */
    steps: number;
    /** Rejected steps (adaptive solvers). */
    rejected: number;
}
/** Why a row could not be integrated: data, not an exception (the caller decides how to report it). */
export interface SolveFailure {
    /** Row index within the solve's batch. */
    row: number;
    /** Time (in t, not the integration variable) where it happened. */
    t: number;
    reason: string;
}
export interface SolveResult {
    stats: SolveStats;
    failure?: SolveFailure;
}
/**
 * States kept at given times: states[(k·rows + row)·dim + c] is coordinate c of `row` at times[k].
 * Times are in the integration variable and ordered from start to end.
 */
export interface Recording {
    times: Float64Array;
    states: Float64Array;
    rows: number;
}
/** Progress of one solve as the fraction of its work done, in [0, 1]. */
export type ProgressCallback = (fraction: number) => void;
