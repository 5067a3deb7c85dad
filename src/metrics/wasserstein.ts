// The 2-Wasserstein distance between two empirical measures (uniform weights on the points), exactly:
//   - equal sizes: W2² = min over permutations π of (1/n) Σ |x_i − y_π(i)|² (Birkhoff: the optimal plan between
//     two uniform n-point measures is a permutation), solved by the Hungarian algorithm (the `munkres` package,
//     O(n³)) on the squared Euclidean costs;
//   - sizes n ≠ m: each x repeated m/g times and each y n/g times (g = gcd(n, m)) gives two uniform measures on
//     lcm(n, m) points with the same distributions, so the same assignment is exact while lcm(n, m) is small;
//   - one dimension: the quantile coupling, W2² = ∫₀¹ (F⁻¹(u) − G⁻¹(u))² du, exact for any sizes from the sorted
//     points.
// Above limits.assignmentPoints the assignment would take minutes: W2 is then computed between seeded random
// subsets of equal size (an estimate, said so in `w2Method`), never silently.
import munkres from 'munkres';
import { limits } from '../limits.js';
import { createRng, type Rng } from '../numeric/rng.js';
import { rowsOf, squaredDistance, type PointSet } from './points.js';

/** How W2 was computed: exactly (assignment, sorted 1-D coupling, replicated assignment) or on subsets. */
export type W2Method = 'assignment' | 'sorted' | 'replicated' | 'subsets';

export interface W2Result {
  w2: number;
  method: W2Method;
  /** Points per side of the assignment that was solved (0 for the sorted coupling). */
  assignmentSize: number;
}

/**
 * W2² between the uniform measures on sorted `x` (n values) and sorted `y` (m values): the integral of the
 * squared difference of their quantile functions, which are steps at multiples of 1/n and 1/m. Breakpoints are
 * compared as integers (i·m against j·n) so the weights are exact.
 */
export function sortedW2Squared(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  const m = y.length;
  let i = 0;
  let j = 0;
  let at = 0; // position in units of 1/(n m)
  let sum = 0;
  while (i < n && j < m) {
    const nextX = (i + 1) * m;
    const nextY = (j + 1) * n;
    const next = Math.min(nextX, nextY);
    const diff = x[i]! - y[j]!;
    sum += diff * diff * (next - at);
    at = next;
    if (nextX === next) i++;
    if (nextY === next) j++;
  }
  return sum / (n * m);
}

/** Column j assigned to each row i of the dense cost matrix (rows × rows), by the Hungarian algorithm. */
function assignment(cost: Float64Array[]): Int32Array {
  const match = new Int32Array(cost.length);
  for (const [row, column] of munkres(cost)) match[row] = column;
  return match;
}

/** Mean of |x_i − y_match(i)|² over an optimal assignment between equal-size sets. */
function assignedMeanSquare(x: PointSet, y: PointSet, xRepeat = 1, yRepeat = 1): number {
  const size = x.rows * xRepeat;
  const d = x.dim;
  // row r is x point ⌊r / xRepeat⌋, column c is y point ⌊c / yRepeat⌋
  const cost = Array.from({ length: size }, (_, r) => {
    const row = new Float64Array(size);
    const i = Math.floor(r / xRepeat);
    for (let c = 0; c < size; c++) row[c] = squaredDistance(x.data, i, y.data, Math.floor(c / yRepeat), d);
    return row;
  });
  const match = assignment(cost);
  let sum = 0;
  for (let r = 0; r < size; r++) sum += cost[r]![match[r]!]!;
  return sum / size;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** `count` distinct row indices of a set of `rows`, by a partial Fisher–Yates shuffle. */
export function randomSubset(rows: number, count: number, rng: Rng): Int32Array {
  const order = Int32Array.from({ length: rows }, (_, i) => i);
  for (let k = 0; k < count; k++) {
    const pick = k + Math.floor(rng.uniform() * (rows - k));
    [order[k], order[pick]] = [order[pick]!, order[k]!];
  }
  return order.subarray(0, count);
}

/** Sorted coordinates of a one-dimensional set. */
function sortedValues(set: PointSet): Float64Array {
  return Float64Array.from(set.data).sort();
}

/**
 * The 2-Wasserstein distance between the uniform measures on `x` and `y` (same dimension, checked by the caller),
 * exact whenever the sizes allow it (see the file's header); `seed` picks the subsets above the limit.
 */
export function wasserstein2(
  x: PointSet,
  y: PointSet,
  seed = 0,
  maxAssignment: number = limits.assignmentPoints,
): W2Result {
  if (x.dim === 1)
    return { w2: Math.sqrt(sortedW2Squared(sortedValues(x), sortedValues(y))), method: 'sorted', assignmentSize: 0 };
  const n = x.rows;
  const m = y.rows;
  const common = gcd(n, m);
  const size = (n / common) * m;
  if (size <= maxAssignment) {
    const w2 = Math.sqrt(assignedMeanSquare(x, y, m / common, n / common));
    return { w2, method: n === m ? 'assignment' : 'replicated', assignmentSize: size };
  }
  const k = Math.min(n, m, maxAssignment);
  const rng = createRng(seed);
  const xs = k < n ? rowsOf(x, randomSubset(n, k, rng)) : x;
  const ys = k < m ? rowsOf(y, randomSubset(m, k, rng)) : y;
  return { w2: Math.sqrt(assignedMeanSquare(xs, ys)), method: 'subsets', assignmentSize: k };
}
