// Squared distances between states and data points, the first pass of every field evaluation. Plain loops
// over flat Float64Arrays in the plane; in higher d WebAssembly SIMD kernels (simd.wat), data in cache-sized
// blocks, as sums of squared differences or, where its error bound allows, as dot products.
import { KERNEL_ROWS, tileSlots, type SimdMemory } from './simd.js';

/** Doubles of data per block: a block stays in L1 while a tile of rows visits it. */
const BLOCK_DOUBLES = 2048;

/**
 * How a row's squared distances are formed (d ≠ 2). `exact`: |x − α x_j|² as a sum of squared differences
 * (accurate to a few ulps of the distance itself). `dots`: α²|x_j|² − 2α x·x_j, the distance less the row's
 * constant |x|², as a matrix product (a third fewer operations, but its rounding is relative to |x|·|x_j|, not to
 * the distance: see dotsErrorBound).
 */
export type DistanceForm = 'exact' | 'dots';

/** Squared distances of a tile of rows to all m data points, into `dist` (one row of m per slot). */
export class TileDistances {
  readonly dist: Float64Array;
  /** The tile's rows as the form needs them (x/α, or 2αx), `stride` apart. */
  private readonly scaledRows: Float64Array;
  private readonly stride: number;
  /** dots: each slot's α², and the data's squared norms (computed on first use). */
  private readonly alpha2: Float64Array;
  private norms: Float64Array | null = null;
  /** gather: the row x/α, the candidates' indices and their exact distances. */
  private readonly exactRow: Float64Array;
  readonly candidates: Int32Array;
  readonly exact: Float64Array;

  /**
   * With `kernel` (d ≠ 2), distances are computed in its memory by its SIMD kernels; without, by JS loops
   * that give the same bits.
   */
  constructor(
    private readonly data: Float64Array,
    private readonly m: number,
    private readonly dim: number,
    tileRows: number,
    private readonly kernel: SimdMemory | null = null,
  ) {
    if (kernel && dim === 2) throw new Error('internal: the plane has its own distance loop');
    const slots = tileSlots(tileRows);
    this.dist = kernel ? kernel.dist : new Float64Array(slots * m);
    this.stride = kernel ? kernel.stride : dim;
    this.scaledRows = kernel ? kernel.rows : new Float64Array(slots * dim);
    this.alpha2 = kernel ? kernel.alpha2 : new Float64Array(slots);
    this.exactRow = kernel ? kernel.exactRow : new Float64Array(dim);
    this.candidates = kernel ? kernel.candidates : new Int32Array(m);
    this.exact = kernel ? kernel.exact : new Float64Array(m);
  }

  /** dist[r·m + j] = |x_r − α_r x_j|² for rows row0..row0+rows−1 of x (tile row r), α_r = alpha[r]. */
  compute(x: Float64Array, row0: number, rows: number, alpha: Float64Array): void {
    const { data, m, dim: d, dist } = this;
    if (d !== 2) {
      this.computeTile(x, row0, alpha, identity(rows), 0, identity(rows), rows);
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
   * d ≠ 2, in one pass over the data (each block of it serves every row of the tile from cache): slot i gets
   * tile row dots[i] (of x at row0) in the dots form α²|x_j|² − 2α x·x_j, and slot exactSlot(nDots) + i
   * gets row exact[i] in the exact form |x − α x_j|². A row's bits depend only on the row and its form.
   */
  computeTile(
    x: Float64Array,
    row0: number,
    alpha: Float64Array,
    dots: Int32Array,
    nDots: number,
    exact: Int32Array,
    nExact: number,
  ): void {
    const { m, dim: d } = this;
    const first = exactSlot(nDots);
    for (let i = 0; i < nDots; i++) this.scaleRow(x, (row0 + dots[i]!) * d, alpha[dots[i]!]!, i, 'dots');
    for (let i = 0; i < nExact; i++) this.scaleRow(x, (row0 + exact[i]!) * d, alpha[exact[i]!]!, first + i, 'exact');
    if (nDots > 0) this.dataNorms();
    if (this.kernel) this.kernelPass(nDots, first, nExact);
    else {
      for (let s = 0; s < nDots; s++) this.rowDots(s, 0, m);
      for (let s = first; s < first + nExact; s++) this.rowDistances(s, 0, m);
    }
    for (let i = 0; i < nExact; i++) {
      this.unscale(x, (row0 + exact[i]!) * d, alpha[exact[i]!]!, this.dist, (first + i) * m, m);
    }
  }

  /** The slot's row as its form needs it: x/α for exact (α = 0: zeros, patched by unscale), 2αx for dots. */
  private scaleRow(x: Float64Array, xb: number, a: number, slot: number, form: DistanceForm): void {
    const { dim: d, scaledRows, stride } = this;
    this.alpha2[slot] = a * a;
    // 2αx: the kernel then needs no multiply by 2 (exact in binary)
    for (let k = 0; k < d; k++)
      scaledRows[slot * stride + k] = form === 'dots' ? 2 * (a * x[xb + k]!) : a === 0 ? 0 : x[xb + k]! / a;
  }

  /**
   * exact[c] = |x − α x_j|² for j = candidates[c], c < count, the row at x[base]: the same bits as the exact
   * form of computeTile gives that j.
   */
  gather(x: Float64Array, base: number, a: number, count: number): void {
    const { dim: d, exactRow, exact } = this;
    for (let k = 0; k < d; k++) exactRow[k] = a === 0 ? 0 : x[base + k]! / a;
    if (this.kernel) this.kernel.gatherDistances(count);
    else for (let c = 0; c < count; c++) exact[c] = this.laneSplitDistance(exactRow, 0, this.candidates[c]!);
    this.unscale(x, base, a, exact, 0, count);
  }

  /** α²·(a distance of x/α) in out[o..o+count): α = 0 carries no data, every distance is |x|². */
  private unscale(x: Float64Array, base: number, a: number, out: Float64Array, o: number, count: number): void {
    if (a === 0) {
      let q = 0;
      for (let k = 0; k < this.dim; k++) q += x[base + k]! ** 2;
      out.fill(q, o, o + count);
    } else if (a !== 1) {
      const a2 = a * a;
      for (let i = o; i < o + count; i++) out[i] = out[i]! * a2;
    }
  }

  /**
   * The data's squared norms |x_j|² (the dots form's α²|x_j|²), even and odd coordinates summed apart as the dot
   * products are: each sum has ⌈d/2⌉ terms, which halves its error bound (dotsErrorBound).
   */
  private dataNorms(): Float64Array {
    if (this.norms) return this.norms;
    const { m } = this;
    const norms = this.kernel ? this.kernel.norms : new Float64Array(m);
    const rows = this.kernel ? this.kernel.data : this.data;
    for (let j = 0; j < m; j++) norms[j] = this.laneSplitDot(rows, j * this.stride, j);
    this.norms = norms;
    return norms;
  }

  /**
   * The SIMD kernels over blocks of data that stay in cache while the tile's rows (four per call; slots past a
   * form's rows compute harmless leftovers) visit them: dots slots 0..nDots−1, exact slots first..first+nExact−1;
   * a last odd data point in JS.
   */
  private kernelPass(nDots: number, first: number, nExact: number): void {
    const { m, stride } = this;
    const kernel = this.kernel!;
    const even = m - (m & 1);
    const block = Math.max(2, Math.floor(BLOCK_DOUBLES / stride) & ~1);
    for (let j0 = 0; j0 < even; j0 += block) {
      const count = Math.min(block, even - j0);
      for (let s = 0; s < nDots; s += KERNEL_ROWS) kernel.fourDots(s, j0, count, m);
      for (let s = first; s < first + nExact; s += KERNEL_ROWS) kernel.fourRows(s, j0, count, m);
    }
    if (even < m) {
      for (let s = 0; s < nDots; s++) this.rowDots(s, even, m);
      for (let s = first; s < first + nExact; s++) this.rowDistances(s, even, m);
    }
  }

  /** dist[s·m + j] = α²|x_j|² − y_s·x_j for data j0..j1 (y_s = 2αx), as the SIMD kernel forms it. */
  private rowDots(s: number, j0: number, j1: number): void {
    const { m, stride } = this;
    const norms = this.norms!;
    for (let j = j0; j < j1; j++)
      this.dist[s * m + j] = this.alpha2[s]! * norms[j]! - this.laneSplitDot(this.scaledRows, s * stride, j);
  }

  /** dist[r·m + j] = |y_r − x_j|² for data j0..j1, lane-split as the SIMD kernel sums it. */
  private rowDistances(r: number, j0: number, j1: number): void {
    for (let j = j0; j < j1; j++)
      this.dist[r * this.m + j] = this.laneSplitDistance(this.scaledRows, r * this.stride, j);
  }

  /** |y − x_j|² for y at rows[yb..], coordinates split into even and odd lanes as the SIMD kernels sum them. */
  private laneSplitDistance(rows: Float64Array, yb: number, j: number): number {
    const { dim: d, stride } = this;
    const data = this.kernel ? this.kernel.data : this.data;
    const b = j * stride;
    let even = 0;
    let odd = 0;
    let k = 0;
    for (; k + 1 < d; k += 2) {
      const e0 = rows[yb + k]! - data[b + k]!;
      const e1 = rows[yb + k + 1]! - data[b + k + 1]!;
      even += e0 * e0;
      odd += e1 * e1;
    }
    if (k < d) {
      const e0 = rows[yb + k]! - data[b + k]!;
      even += e0 * e0;
    }
    return even + odd;
  }

  /** y·x_j for y at rows[yb..], lane-split as the SIMD kernel sums it. */
  private laneSplitDot(rows: Float64Array, yb: number, j: number): number {
    const { dim: d, stride } = this;
    const data = this.kernel ? this.kernel.data : this.data;
    // (rows and data may be one array: the norms are x_j·x_j)
    const b = j * stride;
    let even = 0;
    let odd = 0;
    let k = 0;
    for (; k + 1 < d; k += 2) {
      even += rows[yb + k]! * data[b + k]!;
      odd += rows[yb + k + 1]! * data[b + k + 1]!;
    }
    if (k < d) even += rows[yb + k]! * data[b + k]!;
    return even + odd;
  }
}

/** The first exact slot of computeTile, after nDots dots rows padded to the kernels' four. */
export function exactSlot(nDots: number): number {
  return Math.ceil(nDots / KERNEL_ROWS) * KERNEL_ROWS;
}

const identities = new Map<number, Int32Array>();
/** 0, 1, …, n − 1. */
function identity(n: number): Int32Array {
  let ids = identities.get(n);
  if (!ids) identities.set(n, (ids = Int32Array.from({ length: n }, (_, i) => i)));
  return ids;
}

/**
 * A bound on |dots − (|x − αx_j|² − |x|²)| for every data point j, from the standard bound on a floating-point
 * sum of n products (|fl(Σ a_k b_k) − Σ a_k b_k| ≤ γ_n Σ |a_k b_k|, γ_n = nu/(1 − nu), u = 2⁻⁵³; Higham, Accuracy
 * and Stability, §3.1) with n = ⌈d/2⌉ + 1 (two lanes, then their sum), the roundings of α², α x, α²|x_j|² and the
 * final difference, and Cauchy–Schwarz: γ_{⌈d/2⌉+4}·(α²R² + 2|α||x|R), R ≥ max_j |x_j| (docs/mathematics.md §14).
 */
export function dotsErrorBound(d: number, alpha: number, xNorm: number, dataNorm: number): number {
  const nu = (Math.ceil(d / 2) + 4) * 2 ** -53;
  const gamma = (nu / (1 - nu)) * 1.01;
  const a = Math.abs(alpha);
  return gamma * (a * a * dataNorm * dataNorm + 2 * a * xNorm * dataNorm);
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
