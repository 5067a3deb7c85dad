// Reading spec text (YAML or JSON) into a YAML document that remembers where every key and value is.
// Every problem found here or later in spec/ is reported with file:line:col.
import { LineCounter, parseDocument, isMap, isPair, isScalar, visit, type Document, type Node as YamlNode } from 'yaml';
import { OdeforgeError, type SourcePosition } from '../errors.js';
import { readRegularFile } from '../io/read.js';
import { limits } from '../limits.js';
import { jsonErrorMessage, jsonErrorOffset, lineColumnOf } from '../io/json-syntax.js';

export interface SpecSource {
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
}

/** Read and parse a spec file. @throws OdeforgeError for unreadable, oversized or non-regular files and syntax errors. */
export function readSpecFile(file: string): SpecSource {
  return parseSpecText(readSpecText(file), file);
}

/**
 * The text of a spec file, refused before reading when it is not a regular file (/dev/zero, /dev/urandom, a
 * pipe) or larger than the limit.
 * @throws OdeforgeError naming the file
 */
export function readSpecText(file: string): string {
  return readRegularFile(file, {
    maxBytes: limits.specBytes,
    what: 'spec file',
    notFound: 'spec file not found',
  }).toString('utf8');
}

/**
 * Parse spec text; JSON is read by the same YAML 1.2 parser, so positions work for both, after a strict
 * JSON check for .json files (YAML would accept a trailing comma that JSON tools reject).
 */
export function parseSpecText(text: string, file: string): SpecSource {
  if (/\.json$/i.test(file)) checkStrictJson(text, file);
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, merge: false });
  const error = doc.errors[0];
  if (error !== undefined) {
    const pos = lines.linePos(error.pos[0]);
    const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
    throw new OdeforgeError(`syntax error: ${message}`, { file, line: pos.line, column: pos.col });
  }
  if (!isMap(doc.contents)) {
    throw new OdeforgeError('a spec must be a mapping of keys (family, time, ...)', { file, line: 1, column: 1 });
  }
  return { file, doc, lines };
}

/** Position of the first alias (`*name`) in the document. */
export function firstAliasPosition(source: SpecSource): SourcePosition {
  let offset: number | undefined;
  visit(source.doc, {
    Alias(_, node) {
      offset = node.range?.[0];
      return visit.BREAK;
    },
  });
  return offset === undefined ? { file: source.file, line: 1, column: 1 } : offsetPosition(source, offset);
}

/** Position of the value at `path` (or of the nearest existing ancestor). */
export function positionOf(source: SpecSource, path: readonly (string | number)[]): SourcePosition {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = source.doc.getIn(path.slice(0, depth), true) as YamlNode | undefined;
    if (node?.range) return offsetPosition(source, node.range[0]);
  }
  return { file: source.file, line: 1, column: 1 };
}

/** Position of the key `key` inside the mapping at `path`. */
export function keyPositionOf(source: SpecSource, path: readonly (string | number)[], key: string): SourcePosition {
  const map = path.length === 0 ? source.doc.contents : source.doc.getIn(path, true);
  if (isMap(map)) {
    for (const pair of map.items) {
      if (isPair(pair) && isScalar(pair.key) && pair.key.value === key && pair.key.range) {
        return offsetPosition(source, pair.key.range[0]);
      }
    }
  }
  return positionOf(source, path);
}

/** Where the text of a string value starts (after its opening quote, if quoted). */
export function textPositionOf(source: SpecSource, path: readonly (string | number)[]): SourcePosition {
  const node = source.doc.getIn(path, true) as YamlNode | undefined;
  if (!isScalar(node) || !node.range) return positionOf(source, path);
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  return offsetPosition(source, node.range[0] + (quoted ? 1 : 0));
}

function offsetPosition(source: SpecSource, offset: number): SourcePosition {
  const pos = source.lines.linePos(offset);
  return { file: source.file, line: pos.line, column: pos.col };
}

function checkStrictJson(text: string, file: string): void {
  try {
    JSON.parse(text);
  } catch (error) {
    const offset = jsonErrorOffset(text);
    throw new OdeforgeError(`syntax error: ${jsonErrorMessage(error, text, offset)}`, {
      file,
      ...lineColumnOf(text, offset < 0 ? 0 : offset),
    });
  }
}
