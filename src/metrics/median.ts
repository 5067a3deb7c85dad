// The median of all N(N − 1)/2 pairwise distances of a set (the MMD's default bandwidth), exactly and in O(1)
// memory: a radix select on the bit patterns of the squared distances. Non-negative doubles order like their
// 64-bit patterns read as unsigned integers, so four passes over the pairs, each counting the next 16 bits among
// the distances whose higher bits match those fixed so far, find the k-th smallest squared distance bit for bit;
// the distance is its square root (a monotone map keeps the order). Storing the pairs instead would take 400 MB
// for 10⁴ points.
import type { PointSet } from './points.js';

const BUCKETS = 65536;

const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);
// little-endian hosts keep the sign and exponent in the second word
const HIGH = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f ? 1 : 0;
const LOW = 1 - HIGH;

/** The 16-bit digit `level` (0 = most significant) of a double's bit pattern. */
function digitOf(value: number, level: number): number {
  scratch[0] = value;
  const word = level < 2 ? words[HIGH]! : words[LOW]!;
  return level % 2 === 0 ? word >>> 16 : word & 0xffff;
}

/** Whether the digits above `level` of `value` equal those of `prefix` (its digits fixed so far). */
function matchesPrefix(value: number, prefix: readonly number[], level: number): boolean {
  for (let l = 0; l < level; l++) if (digitOf(value, l) !== prefix[l]) return false;
  return true;
}

/** Calls `visit(d²)` for every pair i < j of the set. */
function forEachPair(set: PointSet, visit: (squared: number) => void): void {
  const { data, rows, dim } = set;
  for (let i = 1; i < rows; i++) {
    for (let j = 0; j < i; j++) {
      let sum = 0;
      for (let k = 0; k < dim; k++) {
        const diff = data[i * dim + k]! - data[j * dim + k]!;
        sum += diff * diff;
      }
      visit(sum);
    }
  }
}

/** The `rank`-th smallest (0-based) squared pairwise distance, and how many pairs equal it. */
function selectSquared(set: PointSet, rank: number): { value: number; ties: number; below: number } {
  const prefix: number[] = [];
  let below = 0; // pairs whose bit pattern is below the prefix fixed so far
  let ties = 0;
  for (let level = 0; level < 4; level++) {
    const counts = new Float64Array(BUCKETS);
    forEachPair(set, (squared) => {
      if (matchesPrefix(squared, prefix, level)) counts[digitOf(squared, level)]!++;
    });
    let digit = 0;
    while (below + counts[digit]! <= rank) below += counts[digit++]!;
    prefix.push(digit);
    ties = counts[digit]!;
  }
  scratch[0] = 0;
  const highWord = ((prefix[0]! << 16) | prefix[1]!) >>> 0;
  const lowWord = ((prefix[2]! << 16) | prefix[3]!) >>> 0;
  words[HIGH] = highWord;
  words[LOW] = lowWord;
  return { value: scratch[0], ties, below };
}

/** The smallest squared pairwise distance above `value`. */
function nextSquaredAbove(set: PointSet, value: number): number {
  let next = Infinity;
  forEachPair(set, (squared) => {
    if (squared > value && squared < next) next = squared;
  });
  return next;
}

/**
 * The median of the distances |x_i − x_j| over all pairs i < j (for an even number of pairs, the mean of the
 * two middle ones), exactly. Needs at least 2 points.
 */
export function medianPairwiseDistance(set: PointSet): number {
  const pairs = (set.rows * (set.rows - 1)) / 2;
  const lowRank = Math.floor((pairs - 1) / 2);
  const low = selectSquared(set, lowRank);
  if (pairs % 2 === 1) return Math.sqrt(low.value);
  // the upper middle pair is the same value while ties remain, else the next larger distance
  const high = low.below + low.ties > lowRank + 1 ? low.value : nextSquaredAbove(set, low.value);
  return (Math.sqrt(low.value) + Math.sqrt(high)) / 2;
}
