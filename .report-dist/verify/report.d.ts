import type { PropertyResult, VerifyReport } from './types.js';
/** The report as a table, then each failure's counterexample and each warning on its own lines. */
export declare function formatReport(report: VerifyReport): string;
/** One failed property: what was measured, how far off, and where (the shrunk counterexample). */
export declare function describeFailure(p: PropertyResult): string;
