import type { Design } from '../design/types.js';
import { type VerifyOptions, type VerifyReport } from './types.js';
export declare const DEFAULT_RUNS = 40;
export declare const DEFAULT_SEED = 20240601;
/**
 * Run every property (or the chosen ones) on a design.
 * @returns the report; `passed` is false when any property failed (warnings do not fail).
 */
export declare function verifyDesign(design: Design, options?: VerifyOptions): VerifyReport;
