import { LineCounter, type Document } from 'yaml';
import { type SourcePosition } from '../errors.js';
export interface SpecSource {
    file: string;
    doc: Document.Parsed;
    lines: LineCounter;
}
/** Read and parse a spec file. @throws OdeforgeError for unreadable files and syntax errors. */
export declare function readSpecFile(file: string): SpecSource;
/**
 * Parse spec text; JSON is read by the same YAML 1.2 parser, so positions work for both, after a strict
 * JSON check for .json files (YAML would accept a trailing comma that JSON tools reject).
 */
export declare function parseSpecText(text: string, file: string): SpecSource;
/** Position of the value at `path` (or of the nearest existing ancestor). */
export declare function positionOf(source: SpecSource, path: readonly (string | number)[]): SourcePosition;
/** Position of the key `key` inside the mapping at `path`. */
export declare function keyPositionOf(source: SpecSource, path: readonly (string | number)[], key: string): SourcePosition;
/** Where the text of a string value starts (after its opening quote, if quoted). */
export declare function textPositionOf(source: SpecSource, path: readonly (string | number)[]): SourcePosition;
