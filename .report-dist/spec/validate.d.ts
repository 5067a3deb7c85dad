import { type SpecSource } from './source.js';
/** The design JSON Schema, as committed in schemas/. */
export declare function designSchema(): object;
/** @throws OdeforgeError at the offending key or value. */
export declare function validateSpec(source: SpecSource, data: unknown): void;
