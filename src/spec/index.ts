// Public entry of spec/: text or file in, a typed DesignSpec out, or a positioned OdeforgeError.
import { OdeforgeError } from '../errors.js';
import { limits } from '../limits.js';
import { resolveSpec } from './resolve.js';
import { firstAliasPosition, parseSpecText, readSpecFile, type SpecSource } from './source.js';
import type { DesignSpec } from './types.js';
import { validateSpec } from './validate.js';

export type { DesignSpec, Expression, FamilySpec, NoiseSpec, PriorSpec, SamplerDefaults } from './types.js';
export { designSchema } from './validate.js';
export { readSpecText } from './source.js';

/** Load, validate and resolve a spec file (YAML or JSON). */
export function loadSpec(file: string): DesignSpec {
  return fromSource(readSpecFile(file));
}

/** Same as loadSpec, from text; `file` is only used in messages. */
export function parseSpec(text: string, file = '<spec>'): DesignSpec {
  return fromSource(parseSpecText(text, file));
}

function fromSource(source: SpecSource): DesignSpec {
  const data = plainData(source);
  validateSpec(source, data);
  return resolveSpec(source, data);
}

/** The document as plain data; aliases that would expand too much (an alias bomb) are refused. */
function plainData(source: SpecSource): unknown {
  try {
    return source.doc.toJS({ maxAliasCount: limits.yamlAliases });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    throw new OdeforgeError(
      `YAML aliases expand to more than the limit of ${limits.yamlAliases} nodes`,
      firstAliasPosition(source),
      'write the values out instead of aliasing them',
    );
  }
}
