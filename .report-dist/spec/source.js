// Reading spec text (YAML or JSON) into a YAML document that remembers where every key and value is.
// Every problem found here or later in spec/ is reported with file:line:col.
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isMap, isPair, isScalar } from 'yaml';
import { OdeforgeError } from '../errors.js';
/** Read and parse a spec file. @throws OdeforgeError for unreadable files and syntax errors. */
export function readSpecFile(file) {
    let text;
    try {
        text = readFileSync(file, 'utf8');
    }
    catch (error) {
        const code = error.code;
        throw new OdeforgeError(code === 'ENOENT' ? 'spec file not found' : `cannot read spec file (${code})`, { file });
    }
    return parseSpecText(text, file);
}
/**
 * Parse spec text; JSON is read by the same YAML 1.2 parser, so positions work for both, after a strict
 * JSON check for .json files (YAML would accept a trailing comma that JSON tools reject).
 */
export function parseSpecText(text, file) {
    if (/\.json$/i.test(file))
        checkStrictJson(text, file);
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, merge: false });
    const error = doc.errors[0];
    if (error !== undefined) {
        const pos = lines.linePos(error.pos[0]);
        const message = error.message.split('\n')[0].replace(/ at line \d+, column \d+.*$/, '');
        throw new OdeforgeError(`syntax error: ${message}`, { file, line: pos.line, column: pos.col });
    }
    if (!isMap(doc.contents)) {
        throw new OdeforgeError('a spec must be a mapping of keys (family, time, ...)', { file, line: 1, column: 1 });
    }
    return { file, doc, lines };
}
/** Position of the value at `path` (or of the nearest existing ancestor). */
export function positionOf(source, path) {
    for (let depth = path.length; depth >= 0; depth--) {
        const node = source.doc.getIn(path.slice(0, depth), true);
        if (node?.range)
            return offsetPosition(source, node.range[0]);
    }
    return { file: source.file, line: 1, column: 1 };
}
/** Position of the key `key` inside the mapping at `path`. */
export function keyPositionOf(source, path, key) {
    const map = path.length === 0 ? source.doc.contents : source.doc.getIn(path, true);
    if (isMap(map)) {
        for (const pair of map.items) {
            if (isPair(pair) && isScalar(pair.key) && pair.key.value === key && pair.key.range) {
                return offsetPosition(source, pair.key.range[0]);
            }
        }
    }
    return positionOf(source, path);
}
/** Where the text of a string value starts (after its opening quote, if quoted). */
export function textPositionOf(source, path) {
    const node = source.doc.getIn(path, true);
    if (!isScalar(node) || !node.range)
        return positionOf(source, path);
    const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
    return offsetPosition(source, node.range[0] + (quoted ? 1 : 0));
}
function offsetPosition(source, offset) {
    const pos = source.lines.linePos(offset);
    return { file: source.file, line: pos.line, column: pos.col };
}
function checkStrictJson(text, file) {
    try {
        JSON.parse(text);
    }
    catch (error) {
        const message = error.message;
        const offset = Number(/position (\d+)/.exec(message)?.[1] ?? text.length);
        const before = text.slice(0, offset).split('\n');
        const line = before.length, column = before.at(-1).length + 1;
        throw new OdeforgeError(`syntax error: ${message.replace(/ in JSON at position \d+.*$/s, '')}`, { file, line, column });
    }
}
