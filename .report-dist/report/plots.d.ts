import { type ScaleKind } from './axes.js';
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
/**
 * Curves y(x) on linear or log axes, with ticks, grid, axis labels and a legend of the labelled series.
 * @example linePlotSvg([{ x: [1, 2, 3], y: [1, 4, 9], color: '#1c7ed6', label: 'x²' }], { id: 'sq', xLabel: 'x', yLabel: 'y' })
 */
export declare function linePlotSvg(series: readonly LineSeries[], options: LinePlotOptions): string;
interface Box {
    xmin: number;
    xmax: number;
    ymin: number;
    ymax: number;
}
/** The bounding box of the first two coordinates of some flat n × dim point sets (finite points only). */
export declare function boxOf(sets: readonly {
    points: Float64Array;
    dim: number;
}[]): Box | undefined;
export interface PlaneOptions extends PlotSize {
    xLabel?: string;
    yLabel?: string;
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
/**
 * A quiver plot: one arrow per position, length ∝ |v| up to the 90th percentile of |v| (longer ones are drawn
 * at that length, so a few huge vectors do not flatten the rest), on equal axes, over optional data points.
 */
export declare function quiverSvg(options: QuiverOptions): string;
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
export declare function trajectoriesSvg(options: TrajectoryPlotOptions): string;
export {};
