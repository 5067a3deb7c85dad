// Public entry of spec/: text or file in, a typed DesignSpec out, or a positioned OdeforgeError.
import { resolveSpec } from './resolve.js';
import { parseSpecText, readSpecFile } from './source.js';
import { validateSpec } from './validate.js';
export { designSchema } from './validate.js';
/** Load, validate and resolve a spec file (YAML or JSON). */
export function loadSpec(file) {
    return fromSource(readSpecFile(file));
}
/** Same as loadSpec, from text; `file` is only used in messages. */
export function parseSpec(text, file = '<spec>') {
    return fromSource(parseSpecText(text, file));
}
function fromSource(source) {
    const data = source.doc.toJS();
    validateSpec(source, data);
    return resolveSpec(source, data);
}
