// Hostile names and descriptions (hostile-strings.ts) through python3 and the built CLI: Python reads the
// literals back as the same text, importing an exported module runs nothing, and derive, verify and export
// print no raw control characters and never overwrite their input. Python tests are skipped, saying so in
// their names, where python3 or numpy is missing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { designFromText } from '../../src/design/index.js';
import { exportDesign } from '../../src/export/index.js';
import { pythonString } from '../../src/export/literals.js';
import { haveNumpy, havePython, needsNumpy, needsPython } from '../python.js';
import { hostile, rawControl, rawControlOrBidi, specFor } from './hostile-strings.js';

const cli = new URL('../../bundle/odeforge.js', import.meta.url).pathname;

function runPython(code: string, cwd: string): { status: number | null; stdout: string; stderr: string } {
  return spawnSync('python3', ['-c', code], { cwd, encoding: 'utf8' });
}

describe('python literals', () => {
  it.skipIf(!havePython)(`Python reads every literal back as the same text (code points)${needsPython}`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'odeforge-literal-'));
    const code = `import json\nvalues = [${hostile.map(pythonString).join(', ')}]\nprint(json.dumps([[ord(c) for c in v] for v in values]))`;
    const run = runPython(code, dir);
    expect(run.stderr).toBe('');
    const expected = hostile.map((text) => Array.from(text, (ch) => ch.codePointAt(0)!));
    expect(JSON.parse(run.stdout)).toEqual(expected);
  });
});

describe.skipIf(!haveNumpy)(`exported Python module with a hostile name and description${needsNumpy}`, () => {
  it.each(hostile.map((text, i) => [i, text] as const))(
    'case %i: importing it runs nothing and keeps the strings',
    (_, text) => {
      const design = designFromText(specFor(text, text));
      const dir = mkdtempSync(join(tmpdir(), 'odeforge-hostile-'));
      const module = exportDesign(design, 'python');
      writeFileSync(join(dir, 'design.py'), module);
      const run = runPython(
        'import json, design\nprint(json.dumps([[ord(c) for c in design.NAME], [ord(c) for c in design.DESCRIPTION]]))',
        dir,
      );
      expect(run.stderr).toBe('');
      expect(existsSync(join(dir, 'PWNED'))).toBe(false);
      const [name, description] = JSON.parse(run.stdout) as number[][];
      expect(name).toEqual(Array.from(design.name, (ch) => ch.codePointAt(0)!));
      expect(description).toEqual(Array.from(text, (ch) => ch.codePointAt(0)!));
      // the user's text appears only inside the two constants
      const userLines = module.split('\n').filter((line) => /PWNED|write18|owned/.test(line));
      for (const line of userLines) expect(line).toMatch(/^(NAME|DESCRIPTION) = '[\x20-\x7e]*'$/);
    },
  );
});

describe('CLI: derive and export never let a spec write raw control characters or replace itself', () => {
  const dir = mkdtempSync(join(tmpdir(), 'odeforge-hostile-cli-'));
  const spec = join(dir, 'hostile.json');
  writeFileSync(spec, specFor(hostile[6]!, hostile[7]!));
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

  it.each(['text', 'json', 'latex'])('derive --format %s', (format) => {
    const result = run('derive', spec, '--format', format);
    expect(result.status).toBe(0);
    expect(result.stdout).not.toMatch(rawControlOrBidi);
  });

  it.each(['text', 'json'])('verify --format %s', (format) => {
    const result = run('verify', spec, '--format', format, '--runs', '4');
    expect([0, 1]).toContain(result.status);
    expect(result.stdout).toContain('normalization');
    expect(result.stdout).not.toMatch(rawControlOrBidi);
  });

  it('an error naming a hostile path: one line, control characters escaped', () => {
    const result = run('derive', join(dir, 'no\u001b]0;owned\u0007such.yaml'));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('\\u{1b}]0;owned\\u{7}such.yaml');
    expect(result.stderr).not.toMatch(rawControl);
  });

  it('a usage error quoting a hostile option: control characters escaped', () => {
    const result = run('derive', spec, '--\u001b[31mred');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('\\u{1b}[31mred');
    expect(result.stderr).not.toMatch(rawControl);
  });

  it('export --to json', () => {
    const result = run('export', spec, '--to', 'json');
    expect(result.status).toBe(0);
    expect(result.stdout).not.toMatch(rawControlOrBidi);
    expect(JSON.parse(result.stdout).name).toBe(hostile[6]);
  });

  it('export -o onto its own input spec: exit 2 and the spec unchanged', () => {
    const before = readFileSync(spec, 'utf8');
    const result = run('export', spec, '--to', 'python', '-o', spec);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/is the input spec/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(readFileSync(spec, 'utf8')).toBe(before);
  });
});
