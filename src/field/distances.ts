// Squared distances between states and data points, the first pass of every field evaluation. Plain loops
// over flat Float64Arrays in the plane; in higher d a WebAssembly SIMD kernel (distances.wat), data in
// cache-sized blocks.
import { distancesWasmBase64 } from './distances-wasm.generated.js';

/** Doubles of data per block: a block stays in L1 while a tile of rows visits it. */
const BLOCK_DOUBLES = 2048;

/** Largest linear memory the SIMD kernel is given (bytes); larger problems take the JS loop. */
const WASM_MAX_BYTES = 2 ** 31;

/** Rows the SIMD kernel handles per call (distances.wat's fourRows). */
const KERNEL_ROWS = 4;

let compiledKernel: WebAssembly.Module | null | undefined;

/** The SIMD distance kernel, compiled once per thread; null where WebAssembly SIMD is not available. */
function distanceKernelModule(): WebAssembly.Module | null {
  if (compiledKernel === undefined) {
    try {
      compiledKernel = new WebAssembly.Module(Uint8Array.from(atob(distancesWasmBase64), (c) => c.charCodeAt(0)));
    } catch {
      compiledKernel = null;
    }
  }
  return compiledKernel;
}

type FourRows = (y: number, data: number, stride: number, count: number, out: number, outStride: number) => void;

/**
 * The SIMD kernel's instance and its memory: padded data (stride an even number of doubles, zero padding),
 * the tile's scaled rows (same stride) and the distances (tile rows × m), each a Float64Array view.
 */
interface KernelMemory {
  fourRows: FourRows;
  stride: number;
  data: Float64Array;
  rows: Float64Array;
  dist: Float64Array;
}

function kernelMemory(data: Float64Array, m: number, d: number, tileRows: number): KernelMemory | null {
  const module = distanceKernelModule();
  const stride = d + (d & 1);
  const rowCount = Math.ceil(tileRows / KERNEL_ROWS) * KERNEL_ROWS;
  const doubles = m * stride + rowCount * stride + rowCount * m;
  if (!module || 8 * doubles > WASM_MAX_BYTES) return null;
  let memory: WebAssembly.Memory;
  try {
    memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil((8 * doubles) / 65536)) });
  } catch {
    return null; // out of memory for the copy: the JS loop gives the same bits
  }
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  const padded = new Float64Array(memory.buffer, 0, m * stride);
  for (let j = 0; j < m; j++) padded.set(data.subarray(j * d, (j + 1) * d), j * stride);
  return {
    fourRows: instance.exports.fourRows as FourRows,
    stride,
    data: padded,
    rows: new Float64Array(memory.buffer, 8 * m * stride, rowCount * stride),
    dist: new Float64Array(memory.buffer, 8 * (m + rowCount) * stride, rowCount * m),
  };
}

/** Squared distances of a tile of rows to all m data points, into `dist` (tileRows × m). */
export class TileDistances {
  readonly dist: Float64Array;
  /** The tile's rows divided by their α (d ≠ 2), `stride` apart. */
  private readonly scaledRows: Float64Array;
  private readonly stride: number;
  private readonly kernel: KernelMemory | null;

  /** `simd: false` forces the JS loop (the same bits; for tests and comparisons). */
  constructor(
    private readonly data: Float64Array,
    private readonly m: number,
    private readonly dim: number,
    tileRows: number,
    options: { simd?: boolean } = {},
  ) {
    this.kernel = dim !== 2 && options.simd !== false ? kernelMemory(data, m, dim, tileRows) : null;
    this.dist = this.kernel ? this.kernel.dist : new Float64Array(tileRows * m);
    this.stride = this.kernel ? this.kernel.stride : dim;
    this.scaledRows = this.kernel ? this.kernel.rows : new Float64Array(tileRows * dim);
  }

  /** Whether distances for d ≠ 2 run in the WebAssembly SIMD kernel. */
  get simd(): boolean {
    return this.kernel !== null;
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
    const { fourRows, data, rows: rowsView, dist } = this.kernel!;
    const even = m - (m & 1);
    const block = Math.max(2, Math.floor(BLOCK_DOUBLES / stride) & ~1);
    const dataAt = data.byteOffset;
    const rowsAt = rowsView.byteOffset;
    const distAt = dist.byteOffset;
    for (let j0 = 0; j0 < even; j0 += block) {
      const count = Math.min(block, even - j0);
      for (let r = 0; r < rows; r += KERNEL_ROWS) {
        fourRows(rowsAt + 8 * r * stride, dataAt + 8 * j0 * stride, 8 * stride, count, distAt + 8 * (r * m + j0), 8 * m);
      }
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
export function planeDistances(data: Float64Array, m: number, d: number, x: Float64Array, base: number, out: Float64Array): void {
  const x0 = x[base]!;
  const x1 = d === 2 ? x[base + 1]! : 0;
  for (let j = 0; j < m; j++) {
    const e0 = x0 - data[j * d]!;
    const e1 = d === 2 ? x1 - data[j * d + 1]! : 0;
    out[j] = e0 * e0 + e1 * e1;
  }
}
