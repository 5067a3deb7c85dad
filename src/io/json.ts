// JSON data files: an array of points ([[x1, x2], ...], or {"data": [...]}), or an analytic Gaussian mixture
// {"weights": [...], "means": [[...]], "stds": [...]}. Errors name the file, line and column of the value.
import { LineCounter, parseDocument } from 'yaml';
import { OdeforgeError, type SourcePosition } from '../errors.js';
import type { GaussianMixture } from '../numeric/data.js';
import { jsonErrorMessage, jsonErrorOffset, lineColumnOf } from './json-syntax.js';
import type { DataTable } from './table.js';

export type JsonData = { kind: 'table'; table: DataTable } | { kind: 'mixture'; mixture: GaussianMixture };

/** Where the value at `path` sits in the text, and its text as written (re-parsed only when an error is reported). */
function locate(text: string, file: string | undefined, path: (string | number)[]): SourcePosition & { raw?: string } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
  if (!node?.range) return { file };
  const { line, col } = lineCounter.linePos(node.range[0]);
  return { file, line, column: col, raw: text.slice(node.range[0], node.range[1]) };
}

/** A value that is not a finite number, shown as written: JSON.parse turns 1e999 into Infinity, which prints as null. */
function notFinite(
  text: string,
  file: string | undefined,
  path: (string | number)[],
  what: string,
  value: unknown,
): OdeforgeError {
  const { raw, ...where } = locate(text, file, path);
  const shown = raw ?? JSON.stringify(value);
  const overflow = typeof value === 'number' ? ' (it overflows to ' + String(value) + ')' : '';
  return new OdeforgeError(`${what}: ${shown} is not a finite number${overflow}`, where);
}

function syntaxError(text: string, file: string | undefined, error: unknown): OdeforgeError {
  const offset = jsonErrorOffset(text);
  return new OdeforgeError(`invalid JSON: ${jsonErrorMessage(error, text, offset)}`, {
    file,
    ...lineColumnOf(text, Math.max(offset, 0)),
  });
}

/**
 * Parse a JSON data file.
 * @throws OdeforgeError positioned at the offending value: syntax errors, ragged rows, non-numbers
 */
export function parseJsonData(text: string, file?: string): JsonData {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw syntaxError(text, file, error);
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    if ('weights' in obj || 'means' in obj || 'stds' in obj)
      return { kind: 'mixture', mixture: mixtureFrom(text, file, obj) };
    if (Array.isArray(obj.data)) return { kind: 'table', table: tableFrom(text, file, obj.data, ['data']) };
  }
  if (!Array.isArray(value)) {
    throw new OdeforgeError(
      'a JSON data file must be an array of points, e.g. [[0.1, 2], [1, -1]]',
      { file, line: 1, column: 1 },
      'or a Gaussian mixture {"weights": [...], "means": [[...]], "stds": [...]}',
    );
  }
  return { kind: 'table', table: tableFrom(text, file, value, []) };
}

function tableFrom(text: string, file: string | undefined, rows: unknown[], prefix: (string | number)[]): DataTable {
  if (rows.length === 0) throw new OdeforgeError('the data file has no data rows', { file }, 'give at least one point');
  const first = rows[0];
  const dim = Array.isArray(first) ? first.length : 1;
  const data = new Float64Array(rows.length * dim);
  rows.forEach((row, i) => {
    const point = Array.isArray(row) ? row : [row];
    if (point.length !== dim || (dim === 1 && Array.isArray(first) !== Array.isArray(row))) {
      throw new OdeforgeError(
        `row ${i + 1} has ${point.length} values, expected ${dim} (as in the first row)`,
        locate(text, file, [...prefix, i]),
      );
    }
    point.forEach((v, c) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw notFinite(
          text,
          file,
          Array.isArray(row) ? [...prefix, i, c] : [...prefix, i],
          `row ${i + 1}, column ${c + 1}`,
          v,
        );
      }
      data[i * dim + c] = v;
    });
  });
  return { data, rows: rows.length, dim };
}

function mixtureFrom(text: string, file: string | undefined, obj: Record<string, unknown>): GaussianMixture {
  for (const key of ['weights', 'means', 'stds']) {
    if (!Array.isArray(obj[key])) {
      throw new OdeforgeError(
        `a Gaussian mixture needs "${key}" as an array`,
        locate(text, file, obj[key] === undefined ? [] : [key]),
        'write {"weights": [w1, ...], "means": [[...], ...], "stds": [s1, ...]}',
      );
    }
  }
  const numbers = (key: string, list: unknown[], path: (string | number)[]): number[] =>
    list.map((v, i) => {
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw notFinite(text, file, [...path, i], `"${key}" entry ${i + 1}`, v);
      return v;
    });
  const means = (obj.means as unknown[]).map((m, j) => {
    if (!Array.isArray(m))
      throw new OdeforgeError(`mean ${j + 1} must be an array of coordinates`, locate(text, file, ['means', j]));
    return numbers(`means[${j}]`, m, ['means', j]);
  });
  return {
    weights: numbers('weights', obj.weights as unknown[], ['weights']),
    means,
    stds: numbers('stds', obj.stds as unknown[], ['stds']),
  };
}

/** JSON text of the points as an array of rows. */
export function formatJson(data: Float64Array, dim: number): string {
  const rows: number[][] = [];
  for (let i = 0; i < data.length; i += dim) rows.push(Array.from(data.subarray(i, i + dim)));
  return `${JSON.stringify(rows)}\n`;
}
