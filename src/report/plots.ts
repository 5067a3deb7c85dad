// Every plot odeforge draws, as standalone SVG strings (no browser, no dependencies): line plots (ψ_t(r), φ_t(r),
// trajectory traces), a quiver of a vector field over data, trajectories in the plane, and the scatter of
// samples over data (the report's and `sample --plot`'s). Pure functions of
// numbers; what to plot for a design is decided in figures.ts.
import { equalAspect, frame, pixel, plotArea, type Axis, type LegendEntry, type ScaleKind } from './axes.js';
import { escapeXml, formatNumber } from './text.js';

/** A curve; non-finite points (and points ≤ 0 on a log axis) break it into pieces. */
export interface LineSeries {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  color: string;
  /** Shown in the legend when given. */
  label?: string;
  dash?: string;
  strokeWidth?: number;
  opacity?: number;
}

export interface PlotSize {
  /** Prefix of the SVG's ids; also the root element's id. Unique per page. */
  id: string;
  title?: string;
  width?: number;
  height?: number;
  /** Lines of small text under the plot. */
  notes?: readonly string[];
}

export interface LinePlotOptions extends PlotSize {
  xLabel: string;
  yLabel: string;
  xScale?: ScaleKind;
  yScale?: ScaleKind;
  /** Data ranges shown (default: the finite range of the series). */
  xRange?: readonly [number, number];
  yRange?: readonly [number, number];
}

/** A set of points drawn as dots under a plane plot (the data). */
export interface PointLayer {
  /** Flat n × dim; the first two coordinates are drawn. */
  points: Float64Array;
  dim: number;
  label: string;
  color: string;
  radius?: number;
  opacity?: number;
  /** At most this many dots (an even stride through the points; default 3000). */
  maxPoints?: number;
}

const usable = (v: number, scale: ScaleKind): boolean => Number.isFinite(v) && (scale === 'linear' || v > 0);

function rangeOf(values: readonly ArrayLike<number>[], scale: ScaleKind): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const array of values) {
    for (let i = 0; i < array.length; i++) {
      const v = array[i]!;
      if (!usable(v, scale)) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  if (!Number.isFinite(lo)) return scale === 'log' ? [1, 10] : [0, 1];
  if (scale === 'log') return hi / lo < 1.0001 ? [lo / 2, hi * 2] : [lo, hi];
  if (hi - lo < 1e-12 * Math.max(1, Math.abs(lo))) return [lo - 1, hi + 1];
  const pad = 0.04 * (hi - lo);
  return [lo - pad, hi + pad];
}

/** v pulled into [min − span/2, max + span/2] (in the axis' own scale), so far-off points stay near the frame. */
function clampNear(axis: Axis, v: number): number {
  if (axis.scale === 'log') {
    const span = Math.log10(axis.max / axis.min);
    return 10 ** Math.min(Math.max(Math.log10(v), Math.log10(axis.min) - span / 2), Math.log10(axis.max) + span / 2);
  }
  const span = axis.max - axis.min;
  return Math.min(Math.max(v, axis.min - span / 2), axis.max + span / 2);
}

/** SVG path data of a curve, broken where a point is not drawable. */
function pathData(series: LineSeries, x: Axis, y: Axis, px: (v: number) => number, py: (v: number) => number): string {
  const parts: string[] = [];
  let pen = false;
  const n = Math.min(series.x.length, series.y.length);
  for (let i = 0; i < n; i++) {
    const a = series.x[i]!;
    const b = series.y[i]!;
    if (!usable(a, x.scale) || !usable(b, y.scale)) {
      pen = false;
      continue;
    }
    parts.push(`${pen ? 'L' : 'M'}${pixel(px(clampNear(x, a)))} ${pixel(py(clampNear(y, b)))}`);
    pen = true;
  }
  return parts.join('');
}

function legendOfLines(series: readonly LineSeries[]): LegendEntry[] {
  return series
    .filter((s) => s.label !== undefined)
    .map((s) => ({ label: s.label!, color: s.color, mark: 'line' as const, dash: s.dash }));
}

/**
 * Curves y(x) on linear or log axes, with ticks, grid, axis labels and a legend of the labelled series.
 * @example linePlotSvg([{ x: [1, 2, 3], y: [1, 4, 9], color: '#1c7ed6', label: 'x²' }], { id: 'sq', xLabel: 'x', yLabel: 'y' })
 */
export function linePlotSvg(series: readonly LineSeries[], options: LinePlotOptions): string {
  const xScale = options.xScale ?? 'linear';
  const yScale = options.yScale ?? 'linear';
  const [xMin, xMax] =
    options.xRange ??
    rangeOf(
      series.map((s) => s.x),
      xScale,
    );
  const [yMin, yMax] =
    options.yRange ??
    rangeOf(
      series.map((s) => s.y),
      yScale,
    );
  const x: Axis = { scale: xScale, min: xMin, max: xMax, label: options.xLabel };
  const y: Axis = { scale: yScale, min: yMin, max: yMax, label: options.yLabel };
  const f = frame({
    id: options.id,
    width: options.width ?? 620,
    height: options.height ?? 400,
    title: options.title,
    x,
    y,
    legend: legendOfLines(series),
    notes: options.notes,
  });
  const body: string[] = [];
  for (const s of series) {
    const d = pathData(s, x, y, f.px, f.py);
    if (d === '') continue;
    const dash = s.dash ? ` stroke-dasharray="${s.dash}"` : '';
    const title = s.label ? `<title>${escapeXml(s.label)}</title>` : '';
    body.push(
      `<path class="series" d="${d}" fill="none" stroke="${escapeXml(s.color)}" stroke-width="${s.strokeWidth ?? 2}" stroke-opacity="${s.opacity ?? 1}" stroke-linejoin="round"${dash}>${title}</path>`,
    );
  }
  return `${f.head}\n${body.join('\n')}\n${f.tail}`;
}

function pointsSvg(layer: PointLayer, px: (v: number) => number, py: (v: number) => number): string {
  const n = layer.points.length / layer.dim;
  const stride = Math.max(1, Math.ceil(n / (layer.maxPoints ?? 3000)));
  const dots: string[] = [];
  for (let i = 0; i < n; i += stride) {
    const a = layer.points[i * layer.dim]!;
    const b = layer.dim > 1 ? layer.points[i * layer.dim + 1]! : 0;
    if (Number.isFinite(a) && Number.isFinite(b))
      dots.push(`<circle cx="${pixel(px(a))}" cy="${pixel(py(b))}" r="${layer.radius ?? 1.5}"/>`);
  }
  return `<g class="points" fill="${escapeXml(layer.color)}" fill-opacity="${layer.opacity ?? 0.55}"><title>${escapeXml(layer.label)}</title>\n${dots.join('\n')}\n</g>`;
}

interface Box {
  xmin: number;
  xmax: number;
  ymin: number;
  ymax: number;
}

/** The bounding box of the first two coordinates of some flat n × dim point sets (finite points only). */
function boxOf(sets: readonly { points: Float64Array; dim: number }[]): Box | undefined {
  const box = { xmin: Infinity, xmax: -Infinity, ymin: Infinity, ymax: -Infinity };
  for (const { points, dim } of sets) {
    for (let i = 0; i + dim <= points.length; i += dim) {
      const a = points[i]!;
      const b = dim > 1 ? points[i + 1]! : 0;
      if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
      box.xmin = Math.min(box.xmin, a);
      box.xmax = Math.max(box.xmax, a);
      box.ymin = Math.min(box.ymin, b);
      box.ymax = Math.max(box.ymax, b);
    }
  }
  return Number.isFinite(box.xmin) ? box : undefined;
}

export interface PlaneOptions extends PlotSize {
  xLabel?: string;
  yLabel?: string;
}

/** An equal-aspect frame around `box` for a plane plot. */
function planeFrame(options: PlaneOptions, box: Box, legend: readonly LegendEntry[], notes: readonly string[]) {
  const layout = {
    width: options.width ?? 420,
    height: options.height ?? 470,
    title: options.title,
    legend,
    notes,
    legendPlacement: 'below' as const,
  };
  const area = plotArea(layout);
  const range = equalAspect(box, area.width, area.height);
  return frame({
    ...layout,
    id: options.id,
    x: { scale: 'linear', min: range.x[0], max: range.x[1], label: options.xLabel ?? 'x₁' },
    y: { scale: 'linear', min: range.y[0], max: range.y[1], label: options.yLabel ?? 'x₂' },
  });
}

export interface QuiverOptions extends PlaneOptions {
  /** Arrow tails, flat n × 2. */
  positions: Float64Array;
  /** The vectors, flat n × 2. */
  vectors: Float64Array;
  /** Grid spacing in data units: the longest arrow is 0.9 of it. */
  spacing: number;
  arrowLabel: string;
  arrowColor?: string;
  /** Points drawn under the arrows (the data). */
  background?: PointLayer;
}

/** The q-quantile (0..1) of finite values. */
function quantile(values: number[], q: number): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/**
 * A quiver plot: one arrow per position, length ∝ |v| up to the 90th percentile of |v| (longer ones are drawn
 * at that length, so a few huge vectors do not flatten the rest), on equal axes, over optional data points.
 */
export function quiverSvg(options: QuiverOptions): string {
  const n = options.positions.length / 2;
  const magnitudes = Array.from({ length: n }, (_, i) =>
    Math.hypot(options.vectors[2 * i]!, options.vectors[2 * i + 1]!),
  );
  const reference = quantile(magnitudes, 0.9);
  const skipped = magnitudes.filter((m) => !Number.isFinite(m)).length;
  const color = options.arrowColor ?? '#1c4e80';
  const legend: LegendEntry[] = [];
  if (options.background)
    legend.push({ label: options.background.label, color: options.background.color, mark: 'dot' });
  legend.push({ label: options.arrowLabel, color, mark: 'arrow' });
  const notes = [
    ...(options.notes ?? []),
    `length ∝ |v| up to |v| = ${formatNumber(reference)} (90th pct.)`,
    ...(skipped > 0 ? [`${skipped} non-finite vectors not drawn`] : []),
  ];
  const box = boxOf([{ points: options.positions, dim: 2 }]) ?? { xmin: -1, xmax: 1, ymin: -1, ymax: 1 };
  const f = planeFrame(options, box, legend, notes);
  // Arrow length in pixels per data unit of the grid spacing (equal scales: the x map serves both axes).
  const pxPerUnit = Math.abs(f.px(1) - f.px(0));
  const full = 0.9 * options.spacing * pxPerUnit;
  const body: string[] = [];
  if (options.background) body.push(pointsSvg(options.background, f.px, f.py));
  body.push(
    `<defs><marker id="${options.id}-head" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="4.5" markerHeight="4.5" orient="auto"><path d="M0 0L10 5L0 10z" fill="${escapeXml(color)}"/></marker></defs>`,
  );
  body.push(`<g class="arrows" stroke="${escapeXml(color)}" stroke-width="1.3" marker-end="url(#${options.id}-head)">`);
  for (let i = 0; i < n; i++) {
    const m = magnitudes[i]!;
    if (!Number.isFinite(m) || m === 0 || !(reference > 0)) continue;
    const length = full * Math.min(1, m / reference);
    const x0 = f.px(options.positions[2 * i]!);
    const y0 = f.py(options.positions[2 * i + 1]!);
    // SVG's y axis points down.
    const x1 = x0 + (length * options.vectors[2 * i]!) / m;
    const y1 = y0 - (length * options.vectors[2 * i + 1]!) / m;
    body.push(`<line x1="${pixel(x0)}" y1="${pixel(y0)}" x2="${pixel(x1)}" y2="${pixel(y1)}"/>`);
  }
  body.push('</g>');
  return `${f.head}\n${body.join('\n')}\n${f.tail}`;
}

export interface TrajectoryPlotOptions extends PlaneOptions {
  /** States at K save times, flat K × count × dim (time index first, as `sample` returns them). */
  states: Float64Array;
  steps: number;
  count: number;
  dim: number;
  /** Points drawn under the trajectories (the data). */
  background?: PointLayer;
  /** Draw at most this many trajectories (the first ones; default 40). */
  maxTrajectories?: number;
  color?: string;
  startColor?: string;
  endColor?: string;
}

/**
 * Trajectories in the plane of the first two coordinates, from their start (ring) to their end (dot), over
 * data. The view covers the data and the ends; it takes in the starts too unless that would make the view
 * more than 3 times larger, in which case a note says how many starts lie outside.
 */
export function trajectoriesSvg(options: TrajectoryPlotOptions): string {
  const { states, steps: K, count: n, dim: d } = options;
  const shown = Math.min(n, options.maxTrajectories ?? 40);
  const layer = (k: number) => ({ points: states.subarray(k * n * d, (k + 1) * n * d), dim: d });
  const starts = layer(0);
  const ends = layer(K - 1);
  const background = options.background ? [options.background] : [];
  const core = boxOf([ends, ...background]) ?? { xmin: -1, xmax: 1, ymin: -1, ymax: 1 };
  const all = boxOf([ends, starts, ...background]) ?? core;
  const size = (b: Box) => Math.max(b.xmax - b.xmin, b.ymax - b.ymin);
  const box = size(all) <= 3 * size(core) ? all : core;
  let outside = 0;
  for (let i = 0; i < shown; i++) {
    const a = starts.points[i * d]!;
    const b = d > 1 ? starts.points[i * d + 1]! : 0;
    if (a < box.xmin || a > box.xmax || b < box.ymin || b > box.ymax) outside++;
  }
  const color = options.color ?? '#5f3dc4';
  const startColor = options.startColor ?? '#e67700';
  const endColor = options.endColor ?? '#c92a2a';
  const legend: LegendEntry[] = [];
  if (options.background)
    legend.push({ label: options.background.label, color: options.background.color, mark: 'dot' });
  legend.push(
    { label: `trajectories (${shown})`, color, mark: 'line' },
    { label: 'start', color: startColor, mark: 'ring' },
    { label: 'end', color: endColor, mark: 'dot' },
  );
  const notes = [
    ...(options.notes ?? []),
    ...(outside > 0 ? [`${outside} of ${shown} starts lie outside the view`] : []),
  ];
  const f = planeFrame(options, box, legend, notes);
  const body: string[] = [];
  if (options.background) body.push(pointsSvg(options.background, f.px, f.py));
  body.push(`<g class="trajectories" fill="none" stroke="${escapeXml(color)}" stroke-width="1" stroke-opacity="0.55">`);
  const x: Axis = { scale: 'linear', min: box.xmin, max: box.xmax, label: '' };
  const y: Axis = { scale: 'linear', min: box.ymin, max: box.ymax, label: '' };
  for (let i = 0; i < shown; i++) {
    const xs = Float64Array.from({ length: K }, (_, k) => states[(k * n + i) * d]!);
    const ys = Float64Array.from({ length: K }, (_, k) => (d > 1 ? states[(k * n + i) * d + 1]! : 0));
    const path = pathData({ x: xs, y: ys, color }, x, y, f.px, f.py);
    if (path !== '') body.push(`<path d="${path}"/>`);
  }
  body.push('</g>');
  const marks = (points: Float64Array) => {
    const out: string[] = [];
    for (let i = 0; i < shown; i++) {
      const a = points[i * d]!;
      const b = d > 1 ? points[i * d + 1]! : 0;
      if (Number.isFinite(a) && Number.isFinite(b))
        out.push(`<circle cx="${pixel(f.px(a))}" cy="${pixel(f.py(b))}" r="3"/>`);
    }
    return out.join('\n');
  };
  body.push(
    `<g class="starts" fill="white" stroke="${escapeXml(startColor)}" stroke-width="1.3">\n${marks(starts.points)}\n</g>`,
  );
  body.push(`<g class="ends" fill="${escapeXml(endColor)}">\n${marks(ends.points)}\n</g>`);
  return `${f.head}\n${body.join('\n')}\n${f.tail}`;
}

export interface ScatterOptions extends Partial<PlaneOptions> {
  /** At most this many dots per set (an even stride through the points; default 20000). */
  maxPoints?: number;
}

/**
 * Point sets (samples over data) in the plane of their first two coordinates, on equally scaled axes, each with
 * its legend entry. `sample --plot` writes it as a file, the report shows it.
 */
export function scatterSvg(series: readonly PointLayer[], options: ScatterOptions = {}): string {
  const box = boxOf(series) ?? { xmin: -1, xmax: 1, ymin: -1, ymax: 1 };
  const legend: LegendEntry[] = series.map((s) => ({ label: s.label, color: s.color, mark: 'dot' }));
  const size = { width: 640, height: 680, ...options, id: options.id ?? 'samples' };
  const f = planeFrame(size, box, legend, options.notes ?? []);
  const layers = series.map((s) =>
    pointsSvg({ radius: 1.6, opacity: 0.7, maxPoints: options.maxPoints ?? 20000, ...s }, f.px, f.py),
  );
  return `${f.head}\n${layers.join('\n')}\n${f.tail}`;
}
