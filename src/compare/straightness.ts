// How straight the sampling paths are: a path's length over the distance between its ends (1 for a straight
// line, as rectified flow aims for; more the more it bends). Measured on the polyline of the saved trajectory.

/**
 * Mean over samples of (Σ_k |x_{k+1} − x_k|) / |x_K − x_0| for trajectories `states` (K × count × dim, K save
 * times). Samples whose ends coincide (length 0 either way) are left out.
 */
export function meanStraightness(states: Float64Array, times: number, count: number, dim: number): number {
  let sum = 0;
  let used = 0;
  for (let i = 0; i < count; i++) {
    const at = (k: number, c: number) => states[(k * count + i) * dim + c]!;
    let length = 0;
    for (let k = 0; k + 1 < times; k++) {
      let step = 0;
      for (let c = 0; c < dim; c++) step += (at(k + 1, c) - at(k, c)) ** 2;
      length += Math.sqrt(step);
    }
    let chord = 0;
    for (let c = 0; c < dim; c++) chord += (at(times - 1, c) - at(0, c)) ** 2;
    chord = Math.sqrt(chord);
    if (chord > 0) {
      sum += length / chord;
      used++;
    }
  }
  return used === 0 ? NaN : sum / used;
}
