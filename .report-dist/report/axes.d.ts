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
    area: {
        left: number;
        top: number;
        width: number;
        height: number;
    };
    /** Opening SVG (root, title, grid, ticks, labels) up to the clipped content group. */
    head: string;
    /** Closing SVG (end of content, border, legend, notes). */
    tail: string;
}
/** Pixel coordinate as written in SVG. */
export declare const pixel: (v: number) => string;
/** Ticks of a log axis: decades (every k-th when there are many), with 2 and 5 multiples over ≤ 2 decades. */
export declare function logTicks(min: number, max: number): number[];
/**
 * The frame of a plot: root element, title, grid, ticks and tick labels, axis labels, the clip path of the plot
 * area, and (in `tail`) the border, the legend (right of or below the plot area) and the notes.
 */
export declare function frame(options: FrameOptions): Frame;
/**
 * Data ranges for a plane plot with equal scales on both axes: the box [xmin, xmax] × [ymin, ymax] padded by
 * `pad` (a fraction) and widened along one axis to the plot area's aspect ratio.
 */
export declare function equalAspect(box: {
    xmin: number;
    xmax: number;
    ymin: number;
    ymax: number;
}, plotWidth: number, plotHeight: number, pad?: number): {
    x: [number, number];
    y: [number, number];
};
type Layout = Pick<FrameOptions, 'width' | 'height' | 'title' | 'legend' | 'legendPlacement' | 'notes'>;
/** The plot-area size `frame` will use for these options (to fit an equal-aspect box before drawing). */
export declare function plotArea(options: Layout): {
    width: number;
    height: number;
};
export {};
