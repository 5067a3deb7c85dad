import { type VerifyContext } from './context.js';
import type { PropertyResult } from './types.js';
export declare function checkFinite(ctx: VerifyContext): PropertyResult;
