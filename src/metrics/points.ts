// A sample set as the metrics see it (n points of d coordinates, flat row-major), and the checks every metric
// needs before any work: the same dimension on both sides, at least two points (the within-set means run over
// pairs i ≠ j), finite coordinates, and the size limit (the pairwise sums cost O((n + m)² d)).
import { OdeforgeError } from '../errors.js';
import { limits } from '../limits.js';
import type { EmpiricalData } from '../numeric/data.js';

/** n points of `dim` coordinates, flat row-major: the shape readDataFile returns. */
export type PointSet = EmpiricalData;

/** Which side of a comparison a set is, for messages: "the first set", or the caller's name for it. */
export type SetLabel = string;

function checkSet(set: PointSet, label: SetLabel): void {
  if (
    !Number.isInteger(set.dim) ||
    set.dim < 1 ||
    !Number.isInteger(set.rows) ||
    set.data.length !== set.rows * set.dim
  ) {
    throw new OdeforgeError(
      `${label} is not a table of points: ${set.data.length} values for ${set.rows} rows of ${set.dim}`,
    );
  }
  if (set.rows < 2) {
    throw new OdeforgeError(
      `${label} has ${set.rows} point${set.rows === 1 ? '' : 's'}; the distances need at least 2 (their within-set means run over pairs i ≠ j)`,
    );
  }
  if (set.rows > limits.metricPoints) {
    throw new OdeforgeError(
      `${label} has ${set.rows} points, above the limit of ${limits.metricPoints} for the distances (their pairwise sums cost O((n + m)² d))`,
      {},
      'compare a random subset',
    );
  }
  for (let k = 0; k < set.data.length; k++) {
    if (!Number.isFinite(set.data[k]!)) {
      const row = Math.floor(k / set.dim) + 1;
      throw new OdeforgeError(
        `${label}: row ${row}, column ${(k % set.dim) + 1} is not a finite number (${set.data[k]})`,
      );
    }
  }
}

/**
 * Check two sets before any distance is computed.
 * @throws OdeforgeError for sets of different dimensions, fewer than 2 points, more than limits.metricPoints,
 *   or a non-finite coordinate
 */
export function checkPair(
  a: PointSet,
  b: PointSet,
  labels: [SetLabel, SetLabel] = ['the first set', 'the second set'],
): void {
  checkSet(a, labels[0]);
  checkSet(b, labels[1]);
  if (a.dim !== b.dim) {
    throw new OdeforgeError(
      `${labels[0]} has dimension ${a.dim} but ${labels[1]} has dimension ${b.dim}`,
      {},
      'distances compare sets of points in the same space: give both the same number of columns',
    );
  }
}

/** |a_i − b_j|², row i of `a` against row j of `b`. */
export function squaredDistance(a: Float64Array, i: number, b: Float64Array, j: number, dim: number): number {
  let sum = 0;
  const ai = i * dim;
  const bj = j * dim;
  for (let k = 0; k < dim; k++) {
    const diff = a[ai + k]! - b[bj + k]!;
    sum += diff * diff;
  }
  return sum;
}

/** Both sets stacked, a's rows first: the pooled sample of the median bandwidth. */
export function pooled(a: PointSet, b: PointSet): PointSet {
  const data = new Float64Array(a.data.length + b.data.length);
  data.set(a.data);
  data.set(b.data, a.data.length);
  return { data, rows: a.rows + b.rows, dim: a.dim };
}

/** Rows `indices` of `set`, in that order. */
export function rowsOf(set: PointSet, indices: ArrayLike<number>): PointSet {
  const d = set.dim;
  const data = new Float64Array(indices.length * d);
  for (let r = 0; r < indices.length; r++) data.set(set.data.subarray(indices[r]! * d, (indices[r]! + 1) * d), r * d);
  return { data, rows: indices.length, dim: d };
}
