// JSON data files: an array of points ([[x1, x2], ...], or {"data": [...]}), or an analytic Gaussian mixture
// {"weights": [...], "means": [[...]], "stds": [...]}. Errors name the file, line and column of the value.
import { LineCounter, parseDocument } from 'yaml';
import { OdeforgeError } from '../errors.js';
/** Where the value at `path` sits in the text (re-parsed only when an error is reported). */
function locate(text, file, path) {
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter });
    const node = doc.getIn(path, true);
    if (!node?.range)
        return { file };
    const { line, col } = lineCounter.linePos(node.range[0]);
    return { file, line, column: col };
}
function syntaxError(text, file, error) {
    const match = /position (\d+)/.exec(error.message);
    if (!match)
        return new OdeforgeError(`invalid JSON: ${error.message}`, { file });
    const offset = Number(match[1]);
    const before = text.slice(0, offset).split('\n');
    return new OdeforgeError(`invalid JSON: ${error.message.replace(/ in JSON at position \d+.*$/, '')}`, {
        file,
        line: before.length,
        column: before[before.length - 1].length + 1,
    });
}
/**
 * Parse a JSON data file.
 * @throws OdeforgeError positioned at the offending value: syntax errors, ragged rows, non-numbers
 */
export function parseJsonData(text, file) {
    let value;
    try {
        value = JSON.parse(text);
    }
    catch (error) {
        throw syntaxError(text, file, error);
    }
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        const obj = value;
        if ('weights' in obj || 'means' in obj || 'stds' in obj)
            return { kind: 'mixture', mixture: mixtureFrom(text, file, obj) };
        if (Array.isArray(obj.data))
            return { kind: 'table', table: tableFrom(text, file, obj.data, ['data']) };
    }
    if (!Array.isArray(value)) {
        throw new OdeforgeError('a JSON data file must be an array of points, e.g. [[0.1, 2], [1, -1]]', { file, line: 1, column: 1 }, 'or a Gaussian mixture {"weights": [...], "means": [[...]], "stds": [...]}');
    }
    return { kind: 'table', table: tableFrom(text, file, value, []) };
}
function tableFrom(text, file, rows, prefix) {
    if (rows.length === 0)
        throw new OdeforgeError('the data file has no data rows', { file }, 'give at least one point');
    const first = rows[0];
    const dim = Array.isArray(first) ? first.length : 1;
    const data = new Float64Array(rows.length * dim);
    rows.forEach((row, i) => {
        const point = Array.isArray(row) ? row : [row];
        if (point.length !== dim || (dim === 1 && Array.isArray(first) !== Array.isArray(row))) {
            throw new OdeforgeError(`row ${i + 1} has ${point.length} values, expected ${dim} (as in the first row)`, locate(text, file, [...prefix, i]));
        }
        point.forEach((v, c) => {
            if (typeof v !== 'number' || !Number.isFinite(v)) {
                throw new OdeforgeError(`row ${i + 1}, column ${c + 1}: ${JSON.stringify(v)} is not a finite number`, locate(text, file, Array.isArray(row) ? [...prefix, i, c] : [...prefix, i]));
            }
            data[i * dim + c] = v;
        });
    });
    return { data, rows: rows.length, dim };
}
function mixtureFrom(text, file, obj) {
    for (const key of ['weights', 'means', 'stds']) {
        if (!Array.isArray(obj[key])) {
            throw new OdeforgeError(`a Gaussian mixture needs "${key}" as an array`, locate(text, file, obj[key] === undefined ? [] : [key]), 'write {"weights": [w1, ...], "means": [[...], ...], "stds": [s1, ...]}');
        }
    }
    const numbers = (key, list, path) => list.map((v, i) => {
        if (typeof v !== 'number')
            throw new OdeforgeError(`"${key}" entry ${i + 1} is not a number`, locate(text, file, [...path, i]));
        return v;
    });
    const means = obj.means.map((m, j) => {
        if (!Array.isArray(m))
            throw new OdeforgeError(`mean ${j + 1} must be an array of coordinates`, locate(text, file, ['means', j]));
        return numbers(`means[${j}]`, m, ['means', j]);
    });
    return { weights: numbers('weights', obj.weights, ['weights']), means, stds: numbers('stds', obj.stds, ['stds']) };
}
/** JSON text of the points as an array of rows. */
export function formatJson(data, dim) {
    const rows = [];
    for (let i = 0; i < data.length; i += dim)
        rows.push(Array.from(data.subarray(i, i + dim)));
    return `${JSON.stringify(rows)}\n`;
}
