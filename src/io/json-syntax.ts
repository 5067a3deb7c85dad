// Where JSON text stops being JSON. V8's JSON.parse names a position for most errors but not all (an
// unexpected token comes with a multi-line excerpt of the text instead), so the position comes from this
// scanner, and only the first phrase of V8's message is kept: one line, one place.

class SyntaxAt {
  constructor(readonly offset: number) {}
}

type Expect = 'value' | 'valueOrClose' | 'key' | 'keyOrClose' | 'colon' | 'commaOrClose' | 'done';

const LITERAL = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

/** Offset of the first character that breaks the JSON grammar (the end of the text when it stops early); −1 if none. */
export function jsonErrorOffset(text: string): number {
  try {
    scan(text);
    return -1;
  } catch (error) {
    if (error instanceof SyntaxAt) return Math.min(error.offset, Math.max(text.trimEnd().length, 0));
    throw error;
  }
}

/**
 * V8's message without its position and excerpt ("Expected ',' or '}' after property value"); an unexpected
 * token is named from `offset` (V8 names the character after a partial literal: 'a' in `tanh`).
 */
export function jsonErrorMessage(error: unknown, text: string, offset: number): string {
  const message = (error instanceof Error ? error.message : String(error))
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/, .* is not valid JSON$/s, '')
    .replace(/\s+/g, ' ');
  if (!message.startsWith('Unexpected token')) return message;
  return offset >= 0 && offset < text.length ? `Unexpected token '${text[offset]}'` : 'Unexpected end of JSON input';
}

/** 1-based line and column of `offset` in `text`. */
export function lineColumnOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

function scan(text: string): void {
  const open: string[] = [];
  let expect: Expect = 'value';
  let i = 0;
  const afterValue = (): Expect => (open.length > 0 ? 'commaOrClose' : 'done');
  for (;;) {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
    if (i >= text.length) {
      if (expect === 'done') return;
      throw new SyntaxAt(i);
    }
    const c = text[i]!;
    const closes = (c === '}' && open.at(-1) === '{') || (c === ']' && open.at(-1) === '[');
    if (
      closes &&
      (expect === 'commaOrClose' || (expect === 'keyOrClose' && c === '}') || (expect === 'valueOrClose' && c === ']'))
    ) {
      open.pop();
      i++;
      expect = afterValue();
    } else if (expect === 'commaOrClose' && c === ',') {
      i++;
      expect = open.at(-1) === '{' ? 'key' : 'value';
    } else if (expect === 'colon' && c === ':') {
      i++;
      expect = 'value';
    } else if ((expect === 'key' || expect === 'keyOrClose') && c === '"') {
      i = stringEnd(text, i);
      expect = 'colon';
    } else if ((expect === 'value' || expect === 'valueOrClose') && (c === '{' || c === '[')) {
      open.push(c);
      i++;
      expect = c === '{' ? 'keyOrClose' : 'valueOrClose';
    } else if (expect === 'value' || expect === 'valueOrClose') {
      i = c === '"' ? stringEnd(text, i) : literalEnd(text, i);
      expect = afterValue();
    } else {
      throw new SyntaxAt(i);
    }
  }
}

/** The offset after the string starting at `start` (its opening quote). */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') return i + 1;
    if (c < ' ') throw new SyntaxAt(i);
    if (c === '\\') {
      const escape = text[i + 1];
      if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 5;
      else if (escape !== undefined && '"\\/bfnrt'.includes(escape)) i++;
      else throw new SyntaxAt(i + 1);
    }
  }
  throw new SyntaxAt(text.length);
}

/** The offset after the number, true, false or null at `start`. */
function literalEnd(text: string, start: number): number {
  LITERAL.lastIndex = start;
  if (!LITERAL.test(text)) throw new SyntaxAt(start);
  return LITERAL.lastIndex;
}
