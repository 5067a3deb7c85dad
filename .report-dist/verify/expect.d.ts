import { type DesignOptions } from '../design/index.js';
import type { Design } from '../design/types.js';
import type { VerifyOptions, VerifyReport } from './types.js';
/** Thrown when a design fails a property; carries the whole report. */
export declare class VerificationFailed extends Error {
    readonly report: VerifyReport;
    constructor(report: VerifyReport);
}
/**
 * Verify a design (a spec file path, or a Design) and throw unless every property passes; warnings pass.
 * @returns the report, for further assertions
 * @throws VerificationFailed listing the failed properties with their shrunk counterexamples
 * @throws OdeforgeError when the spec file cannot be loaded
 * @example
 * it('my design is sound', () => { expectDesignValid('designs/mine.yaml', { dimension: 2 }); });
 */
export declare function expectDesignValid(design: string | Design, options?: VerifyOptions & DesignOptions): VerifyReport;
