import { describe, expect, it } from 'vitest';
import { OdeforgeError } from '../../src/errors.js';
import { safeParse } from '../../src/symbolic/parse.js';

const symbols = new Set(['t', 'r', 'd', 'beta']);
const parse = (text: string) => safeParse({ text, file: 'spec.yaml', line: 3, column: 10 }, symbols);

function rejection(text: string): OdeforgeError {
  try {
    parse(text);
  } catch (error) {
    expect(error).toBeInstanceOf(OdeforgeError);
    return error as OdeforgeError;
  }
  throw new Error(`"${text}" was accepted`);
}

describe('safeParse: whitelisted arithmetic only', () => {
  it.each([
    'tanh(r/t)',
    '1 - exp(-r/t)',
    'beta * t^2 / 2',
    'sech(r/t)^2',
    'log(r, 2) + pi * e',
    '2t',
    'erf(r / sqrt(2 t))',
  ])('accepts %s', (text) => {
    expect(() => parse(text)).not.toThrow();
  });

  it.each([
    ['constructor.constructor("return process")().exit(7)', 'cannot parse'],
    ['import("fs")', 'unknown function "import"'],
    ['evaluate("1+1")', 'unknown function "evaluate"'],
    ['__proto__', 'unknown symbol "__proto__"'],
    ['t.constructor', 'property access'],
    ['x = 1', 'assignment'],
    ['f(x) = x', 'function definition'],
    ['r[1]', 'property access'],
    ['[1, 2]', 'array'],
    ['t > 1 ? 1 : 0', 'conditional'],
    ['{a: 1}', 'object literal'],
    ['"abc"', 'only finite numbers'],
    ['foo(t)', 'unknown function "foo"'],
    ['q * t', 'unknown symbol "q"'],
    ['(1 + t', 'cannot parse'],
    ['t < r', 'operator "<"'],
    ['1:3', 'range'],
    ['sin(t, r)', 'takes 1 argument'],
    ['t!', 'operator "!"'],
    ['t; r', 'block'],
  ])('rejects %s with a positioned message', (text, fragment) => {
    const error = rejection(text);
    expect(error.message).toContain(fragment);
    expect(error.file).toBe('spec.yaml');
    expect(error.line).toBe(3);
    expect(error.column).toBeGreaterThanOrEqual(10);
    expect(error.format()).toMatch(/^spec\.yaml:3:\d+: /);
  });

  it('points the column at the offending token', () => {
    expect(rejection('t + foo(r)').column).toBe(10 + 4);
    expect(rejection('1 + q').column).toBe(10 + 4);
  });

  it('does not run anything while parsing or checking', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).length;
    rejection('constructor.constructor("return process")().exit(7)');
    rejection('__proto__.polluted = 1');
    expect(Object.getOwnPropertyNames(Object.prototype).length).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
