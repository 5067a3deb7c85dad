// A k-d tree over the data points, for the pruned field (prune.ts): each node knows its points (a contiguous
// range of a reordered copy of the data), its bounding box and a ball about the box centre, so that the smallest
// and largest squared distance from a state to any of its points is bounded without visiting them.

/** Points per leaf: small enough that a leaf near the state is cheap, large enough that node overhead is rare. */
export const LEAF_SIZE = 32;

/** Bounds are widened by this relative amount, so that rounding can never make a bound cross a true distance. */
const SLACK = 1e-12;

export class KdTree {
  readonly dim: number;
  readonly size: number;
  /** The data points in tree order (size × dim): node i holds rows start[i]..start[i] + count[i] − 1. */
  readonly points: Float64Array;
  readonly start: Int32Array;
  readonly count: Int32Array;
  /** Children of node i (−1 for a leaf); the root is node 0. */
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Box centre and half-widths (nodes × dim). */
  readonly centre: Float64Array;
  readonly half: Float64Array;
  /** Largest distance of the node's points from its box centre (a hair above). */
  readonly radius: Float64Array;
  nodes = 0;

  constructor(data: Float64Array, rows: number, dim: number) {
    this.dim = dim;
    this.size = rows;
    const capacity = 2 * Math.ceil(rows / (LEAF_SIZE / 2)) + 1;
    this.start = new Int32Array(capacity);
    this.count = new Int32Array(capacity);
    this.left = new Int32Array(capacity);
    this.right = new Int32Array(capacity);
    this.centre = new Float64Array(capacity * dim);
    this.half = new Float64Array(capacity * dim);
    this.radius = new Float64Array(capacity);
    const order = Int32Array.from({ length: rows }, (_, i) => i);
    this.build(data, order, 0, rows);
    this.points = new Float64Array(rows * dim);
    for (let i = 0; i < rows; i++) this.points.set(data.subarray(order[i]! * dim, (order[i]! + 1) * dim), i * dim);
    this.measure();
  }

  /** Node over order[from..to): split at the median of its widest coordinate until a leaf is small enough. */
  private build(data: Float64Array, order: Int32Array, from: number, to: number): number {
    const node = this.nodes++;
    const d = this.dim;
    this.start[node] = from;
    this.count[node] = to - from;
    this.left[node] = -1;
    this.right[node] = -1;
    let widest = 0;
    let width = -1;
    for (let k = 0; k < d; k++) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = from; i < to; i++) {
        const v = data[order[i]! * d + k]!;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      this.centre[node * d + k] = 0.5 * (lo + hi);
      this.half[node * d + k] = 0.5 * (hi - lo);
      if (hi - lo > width) {
        width = hi - lo;
        widest = k;
      }
    }
    if (to - from <= LEAF_SIZE || width === 0) return node;
    const mid = (from + to) >> 1;
    selectNth(data, d, widest, order, from, to - 1, mid);
    this.left[node] = this.build(data, order, from, mid);
    this.right[node] = this.build(data, order, mid, to);
    return node;
  }

  /** Each node's ball radius about its box centre, and the boxes widened by SLACK. */
  private measure(): void {
    const { dim: d, points } = this;
    for (let node = 0; node < this.nodes; node++) {
      const c = node * d;
      let r2 = 0;
      for (let i = this.start[node]!; i < this.start[node]! + this.count[node]!; i++) {
        let q = 0;
        for (let k = 0; k < d; k++) q += (points[i * d + k]! - this.centre[c + k]!) ** 2;
        if (q > r2) r2 = q;
      }
      this.radius[node] = Math.sqrt(r2) * (1 + SLACK) + 1e-300;
      for (let k = 0; k < d; k++) {
        const h = this.half[c + k]!;
        this.half[c + k] = h + SLACK * (h + Math.abs(this.centre[c + k]!)) + 1e-300;
      }
    }
  }

  /**
   * A lower bound on |y − p|² over the node's points p: the larger of the box bound and the ball bound,
   * shrunk by SLACK against rounding.
   */
  lowerDistance2(node: number, y: Float64Array, yBase: number): number {
    const { dim: d, centre, half } = this;
    const c = node * d;
    let box = 0;
    let ball = 0;
    for (let k = 0; k < d; k++) {
      const e = y[yBase + k]! - centre[c + k]!;
      ball += e * e;
      const gap = Math.abs(e) - half[c + k]!;
      if (gap > 0) box += gap * gap;
    }
    const outside = Math.sqrt(ball) - this.radius[node]!;
    const ballBound = outside > 0 ? outside * outside : 0;
    return (box > ballBound ? box : ballBound) * (1 - 4 * SLACK);
  }

  /** An upper bound on |y − p|² over the node's points p (the ball bound, widened by SLACK). */
  upperDistance2(node: number, y: Float64Array, yBase: number): number {
    const { dim: d, centre } = this;
    const c = node * d;
    let ball = 0;
    for (let k = 0; k < d; k++) ball += (y[yBase + k]! - centre[c + k]!) ** 2;
    return (Math.sqrt(ball) + this.radius[node]!) ** 2 * (1 + 4 * SLACK);
  }

  /** min_p |y − p|² over all points: depth-first, nearer child first, nodes beyond the best so far skipped. */
  nearestDistance2(y: Float64Array, yBase: number): number {
    return this.nearestIn(0, y, yBase, Infinity);
  }

  private nearestIn(node: number, y: Float64Array, yBase: number, best: number): number {
    if (this.lowerDistance2(node, y, yBase) > best) return best;
    const left = this.left[node]!;
    if (left < 0) {
      const { dim: d, points } = this;
      const end = this.start[node]! + this.count[node]!;
      for (let i = this.start[node]!; i < end; i++) {
        let q = 0;
        for (let k = 0; k < d; k++) {
          const e = y[yBase + k]! - points[i * d + k]!;
          q += e * e;
        }
        if (q < best) best = q;
      }
      return best;
    }
    const right = this.right[node]!;
    const [near, far] =
      this.centreDistance2(left, y, yBase) <= this.centreDistance2(right, y, yBase) ? [left, right] : [right, left];
    best = this.nearestIn(near, y, yBase, best);
    return this.nearestIn(far, y, yBase, best);
  }

  /** |y − centre|² of a node, to visit the nearer child first. */
  centreDistance2(node: number, y: Float64Array, yBase: number): number {
    const { dim: d, centre } = this;
    let q = 0;
    for (let k = 0; k < d; k++) q += (y[yBase + k]! - centre[node * d + k]!) ** 2;
    return q;
  }
}

/** Reorder order[lo..hi] so that order[nth] holds the point whose coordinate k is nth smallest (quickselect). */
function selectNth(data: Float64Array, d: number, k: number, order: Int32Array, lo: number, hi: number, nth: number) {
  const key = (i: number) => data[order[i]! * d + k]!;
  const swap = (a: number, b: number) => {
    const t = order[a]!;
    order[a] = order[b]!;
    order[b] = t;
  };
  while (hi > lo) {
    const pivot = key((lo + hi) >> 1);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (key(i) < pivot) i++;
      while (key(j) > pivot) j--;
      if (i <= j) swap(i++, j--);
    }
    if (nth <= j) hi = j;
    else if (nth >= i) lo = i;
    else return;
  }
}
