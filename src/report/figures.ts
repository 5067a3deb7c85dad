// What the report plots for a design: the kernel's ψₜ(r) and φₜ(r) at a few times, the marginal velocity over
// the data at the times where the kernel's scale matches the data's, the samples and the trajectories. Sees a
// Design through the public API only; the drawing is plots.ts's (and svg.ts's scatter).
import type { Design } from '../index.js';
import type { ScaleKind } from './axes.js';
import { linePlotSvg, quiverSvg, scatterSvg, trajectoriesSvg, type PointLayer } from './plots.js';
import { formatNumber, superscript } from './text.js';

/** One plot of the page: an id for the page's anchors and tests, a caption, the SVG. */
export interface Figure {
  id: string;
  caption: string;
  svg: string;
}

/** Colour-blind-safe (Okabe–Ito), one per curve time. */
const palette = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#d55e00', '#56b4e9', '#000000'];
const dataColor = '#7b8794';

/** A time rounded to 2 significant digits, kept inside [ε, T] (so labels are exact and short). */
function roundTime(t: number, design: Pick<Design, 'T' | 'epsilon'>): number {
  const rounded = Number(t.toPrecision(2));
  return rounded >= design.epsilon && rounded <= design.T ? rounded : t;
}

/** `count` log-spaced times from ε to T (both exact), the interior ones rounded to 2 significant digits. */
export function curveTimes(design: Pick<Design, 'T' | 'epsilon'>, count = 5): number[] {
  const a = Math.log(design.epsilon);
  const b = Math.log(design.T);
  return Array.from({ length: count }, (_, k) => {
    if (k === 0) return design.epsilon;
    if (k === count - 1) return design.T;
    return roundTime(Math.exp(a + ((b - a) * k) / (count - 1)), design);
  });
}

/** ψₜ(r) = P(|xₜ − centre| ≤ r) and φₜ(r) = pₜ(x | x0) at |x − centre| = r, on one grid of r. */
export interface RadialCurves {
  times: number[];
  r: Float64Array;
  rScale: ScaleKind;
  psi: Float64Array[];
  phi: Float64Array[];
  /** φₜ at each time's 99% radius: the φ plot shows every curve down to there. */
  phiAtTail: number[];
}

function quantileOr(design: Design, t: number, u: number): number {
  try {
    const r = design.kernel.radialQuantile(t, u);
    return Number.isFinite(r) && r > 0 ? r : NaN;
  } catch {
    return NaN;
  }
}

/** log φₜ(r), from the kernel's log-density at x = r e₁ around x0 = 0 (the centre for every family). */
function logPhi(design: Design, t: number, r: number): number {
  const x = new Float64Array(design.dimension);
  x[0] = r;
  return design.kernel.logDensity(t, x, new Float64Array(design.dimension));
}

/**
 * The kernel's radial curves at `times`, over radii from the smallest time's 0.2% quantile to the largest
 * time's 99.8% quantile (log-spaced when they span more than a factor 30).
 */
export function radialCurves(design: Design, times: readonly number[], points = 240): RadialCurves {
  const lows = times.map((t) => quantileOr(design, t, 0.002)).filter(Number.isFinite);
  const highs = times.map((t) => quantileOr(design, t, 0.998)).filter(Number.isFinite);
  let lo = lows.length > 0 ? Math.min(...lows) : design.epsilon;
  let hi = highs.length > 0 ? Math.max(...highs) : design.T;
  if (!(hi > lo)) [lo, hi] = [lo / 2, lo * 2];
  const rScale: ScaleKind = hi / lo > 30 ? 'log' : 'linear';
  const r = Float64Array.from({ length: points }, (_, i) => {
    const s = i / (points - 1);
    return rScale === 'log' ? lo * (hi / lo) ** s : lo + (hi - lo) * s;
  });
  const psi = times.map((t) => r.map((v) => design.kernel.radialCdf(t, v)));
  const phi = times.map((t) => r.map((v) => Math.exp(logPhi(design, t, v))));
  const phiAtTail = times.map((t) => Math.exp(logPhi(design, t, quantileOr(design, t, 0.99))));
  return { times: [...times], r, rScale, psi, phi, phiAtTail };
}

const timeLabel = (t: number) => `t = ${formatNumber(t)}`;

/** ψₜ(r) for each time. */
export function psiFigure(design: Design, curves: RadialCurves): Figure {
  const svg = linePlotSvg(
    curves.times.map((t, k) => ({
      x: curves.r,
      y: curves.psi[k]!,
      color: palette[k % palette.length]!,
      label: timeLabel(t),
    })),
    {
      id: 'plot-psi',
      title: `${design.name}: radial CDF ψₜ(r)`,
      xLabel: 'r = |x − centre|',
      yLabel: 'ψₜ(r) = P(|xₜ − centre| ≤ r)',
      xScale: curves.rScale,
      yRange: [-0.02, 1.02],
    },
  );
  return {
    id: 'plot-psi',
    caption:
      "The kernel's radial CDF ψₜ(r) at log-spaced times from ε to T: the probability that xₜ lies within r of the " +
      "kernel's centre (x₀ for radial designs, αₜ x₀ for paths). It should rise from 0 to 1, and move right as t grows.",
    svg,
  };
}

/** φₜ(r) on log axes, down to where every curve has reached its 99% radius. */
export function phiFigure(design: Design, curves: RadialCurves): Figure {
  let top = 0;
  for (const values of curves.phi) for (const v of values) if (Number.isFinite(v) && v > top) top = v;
  const tails = curves.phiAtTail.filter((v) => Number.isFinite(v) && v > 0);
  const floor = Math.max(tails.length > 0 ? Math.min(...tails) / 10 : top * 1e-12, top * 1e-300);
  const svg = linePlotSvg(
    curves.times.map((t, k) => ({
      x: curves.r,
      y: curves.phi[k]!,
      color: palette[k % palette.length]!,
      label: timeLabel(t),
    })),
    {
      id: 'plot-phi',
      title: `${design.name}: kernel density φₜ(r)`,
      xLabel: 'r = |x − centre|',
      yLabel: 'φₜ(r) = pₜ(x | x₀)',
      xScale: curves.rScale,
      yScale: 'log',
      yRange: top > floor ? [floor, top * 1.5] : undefined,
      notes: [`density in ℝ${superscript(design.dimension)} at distance r from the centre (not the density of |xₜ|)`],
    },
  );
  return {
    id: 'plot-phi',
    caption: `The normalized kernel density φₜ(r) = pₜ(x | x₀) at distance r from the centre, in d = ${design.dimension}, at the same times.`,
    svg,
  };
}

/** Flat m × d data with its dimension. */
export interface PlotData {
  points: Float64Array;
  dim: number;
  label: string;
}

/** Root-mean-square distance of the points to their mean: the data's scale. */
export function dataScale(data: PlotData): number {
  const { points, dim } = data;
  const m = points.length / dim;
  const mean = new Float64Array(dim);
  for (let i = 0; i < m; i++) for (let c = 0; c < dim; c++) mean[c]! += points[i * dim + c]! / m;
  let sum = 0;
  for (let i = 0; i < m; i++) for (let c = 0; c < dim; c++) sum += (points[i * dim + c]! - mean[c]!) ** 2;
  return Math.sqrt(sum / m);
}

/** The kernel's median radius over the data's scale at t, α_t times the data's scale for paths: noise to signal. */
function noiseToData(design: Design, t: number, scale: number): number {
  const alpha = design.schedule?.(t).alpha ?? 1;
  return quantileOr(design, t, 0.5) / (Math.abs(alpha) * scale);
}

/**
 * The time in [ε, T] at which noise to signal (the kernel's median radius over |α_t| times the data's scale)
 * equals `ratio`, by bisection in log t (it is taken to grow with t); ε or T when out of reach.
 */
export function timeAtNoiseRatio(design: Design, scale: number, ratio: number): number {
  const at = (t: number) => noiseToData(design, t, scale);
  if (!(at(design.epsilon) < ratio)) return design.epsilon;
  if (!(at(design.T) > ratio)) return design.T;
  let lo = Math.log(design.epsilon);
  let hi = Math.log(design.T);
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (at(Math.exp(mid)) < ratio) lo = mid;
    else hi = mid;
  }
  return Math.exp((lo + hi) / 2);
}

/** Noise-to-signal ratios at which the field is shown: coarse, middle, fine. */
export const fieldRatios = [1.5, 0.5, 0.15] as const;

/** Times at which to show the field: where noise to signal is each of `fieldRatios`. */
export function fieldTimes(design: Design, data: PlotData): number[] {
  const s = dataScale(data);
  const times = fieldRatios.map((ratio) => roundTime(timeAtNoiseRatio(design, s, ratio), design));
  return [...new Set(times)];
}

/** Arrow tails on a square grid over the data's box (first two coordinates), the other coordinates at the mean. */
export interface VelocityGrid {
  positions: Float64Array;
  /** −vₜ(x) in the first two coordinates: the direction samples move as t decreases. */
  vectors: Float64Array;
  spacing: number;
}

/** −v_t on a grid of about `cells` × `cells` arrows covering the data's box (first two coordinates) and 15% around it. */
export function velocityGrid(design: Design, data: PlotData, t: number, cells = 16): VelocityGrid {
  const { points, dim } = data;
  const m = points.length / dim;
  let [xmin, xmax, ymin, ymax] = [Infinity, -Infinity, Infinity, -Infinity];
  const mean = new Float64Array(dim);
  for (let i = 0; i < m; i++) {
    const a = points[i * dim]!;
    const b = points[i * dim + 1]!;
    [xmin, xmax, ymin, ymax] = [Math.min(xmin, a), Math.max(xmax, a), Math.min(ymin, b), Math.max(ymax, b)];
    for (let c = 0; c < dim; c++) mean[c]! += points[i * dim + c]! / m;
  }
  const span = Math.max(xmax - xmin, ymax - ymin, 1e-9) * 1.3;
  const spacing = span / cells;
  const nx = Math.max(2, Math.round(((xmax - xmin) * 1.3) / spacing) + 1);
  const ny = Math.max(2, Math.round(((ymax - ymin) * 1.3) / spacing) + 1);
  const x0 = (xmin + xmax) / 2 - ((nx - 1) * spacing) / 2;
  const y0 = (ymin + ymax) / 2 - ((ny - 1) * spacing) / 2;
  const field = design.field(points);
  const positions = new Float64Array(2 * nx * ny);
  const vectors = new Float64Array(2 * nx * ny);
  const x = Float64Array.from(mean);
  let k = 0;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      x[0] = x0 + i * spacing;
      x[1] = y0 + j * spacing;
      const v = field.velocity(t, x);
      positions[2 * k] = x[0];
      positions[2 * k + 1] = x[1];
      vectors[2 * k] = -v[0]!;
      vectors[2 * k + 1] = -v[1]!;
      k++;
    }
  }
  return { positions, vectors, spacing };
}

function dataLayer(data: PlotData): PointLayer {
  return {
    points: data.points,
    dim: data.dim,
    label: `data (${data.label})`,
    color: dataColor,
    radius: 1.8,
    opacity: 0.7,
  };
}

const planeNote = (dim: number) => (dim > 2 ? ['first two coordinates; the others at the data mean'] : []);

/** −vₜ(x) against x at each of `times`, for one-dimensional designs (a quiver needs two coordinates). */
function velocityCurvesFigure(design: Design, data: PlotData, times: readonly number[]): Figure {
  let [lo, hi] = [Infinity, -Infinity];
  for (const v of data.points) if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  const pad = 0.3 * Math.max(hi - lo, 1e-9);
  const x = Float64Array.from({ length: 241 }, (_, i) => lo - pad + ((hi - lo + 2 * pad) * i) / 240);
  const field = design.field(data.points);
  const series = times.map((t, k) => ({
    x,
    y: x.map((v) => -field.velocity(t, [v])[0]!),
    color: palette[k % palette.length]!,
    label: timeLabel(t),
  }));
  return {
    id: 'plot-velocity-1',
    caption:
      "Marginal velocity −vₜ(x) over the data's range: where it crosses zero downwards, samples gather as t decreases.",
    svg: linePlotSvg(series, { id: 'plot-velocity-1', title: `${design.name}: −vₜ(x)`, xLabel: 'x', yLabel: '−vₜ(x)' }),
  };
}

/** A quiver of −vₜ over the data at each of `times` (curves of −vₜ(x) when d = 1). */
export function velocityFigures(design: Design, data: PlotData, times: readonly number[]): Figure[] {
  if (data.dim === 1) return [velocityCurvesFigure(design, data, times)];
  return times.map((t, k) => {
    const grid = velocityGrid(design, data, t);
    const id = `plot-velocity-${k + 1}`;
    return {
      id,
      caption:
        `Marginal velocity at t = ${formatNumber(t)}: the kernel's median radius is ${formatNumber(quantileOr(design, t, 0.5))}, ` +
        `${formatNumber(noiseToData(design, t, dataScale(data)), 2)} times the data's scale${design.schedule ? ' (times |αₜ|)' : ''}.`,
      svg: quiverSvg({
        id,
        title: `−vₜ(x) at t = ${formatNumber(t)}`,
        ...grid,
        arrowLabel: '−vₜ(x)',
        background: dataLayer(data),
        notes: planeNote(data.dim),
        width: 400,
        height: 460,
      }),
    };
  });
}

/** Samples over data: the same scatter as `sample --plot`. */
export function samplesFigure(design: Design, data: PlotData, samples: Float64Array): Figure {
  const n = samples.length / data.dim;
  const coords = data.dim > 2 ? ' (first two coordinates)' : '';
  return {
    id: 'plot-samples',
    caption: `${n} samples of the marginal ODE from t = T down to ε, over the data${coords}.`,
    svg: scatterSvg(
      [
        {
          points: data.points,
          dim: data.dim,
          label: `data (${data.label})`,
          color: dataColor,
          radius: 1.8,
          opacity: 0.7,
        },
        { points: samples, dim: data.dim, label: `samples (${n})`, color: '#d9480f', radius: 1.6, opacity: 0.75 },
      ],
      { id: 'samples', title: `${design.name}: samples over data${coords}`, width: 420, height: 470 },
    ),
  };
}

export interface Trajectories {
  /** Save times from T down to ε. */
  times: Float64Array;
  /** K × count × dim. */
  states: Float64Array;
  count: number;
}

/** Trajectories in the plane, and the first coordinate against t (from the prior's scale down to the data's). */
export function trajectoryFigures(design: Design, data: PlotData, trajectories: Trajectories, shown = 40): Figure[] {
  const { times, states, count } = trajectories;
  const K = times.length;
  const d = data.dim;
  const traces = Array.from({ length: Math.min(shown, count) }, (_, i) => ({
    x: times,
    y: Float64Array.from({ length: K }, (_, k) => states[(k * count + i) * d]!),
    color: '#5f3dc4',
    strokeWidth: 1,
    opacity: 0.5,
  }));
  // The view spans the middle 80% of starts and the data: a few far starts (heavy-tailed priors) leave it.
  const firstCoordinate = (k: number) =>
    Array.from({ length: count }, (_, i) => states[(k * count + i) * d]!)
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
  const starts = firstCoordinate(0);
  const ends = firstCoordinate(K - 1);
  const pick = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const lo = Math.min(pick(starts, 0.1), ends[0] ?? 0);
  const hi = Math.max(pick(starts, 0.9), ends[ends.length - 1] ?? 0);
  const pad = 0.05 * Math.max(hi - lo, 1e-9);
  const tracesFigure: Figure = {
    id: 'plot-traces',
    caption:
      'The first coordinate of the trajectories against t (log scale): sampling runs from right (t = T) to left (t = ε).',
    svg: linePlotSvg(traces, {
      id: 'plot-traces',
      title: `${design.name}: x₁ along the trajectories`,
      xLabel: 't (sampling runs right to left)',
      yLabel: 'x₁',
      xScale: 'log',
      xRange: [design.epsilon, design.T],
      yRange: [lo - pad, hi + pad],
      width: 400,
      height: 400,
    }),
  };
  if (d === 1) return [tracesFigure];
  return [
    {
      id: 'plot-trajectories',
      caption:
        'Trajectories of the sampler from the prior at t = T (rings) to the samples at t = ε (dots), over the data.',
      svg: trajectoriesSvg({
        id: 'plot-trajectories',
        title: `${design.name}: trajectories, prior → data`,
        states,
        steps: K,
        count,
        dim: d,
        background: dataLayer(data),
        maxTrajectories: shown,
        notes: planeNote(d),
        width: 400,
        height: 460,
      }),
    },
    tracesFigure,
  ];
}
