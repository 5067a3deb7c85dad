// A spec's name and description are user strings: whatever they hold, the exported Python module, the LaTeX
// fragment and the terminal text carry them only as escaped literals, never as code.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { designFromText } from '../../src/design/index.js';
import { exportDesign } from '../../src/export/index.js';
import { latexComment, pythonString, terminalJson, terminalText } from '../../src/export/literals.js';

const haveNumpy = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0;
const cli = new URL('../../bundle/odeforge.js', import.meta.url).pathname;

/** Strings that try to leave a docstring, a string literal, a comment or the terminal's text mode. */
const hostile = [
  'd"""\nimport os; os.system(\'touch PWNED\')\n"""',
  "x'''\nopen('PWNED', 'w')\n'''",
  "a'; open('PWNED','w'); b='",
  'back\\slash\\\nopen("PWNED", "w")  # \\',
  'name\n\\immediate\\write18{touch PWNED}\n\\input{/etc/passwd}',
  'cr\rlf\r\n%\\end{align*}\\write18{x}',
  '\u001b]0;owned\u0007\u001b[31mred\u001b[0m \u009b2J',
  'bidi \u202e}\u2066 ;os.system("x") \u2069 nul \u0000 del \u007f',
  'unicode π ∂ 😀 \ud83d',
  '',
];

function specFor(name: string, description: string): string {
  return JSON.stringify({
    name: name || 'x', description, family: 'radial', dimension: 2, cumulative: 'tanh(r/t)', time: { T: 40, epsilon: 0.001 },
  });
}

function runPython(code: string, cwd: string): { status: number | null; stdout: string; stderr: string } {
  return spawnSync('python3', ['-c', code], { cwd, encoding: 'utf8' });
}

describe('python literals', () => {
  it.each(hostile)('pythonString(%j) is one line of printable ASCII', (text) => {
    const literal = pythonString(text);
    expect(literal).toMatch(/^'[\x20-\x7e]*'$/);
  });

  it.skipIf(!haveNumpy)('Python reads every literal back as the same text (code points)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'odeforge-literal-'));
    const code = `import json\nvalues = [${hostile.map(pythonString).join(', ')}]\nprint(json.dumps([[ord(c) for c in v] for v in values]))`;
    const run = runPython(code, dir);
    expect(run.stderr).toBe('');
    const expected = hostile.map((text) => Array.from(text, (ch) => ch.codePointAt(0)!));
    expect(JSON.parse(run.stdout)).toEqual(expected);
  });
});

describe.skipIf(!haveNumpy)('exported Python module with a hostile name and description', () => {
  it.each(hostile.map((text, i) => [i, text] as const))('case %i: importing it runs nothing and keeps the strings', (_, text) => {
    const design = designFromText(specFor(text, text));
    const dir = mkdtempSync(join(tmpdir(), 'odeforge-hostile-'));
    const module = exportDesign(design, 'python');
    writeFileSync(join(dir, 'design.py'), module);
    const run = runPython('import json, design\nprint(json.dumps([[ord(c) for c in design.NAME], [ord(c) for c in design.DESCRIPTION]]))', dir);
    expect(run.stderr).toBe('');
    expect(existsSync(join(dir, 'PWNED'))).toBe(false);
    const [name, description] = JSON.parse(run.stdout) as number[][];
    expect(name).toEqual(Array.from(design.name, (ch) => ch.codePointAt(0)!));
    expect(description).toEqual(Array.from(text, (ch) => ch.codePointAt(0)!));
    // the user's text appears only inside the two constants
    const userLines = module.split('\n').filter((line) => /PWNED|write18|owned/.test(line));
    for (const line of userLines) expect(line).toMatch(/^(NAME|DESCRIPTION) = '[\x20-\x7e]*'$/);
  });
});

describe('LaTeX fragment with a hostile name', () => {
  it.each(hostile)('every line before \\begin{align*} is a comment: %j', (text) => {
    const fragment = exportDesign(designFromText(specFor(text, '')), 'latex');
    const head = fragment.slice(0, fragment.indexOf('\\begin{align*}')).split('\n').filter((line) => line !== '');
    expect(head.length).toBeGreaterThan(0);
    for (const line of head) {
      expect(line.startsWith('%')).toBe(true);
      expect(line).toMatch(/^[\x20-\x7e]*$/);
      // no unescaped backslash: each is part of an escape such as \textbackslash{}, \{, \%
      expect(line.replace(/\\(textbackslash\{\}|textasciicircum\{\}|textasciitilde\{\}|[{}$&#%_])/g, '')).not.toContain('\\');
    }
  });

  it('latexComment keeps one % line per line of text', () => {
    expect(latexComment('a\nb\r\nc\rd')).toBe('% a\n% b\n% c\n% d');
    expect(latexComment('50% \\write18{x}')).toBe('% 50\\% \\textbackslash{}write18\\{x\\}');
  });
});

describe('terminal text', () => {
  it('shows control and bidirectional characters as escapes, keeps newlines, tabs and other text', () => {
    expect(terminalText('a\u001b[31mb\u009b\u202e\u2066c\td\né')).toBe('a\\u{1b}[31mb\\u{9b}\\u{202e}\\u{2066}c\td\né');
  });

  it('keeps JSON valid', () => {
    const json = terminalJson(JSON.stringify({ name: '\u001b[31m\u009b\u202e' }));
    expect(json).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
    expect(JSON.parse(json)).toEqual({ name: '\u001b[31m\u009b\u202e' });
  });
});

describe('CLI: derive and export never let a spec write raw control characters or replace itself', () => {
  const dir = mkdtempSync(join(tmpdir(), 'odeforge-hostile-cli-'));
  const spec = join(dir, 'hostile.json');
  writeFileSync(spec, specFor(hostile[6]!, hostile[7]!));
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

  it.each(['text', 'json', 'latex'])('derive --format %s', (format) => {
    const result = run('derive', spec, '--format', format);
    expect(result.status).toBe(0);
    expect(result.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });

  it.each(['text', 'json'])('verify --format %s', (format) => {
    const result = run('verify', spec, '--format', format, '--runs', '4');
    expect([0, 1]).toContain(result.status);
    expect(result.stdout).toContain('normalization');
    expect(result.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });

  it('an error naming a hostile path: one line, control characters escaped', () => {
    const result = run('derive', join(dir, 'no\u001b]0;owned\u0007such.yaml'));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('\\u{1b}]0;owned\\u{7}such.yaml');
    expect(result.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  it('export --to json', () => {
    const result = run('export', spec, '--to', 'json');
    expect(result.status).toBe(0);
    expect(result.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(JSON.parse(result.stdout).name).toBe(hostile[6]);
  });

  it('export -o onto its own input spec: exit 2 and the spec unchanged', () => {
    const before = readFileSync(spec, 'utf8');
    const result = run('export', spec, '--to', 'python', '-o', spec);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/is the input spec/);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(readFileSync(spec, 'utf8')).toBe(before);
  });
});
