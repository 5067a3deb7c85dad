import { type VerifyContext } from './context.js';
import type { PropertyResult } from './types.js';
export declare const CDF_TOLERANCE = 0.000001;
/** Decreases of ψ smaller than this are rounding (quadrature-defined ψ is good to ~1e-12). */
export declare const MONOTONE_TOLERANCE = 1e-10;
export declare const CONCENTRATION_TOLERANCE = 0.001;
export declare function checkCdfBounds(ctx: VerifyContext): PropertyResult;
export declare function checkMonotone(ctx: VerifyContext): PropertyResult;
export declare function checkConcentration(ctx: VerifyContext): PropertyResult;
