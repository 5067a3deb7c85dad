// Small vector helpers for the plain (non-batched) Design methods. Hot loops live in field/.

/** |x − c x0|². */
export function distance2(x: ArrayLike<number>, x0: ArrayLike<number>, c = 1): number {
  let sum = 0;
  for (let j = 0; j < x.length; j++) {
    const diff = x[j]! - c * x0[j]!;
    sum += diff * diff;
  }
  return sum;
}

/** a·x + b·y as a new array. */
export function combine(a: number, x: ArrayLike<number>, b: number, y: ArrayLike<number>): Float64Array {
  const out = new Float64Array(x.length);
  for (let j = 0; j < x.length; j++) out[j] = a * x[j]! + b * y[j]!;
  return out;
}
