// Public entry of spec/: text or file in, a typed DesignSpec out, or a positioned OdeforgeError.
import { resolveSpec } from './resolve.js';
import { parseSpecText, readSpecFile, type SpecSource } from './source.js';
import type { DesignSpec } from './types.js';
import { validateSpec } from './validate.js';

export type { DesignSpec, Expression, FamilySpec, NoiseSpec, PriorSpec, SamplerDefaults } from './types.js';
export { designSchema } from './validate.js';

/** Load, validate and resolve a spec file (YAML or JSON). */
export function loadSpec(file: string): DesignSpec {
  return fromSource(readSpecFile(file));
}

/** Same as loadSpec, from text; `file` is only used in messages. */
export function parseSpec(text: string, file = '<spec>'): DesignSpec {
  return fromSource(parseSpecText(text, file));
}

function fromSource(source: SpecSource): DesignSpec {
  const data: unknown = source.doc.toJS();
  validateSpec(source, data);
  return resolveSpec(source, data);
}
