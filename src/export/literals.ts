// User strings (a spec's name, description, ...) leave odeforge only as escaped literals: whatever they
// contain, they can never become code in the Python, LaTeX or terminal text that odeforge writes.

/**
 * A Python string constant for any text, in single quotes and printable ASCII only: backslash, quote and
 * every other character outside printable ASCII are escaped (\\n, \\xNN, \\uNNNN, \\UNNNNNNNN), so the
 * constant is one line that Python reads back as the same text and that no text can end early.
 */
export function pythonString(text: string): string {
  let out = "'";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\' || ch === "'") out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (code >= 0x20 && code < 0x7f) out += ch;
    else if (code <= 0xff) out += `\\x${hex(code, 2)}`;
    else if (code <= 0xffff) out += `\\u${hex(code, 4)}`;
    else out += `\\U${hex(code, 8)}`;
  }
  return `${out}'`;
}

/**
 * A LaTeX comment holding any text: one `%` line per line of the text, TeX's special characters and
 * everything outside printable ASCII replaced, so no line of the text can leave the comment.
 */
export function latexComment(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => `% ${latexCommentText(line)}`.trimEnd())
    .join('\n');
}

const texSpecials: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  $: '\\$',
  '&': '\\&',
  '#': '\\#',
  '%': '\\%',
  '^': '\\textasciicircum{}',
  _: '\\_',
  '~': '\\textasciitilde{}',
};

function latexCommentText(line: string): string {
  let out = '';
  for (const ch of line) {
    const code = ch.codePointAt(0)!;
    if (texSpecials[ch] !== undefined) out += texSpecials[ch];
    else if (code >= 0x20 && code < 0x7f) out += ch;
    else out += `U+${hex(code, 4)}`;
  }
  return out;
}

/**
 * Text for a terminal: control characters (C0 but newline and tab, DEL, C1) and the invisible
 * bidirectional controls are shown as \u{…} escapes, so a user string cannot move the cursor, recolour,
 * retitle or reorder what the terminal shows.
 */
export function terminalText(text: string): string {
  return text.replace(TERMINAL_CONTROLS, (ch) => `\\u{${ch.codePointAt(0)!.toString(16)}}`);
}

/** JSON text with the same characters as \uXXXX escapes (they can only occur inside JSON strings). */
export function terminalJson(json: string): string {
  return json.replace(TERMINAL_CONTROLS, (ch) => `\\u${hex(ch.codePointAt(0)!, 4)}`);
}

// eslint-disable-next-line no-control-regex
const TERMINAL_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, '0');
}
