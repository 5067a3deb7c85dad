// Hostile user strings for a spec's name and description (hostile-strings.test.ts and .e2e.test.ts).

/** Strings that try to leave a docstring, a string literal, a comment or the terminal's text mode. */
export const hostile = [
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

export function specFor(name: string, description: string): string {
  return JSON.stringify({
    name: name || 'x',
    description,
    family: 'radial',
    dimension: 2,
    cumulative: 'tanh(r/t)',
    time: { T: 40, epsilon: 0.001 },
  });
}

// Patterns that match control characters on purpose: what odeforge prints must contain none of them.
/* eslint-disable no-control-regex */
/** A raw C0 or C1 control character other than tab and newline. */
export const rawControl = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
/** A raw control character, or a bidirectional embedding, override or isolate. */
export const rawControlOrBidi = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/** Any C0 or C1 control character, tab and newline included, or U+202E (right-to-left override). */
export const anyControlOrOverride = /[\u0000-\u001f\u007f-\u009f\u202e]/;
/* eslint-enable no-control-regex */
