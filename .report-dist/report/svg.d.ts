export interface ScatterSeries {
    /** Flat n × dim; the first two coordinates are plotted. */
    points: Float64Array;
    dim: number;
    label: string;
    color: string;
    /** Marker radius in px (default 1.6). */
    radius?: number;
    opacity?: number;
}
export interface ScatterOptions {
    title?: string;
    width?: number;
    height?: number;
    xLabel?: string;
    yLabel?: string;
    /** At most this many markers per series (an even stride through the points; default 20000). */
    maxPoints?: number;
}
/** Round tick values 1, 2 or 5 × 10^k apart covering [lo, hi], about `count` of them. */
export declare function niceTicks(lo: number, hi: number, count?: number): number[];
/** An SVG document plotting each series' (x1, x2) on shared, equally scaled axes. */
export declare function scatterSvg(series: readonly ScatterSeries[], options?: ScatterOptions): string;
