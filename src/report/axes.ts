// The frame every report plot is drawn in: linear or log scales, round ticks, grid, axis labels, a title and a
// legend outside the plot area (so it never hides data). Knows nothing about designs or what is plotted.
import { escapeXml, formatNumber, powerOfTen } from './text.js';

export type ScaleKind = 'linear' | 'log';

/** One axis: its scale and the data range shown (min < max; both > 0 on a log scale). */
export interface Axis {
  scale: ScaleKind;
  min: number;
  max: number;
  label: string;
}

export interface LegendEntry {
  label: string;
  color: string;
  /** How the entry is drawn: a line (dashed when `dash` is set), a dot, a ring or an arrow. */
  mark: 'line' | 'dot' | 'ring' | 'arrow';
  dash?: string;
}

export interface FrameOptions {
  /** Prefix of the ids inside the SVG (clip path, markers): unique per page. */
  id: string;
  width: number;
  height: number;
  title?: string;
  x: Axis;
  y: Axis;
  legend: readonly LegendEntry[];
  /** Right of the plot area (default; for curves) or below it (for plane plots, which need the width). */
  legendPlacement?: 'right' | 'below';
  /** Lines written under the x label (notes on what is shown). */
  notes?: readonly string[];
}

/** Where plot content goes: pixel maps and the SVG around the content. */
export interface Frame {
  /** Data → pixel. Values are not clamped; content is clipped to the plot area. */
  px(x: number): number;
  py(y: number): number;
  /** The plot area in pixels. */
  area: { left: number; top: number; width: number; height: number };
  /** Opening SVG (root, title, grid, ticks, labels) up to the clipped content group. */
  head: string;
  /** Closing SVG (end of content, border, legend, notes). */
  tail: string;
}

const fontSize = 12;
const charWidth = 6.8;

/** Round tick values 1, 2 or 5 × 10^k apart covering [lo, hi], about `count` of them. */
export function niceTicks(lo: number, hi: number, count = 6): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step)
    ticks.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return ticks;
}

/** Pixel coordinate as written in SVG. */
export const pixel = (v: number): string => v.toFixed(2);

/** Ticks of a log axis: decades (every k-th when there are many), with 2 and 5 multiples over ≤ 2 decades. */
export function logTicks(min: number, max: number): number[] {
  const lo = Math.log10(min);
  const hi = Math.log10(max);
  if (hi - lo < 0.7) return niceTicks(min, max, 4);
  const first = Math.ceil(lo - 1e-9);
  const last = Math.floor(hi + 1e-9);
  const every = Math.max(1, Math.ceil((last - first + 1) / 8));
  const ticks: number[] = [];
  for (let k = first; k <= last; k += every) ticks.push(10 ** k);
  if (hi - lo <= 2.2) {
    for (let k = first - 1; k <= last; k++) {
      for (const m of [2, 5]) {
        const v = m * 10 ** k;
        if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)) ticks.push(v);
      }
    }
    ticks.sort((a, b) => a - b);
  }
  return ticks;
}

/** The labels of an axis' ticks: decades as 10ᵏ outside 10⁻³..10⁴, others plainly. */
function tickLabels(axis: Axis, ticks: readonly number[]): string[] {
  if (axis.scale === 'log') {
    return ticks.map((v) => {
      const k = Math.log10(v);
      return Number.isInteger(Math.round(k * 1e9) / 1e9) && (k < -3 || k > 4)
        ? powerOfTen(Math.round(k))
        : formatNumber(v);
    });
  }
  const step = ticks.length > 1 ? Math.abs(ticks[1]! - ticks[0]!) : 1;
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const big = ticks.reduce((largest, v) => Math.max(largest, Math.abs(v)), 0);
  if (big >= 1e5 || (big > 0 && big < 1e-3)) return ticks.map((v) => formatNumber(v));
  return ticks.map((v) => (v === 0 ? '0' : v.toFixed(Math.min(decimals, 12)).replace('-', '−')));
}

function ticksOf(axis: Axis): number[] {
  return axis.scale === 'log' ? logTicks(axis.min, axis.max) : niceTicks(axis.min, axis.max);
}

/** Data → pixel on [start, start + length], reversed for the y axis. */
function mapper(axis: Axis, start: number, length: number, reversed: boolean): (v: number) => number {
  const f = axis.scale === 'log' ? Math.log10 : (v: number) => v;
  const a = f(axis.min);
  const span = f(axis.max) - a;
  return reversed ? (v) => start + length - ((f(v) - a) / span) * length : (v) => start + ((f(v) - a) / span) * length;
}

const entryWidth = (entry: LegendEntry): number => entry.label.length * charWidth + 40;

/** Legend entries' offsets from the legend's top-left corner, and the legend's size. */
interface LegendLayout {
  width: number;
  height: number;
  offsets: { x: number; y: number }[];
}

/** One column (right of the plot), or rows filling `rowWidth` (below it). */
function legendLayout(legend: readonly LegendEntry[], placement: 'right' | 'below', rowWidth: number): LegendLayout {
  if (legend.length === 0) return { width: 0, height: 0, offsets: [] };
  if (placement === 'right') {
    return {
      width: legend.reduce((widest, entry) => Math.max(widest, entryWidth(entry)), 0),
      height: legend.length * 18 + 10,
      offsets: legend.map((_, k) => ({ x: 8, y: 16 + 18 * k })),
    };
  }
  const offsets: { x: number; y: number }[] = [];
  let x = 8;
  let row = 0;
  let widest = 0;
  for (const entry of legend) {
    if (x > 8 && x + entryWidth(entry) > rowWidth) {
      row++;
      x = 8;
    }
    offsets.push({ x, y: 16 + 18 * row });
    x += entryWidth(entry);
    widest = Math.max(widest, x);
  }
  return { width: widest, height: (row + 1) * 18 + 10, offsets };
}

function legendMark(entry: LegendEntry, x: number, y: number, id: string): string {
  const color = escapeXml(entry.color);
  switch (entry.mark) {
    case 'line':
      return `<line x1="${x}" y1="${y}" x2="${x + 22}" y2="${y}" stroke="${color}" stroke-width="2"${entry.dash ? ` stroke-dasharray="${entry.dash}"` : ''}/>`;
    case 'dot':
      return `<circle cx="${x + 11}" cy="${y}" r="3.5" fill="${color}"/>`;
    case 'ring':
      return `<circle cx="${x + 11}" cy="${y}" r="3.5" fill="none" stroke="${color}" stroke-width="1.3"/>`;
    case 'arrow':
      return `<line x1="${x}" y1="${y}" x2="${x + 20}" y2="${y}" stroke="${color}" stroke-width="1.3" marker-end="url(#${id}-head)"/>`;
  }
}

/**
 * The frame of a plot: root element, title, grid, ticks and tick labels, axis labels, the clip path of the plot
 * area, and (in `tail`) the border, the legend (right of or below the plot area) and the notes.
 */
export function frame(options: FrameOptions): Frame {
  const { id, width, height, x, y, legend } = options;
  const notes = options.notes ?? [];
  const { margin, legendBox } = layout(options);
  const area = {
    left: margin.left,
    top: margin.top,
    width: width - margin.left - margin.right,
    height: height - margin.top - margin.bottom,
  };
  const px = mapper(x, area.left, area.width, false);
  const py = mapper(y, area.top, area.height, true);
  const bottom = area.top + area.height;
  const right = area.left + area.width;
  const xTicks = ticksOf(x);
  const yTicks = ticksOf(y);
  const xLabels = tickLabels(x, xTicks);
  const yLabels = tickLabels(y, yTicks);

  const head: string[] = [];
  head.push(
    `<svg xmlns="http://www.w3.org/2000/svg" id="${id}" class="odeforge-plot" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="${fontSize}">`,
  );
  head.push(`<rect width="${width}" height="${height}" fill="white"/>`);
  if (options.title)
    head.push(
      `<text class="title" x="${pixel(area.left + area.width / 2)}" y="22" text-anchor="middle" font-size="14" font-weight="bold">${escapeXml(options.title)}</text>`,
    );
  head.push(
    `<defs><clipPath id="${id}-clip"><rect x="${area.left}" y="${area.top}" width="${pixel(area.width)}" height="${pixel(area.height)}"/></clipPath></defs>`,
  );
  head.push('<g class="grid" stroke="#e6e6e6">');
  for (const v of xTicks)
    head.push(`<line x1="${pixel(px(v))}" y1="${area.top}" x2="${pixel(px(v))}" y2="${pixel(bottom)}"/>`);
  for (const v of yTicks)
    head.push(`<line x1="${area.left}" y1="${pixel(py(v))}" x2="${pixel(right)}" y2="${pixel(py(v))}"/>`);
  head.push('</g>');
  head.push('<g class="axis x-axis"><g class="ticks" stroke="#333">');
  for (const v of xTicks)
    head.push(`<line x1="${pixel(px(v))}" y1="${pixel(bottom)}" x2="${pixel(px(v))}" y2="${pixel(bottom + 5)}"/>`);
  head.push('</g><g class="tick-labels" fill="#333" text-anchor="middle">');
  xTicks.forEach((v, i) =>
    head.push(`<text x="${pixel(px(v))}" y="${pixel(bottom + 18)}">${escapeXml(xLabels[i]!)}</text>`),
  );
  head.push(
    `</g><text class="axis-label" x="${pixel(area.left + area.width / 2)}" y="${pixel(bottom + 38)}" text-anchor="middle" font-size="13">${escapeXml(x.label)}</text></g>`,
  );
  head.push('<g class="axis y-axis"><g class="ticks" stroke="#333">');
  for (const v of yTicks)
    head.push(`<line x1="${area.left - 5}" y1="${pixel(py(v))}" x2="${area.left}" y2="${pixel(py(v))}"/>`);
  head.push('</g><g class="tick-labels" fill="#333" text-anchor="end">');
  yTicks.forEach((v, i) =>
    head.push(`<text x="${area.left - 8}" y="${pixel(py(v) + 4)}">${escapeXml(yLabels[i]!)}</text>`),
  );
  head.push(
    `</g><text class="axis-label" transform="translate(16 ${pixel(area.top + area.height / 2)}) rotate(-90)" text-anchor="middle" font-size="13">${escapeXml(y.label)}</text></g>`,
  );
  head.push(`<g class="content" clip-path="url(#${id}-clip)">`);

  const tail: string[] = ['</g>'];
  tail.push(
    `<rect class="border" x="${area.left}" y="${area.top}" width="${pixel(area.width)}" height="${pixel(area.height)}" fill="none" stroke="#333"/>`,
  );
  if (legend.length > 0) {
    const lx = options.legendPlacement === 'below' ? area.left : right + 12;
    const ly = options.legendPlacement === 'below' ? bottom + 48 : area.top;
    tail.push(
      `<g class="legend"><rect x="${pixel(lx)}" y="${pixel(ly)}" width="${pixel(legendBox.width)}" height="${legendBox.height}" fill="white" stroke="#bbb"/>`,
    );
    legend.forEach((entry, k) => {
      const at = legendBox.offsets[k]!;
      tail.push(
        `${legendMark(entry, lx + at.x, ly + at.y - 4, id)}<text x="${pixel(lx + at.x + 28)}" y="${pixel(ly + at.y)}">${escapeXml(entry.label)}</text>`,
      );
    });
    tail.push('</g>');
  }
  const notesTop = bottom + 56 + (options.legendPlacement === 'below' ? legendBox.height + 6 : 0);
  notes.forEach((note, k) => {
    tail.push(
      `<text class="note" x="${area.left}" y="${pixel(notesTop + 16 * k)}" fill="#555" font-size="11">${escapeXml(note)}</text>`,
    );
  });
  tail.push('</svg>');
  return { px, py, area, head: head.join('\n'), tail: `${tail.join('\n')}\n` };
}

/**
 * Data ranges for a plane plot with equal scales on both axes: the box [xmin, xmax] × [ymin, ymax] padded by
 * `pad` (a fraction) and widened along one axis to the plot area's aspect ratio.
 */
export function equalAspect(
  box: { xmin: number; xmax: number; ymin: number; ymax: number },
  plotWidth: number,
  plotHeight: number,
  pad = 0.06,
): { x: [number, number]; y: [number, number] } {
  const cx = (box.xmin + box.xmax) / 2;
  const cy = (box.ymin + box.ymax) / 2;
  const spanX = Math.max(box.xmax - box.xmin, 1e-12) * (1 + 2 * pad);
  const spanY = Math.max(box.ymax - box.ymin, 1e-12) * (1 + 2 * pad);
  const unitsPerPixel = Math.max(spanX / plotWidth, spanY / plotHeight);
  const hx = (unitsPerPixel * plotWidth) / 2;
  const hy = (unitsPerPixel * plotHeight) / 2;
  return { x: [cx - hx, cx + hx], y: [cy - hy, cy + hy] };
}

type Layout = Pick<FrameOptions, 'width' | 'height' | 'title' | 'legend' | 'legendPlacement' | 'notes'>;

/**
 * Space around the plot area (tick labels and the y label left, the x label and notes below, the legend right
 * or below) and the legend's layout.
 */
function layout(options: Layout): {
  margin: { left: number; right: number; top: number; bottom: number };
  legendBox: LegendLayout;
} {
  const left = 70;
  if (options.legendPlacement === 'below') {
    const right = 16;
    const legendBox = legendLayout(options.legend, 'below', options.width - left - right);
    const bottom = 50 + (legendBox.height > 0 ? legendBox.height + 6 : 0) + 16 * (options.notes?.length ?? 0);
    return { margin: { left, right, top: options.title ? 38 : 16, bottom }, legendBox };
  }
  const legendBox = legendLayout(options.legend, 'right', 0);
  const right = 16 + (legendBox.width > 0 ? legendBox.width + 12 : 0);
  return {
    margin: { left, right, top: options.title ? 38 : 16, bottom: 50 + 16 * (options.notes?.length ?? 0) },
    legendBox,
  };
}

/** The plot-area size `frame` will use for these options (to fit an equal-aspect box before drawing). */
export function plotArea(options: Layout): { width: number; height: number } {
  const { margin } = layout(options);
  return { width: options.width - margin.left - margin.right, height: options.height - margin.top - margin.bottom };
}
