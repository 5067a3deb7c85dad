// The two pairwise-sum distances, in one pass over the pairs:
//   MMD² (unbiased) = mean_{i≠j} k(x_i, x_j) + mean_{i≠j} k(y_i, y_j) − 2 mean_{i,j} k(x_i, y_j),
//     k(x, y) = exp(−|x − y|² / (2h²)), reported as √max(0, MMD²) (the unbiased estimate can fall below 0);
//   energy = 2 E|X − Y| − E|X − X'| − E|Y − Y'|, the within-set means over i ≠ j (Székely–Rizzo).
// Each sum runs row by row so that a row's terms are added among themselves first (smaller rounding error).
import { squaredDistance, type PointSet } from './points.js';

interface Sums {
  kernel: number;
  distance: number;
}

/** Σ over ordered pairs i ≠ j of one set: each unordered pair once, doubled. */
function withinSums(set: PointSet, scale: number): Sums {
  let kernel = 0;
  let distance = 0;
  for (let i = 1; i < set.rows; i++) {
    let rowKernel = 0;
    let rowDistance = 0;
    for (let j = 0; j < i; j++) {
      const squared = squaredDistance(set.data, i, set.data, j, set.dim);
      rowKernel += Math.exp(-squared * scale);
      rowDistance += Math.sqrt(squared);
    }
    kernel += rowKernel;
    distance += rowDistance;
  }
  return { kernel: 2 * kernel, distance: 2 * distance };
}

/** Σ over all pairs (i, j) of x against y. */
function crossSums(x: PointSet, y: PointSet, scale: number): Sums {
  let kernel = 0;
  let distance = 0;
  for (let i = 0; i < x.rows; i++) {
    let rowKernel = 0;
    let rowDistance = 0;
    for (let j = 0; j < y.rows; j++) {
      const squared = squaredDistance(x.data, i, y.data, j, x.dim);
      rowKernel += Math.exp(-squared * scale);
      rowDistance += Math.sqrt(squared);
    }
    kernel += rowKernel;
    distance += rowDistance;
  }
  return { kernel, distance };
}

export interface KernelDistances {
  /** The unbiased MMD² estimate (may be slightly negative). */
  mmd2: number;
  /** √max(0, MMD²). */
  mmd: number;
  /** 2E|X − Y| − E|X − X'| − E|Y − Y'| with within-set means over i ≠ j. */
  energy: number;
}

/** MMD with the Gaussian kernel of bandwidth h, and the energy distance, of two sets of ≥ 2 points each. */
export function kernelDistances(x: PointSet, y: PointSet, bandwidth: number): KernelDistances {
  const scale = 1 / (2 * bandwidth * bandwidth);
  const n = x.rows;
  const m = y.rows;
  const xx = withinSums(x, scale);
  const yy = withinSums(y, scale);
  const xy = crossSums(x, y, scale);
  const mmd2 = xx.kernel / (n * (n - 1)) + yy.kernel / (m * (m - 1)) - (2 * xy.kernel) / (n * m);
  const energy = (2 * xy.distance) / (n * m) - xx.distance / (n * (n - 1)) - yy.distance / (m * (m - 1));
  return { mmd2, mmd: Math.sqrt(Math.max(0, mmd2)), energy };
}
