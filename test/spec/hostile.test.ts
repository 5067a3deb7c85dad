// Hostile specs, in-process: alias bombs, expressions too large for the parser and the symbolic passes,
// definitions that explode when inlined, and ψ that is not a radial CDF, each refused with one OdeforgeError
// positioned at the offending key or value; while the finer defects stay for `odeforge verify` to find.
import { describe, expect, it } from 'vitest';
import { designFromText, loadDesign } from '../../src/design/index.js';
import { limits } from '../../src/limits.js';
import { parseSpec, readSpecText } from '../../src/spec/index.js';
import { thrown } from '../helpers.js';

const hostile = (file: string) => new URL(`../fixtures/hostile/${file}`, import.meta.url).pathname;
const verifyBad = (file: string) => new URL(`../fixtures/verify-bad/${file}`, import.meta.url).pathname;

const radial = (cumulative: string, time = '{ T: 40, epsilon: 0.001 }') =>
  `family: radial\ndimension: 2\ncumulative: ${cumulative}\ntime: ${time}\n`;

describe('YAML', () => {
  it('an alias bomb is refused at its first alias', () => {
    const error = thrown(() => loadDesign(hostile('alias-bomb.yaml')));
    expect(error.message).toBe(`YAML aliases expand to more than the limit of ${limits.yamlAliases} nodes`);
    expect([error.line, error.column]).toEqual([2, 8]);
  });

  it('a few aliases are fine', () => {
    expect(
      parseSpec(
        'family: radial\ndimension: 2\nparameters: {a: &one 1, b: *one}\ncumulative: tanh(r/t)\ntime: {T: 1, epsilon: 0.01}\n',
      ).parameters,
    ).toEqual({ a: 1, b: 1 });
  });
});

/** tanh of x + atan(x) nested n times (x = r/t): 6k nodes at n = 10, small enough to parse, but ∂r has 47k. */
function nestedAtan(n: number): string {
  let inner = 'r/t';
  for (let i = 0; i < n; i++) inner = `atan(${inner}) + ${inner}`;
  return `tanh(${inner})`;
}

describe('derived trees past the limit: refused at the expression before the symbolic passes run away', () => {
  it('ψ whose ∂r would have 47k nodes: exit-2 error at `cumulative`', () => {
    const error = thrown(() => designFromText(radial(nestedAtan(10)), { file: 's.yaml' }));
    expect(error.message).toMatch(
      new RegExp(`^cumulative: its derivative in r grows past ${limits.derivedNodes} nodes`),
    );
    expect([error.file, error.line, error.column]).toEqual(['s.yaml', 3, 13]);
  });

  it('a path whose σ would: positioned at `sigma`', () => {
    const spec = `family: path\ndimension: 2\nalpha: 1\nsigma: ${nestedAtan(10).replace(/r\/t/g, 't')}\ntime: { T: 1, epsilon: 0.001 }\n`;
    const error = thrown(() => designFromText(spec, { file: 'p.yaml' }));
    expect(error.message).toMatch(/^sigma: its derivative in t grows past/);
    expect([error.line, error.column]).toEqual([4, 8]);
  });

  it('six levels (2k-node derivative) still derive', () => {
    expect(designFromText(radial(nestedAtan(6)), { file: 's.yaml' }).derivation.k).toBeDefined();
  });
});

describe('expression size: refused at the expression, naming the limit', () => {
  it('a 2000-term sum (2000 deep): walked without recursion, refused by depth', () => {
    const error = thrown(() =>
      parseSpec(radial(`tanh(r/t) + ${Array.from({ length: 2000 }, () => '0*r').join(' + ')}`), 's.yaml'),
    );
    expect(error.message).toBe(`expression too large: nested deeper than the limit of ${limits.expressionDepth}`);
    expect([error.file, error.line, error.column]).toEqual(['s.yaml', 3, 13]);
  });

  it('brackets nested deeper than the parser could follow, and text longer than the limit', () => {
    expect(thrown(() => parseSpec(radial(`${'('.repeat(100_000)}r${')'.repeat(100_000)}`))).message).toMatch(
      'expression too large',
    );
    expect(thrown(() => parseSpec(radial(`tanh(r/t)${' + 0'.repeat(limits.expressionChars)}`))).message).toMatch(
      `characters, above the limit of ${limits.expressionChars}`,
    );
    expect(thrown(() => parseSpec(radial(`${'-'.repeat(10_000)}r`))).message).toMatch('expression too large');
  });

  it('a 200-term sum is fine', () => {
    expect(() =>
      parseSpec(radial(`tanh(r/t) + ${Array.from({ length: 200 }, (_, i) => `0*r^${i}`).join(' + ')}`)),
    ).not.toThrow();
  });

  it('definitions that double 40 times: refused by their inlined size, before inlining', () => {
    const defs = ['  a0: r/t', ...Array.from({ length: 40 }, (_, i) => `  a${i + 1}: a${i} + a${i}`)];
    const started = performance.now();
    const error = thrown(() =>
      parseSpec(
        `family: radial\ndimension: 2\ndefinitions:\n${defs.join('\n')}\ncumulative: tanh(a40)\ntime: {T: 1, epsilon: 0.01}\n`,
      ),
    );
    expect(performance.now() - started).toBeLessThan(2000);
    expect(error.message).toMatch(
      /^definition "a13" grows to 32767 nodes once its definitions are inlined, above the limit of 20000/,
    );
    expect([error.line, error.column]).toEqual([17, 3]);
  });

  it('a field expression that inlines a large definition many times', () => {
    const text =
      `family: radial\ndimension: 2\ndefinitions:\n  big: ${Array.from({ length: 100 }, (_, i) => `r^${i}`).join(' + ')}\n` +
      `cumulative: tanh(r/t + 0 * (${Array.from({ length: 100 }, () => 'big').join(' + ')}))\ntime: {T: 1, epsilon: 0.01}\n`;
    const error = thrown(() => parseSpec(text));
    expect(error.message).toMatch(/^"cumulative" grows to \d+ nodes once its definitions are inlined/);
    expect(error.line).toBe(5);
  });

  it('dimension above the limit', () => {
    expect(
      thrown(() =>
        parseSpec(
          `family: radial\ndimension: ${limits.dimension + 1}\ncumulative: tanh(r/t)\ntime: {T: 1, epsilon: 0.01}\n`,
        ),
      ).line,
    ).toBe(2);
  });
});

describe('a ψ that is not a radial CDF is refused at load, positioned at the cumulative value', () => {
  it.each([
    ['1 - tanh(r/t)', 'it decreases in r'],
    ['0', 'it does not tend to 1 as r → ∞'],
    ['tanh(r/t) + 1/0', 'it is not finite'],
    ['2^2000*0 + tanh(r/t)', 'it is not finite'],
    ['r', 'it leaves [0, 1]'],
    ['2*tanh(r/t)', 'it leaves [0, 1]'],
    ['tanh(r/t) + 0.5', 'it leaves [0, 1]'],
    ['0.5 * tanh(r/t)', 'it does not tend to 1 as r → ∞'],
    ['tanh(r/t + 1)', 'it does not tend to 0 as r → 0'],
  ])('%s: %s', (cumulative, reason) => {
    const error = thrown(() => designFromText(radial(cumulative), { file: 'psi.yaml' }));
    expect(error.message.startsWith(`ψ is not a radial CDF: ${reason}`)).toBe(true);
    expect([error.file, error.line, error.column]).toEqual(['psi.yaml', 3, 13]);
  });

  it('time.T = 1e308: ψ_T never reaches 1 in floating point', () => {
    expect(thrown(() => designFromText(radial('tanh(r/t)', '{ T: 1e308, epsilon: 0.001 }'))).message).toMatch(
      'it does not reach 1 at any representable r',
    );
  });

  it.each([
    'tanh(r/t)',
    '1 - exp(-r/t)',
    '2/pi*atan(r/t)',
    'min(r/t, 1)',
    'r/(r + t)',
    '1 - (1 + r/t)^(-2)',
    'erf(r/t)',
  ])('accepts the CDF %s', (cumulative) => {
    expect(() => designFromText(radial(cumulative))).not.toThrow();
  });

  it.each(['cdf-bounds.yaml', 'monotone.yaml', 'normalization.yaml'])(
    'leaves %s (a defect only verify can see) to verify',
    (file) => {
      expect(() => loadDesign(verifyBad(file))).not.toThrow();
    },
  );
});

describe('spec files are read with their size known first', () => {
  it.each(['/dev/zero', '/dev/urandom'])('%s', (device) => {
    expect(thrown(() => readSpecText(device)).format()).toBe(
      `${device}: cannot read spec file: not a regular file (a device, pipe or socket) (give the path of a spec file)`,
    );
  });

  it('a missing file keeps its message', () => {
    expect(thrown(() => readSpecText('/nonexistent/spec.yaml')).message).toBe('spec file not found');
  });
});
