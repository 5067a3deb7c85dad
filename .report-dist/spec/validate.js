// Structural validation of a spec against schemas/design.schema.json (the single source of truth for
// the spec format) with Ajv; the first relevant error becomes one positioned, readable message.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { OdeforgeError } from '../errors.js';
import { keyPositionOf, positionOf } from './source.js';
const schemaUrl = new URL('../../schemas/design.schema.json', import.meta.url);
let validator;
/** The design JSON Schema, as committed in schemas/. */
export function designSchema() {
    return JSON.parse(readFileSync(fileURLToPath(schemaUrl), 'utf8'));
}
function compiledValidator() {
    validator ??= new Ajv2020({ allErrors: true, strict: true, strictRequired: false }).compile(designSchema());
    return validator;
}
/** @throws OdeforgeError at the offending key or value. */
export function validateSpec(source, data) {
    const validate = compiledValidator();
    if (validate(data))
        return;
    const error = mostRelevant(validate.errors ?? []);
    const path = pointerToPath(error.instancePath);
    const { message, where } = describeError(source, error, path);
    throw new OdeforgeError(message, where);
}
function pointerToPath(pointer) {
    return pointer === '' ? [] : pointer.slice(1).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}
/** Prefer the deepest error that is not a combinator summary (if/oneOf/anyOf). */
function mostRelevant(errors) {
    const rank = (e) => {
        const summary = e.keyword === 'if' || e.keyword === 'oneOf' || e.keyword === 'anyOf' ? 100 : 0;
        const specific = e.keyword === 'false schema' || e.keyword === 'additionalProperties' || e.keyword === 'enum' ? -1 : 0;
        return summary + specific - e.instancePath.split('/').length * 2;
    };
    return [...errors].sort((a, b) => rank(a) - rank(b))[0];
}
function describeError(source, error, path) {
    const name = path.length ? `"${path.join('.')}"` : 'the spec';
    const params = error.params;
    switch (error.keyword) {
        case 'additionalProperties': {
            const key = String(params.additionalProperty);
            return { message: `unknown key "${key}" in ${name}`, where: keyPositionOf(source, path, key) };
        }
        case 'false schema': {
            const family = String(source.doc.get('family'));
            return { message: `key "${path.join('.')}" does not belong to family "${family}"`, where: keyPositionOf(source, path.slice(0, -1), path.at(-1)) };
        }
        case 'required':
            return { message: `${name} is missing the required key "${String(params.missingProperty)}"`, where: positionOf(source, path) };
        case 'enum':
            return { message: `${name} must be one of ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`, where: positionOf(source, path) };
        case 'oneOf':
            return { message: `${name} ${oneOfHint(path)}`, where: positionOf(source, path) };
        default:
            return { message: `${name} ${error.message ?? 'is invalid'}`, where: positionOf(source, path) };
    }
}
function oneOfHint(path) {
    const last = path.at(-1);
    if (last === 'noise')
        return 'must be "gaussian", {poisson: {augment: D}} or {radial: {cdf: F(rho)}}';
    if (last === 'prior')
        return 'must be "kernel", "gaussian", "poisson" or {custom: {density: ...}}';
    if (path.length === 0)
        return 'must give exactly one of "cumulative" or "density" (family radial)';
    return 'must be an expression (a string or a number)';
}
