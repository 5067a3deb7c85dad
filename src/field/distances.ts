// Squared distances between states and data points, the first pass of every field evaluation. Plain loops
// over flat Float64Arrays, shaped for V8: independent sums, each value loaded once, data in cache-sized blocks.

/** Doubles of data per block: a block stays in L1 while a tile of rows visits it. */
const BLOCK_DOUBLES = 2048;

/** Squared distances of a tile of rows to all m data points, into `dist` (tileRows × m). */
export class TileDistances {
  readonly dist: Float64Array;
  /** The tile's rows divided by their α (d ≠ 2). */
  private readonly scaledRows: Float64Array;

  constructor(
    private readonly data: Float64Array,
    private readonly m: number,
    private readonly dim: number,
    tileRows: number,
  ) {
    this.dist = new Float64Array(tileRows * m);
    this.scaledRows = new Float64Array(tileRows * dim);
  }

  /** dist[r·m + j] = |x_r − α_r x_j|² for rows row0..row0+rows−1 of x (tile row r), α_r = alpha[r]. */
  compute(x: Float64Array, row0: number, rows: number, alpha: Float64Array): void {
    const { data, m, dim: d, dist } = this;
    if (d !== 2) {
      this.scaled(x, row0, rows, alpha);
      return;
    }
    for (let r = 0; r < rows; r++) {
      const xb = (row0 + r) * d;
      const a = alpha[r]!;
      const ob = r * m;
      const x0 = x[xb]!;
      const x1 = x[xb + 1]!;
      for (let j = 0; j < m; j++) {
        const e0 = x0 - a * data[2 * j]!;
        const e1 = x1 - a * data[2 * j + 1]!;
        dist[ob + j] = e0 * e0 + e1 * e1;
      }
    }
  }

  /**
   * compute for d ≠ 2: |x − α x_j|² = α² |x/α − x_j|² with x/α once per row (α = 0: |x|² for every j),
   * then two rows against four data points at a time (eight independent sums, each value loaded once),
   * data in blocks that stay in cache while the tile's rows visit them.
   */
  private scaled(x: Float64Array, row0: number, rows: number, alpha: Float64Array): void {
    const { m, dim: d, dist, scaledRows } = this;
    for (let r = 0; r < rows; r++) {
      const a = alpha[r]!;
      const xb = (row0 + r) * d;
      for (let k = 0; k < d; k++) scaledRows[r * d + k] = a === 0 ? 0 : x[xb + k]! / a;
    }
    const block = Math.max(4, Math.floor(BLOCK_DOUBLES / d));
    for (let j0 = 0; j0 < m; j0 += block) {
      const j1 = Math.min(m, j0 + block);
      let r = 0;
      for (; r + 1 < rows; r += 2) this.rowPairDistances(r, r + 1, j0, j1);
      if (r < rows) this.rowPairDistances(r, r, j0, j1);
    }
    for (let r = 0; r < rows; r++) {
      const a = alpha[r]!;
      const ob = r * m;
      if (a === 0) {
        // x_t = σ z carries no data: every distance is |x|²
        let q = 0;
        for (let k = 0; k < d; k++) q += x[(row0 + r) * d + k]! ** 2;
        dist.fill(q, ob, ob + m);
      } else if (a !== 1) {
        const a2 = a * a;
        for (let j = 0; j < m; j++) dist[ob + j] = dist[ob + j]! * a2;
      }
    }
  }

  /** dist = Σ_k (y_k − x_jk)² for scaled rows r0 and r1 (r1 = r0: one row), data j0..j1. */
  private rowPairDistances(r0: number, r1: number, j0: number, j1: number): void {
    const { data, m, dim: d, dist, scaledRows: y } = this;
    const yb0 = r0 * d;
    const yb1 = r1 * d;
    const o0 = r0 * m;
    const o1 = r1 * m;
    let j = j0;
    for (; j + 3 < j1; j += 4) {
      const b0 = j * d;
      const b1 = b0 + d;
      const b2 = b1 + d;
      const b3 = b2 + d;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0;
      let s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      for (let k = 0; k < d; k++) {
        const u = y[yb0 + k]!;
        const v = y[yb1 + k]!;
        const x0 = data[b0 + k]!;
        const x1 = data[b1 + k]!;
        const x2 = data[b2 + k]!;
        const x3 = data[b3 + k]!;
        const e00 = u - x0, e01 = u - x1, e02 = u - x2, e03 = u - x3;
        const e10 = v - x0, e11 = v - x1, e12 = v - x2, e13 = v - x3;
        s00 += e00 * e00; s01 += e01 * e01; s02 += e02 * e02; s03 += e03 * e03;
        s10 += e10 * e10; s11 += e11 * e11; s12 += e12 * e12; s13 += e13 * e13;
      }
      dist[o1 + j] = s10; dist[o1 + j + 1] = s11; dist[o1 + j + 2] = s12; dist[o1 + j + 3] = s13;
      dist[o0 + j] = s00; dist[o0 + j + 1] = s01; dist[o0 + j + 2] = s02; dist[o0 + j + 3] = s03;
    }
    for (; j < j1; j++) {
      const b = j * d;
      let s0 = 0;
      let s1 = 0;
      for (let k = 0; k < d; k++) {
        const e0 = y[yb0 + k]! - data[b + k]!;
        const e1 = y[yb1 + k]! - data[b + k]!;
        s0 += e0 * e0;
        s1 += e1 * e1;
      }
      dist[o1 + j] = s1;
      dist[o0 + j] = s0;
    }
  }
}

/** out[j] = |x − x_j|² for d ≤ 2, the row at x[base]. */
export function planeDistances(data: Float64Array, m: number, d: number, x: Float64Array, base: number, out: Float64Array): void {
  const x0 = x[base]!;
  const x1 = d === 2 ? x[base + 1]! : 0;
  for (let j = 0; j < m; j++) {
    const e0 = x0 - data[j * d]!;
    const e1 = d === 2 ? x1 - data[j * d + 1]! : 0;
    out[j] = e0 * e0 + e1 * e1;
  }
}
