import { type DesignSpec } from '../spec/index.js';
import type { Design } from './types.js';
export type * from './types.js';
export interface DesignOptions {
    /** Dimension d when the spec has none (or to check against the spec's). */
    dimension?: number;
}
/** Load a spec file and build its Design. @throws OdeforgeError (positioned) for any bad input. */
export declare function loadDesign(specPath: string, options?: DesignOptions): Design;
/** Build a Design from spec text (YAML or JSON). */
export declare function designFromText(text: string, options?: DesignOptions & {
    file?: string;
}): Design;
/** Build the Design of a resolved spec. */
export declare function buildDesign(spec: DesignSpec, options?: DesignOptions): Design;
/** The spec's dimension, else the caller's; both given must agree. */
export declare function resolveDimension(spec: DesignSpec, requested: number | undefined): number;
