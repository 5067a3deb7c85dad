// The WebAssembly SIMD kernels of simd.wat and the memory they work in. The memory is a shared one: the data
// points (padded to an even stride) are written once and read by every thread's kernels, and each thread grows
// the memory by its own scratch (a tile's rows and distances, the per-row weights). Everything here has a JS
// twin that gives the same bits (distances.ts, empirical.ts), used where WebAssembly is unavailable or the
// problem too large for one 32-bit linear memory.
import type { EmpiricalData, SharedPoints } from '../numeric/data.js';
import { simdWasmBase64 } from './simd-wasm.generated.js';

export type { SharedPoints };

const PAGE = 65536;
/** A 32-bit linear memory addresses at most 4 GiB (65536 pages, simd.wat's declared maximum). */
const MAX_PAGES = 65536;

/** Rows the distance kernels handle per call (simd.wat's fourRows and fourDots). */
export const KERNEL_ROWS = 4;

/**
 * Distance rows (slots) a tile of `rows` needs: the rows of each of the two forms padded to the kernels' four
 * (distances.ts computeTile), so one group of four more than the tile.
 */
export function tileSlots(rows: number): number {
  return Math.ceil(rows / KERNEL_ROWS) * KERNEL_ROWS + KERNEL_ROWS;
}

let compiled: WebAssembly.Module | null | undefined;

/** simd.wat, compiled once per thread; null where WebAssembly SIMD or shared memory is not available. */
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

const paddedStride = (d: number): number => d + (d & 1);

function sharedMemory(pages: number, maximum = MAX_PAGES): WebAssembly.Memory | null {
  if (pages > MAX_PAGES) return null;
  try {
    return new WebAssembly.Memory({ initial: Math.max(1, pages), maximum, shared: true });
  } catch {
    return null; // no memory (or no shared memory) here: the JS loops give the same bits
  }
}

/** Arrays that are views of a shared memory's points, made by fieldDataArray: the same memory for the kernels. */
const pointsOfArray = new WeakMap<ArrayBufferLike, SharedPoints>();

/**
 * A zeroed rows × dim array for data points that the field's kernels read where it lies: in even d ≠ 2 a view
 * of a shared WebAssembly memory (stride = d, so the array is the kernels' data: no copy, in any thread);
 * otherwise a SharedArrayBuffer, which threads also share without a copy. Fill it (readDataFile's `allocate`),
 * then hand it to the sampler.
 */
export function fieldDataArray(rows: number, dim: number): Float64Array {
  const values = rows * dim;
  if (dim !== 2 && dim % 2 === 0 && simdModule()) {
    const memory = sharedMemory(Math.ceil((8 * values) / PAGE));
    if (memory) {
      const array = new Float64Array(memory.buffer, 0, values);
      pointsOfArray.set(array.buffer, { memory, offset: 0, stride: dim, id: crypto.randomUUID() });
      return array;
    }
  }
  return new Float64Array(new SharedArrayBuffer(8 * values));
}

/**
 * Where the kernels find `data` (m × d): the memory fieldDataArray made it in, else a new shared memory with a
 * padded copy (made once here, shared by every thread after). Null in the plane (no kernels there), without
 * WebAssembly SIMD, or when it does not fit.
 */
export function sharedPoints(data: Float64Array, m: number, d: number): SharedPoints | null {
  if (d === 2) return null;
  const known = pointsOfArray.get(data.buffer);
  if (known && known.offset === data.byteOffset && known.stride === d) return known;
  if (!simdModule()) return null;
  const stride = paddedStride(d);
  const memory = sharedMemory(Math.ceil((8 * m * stride) / PAGE));
  if (!memory) return null;
  const points = new Float64Array(memory.buffer, 0, m * stride);
  if (stride === d) points.set(data.subarray(0, m * d));
  else for (let j = 0; j < m; j++) points.set(data.subarray(j * d, (j + 1) * d), j * stride);
  return { memory, offset: 0, stride, id: crypto.randomUUID() };
}

/**
 * `data` ready to cross to worker threads without a copy: its points where the kernels read them (fieldDataArray's
 * memory, or a padded copy made here once for all threads), and the flat array a view of that memory where it
 * is laid out flat (even d), else in a SharedArrayBuffer.
 */
export function sharedData(data: EmpiricalData): EmpiricalData {
  const { data: values, rows: m, dim: d } = data;
  const points = data.points ?? sharedPoints(values, m, d) ?? undefined;
  let flat = values;
  if (points && points.stride === d) flat = new Float64Array(points.memory.buffer, points.offset, m * d);
  else if (!(values.buffer instanceof SharedArrayBuffer)) {
    flat = new Float64Array(new SharedArrayBuffer(values.byteLength));
    flat.set(values);
  }
  return points ? { data: flat, rows: m, dim: d, points } : { data: flat, rows: m, dim: d };
}

/**
 * This thread's scratch in each shared memory it has used (by the points' id, which survives the trip to a
 * worker): fields on one thread never run at once, so a new field on the same data reuses it instead of growing
 * the memory again (a long-lived worker pool samples run after run).
 */
const scratchOf = new Map<string, number>();

function scratchBase(points: SharedPoints, bytes: number, reuse: boolean): number | null {
  // by layout too: a field keeps its data's norms in its scratch across calls, where another layout puts distances
  const key = `${points.id}:${bytes}`;
  const known = reuse ? scratchOf.get(key) : undefined;
  if (known !== undefined) return known;
  try {
    const base = PAGE * points.memory.grow(Math.ceil(bytes / PAGE));
    if (reuse) scratchOf.set(key, base);
    return base;
  } catch {
    return null; // past 4 GiB: the JS loops give the same bits
  }
}

type FourRows = (y: number, data: number, stride: number, count: number, out: number, outStride: number) => void;
type FourDots = (
  y: number,
  data: number,
  stride: number,
  count: number,
  out: number,
  outStride: number,
  norms: number,
  a2: number,
) => void;
type Gather = (y: number, data: number, stride: number, points: number, count: number, out: number) => void;
type WeightedSum = (data: number, stride: number, survivors: number, coefs: number, count: number, acc: number) => void;
type DenseSums = (
  data: number,
  stride: number,
  count: number,
  block: number,
  ...rowsThenAccumulators: [number, number, number, number, number, number, number, number]
) => void;

interface Kernels {
  fourRows: FourRows;
  fourDots: FourDots;
  gatherDistances: Gather;
  weightedSum: WeightedSum;
  denseSums: DenseSums;
}

/** Bytes of data a block of denseSums keeps in L1 while four rows' accumulators visit it. */
const DENSE_BLOCK_BYTES = 32768;

/**
 * One thread's view of a field's SIMD memory, as Float64Array/Int32Array views: the shared data points, and
 * this thread's scratch: a tile's rows (`stride` doubles apart), their α² (fourDots), the tile's distances
 * (rows × m), the data's squared norms (fourDots), a row's survivors, candidates, weights, coefficients,
 * exact distances and accumulator.
 */
export class SimdMemory {
  readonly stride: number;
  readonly data: Float64Array;
  readonly rows: Float64Array;
  readonly alpha2: Float64Array;
  readonly dist: Float64Array;
  readonly norms: Float64Array;
  readonly survivors: Int32Array;
  readonly candidates: Int32Array;
  readonly weights: Float64Array;
  readonly coefs: Float64Array;
  readonly exact: Float64Array;
  /** One row x/α (the exact form's), for gatherDistances. */
  readonly exactRow: Float64Array;
  readonly acc: Float64Array;
  /** denseSums' accumulators: one row of `stride` per tile row, and a spare for groups of fewer than four. */
  readonly accRows: Float64Array;
  private readonly kernels: Kernels;

  /**
   * The kernels over `shared` (the data's shared points; without, a private copy), with this thread's scratch
   * for tiles of `tileRows` rows appended to the memory.
   * @returns null where WebAssembly SIMD is unavailable or the memory would pass 4 GiB or cannot be had
   */
  static create(data: Float64Array, m: number, d: number, tileRows: number, shared?: SharedPoints): SimdMemory | null {
    const points = shared ?? sharedPoints(data, m, d);
    const module = simdModule();
    if (!points || !module) return null;
    const rowCount = tileSlots(tileRows);
    // a memory of this field's own (no shared points given) is never met again: nothing to remember
    const base = scratchBase(points, scratchLayout(m, points.stride, rowCount).bytes, shared !== undefined);
    if (base === null) return null;
    const instance = new WebAssembly.Instance(module, { env: { memory: points.memory } });
    return new SimdMemory(instance.exports as unknown as Kernels, points, m, rowCount, base);
  }

  private constructor(kernels: Kernels, points: SharedPoints, m: number, rowCount: number, base: number) {
    const buffer = points.memory.buffer;
    const stride = points.stride;
    this.stride = stride;
    this.kernels = kernels;
    this.data = new Float64Array(buffer, points.offset, m * stride);
    let at = base;
    const doubles = (count: number): Float64Array => {
      const view = new Float64Array(buffer, at, count);
      at += 8 * count;
      return view;
    };
    const ints = (count: number): Int32Array => {
      const view = new Int32Array(buffer, at, count);
      at += 8 * Math.ceil(count / 2);
      return view;
    };
    this.rows = doubles(rowCount * stride);
    this.alpha2 = doubles(rowCount);
    this.dist = doubles(rowCount * m);
    this.norms = doubles(m);
    this.weights = doubles(m);
    this.coefs = doubles(m);
    this.exact = doubles(m);
    this.exactRow = doubles(stride);
    this.acc = doubles(stride);
    this.accRows = doubles((rowCount + 1) * stride);
    this.survivors = ints(m);
    this.candidates = ints(m);
  }

  /** dist[(r + i)·m + j0 + j] = |rows[r + i] − data[j0 + j]|², i < 4, j < count (even), m = outStride. */
  fourRows(r: number, j0: number, count: number, m: number): void {
    const stride = this.stride;
    this.kernels.fourRows(
      this.rows.byteOffset + 8 * r * stride,
      this.data.byteOffset + 8 * j0 * stride,
      8 * stride,
      count,
      this.dist.byteOffset + 8 * (r * m + j0),
      8 * m,
    );
  }

  /** dist[(r + i)·m + j0 + j] = alpha2[r + i]·norms[j0 + j] − rows[r + i]·data[j0 + j], as fourRows. */
  fourDots(r: number, j0: number, count: number, m: number): void {
    const stride = this.stride;
    this.kernels.fourDots(
      this.rows.byteOffset + 8 * r * stride,
      this.data.byteOffset + 8 * j0 * stride,
      8 * stride,
      count,
      this.dist.byteOffset + 8 * (r * m + j0),
      8 * m,
      this.norms.byteOffset + 8 * j0,
      this.alpha2.byteOffset + 8 * r,
    );
  }

  /** exact[c] = |exactRow − data[candidates[c]]|² for c < count. */
  gatherDistances(count: number): void {
    this.kernels.gatherDistances(
      this.exactRow.byteOffset,
      this.data.byteOffset,
      8 * this.stride,
      this.candidates.byteOffset,
      count,
      this.exact.byteOffset,
    );
  }

  /**
   * accRows[accs[i]] = Σ_j dist[slots[i]·m + j] · data[j] for i < 4 (the tile's weight rows, zero off each row's
   * survivors): what weightedSum gives for each row, bit for bit. The accumulator rows must be zero.
   */
  denseSums(slots: ArrayLike<number>, accs: ArrayLike<number>, m: number): void {
    const stride = this.stride;
    const row = (i: number) => this.dist.byteOffset + 8 * slots[i]! * m;
    const acc = (i: number) => this.accRows.byteOffset + 8 * accs[i]! * stride;
    this.kernels.denseSums(
      this.data.byteOffset,
      8 * stride,
      m,
      Math.max(1, Math.floor(DENSE_BLOCK_BYTES / (8 * stride))),
      row(0),
      row(1),
      row(2),
      row(3),
      acc(0),
      acc(1),
      acc(2),
      acc(3),
    );
  }

  /** acc = Σ_{c < count} coef[c] · data[survivors[c]], coef this memory's `weights` or `coefs`. */
  weightedSum(coef: Float64Array, count: number): void {
    this.kernels.weightedSum(
      this.data.byteOffset,
      8 * this.stride,
      this.survivors.byteOffset,
      coef.byteOffset,
      count,
      this.acc.byteOffset,
    );
  }
}

/** Bytes of one thread's scratch (simd.ts's constructor lays it out in this order). */
function scratchLayout(m: number, stride: number, rowCount: number): { bytes: number } {
  const doubles =
    rowCount * stride + rowCount + rowCount * m + 4 * m + 2 * stride + (rowCount + 1) * stride + 2 * Math.ceil(m / 2);
  return { bytes: 8 * doubles };
}
