import type { Design } from '../index.js';
import type { ScaleKind } from './axes.js';
/** One plot of the page: an id for the page's anchors and tests, a caption, the SVG. */
export interface Figure {
    id: string;
    caption: string;
    svg: string;
}
/** `count` log-spaced times from ε to T (both exact), the interior ones rounded to 2 significant digits. */
export declare function curveTimes(design: Pick<Design, 'T' | 'epsilon'>, count?: number): number[];
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
/**
 * The kernel's radial curves at `times`, over radii from the smallest time's 0.2% quantile to the largest
 * time's 99.8% quantile (log-spaced when they span more than a factor 30).
 */
export declare function radialCurves(design: Design, times: readonly number[], points?: number): RadialCurves;
/** ψₜ(r) for each time. */
export declare function psiFigure(design: Design, curves: RadialCurves): Figure;
/** φₜ(r) on log axes, down to where every curve has reached its 99% radius. */
export declare function phiFigure(design: Design, curves: RadialCurves): Figure;
/** Flat m × d data with its dimension. */
export interface PlotData {
    points: Float64Array;
    dim: number;
    label: string;
}
/** Root-mean-square distance of the points to their mean: the data's scale. */
export declare function dataScale(data: PlotData): number;
/**
 * The time in [ε, T] at which the kernel's median radius equals `radius` (bisection in log t; the median radius
 * is taken to grow with t), clamped to ε or T when out of reach.
 */
export declare function timeAtMedianRadius(design: Design, radius: number): number;
/** Times at which to show the field: the kernel's median radius at 1.5, 0.5 and 0.15 times the data's scale. */
export declare function fieldTimes(design: Design, data: PlotData): number[];
/** Arrow tails on a square grid over the data's box (first two coordinates), the other coordinates at the mean. */
export interface VelocityGrid {
    positions: Float64Array;
    /** −vₜ(x) in the first two coordinates: the direction samples move as t decreases. */
    vectors: Float64Array;
    spacing: number;
}
export declare function velocityGrid(design: Design, data: PlotData, t: number, cells?: number): VelocityGrid;
/** A quiver of −vₜ over the data at each of `times` (curves of −vₜ(x) when d = 1). */
export declare function velocityFigures(design: Design, data: PlotData, times: readonly number[]): Figure[];
/** Samples over data, with svg.ts's scatter (the same plot as `sample --plot`). */
export declare function samplesFigure(design: Design, data: PlotData, samples: Float64Array): Figure;
export interface Trajectories {
    /** Save times from T down to ε. */
    times: Float64Array;
    /** K × count × dim. */
    states: Float64Array;
    count: number;
}
/** Trajectories in the plane, and the first coordinate against t (from the prior's scale down to the data's). */
export declare function trajectoryFigures(design: Design, data: PlotData, trajectories: Trajectories, shown?: number): Figure[];
