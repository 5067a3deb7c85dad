// CSV data files: a header line x1,...,xd (optional when every field of the first line is a number), then
// one point per line. Every bad value is reported with its file, line and column. A last column headed `logp`
// (what `sample --logp` writes) is not a coordinate: it is skipped, so samples read back as points.
import { OdeforgeError } from '../errors.js';
import type { DataTable } from './table.js';

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NON_FINITE = /^[+-]?(?:nan|inf|infinity)$/i;

interface Field {
  text: string;
  column: number;
}

/** Split a line on commas, keeping each field's 1-based character column. */
function fields(line: string): Field[] {
  const out: Field[] = [];
  let start = 0;
  for (;;) {
    const comma = line.indexOf(',', start);
    const end = comma < 0 ? line.length : comma;
    const raw = line.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    out.push({ text: raw.trim(), column: start + lead + 1 });
    if (comma < 0) return out;
    start = comma + 1;
  }
}

/**
 * Parse CSV text into an n × d table.
 * @throws OdeforgeError with file:line:col for an empty file, ragged rows, non-numeric, non-finite or overflowing values
 */
export function parseCsv(text: string, file?: string): DataTable {
  const lines = text.split(/\r?\n/);
  let dim = -1;
  let header: string[] | undefined;
  const values: number[] = [];
  let rows = 0;
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li]!;
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const fs = fields(line);
    if (dim < 0) {
      dim = fs.length;
      if (!fs.every((f) => NUMBER.test(f.text) || NON_FINITE.test(f.text))) {
        header = fs.map((f) => f.text);
        const empty = fs.find((f) => f.text === '');
        if (empty)
          throw new OdeforgeError(
            `the header has an empty column name`,
            { file, line: li + 1, column: empty.column },
            'write the header as x1,x2,...',
          );
        continue;
      }
    }
    const row = rows + 1;
    const coordinates = header?.[dim - 1] === LOG_DENSITY_COLUMN ? dim - 1 : dim;
    if (fs.length !== dim) {
      const column = fs.length > dim ? fs[dim]!.column : line.length + 1;
      throw new OdeforgeError(
        `row ${row} has ${fs.length} values, expected ${dim}${header ? ' (as in the header)' : ' (as in the first row)'}`,
        { file, line: li + 1, column },
        'every row needs one value per column',
      );
    }
    for (let c = 0; c < coordinates; c++) {
      const f = fs[c]!;
      const name = header ? `column ${c + 1} (${header[c]})` : `column ${c + 1}`;
      if (NON_FINITE.test(f.text)) {
        throw new OdeforgeError(
          `row ${row}, ${name}: ${f.text} is not allowed in data`,
          { file, line: li + 1, column: f.column },
          'remove or fix non-finite values',
        );
      }
      if (!NUMBER.test(f.text)) {
        const shown = f.text === '' ? 'an empty field' : `"${f.text}"`;
        throw new OdeforgeError(`row ${row}, ${name}: ${shown} is not a number`, {
          file,
          line: li + 1,
          column: f.column,
        });
      }
      const value = Number(f.text);
      if (!Number.isFinite(value)) {
        throw new OdeforgeError(
          `row ${row}, ${name}: ${f.text} overflows to ${value} (beyond ±1.8e308)`,
          { file, line: li + 1, column: f.column },
          'rescale the data',
        );
      }
      values.push(value);
    }
    rows++;
  }
  if (rows === 0)
    throw new OdeforgeError('the data file has no data rows', { file }, 'give at least one row of numbers');
  const coordinates = header?.[dim - 1] === LOG_DENSITY_COLUMN ? dim - 1 : dim;
  if (coordinates === 0) throw new OdeforgeError('the data file has no coordinate columns', { file });
  return { data: Float64Array.from(values), rows, dim: coordinates };
}

/** The header of the log-density column `sample --logp` appends. */
const LOG_DENSITY_COLUMN = 'logp';

/** CSV text with header x1..xd; numbers in shortest round-trip form (reading them back is exact). */
export function formatCsv(data: Float64Array, dim: number): string {
  const header = Array.from({ length: dim }, (_, k) => `x${k + 1}`).join(',');
  const lines = [header];
  for (let i = 0; i < data.length; i += dim) lines.push(Array.from(data.subarray(i, i + dim), String).join(','));
  return `${lines.join('\n')}\n`;
}
