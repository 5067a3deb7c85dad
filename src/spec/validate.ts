// Structural validation of a spec against schemas/design.schema.json (the single source of truth for
// the spec format) with Ajv; the first relevant error becomes one positioned, readable message.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ErrorObject } from 'ajv/dist/2020.js';
import { OdeforgeError } from '../errors.js';
import { packageRoot } from '../paths.js';
import { validate as generatedValidator } from './design-validator.generated.js';
import { keyPositionOf, positionOf, type SpecSource } from './source.js';

const schemaUrl = new URL('schemas/design.schema.json', packageRoot);

/** Ajv's validator for the schema, generated ahead of time (scripts/generate-validator.mjs): allErrors, strict. */
interface Validator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}
const validator = generatedValidator as Validator;

/** The design JSON Schema, as committed in schemas/. */
export function designSchema(): object {
  return JSON.parse(readFileSync(fileURLToPath(schemaUrl), 'utf8')) as object;
}

/** @throws OdeforgeError at the offending key or value. */
export function validateSpec(source: SpecSource, data: unknown): void {
  if (validator(data)) return;
  const error = mostRelevant(validator.errors ?? []);
  const path = pointerToPath(error.instancePath);
  const { message, where } = describeError(source, error, path);
  throw new OdeforgeError(message, where);
}

function pointerToPath(pointer: string): string[] {
  return pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Prefer the deepest error that is not a combinator summary (if/oneOf/anyOf). */
function mostRelevant(errors: ErrorObject[]): ErrorObject {
  const rank = (e: ErrorObject): number => {
    const summary = e.keyword === 'if' || e.keyword === 'oneOf' || e.keyword === 'anyOf' ? 100 : 0;
    const specific =
      e.keyword === 'false schema' || e.keyword === 'additionalProperties' || e.keyword === 'enum' ? -1 : 0;
    return summary + specific - e.instancePath.split('/').length * 2;
  };
  return [...errors].sort((a, b) => rank(a) - rank(b))[0]!;
}

function describeError(
  source: SpecSource,
  error: ErrorObject,
  path: string[],
): { message: string; where: ReturnType<typeof positionOf> } {
  const name = path.length ? `"${path.join('.')}"` : 'the spec';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      return { message: `unknown key "${key}" in ${name}`, where: keyPositionOf(source, path, key) };
    }
    case 'false schema': {
      const family = String(source.doc.get('family'));
      return {
        message: `key "${path.join('.')}" does not belong to family "${family}"`,
        where: keyPositionOf(source, path.slice(0, -1), path.at(-1)!),
      };
    }
    case 'required':
      return {
        message: `${name} is missing the required key "${String(params.missingProperty)}"`,
        where: positionOf(source, path),
      };
    case 'enum':
      return {
        message: `${name} must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
        where: positionOf(source, path),
      };
    case 'oneOf':
      return { message: `${name} ${oneOfHint(path)}`, where: positionOf(source, path) };
    default:
      return { message: `${name} ${error.message ?? 'is invalid'}`, where: positionOf(source, path) };
  }
}

function oneOfHint(path: string[]): string {
  const last = path.at(-1);
  if (last === 'noise') return 'must be "gaussian", {poisson: {augment: D}} or {radial: {cdf: F(rho)}}';
  if (last === 'prior') return 'must be "kernel", "gaussian", "poisson" or {custom: {density: ...}}';
  if (path.length === 0) return 'must give exactly one of "cumulative" or "density" (family radial)';
  return 'must be an expression (a string or a number)';
}
