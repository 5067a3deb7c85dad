// Small vector helpers for the plain (non-batched) Design methods. Hot loops live in field/.
/** |x − c x0|². */
export function distance2(x, x0, c = 1) {
    let sum = 0;
    for (let j = 0; j < x.length; j++) {
        const diff = x[j] - c * x0[j];
        sum += diff * diff;
    }
    return sum;
}
/** a·x + b·y as a new array. */
export function combine(a, x, b, y) {
    const out = new Float64Array(x.length);
    for (let j = 0; j < x.length; j++)
        out[j] = a * x[j] + b * y[j];
    return out;
}
/** Throws a plain Error when a point has the wrong number of coordinates (callers validate user input). */
export function expectDimension(x, d, what) {
    if (x.length !== d)
        throw new RangeError(`${what} has ${x.length} coordinates, the design has dimension ${d}`);
}
