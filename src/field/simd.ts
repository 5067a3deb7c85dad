// The WebAssembly SIMD kernels of simd.wat and the memory they work in: one instance per field (per
// thread), holding the data (padded), a tile's rows and distances, and the per-row scratch of the weights.
// Everything here has a JS twin that gives the same bits (distances.ts, empirical.ts), used where
// WebAssembly is unavailable or the data too large for one linear memory.
import { simdWasmBase64 } from './simd-wasm.generated.js';

/** Largest linear memory a field's kernels are given (bytes); larger problems take the JS loops. */
const MAX_BYTES = 2 ** 31;

/** Rows the distance kernel handles per call (simd.wat's fourRows). */
export const KERNEL_ROWS = 4;

let compiled: WebAssembly.Module | null | undefined;

/** simd.wat, compiled once per thread; null where WebAssembly SIMD is not available. */
function simdModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(Uint8Array.from(atob(simdWasmBase64), (c) => c.charCodeAt(0)));
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

type FourRows = (y: number, data: number, stride: number, count: number, out: number, outStride: number) => void;
type WeightedSum = (data: number, stride: number, survivors: number, coefs: number, count: number, acc: number) => void;

/**
 * A field's SIMD memory, as Float64Array/Int32Array views: data points and a tile's rows `stride` doubles
 * apart (d rounded up to even, zero padding), the tile's distances (rows × m), and a row's survivors,
 * weights, coefficients and accumulator.
 */
export class SimdMemory {
  readonly stride: number;
  readonly data: Float64Array;
  readonly rows: Float64Array;
  readonly dist: Float64Array;
  readonly survivors: Int32Array;
  readonly weights: Float64Array;
  readonly coefs: Float64Array;
  readonly acc: Float64Array;
  private readonly fourRowsKernel: FourRows;
  private readonly weightedSumKernel: WeightedSum;

  /**
   * @returns null where WebAssembly SIMD is unavailable, the memory would exceed MAX_BYTES or cannot be had
   */
  static create(data: Float64Array, m: number, d: number, tileRows: number): SimdMemory | null {
    const module = simdModule();
    const stride = d + (d & 1);
    const rowCount = Math.ceil(tileRows / KERNEL_ROWS) * KERNEL_ROWS;
    // data, rows, dist, weights, coefs, acc in doubles; survivors as int32 (half a double each, rounded up)
    const doubles = m * stride + rowCount * stride + rowCount * m + 2 * m + stride + Math.ceil(m / 2);
    if (!module || 8 * doubles > MAX_BYTES) return null;
    try {
      const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil((8 * doubles) / 65536)) });
      return new SimdMemory(
        new WebAssembly.Instance(module, { env: { memory } }),
        memory.buffer,
        data,
        m,
        d,
        stride,
        rowCount,
      );
    } catch {
      return null; // no memory for the copy: the JS loops give the same bits
    }
  }

  private constructor(
    instance: WebAssembly.Instance,
    buffer: ArrayBuffer,
    data: Float64Array,
    m: number,
    d: number,
    stride: number,
    rowCount: number,
  ) {
    this.stride = stride;
    let at = 0;
    const doubles = (count: number): Float64Array => {
      const view = new Float64Array(buffer, at, count);
      at += 8 * count;
      return view;
    };
    this.data = doubles(m * stride);
    this.rows = doubles(rowCount * stride);
    this.dist = doubles(rowCount * m);
    this.weights = doubles(m);
    this.coefs = doubles(m);
    this.acc = doubles(stride);
    this.survivors = new Int32Array(buffer, at, m);
    for (let j = 0; j < m; j++) this.data.set(data.subarray(j * d, (j + 1) * d), j * stride);
    this.fourRowsKernel = instance.exports.fourRows as FourRows;
    this.weightedSumKernel = instance.exports.weightedSum as WeightedSum;
  }

  /** dist[(r + i)·m + j0 + j] = |rows[r + i] − data[j0 + j]|², i < 4, j < count (even), m = outStride. */
  fourRows(r: number, j0: number, count: number, m: number): void {
    const stride = this.stride;
    this.fourRowsKernel(
      this.rows.byteOffset + 8 * r * stride,
      this.data.byteOffset + 8 * j0 * stride,
      8 * stride,
      count,
      this.dist.byteOffset + 8 * (r * m + j0),
      8 * m,
    );
  }

  /** acc = Σ_{c < count} coef[c] · data[survivors[c]], coef this memory's `weights` or `coefs`. */
  weightedSum(coef: Float64Array, count: number): void {
    this.weightedSumKernel(
      this.data.byteOffset,
      8 * this.stride,
      this.survivors.byteOffset,
      coef.byteOffset,
      count,
      this.acc.byteOffset,
    );
  }
}
