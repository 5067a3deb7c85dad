// Squared distances between states and data points, the first pass of every field evaluation. Plain loops
// over flat Float64Arrays in the plane; in higher d a WebAssembly SIMD kernel (simd.wat), data in
// cache-sized blocks.
import { KERNEL_ROWS, type SimdMemory } from './simd.js';

/** Doubles of data per block: a block stays in L1 while a tile of rows visits it. */
const BLOCK_DOUBLES = 2048;

/** Squared distances of a tile of rows to all m data points, into `dist` (tileRows × m). */
export class TileDistances {
  readonly dist: Float64Array;
  /** The tile's rows divided by their α (d ≠ 2), `stride` apart. */
  private readonly scaledRows: Float64Array;
  private readonly stride: number;

  /**
   * With `kernel` (d ≠ 2), distances are computed in its memory by its SIMD kernel; without, by a JS loop
   * that gives the same bits.
   */
  constructor(
    private readonly data: Float64Array,
    private readonly m: number,
    private readonly dim: number,
    tileRows: number,
    private readonly kernel: SimdMemory | null = null,
  ) {
    if (kernel && dim === 2) throw new Error('internal: the plane has its own distance loop');
    this.dist = this.kernel ? this.kernel.dist : new Float64Array(tileRows * m);
    this.stride = this.kernel ? this.kernel.stride : dim;
    this.scaledRows = this.kernel ? this.kernel.rows : new Float64Array(tileRows * dim);
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
   * compute for d ≠ 2: |x − α x_j|² = α² |x/α − x_j|² with x/α once per row (α = 0: |x|² for every j).
   * |x/α − x_j|² is summed as (Σ_{k even} e_k²) + (Σ_{k odd} e_k²), by the SIMD kernel or, identically, in JS.
   */
  private scaled(x: Float64Array, row0: number, rows: number, alpha: Float64Array): void {
    const { m, dim: d, dist, scaledRows, stride } = this;
    for (let r = 0; r < rows; r++) {
      const a = alpha[r]!;
      const xb = (row0 + r) * d;
      for (let k = 0; k < d; k++) scaledRows[r * stride + k] = a === 0 ? 0 : x[xb + k]! / a;
    }
    if (this.kernel) this.kernelDistances(rows);
    else for (let r = 0; r < rows; r++) this.rowDistances(r, 0, m);
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

  /**
   * The SIMD kernel over blocks of data that stay in cache while the tile's rows (four per call; rows past
   * the tile's end compute harmless leftovers) visit them; a last odd data point in JS.
   */
  private kernelDistances(rows: number): void {
    const { m, stride } = this;
    const kernel = this.kernel!;
    const even = m - (m & 1);
    const block = Math.max(2, Math.floor(BLOCK_DOUBLES / stride) & ~1);
    for (let j0 = 0; j0 < even; j0 += block) {
      const count = Math.min(block, even - j0);
      for (let r = 0; r < rows; r += KERNEL_ROWS) kernel.fourRows(r, j0, count, m);
    }
    if (even < m) for (let r = 0; r < rows; r++) this.rowDistances(r, even, m);
  }

  /** dist[r·m + j] = |y_r − x_j|² for data j0..j1, lane-split as the SIMD kernel sums it. */
  private rowDistances(r: number, j0: number, j1: number): void {
    const { m, dim: d, dist, scaledRows: y, stride } = this;
    const data = this.kernel ? this.kernel.data : this.data;
    const yb = r * stride;
    for (let j = j0; j < j1; j++) {
      const b = j * stride;
      let even = 0;
      let odd = 0;
      let k = 0;
      for (; k + 1 < d; k += 2) {
        const e0 = y[yb + k]! - data[b + k]!;
        const e1 = y[yb + k + 1]! - data[b + k + 1]!;
        even += e0 * e0;
        odd += e1 * e1;
      }
      if (k < d) {
        const e0 = y[yb + k]! - data[b + k]!;
        even += e0 * e0;
      }
      dist[r * m + j] = even + odd;
    }
  }
}

/** out[j] = |x − x_j|² for d ≤ 2, the row at x[base]. */
export function planeDistances(
  data: Float64Array,
  m: number,
  d: number,
  x: Float64Array,
  base: number,
  out: Float64Array,
): void {
  const x0 = x[base]!;
  const x1 = d === 2 ? x[base + 1]! : 0;
  for (let j = 0; j < m; j++) {
    const e0 = x0 - data[j * d]!;
    const e1 = d === 2 ? x1 - data[j * d + 1]! : 0;
    out[j] = e0 * e0 + e1 * e1;
  }
}
