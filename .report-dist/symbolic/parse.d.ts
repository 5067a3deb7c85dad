import { type SourcePosition } from '../errors.js';
import { type MathNode } from './math.js';
/** Where an expression's text sits in its file: the column of its first character. */
export interface ExpressionSource extends SourcePosition {
    text: string;
}
/**
 * Parse `source.text` and check every node against the whitelist.
 * @param symbols the free symbols allowed here (t, r, d, parameters, definitions...)
 * @throws OdeforgeError positioned at the offending character where it can be found
 */
export declare function safeParse(source: ExpressionSource, symbols: ReadonlySet<string>): MathNode;
