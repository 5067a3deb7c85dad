import { type VerifyContext } from './context.js';
import type { PropertyResult } from './types.js';
export declare const SYMBOLIC_TOLERANCE = 0.000001;
export declare function checkSymbolicAgreement(ctx: VerifyContext): PropertyResult;
