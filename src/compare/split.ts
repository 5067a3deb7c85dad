// The data split of a comparison: a seeded shuffle, the first part the reference (the data whose exact marginal
// field every design integrates), the rest held out (what a design should generalize to). Both parts need enough
// points for the distances to mean something.
import { OdeforgeError } from '../errors.js';
import { limits } from '../limits.js';
import type { PointSet } from '../metrics/index.js';
import { createRng } from '../numeric/rng.js';

/** Points each part must have at least: the distances' within-set means need pairs, and a few are noise. */
export const MIN_PART_POINTS = 10;

export interface DataSplit {
  reference: PointSet;
  heldOut: PointSet;
}

/** Row indices 0..rows−1 in a seeded random order (Fisher–Yates). */
function shuffledRows(rows: number, seed: number): Int32Array {
  const order = Int32Array.from({ length: rows }, (_, i) => i);
  const rng = createRng(seed);
  for (let k = rows - 1; k > 0; k--) {
    const pick = Math.floor(rng.uniform() * (k + 1));
    [order[k], order[pick]] = [order[pick]!, order[k]!];
  }
  return order;
}

function gather(set: PointSet, rows: Int32Array): PointSet {
  const d = set.dim;
  const data = new Float64Array(rows.length * d);
  rows.forEach((row, r) => data.set(set.data.subarray(row * d, (row + 1) * d), r * d));
  return { data, rows: rows.length, dim: d };
}

/**
 * Split `data` into a reference part (round((1 − testFraction)·rows) points) and a held-out part (the rest).
 * @throws OdeforgeError for a fraction outside (0, 1), or a part with fewer than MIN_PART_POINTS points or more
 *   than limits.metricPoints
 */
export function splitData(data: PointSet, testFraction: number, seed: number): DataSplit {
  if (!(testFraction > 0 && testFraction < 1)) {
    throw new OdeforgeError(`the test fraction must be strictly between 0 and 1, not ${testFraction}`);
  }
  const heldOutRows = Math.round(data.rows * testFraction);
  const referenceRows = data.rows - heldOutRows;
  if (Math.min(heldOutRows, referenceRows) < MIN_PART_POINTS) {
    throw new OdeforgeError(
      `the data has ${data.rows} points: too few to split into a reference part and a held-out part of at least ${MIN_PART_POINTS} points each (test fraction ${testFraction} gives ${referenceRows} and ${heldOutRows})`,
      {},
      `give at least ${2 * MIN_PART_POINTS} points (--dataset-n), or change --test-fraction`,
    );
  }
  if (Math.max(heldOutRows, referenceRows) > limits.metricPoints) {
    throw new OdeforgeError(
      `the data has ${data.rows} points: a part of ${Math.max(heldOutRows, referenceRows)} is above the limit of ${limits.metricPoints} points for the distances`,
      {},
      'compare on a random subset of the data',
    );
  }
  const order = shuffledRows(data.rows, seed);
  return {
    reference: gather(data, order.subarray(0, referenceRows)),
    heldOut: gather(data, order.subarray(referenceRows)),
  };
}
