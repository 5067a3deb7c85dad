// Every class of bad spec input gives one OdeforgeError positioned at the offending key or value.
import { describe, expect, it } from 'vitest';
import { loadDesign } from '../../src/design/index.js';
import { OdeforgeError } from '../../src/errors.js';

const dir = new URL('../fixtures/bad/', import.meta.url).pathname;

/** [file, expected line, expected column, fragment of the message] — positions read off the fixtures by hand. */
const cases: [string, number, number, string][] = [
  ['yaml-syntax.yaml', 4, 1, 'syntax error'],
  ['json-syntax.json', 5, 1, 'syntax error'],
  ['negative-T.yaml', 3, 11, '"time.T" must be > 0'],
  ['unknown-family.yaml', 1, 9, '"family" must be one of "radial", "path", "sde", "poisson"'],
  ['unknown-symbol.yaml', 2, 25, 'unknown symbol "q"'],
  ['unknown-function.yaml', 2, 14, 'unknown function "tanhh"'],
  ['unbalanced.yaml', 2, 27, 'cannot parse expression'],
  ['cycle.yaml', 3, 3, 'definitions form a cycle: a → b → a'],
  ['dimension-3.yaml', 2, 12, 'dimension mismatch'],
  ['non-numeric-parameter.yaml', 3, 7, '"parameters.s0" must be number'],
  ['code-constructor.yaml', 2, 55, 'cannot parse expression'],
  ['code-import.yaml', 2, 13, 'unknown function "import"'],
  ['code-evaluate.yaml', 2, 13, 'unknown function "evaluate"'],
  ['code-proto.yaml', 2, 13, 'unknown symbol "__proto__"'],
  ['code-property.yaml', 2, 13, 'property access is not allowed'],
  ['code-assignment.yaml', 2, 14, 'assignment is not allowed'],
  ['code-function-definition.yaml', 2, 14, 'function definition is not allowed'],
  ['wrong-family-key.yaml', 3, 1, 'key "alpha" does not belong to family "radial"'],
  ['unknown-key.yaml', 4, 11, 'unknown key "solvr" in "sampler"'],
  ['path-uses-r.yaml', 3, 8, '"sigma" may only depend on t, d, parameters, definitions; it uses r'],
  ['epsilon-above-T.yaml', 3, 23, 'time.epsilon (2) must be smaller than time.T (1)'],
  ['prior-mismatch.yaml', 4, 8, 'prior "gaussian" needs a path with gaussian noise'],
  ['non-normalizable.yaml', 2, 10, 'not normalizable'],
  ['no-dimension.yaml', 1, 1, 'the dimension is unknown'],
  ['reserved-parameter.yaml', 2, 14, '"t" is a reserved name'],
  ['sigma-negative.yaml', 3, 8, 'σ_t must be finite and > 0 on [ε, T]'],
];

function failure(file: string): OdeforgeError {
  const dimension = file === 'no-dimension.yaml' ? undefined : 2;
  try {
    loadDesign(`${dir}${file}`, dimension === undefined ? {} : { dimension });
  } catch (error) {
    if (!(error instanceof OdeforgeError)) throw error;
    return error;
  }
  throw new Error(`${file} was accepted`);
}

describe('bad spec input', () => {
  it.each(cases)('%s → line %i, column %i: %s', (file, line, column, fragment) => {
    const error = failure(file);
    expect(error.message).toContain(fragment);
    expect(error.file).toBe(`${dir}${file}`);
    expect([error.line, error.column]).toEqual([line, column]);
  });

  it('reports a missing file as bad input, not a crash', () => {
    expect(() => loadDesign(`${dir}does-not-exist.yaml`, { dimension: 2 })).toThrow(/spec file not found/);
  });
});
