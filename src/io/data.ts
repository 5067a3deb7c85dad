// Reading and writing data files by extension (.csv, .npy, .json): the one place that maps a path to a format.
import { extname } from 'node:path';
import { OdeforgeError } from '../errors.js';
import { limits } from '../limits.js';
import type { GaussianMixture } from '../numeric/data.js';
import { writeFileAtomic } from './atomic.js';
import { formatCsv, parseCsv } from './csv.js';
import { formatJson, parseJsonData } from './json.js';
import { formatNpy, parseNpy } from './npy.js';
import { readRegularFile } from './read.js';
import type { DataTable } from './table.js';

export type DataFormat = 'csv' | 'npy' | 'json';

/** The format a path's extension names. @throws OdeforgeError for any other extension */
export function formatOf(path: string): DataFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv' || ext === '.npy' || ext === '.json') return ext.slice(1) as DataFormat;
  throw new OdeforgeError(
    `unknown data file extension "${ext || '(none)'}"`,
    { file: path },
    'use .csv, .npy or .json',
  );
}

function readBytes(path: string): Buffer {
  return readRegularFile(path, { maxBytes: limits.dataBytes, what: 'data file' });
}

/** A table within the limits: its dimension is a design's, its size what the samplers will hold. */
function checkTableSize(table: DataTable, file: string): DataTable {
  if (table.dim > limits.dimension) {
    throw new OdeforgeError(`the data has ${table.dim} columns, above the dimension limit of ${limits.dimension}`, {
      file,
    });
  }
  if (table.rows * table.dim > limits.values) {
    throw new OdeforgeError(`the data holds ${table.rows} × ${table.dim} values, above the limit of ${limits.values}`, {
      file,
    });
  }
  return table;
}

/** A data source: points (CSV, NPY, JSON) or an analytic Gaussian mixture (JSON). */
export type DataSource = { kind: 'table'; table: DataTable } | { kind: 'mixture'; mixture: GaussianMixture };

/** Read a data file that may also hold a Gaussian mixture (JSON). */
export function readDataSource(path: string): DataSource {
  const format = formatOf(path);
  const bytes = readBytes(path);
  if (format === 'json') {
    const source = parseJsonData(bytes.toString('utf8'), path);
    return source.kind === 'table' ? { kind: 'table', table: checkTableSize(source.table, path) } : source;
  }
  return {
    kind: 'table',
    table: checkTableSize(format === 'csv' ? parseCsv(bytes.toString('utf8'), path) : npyTable(bytes, path), path),
  };
}

/**
 * Read points from a .csv, .npy or .json file as an n × d table.
 * @throws OdeforgeError naming the file (and line/column where there is one) for any bad content
 */
export function readDataFile(path: string): DataTable {
  const source = readDataSource(path);
  if (source.kind === 'mixture') {
    throw new OdeforgeError(
      'this file holds a Gaussian mixture, not data points',
      { file: path },
      'use it with `odeforge sample --data`',
    );
  }
  return source.table;
}

function npyTable(bytes: Uint8Array, file: string): DataTable {
  const { data, shape } = parseNpy(bytes, file);
  if (shape.length < 1 || shape.length > 2) {
    throw new OdeforgeError(`an .npy data file must be 1-D or 2-D, got shape (${shape.join(', ')})`, { file });
  }
  const rows = shape[0]!;
  const dim = shape[1] ?? 1;
  if (rows === 0 || dim === 0) throw new OdeforgeError('the data file has no data rows', { file });
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      throw new OdeforgeError(
        `row ${Math.floor(i / dim) + 1}, column ${(i % dim) + 1}: ${data[i]} is not allowed in data`,
        { file },
        'remove or fix non-finite values',
      );
    }
  }
  return { data, rows, dim };
}

/** The file content of an n × d table (or any array with `shape`, for .npy) in `format`. */
export function formatData(format: DataFormat, data: Float64Array, shape: readonly number[]): string | Uint8Array {
  const dim = shape[shape.length - 1] ?? 1;
  switch (format) {
    case 'csv':
      return formatCsv(data, dim);
    case 'json':
      return formatJson(data, dim);
    case 'npy':
      return formatNpy(data, shape);
  }
}

/** Write points to a .csv, .npy or .json file, atomically. */
export function writeDataFile(path: string, data: Float64Array, dim: number): void {
  writeFileAtomic(path, formatData(formatOf(path), data, [data.length / dim, dim]));
}
