// The export targets in process: LaTeX, the refusals, JSON for an open dimension. What python3 runs of the
// exported modules is in python.e2e.test.ts.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { designFromText, loadDesign } from '../../src/design/index.js';
import { exportDesign, exportSpecFile } from '../../src/export/index.js';
import { example } from '../helpers.js';

describe('export targets', () => {
  it('latex is an align* fragment with conventional symbols', () => {
    const text = exportDesign(loadDesign(example('tanh.yaml')), 'latex');
    expect(text).toContain('\\begin{align*}');
    expect(text).toContain('k_t(r) &= \\frac{1}{{t}}');
  });
  it('refuses an unknown target with a clear message', () => {
    expect(() => exportDesign(loadDesign(example('tanh.yaml')), 'fortran')).toThrow(
      /--to must be one of latex, python, torch, json/,
    );
  });
  it('refuses a parameter named like a Python keyword or a name of the module', () => {
    const spec = (name: string) =>
      `{family: radial, dimension: 2, parameters: {${name}: 2}, cumulative: tanh(r/(${name}*t)), time: {T: 4, epsilon: 0.01}}`;
    expect(() => exportDesign(designFromText(spec('lambda')), 'python')).toThrow(
      /parameter name "lambda" is a Python keyword/,
    );
    expect(() => exportDesign(designFromText(spec('xp')), 'torch')).toThrow(/parameter name "xp"/);
    expect(exportDesign(designFromText(spec('scale')), 'python')).toContain('scale = 2.0');
  });
  it('a spec file: the refusal points at its parameters, and an unknown target is refused before reading it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'odeforge-keyword-'));
    const file = join(dir, 'keyword.yaml');
    writeFileSync(
      file,
      'family: radial\ndimension: 2\nparameters: { lambda: 2 }\ncumulative: tanh(r/(lambda*t))\ntime: { T: 4, epsilon: 0.01 }\n',
    );
    let error: unknown;
    try {
      exportSpecFile(file, 'python');
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ file, line: 3, column: 13 });
    expect(() => exportSpecFile(join(dir, 'missing.yaml'), 'fortran')).toThrow(/--to must be one of/);
  });
  it('open dimension: JSON says dimension null; refuses a derivation holding a number computed for one d', () => {
    const dir = mkdtempSync(join(tmpdir(), 'odeforge-open-'));
    const open = (file: string) => {
      const spec = join(dir, file);
      writeFileSync(spec, readFileSync(example(file), 'utf8').replace(/^dimension: \d+\n/m, ''));
      return spec;
    };
    expect((JSON.parse(exportSpecFile(open('tanh.yaml'), 'json')) as { dimension: unknown }).dimension).toBeNull();
    // the custom prior's log Z is a number that depends on d
    expect(() => exportSpecFile(open('custom-prior.yaml'), 'json')).toThrow(/cannot be exported for an open dimension/);
  });
});
