import type { DesignSpec } from './types.js';
export type { DesignSpec, Expression, FamilySpec, NoiseSpec, PriorSpec, SamplerDefaults } from './types.js';
export { designSchema } from './validate.js';
/** Load, validate and resolve a spec file (YAML or JSON). */
export declare function loadSpec(file: string): DesignSpec;
/** Same as loadSpec, from text; `file` is only used in messages. */
export declare function parseSpec(text: string, file?: string): DesignSpec;
