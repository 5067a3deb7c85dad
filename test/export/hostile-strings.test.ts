// A spec's name and description are user strings: whatever they hold, the exported Python module, the LaTeX
// fragment and the terminal text carry them only as escaped literals, never as code. In process here; python3
// reading the literals back and the CLI's output are in hostile-strings.e2e.test.ts.
import { describe, expect, it } from 'vitest';
import { designFromText } from '../../src/design/index.js';
import { exportDesign } from '../../src/export/index.js';
import { latexComment, pythonString, terminalJson, terminalText } from '../../src/export/literals.js';
import { anyControlOrOverride, hostile, specFor } from './hostile-strings.js';

describe('python literals', () => {
  it.each(hostile)('pythonString(%j) is one line of printable ASCII', (text) => {
    const literal = pythonString(text);
    expect(literal).toMatch(/^'[\x20-\x7e]*'$/);
  });
});

describe('LaTeX fragment with a hostile name', () => {
  it.each(hostile)('every line before \\begin{align*} is a comment: %j', (text) => {
    const fragment = exportDesign(designFromText(specFor(text, '')), 'latex');
    const head = fragment
      .slice(0, fragment.indexOf('\\begin{align*}'))
      .split('\n')
      .filter((line) => line !== '');
    expect(head.length).toBeGreaterThan(0);
    for (const line of head) {
      expect(line.startsWith('%')).toBe(true);
      expect(line).toMatch(/^[\x20-\x7e]*$/);
      // no unescaped backslash: each is part of an escape such as \textbackslash{}, \{, \%
      expect(line.replace(/\\(textbackslash\{\}|textasciicircum\{\}|textasciitilde\{\}|[{}$&#%_])/g, '')).not.toContain(
        '\\',
      );
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
    expect(json).not.toMatch(anyControlOrOverride);
    expect(JSON.parse(json)).toEqual({ name: '\u001b[31m\u009b\u202e' });
  });
});
