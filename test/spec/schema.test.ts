// The JSON Schema covers every spec key the README and docs/guide.md name, and is itself a valid 2020-12 schema.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script without type declarations
import { validatorPath, validatorSource } from '../../scripts/generate-validator.mjs';
import { designSchema } from '../../src/spec/index.js';

describe('schemas/design.schema.json', () => {
  const schema = designSchema() as { properties: Record<string, unknown>; $schema: string };

  it('is a strict-valid JSON Schema 2020-12', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(() => new Ajv2020({ strict: true, strictRequired: false }).compile(schema)).not.toThrow();
  });

  it('names every documented spec key', () => {
    const keys = [
      'name',
      'description',
      'family',
      'dimension',
      'parameters',
      'definitions',
      'time',
      'prior',
      'dataRadius',
      'sampler',
      'cumulative',
      'density',
      'velocity',
      'alpha',
      'sigma',
      'noise',
      'drift',
      'diffusion',
      'augment',
      '$schema',
    ];
    expect(Object.keys(schema.properties).sort()).toEqual(keys.sort());
  });

  it('has its generated validator in step (else run `npm run generate`)', () => {
    expect(readFileSync(validatorPath as string, 'utf8') === (validatorSource as () => string)()).toBe(true);
  });
});
