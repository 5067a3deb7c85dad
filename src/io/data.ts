// Reading and writing data files by extension (.csv, .npy, .json): the one place that maps a path to a format.
import { constants } from 'node:buffer';
import { totalmem } from 'node:os';
import { extname } from 'node:path';
import { OdeforgeError } from '../errors.js';
import { dataBytesLimit, limits } from '../limits.js';
import type { GaussianMixture } from '../numeric/data.js';
import { writeFileAtomic } from './atomic.js';
import { formatCsv, parseCsv } from './csv.js';
import { formatJson, parseJsonData } from './json.js';
import { checkNpyPayload, formatNpy, readNpyHeader, readNpyPayload } from './npy.js';
import { humanBytes, readRegularFile, tooLarge, withRegularFile, type ReadRequest } from './read.js';
import type { DataTable } from './table.js';

const { MAX_STRING_LENGTH } = constants;

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

export interface ReadDataOptions {
  /**
   * The array the `rows × dim` values go to, e.g. a view of memory the sampler's threads share. Called once, after
   * the file's header or text is checked and before an .npy payload is read; the table's `data` is what it returns
   * (of exactly rows × dim values). Default: `new Float64Array(rows * dim)`. A Gaussian mixture does not call it.
   */
  allocate?: (rows: number, dim: number) => Float64Array;
}

/** The largest data file and table, and where that limit comes from (for the message that refuses one). */
function dataRequest(): ReadRequest {
  return {
    maxBytes: dataBytesLimit(),
    what: 'data file',
    limitReason: `a quarter of this machine's ${humanBytes(totalmem())} of memory, at most ${humanBytes(limits.dataBytes)}`,
  };
}

/** CSV and JSON are parsed from one string, and a JavaScript string holds at most MAX_STRING_LENGTH characters. */
function textDataRequest(): ReadRequest {
  const request = dataRequest();
  if (request.maxBytes <= MAX_STRING_LENGTH) return request;
  return {
    ...request,
    maxBytes: MAX_STRING_LENGTH,
    limitReason: 'the longest text JavaScript can hold; larger data can be saved as .npy',
  };
}

/** That a rows × dim table is within the limits, before it is allocated: its dimension and its float64 bytes. */
function checkTableSize(rows: number, dim: number, file: string, request: ReadRequest): void {
  if (dim > limits.dimension) {
    throw new OdeforgeError(`the data has ${dim} columns, above the dimension limit of ${limits.dimension}`, { file });
  }
  if (rows * dim * 8 > request.maxBytes) {
    throw new OdeforgeError(`the data holds ${rows} × ${dim} float64 values: ${tooLarge(rows * dim * 8, request)}`, {
      file,
    });
  }
}

/** The caller's array for a rows × dim table, checked to be one. */
function allocateTable(options: ReadDataOptions, rows: number, dim: number, file: string): Float64Array {
  const allocate = options.allocate ?? ((r: number, d: number) => new Float64Array(r * d));
  const data = allocateOrRefuse(() => allocate(rows, dim), rows * dim, file);
  if (!(data instanceof Float64Array) || data.length !== rows * dim) {
    throw new TypeError(`allocate(${rows}, ${dim}) must return a Float64Array of ${rows * dim} values`);
  }
  return data;
}

/** The byte limit makes running out of memory unlikely, but it is then a message, not a crash. */
function allocateOrRefuse(allocate: () => Float64Array, values: number, file: string): Float64Array {
  try {
    return allocate();
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new OdeforgeError(
      `cannot allocate ${values * 8} bytes (${humanBytes(values * 8)}) for the data: ${error.message}`,
      { file },
    );
  }
}

/** A data source: points (CSV, NPY, JSON) or an analytic Gaussian mixture (JSON). */
export type DataSource = { kind: 'table'; table: DataTable } | { kind: 'mixture'; mixture: GaussianMixture };

/**
 * Read a data file that may also hold a Gaussian mixture (JSON); points go to `options.allocate`'s array. The file's
 * size is checked against dataBytesLimit() before anything is read, and the table's float64 bytes before it is
 * allocated.
 * @throws OdeforgeError naming the file (and line/column where there is one) for any bad content or size
 */
export function readDataSource(path: string, options: ReadDataOptions = {}): DataSource {
  const format = formatOf(path);
  if (format === 'npy') return { kind: 'table', table: readNpyTable(path, options) };
  const text = readRegularFile(path, textDataRequest()).toString('utf8');
  const source =
    format === 'json' ? parseJsonData(text, path) : { kind: 'table' as const, table: parseCsv(text, path) };
  if (source.kind === 'mixture') return source;
  const { rows, dim } = source.table;
  checkTableSize(rows, dim, path, dataRequest());
  // The parsers learn the row count only at the end of the text, so they fill an array of their own: one copy
  // into the caller's, which is skipped when the caller has no memory of its own to fill.
  if (!options.allocate) return source;
  const data = allocateTable(options, rows, dim, path);
  data.set(source.table.data);
  return { kind: 'table', table: { data, rows, dim } };
}

/**
 * Read points from a .csv, .npy or .json file as an n × d table (into `options.allocate`'s array).
 * @throws OdeforgeError naming the file (and line/column where there is one) for any bad content
 */
export function readDataFile(path: string, options: ReadDataOptions = {}): DataTable {
  const source = readDataSource(path, options);
  if (source.kind === 'mixture') {
    throw new OdeforgeError(
      'this file holds a Gaussian mixture, not data points',
      { file: path },
      'use it with `odeforge sample --data`',
    );
  }
  return source.table;
}

/**
 * An .npy data file read header first: its shape, size and length checked before the array is allocated, then
 * its payload read into that array (straight into it for little-endian float64).
 */
function readNpyTable(file: string, options: ReadDataOptions): DataTable {
  const request = dataRequest();
  return withRegularFile(file, request, (fd, fileBytes) => {
    const header = readNpyHeader(fd, fileBytes, file);
    const { rows, dim } = npyTableShape(header.shape, file);
    checkTableSize(rows, dim, file, request);
    checkNpyPayload(header, fileBytes - header.dataOffset, file);
    const data = allocateTable(options, rows, dim, file);
    readNpyPayload(fd, header, data, file);
    checkFinite(data, dim, file);
    return { data, rows, dim };
  });
}

/** Rows and columns of a 1-D (one column) or 2-D array with at least one of each. */
function npyTableShape(shape: readonly number[], file: string): { rows: number; dim: number } {
  if (shape.length < 1 || shape.length > 2) {
    throw new OdeforgeError(`an .npy data file must be 1-D or 2-D, got shape (${shape.join(', ')})`, { file });
  }
  const rows = shape[0]!;
  const dim = shape[1] ?? 1;
  if (rows === 0 || dim === 0) throw new OdeforgeError('the data file has no data rows', { file });
  return { rows, dim };
}

function checkFinite(data: Float64Array, dim: number, file: string): void {
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      throw new OdeforgeError(
        `row ${Math.floor(i / dim) + 1}, column ${(i % dim) + 1}: ${data[i]} is not allowed in data`,
        { file },
        'remove or fix non-finite values',
      );
    }
  }
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
