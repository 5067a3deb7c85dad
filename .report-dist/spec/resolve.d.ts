import { type SpecSource } from './source.js';
import type { DesignSpec } from './types.js';
/** Resolve a schema-valid spec into a DesignSpec. @throws OdeforgeError with positions. */
export declare function resolveSpec(source: SpecSource, data: unknown): DesignSpec;
