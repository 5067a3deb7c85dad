// Shared test helpers: example paths, closed-form constants, finite differences.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { OdeforgeError } from '../src/errors.js';

export const examplesDir = new URL('../examples/', import.meta.url).pathname;
export const exampleFiles = readdirSync(examplesDir)
  .filter((f) => /\.(ya?ml|json)$/.test(f))
  .sort();
export const example = (name: string): string => `${examplesDir}${name}`;

/** Central difference of f at x with a step relative to |x|. */
export function centralDifference(f: (x: number) => number, x: number, relStep = 1e-5): number {
  const h = relStep * Math.max(Math.abs(x), 1e-3);
  return (f(x + h) - f(x - h)) / (2 * h);
}

export function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
}

/** An example's text with its `dimension:` line set to d. */
export function specWithDimension(file: string, d: number): string {
  return readFileSync(example(file), 'utf8').replace(/^dimension: \d+$/m, `dimension: ${d}`);
}

/** The OdeforgeError `f` throws (the test fails if it throws nothing, or something else). */
export function thrown(f: () => unknown): OdeforgeError {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(OdeforgeError);
    return error as OdeforgeError;
  }
  throw new Error('expected an OdeforgeError');
}

/** That `run` throws an OdeforgeError whose message matches, naming `file` when given. */
export function expectBadInput(run: () => unknown, message: RegExp, file?: string): void {
  const error = thrown(run);
  expect(error.message).toMatch(message);
  if (file !== undefined) expect(error.file).toBe(file);
}

/** SHA-256 (hex) of bytes or UTF-8 text, for checking the digests odeforge records. */
export const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');
