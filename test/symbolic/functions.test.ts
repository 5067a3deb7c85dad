// The function catalogue (src/symbolic/functions.ts) is the one source every part of the symbolic layer
// reads, so each of its facts is checked numerically here: a wrong row would otherwise be wrong everywhere.
import { describe, expect, it } from 'vitest';
import { undefinedHelpers } from '../../src/export/python.js';
import { compile } from '../../src/symbolic/compile.js';
import { differentiate } from '../../src/symbolic/derivative.js';
import {
  NEGATIVE,
  POSITIVE,
  UNDEFINED,
  ZERO,
  functions,
  pythonHelperNames,
  type SignSet,
} from '../../src/symbolic/functions.js';
import { toLatex } from '../../src/symbolic/latex.js';
import { signOf } from '../../src/symbolic/logspace.js';
import { call, isConstant, symbol } from '../../src/symbolic/math.js';
import { toPython } from '../../src/symbolic/python.js';
import { signs } from '../../src/symbolic/sign.js';
import { allowedFunctions } from '../../src/symbolic/whitelist.js';

const entries = Object.entries(functions);
const unary = entries.filter(([, entry]) => entry.arity.includes(1));
// the tables state the functions' mathematics: arguments far enough out to underflow (exp(−1000) = 0) are left out
const negatives = [-20, -3, -1.5, -1, -0.7, -0.5, -1e-3];
const positives = [1e-3, 0.5, 0.7, 1, 1.5, 3, 20];
/** A point (t, r) inside every function's domain. */
const inside = (name: string): number[] => (name === 'acosh' ? [1.4, 0.9] : [0.4, 0.9]);

/** f(u) compiled from the catalogue's JS form. */
function evaluate(name: string): (u: number) => number {
  return compile(call(name, symbol('u')), ['u'], {}) as (u: number) => number;
}

/** Whether the table's entry admits the observed value: its sign, or UNDEFINED for NaN and infinities. */
function admits(allowed: SignSet, value: number): boolean {
  if (Number.isNaN(value)) return (allowed & UNDEFINED) !== 0;
  const sign = value < 0 ? NEGATIVE : value > 0 ? POSITIVE : ZERO;
  return (allowed & sign) !== 0 || (!Number.isFinite(value) && (allowed & UNDEFINED) !== 0);
}

describe('function catalogue', () => {
  it('the whitelist is exactly its spec functions, with their arities', () => {
    const spec = entries.filter(([, entry]) => !entry.internal).map(([name, entry]) => [name, entry.arity]);
    expect(Object.entries(allowedFunctions)).toEqual(spec);
    for (const internal of ['logsech', 'log1mexp', 'logaddexp', 'sign'])
      expect(allowedFunctions).not.toHaveProperty(internal);
  });

  it.each(unary.filter(([, entry]) => entry.signs))('%s: its sign table covers every value it takes', (name, entry) => {
    const f = evaluate(name);
    const [onNegative, onZero, onPositive] = entry.signs!;
    for (const u of negatives) expect(admits(onNegative, f(u)), `${name}(${u}) = ${f(u)}`).toBe(true);
    expect(admits(onZero, f(0)), `${name}(0) = ${f(0)}`).toBe(true);
    for (const u of positives) expect(admits(onPositive, f(u)), `${name}(${u}) = ${f(u)}`).toBe(true);
  });

  it.each(unary.filter(([, entry]) => entry.monotone))('%s is %s where it is finite', (name, entry) => {
    const f = evaluate(name);
    const values = [...negatives, 0, ...positives].map(f).filter(Number.isFinite);
    const direction = entry.monotone === 'increasing' ? 1 : -1;
    for (let i = 1; i < values.length; i++) expect(direction * (values[i]! - values[i - 1]!)).toBeGreaterThanOrEqual(0);
  });

  // The log-space rewrites and the sign analysis once kept two lists of positive functions; they disagreed on
  // gamma, which signOf took for positive although Γ(−1/2) < 0 (its log-space k then had the wrong sign).
  it.each(unary)('%s: signOf and the sign analysis agree with its values', (name) => {
    const f = evaluate(name);
    const anyArgument = call(name, symbol('a'));
    const values = [...negatives, 0, ...positives].map(f);
    const claimed = signOf(anyArgument);
    if (isConstant(claimed) && claimed.value === 1) expect(values.some((v) => v < 0)).toBe(false);
    if (!(signs(anyArgument, {}) & NEGATIVE)) expect(values.some((v) => v < 0)).toBe(false);
  });

  it('gamma has the sign of its argument’s Γ: positive for a positive argument only', () => {
    expect(signs(call('gamma', symbol('t')), {})).toBe(POSITIVE);
    expect(isConstant(signOf(call('gamma', symbol('a'))))).toBe(false);
  });

  it.each(entries.filter(([, entry]) => entry.derivative))(
    '%s: its derivative rule matches a central difference',
    (name, entry) => {
      const variables = entry.arity.includes(1) ? ['t'] : ['t', 'r'];
      const node = call(name, ...variables.map((v) => symbol(v)));
      const f = compile(node, variables, {});
      const at = inside(name);
      for (const [i, v] of variables.entries()) {
        const derivative = compile(differentiate(node, v), variables, {})(...at);
        const h = 1e-6;
        const shifted = (delta: number) => f(...at.map((x, j) => (j === i ? x + delta : x)));
        expect(derivative).toBeCloseTo((shifted(h) - shifted(-h)) / (2 * h), 5);
      }
    },
  );

  it('a function without a derivative rule refuses a varying argument, and accepts a constant one', () => {
    expect(() => differentiate(call('gamma', symbol('t')), 't')).toThrow(/cannot differentiate gamma/);
    expect(differentiate(call('gamma', symbol('r')), 't').toString()).toBe('0');
  });

  it.each(entries)('%s compiles, and prints as LaTeX and Python', (name, entry) => {
    const args = ['t', 'r'].slice(0, entry.arity[0]).map((v) => symbol(v));
    const node = call(name, ...args);
    expect(Number.isNaN(compile(node, ['t', 'r'], {})(...inside(name)))).toBe(false);
    if (entry.latex) expect(toLatex(node)).toContain(`${entry.latex}\\left(`);
    const python = toPython(node);
    const form = entry.python;
    const expected = 'xp' in form ? `xp.${form.xp}(` : 'helper' in form ? `_${form.helper}(` : ` ${form.infix} `;
    expect(python).toContain(expected);
  });

  it.each(['numpy', 'torch'] as const)('the exported %s module defines every Python helper', (backend) => {
    expect(pythonHelperNames()).toContain('softplus');
    expect(undefinedHelpers(backend)).toEqual([]);
  });
});
